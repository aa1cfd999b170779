import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MeasureResult, RbaQuestion } from '../contract.js'
import { periodErrors } from './period.js'
import { orderMeasures } from './report.js'

const m = (id: string, cds: number, question: RbaQuestion, table2 = false): MeasureResult => ({
  id,
  cds: [cds],
  question,
  table2,
  value: { kind: 'count', count: 0 },
})

describe('report ordering', () => {
  it('puts Table 2 first under its questions in its order, then the rest by question and CDS number', () => {
    const ordered = orderMeasures([
      m('cds45', 45, 'how_much'),
      m('cds82', 82, 'better_off', true),
      m('cds109', 109, 'how_well', true),
      m('cds36.sex', 36, 'how_much', true),
      m('cds122', 122, 'how_much', true),
      m('cds94', 94, 'how_well', true),
      m('cds86', 86, 'better_off'),
      m('cds47', 47, 'how_well'),
      m('cds24', 24, 'how_much'),
      m('cds36.age_band', 36, 'how_much', true),
    ])
    assert.deepEqual(
      ordered.map((x) => x.id),
      ['cds122', 'cds36.age_band', 'cds36.sex', 'cds94', 'cds109', 'cds82', 'cds24', 'cds45', 'cds47', 'cds86'],
    )
  })
})

describe('report period', () => {
  it('needs two real calendar dates, from not after to', () => {
    assert.deepEqual(periodErrors({ from: '2021-01-01', to: '2021-01-01' }), [])
    assert.deepEqual(periodErrors({ from: '2021-02-01', to: '2021-01-31' }), [
      { field: 'from', key: 'reports.api.fromAfterTo' },
    ])
    assert.deepEqual(periodErrors({ from: '2021-02-29', to: '2021-12-31' }), [
      { field: 'from', key: 'reports.api.fromMissing' },
    ])
    assert.deepEqual(periodErrors({ to: '21-12-31' }), [
      { field: 'from', key: 'reports.api.fromMissing' },
      { field: 'to', key: 'reports.api.toMissing' },
    ])
  })
})
