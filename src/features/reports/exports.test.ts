import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { I18n } from '../../platform/i18n/i18n.js'
import type { MeasureResult, ReportResult } from './contract.js'
import { reportCsv } from './exports.js'
import { type Labeller, presentMeasure } from './present.js'

const i18n = new I18n((key) => {
  throw new Error(`missing ${key}`)
})
const labeller: Labeller = { lang: 'en', t: i18n.translator('en'), has: (key) => i18n.has('en', key), names: { '=cmd': '=HYPERLINK("x")' } }

describe('the CSV export', () => {
  const result: ReportResult = {
    filter: { from: '2026-04-01', to: '2026-06-30', where: {} },
    audience: 'organisation',
    refreshedAt: '2026-07-01T00:00:00.000Z',
    measures: [
      { id: 'cds41', cds: [41], question: 'how_much', table2: false, value: { kind: 'breakdown', total: 5, additive: true, rows: [{ code: '=cmd', count: 5 }] } },
      { id: 'cds91.wemwbs', cds: [91], question: 'better_off', table2: true, value: { kind: 'change', instrumentId: 'wemwbs', paired: 10, lost: 0, meanChange: -1.25, ciLow: -2.5, ciHigh: 0, improved: 0, improvedPercent: 0, threshold: 3 } },
      { id: 'cds10', cds: [10], question: 'how_much', table2: false, value: { kind: 'money', pence: 1480050, per: null } },
      { id: '=1+1', cds: [], question: 'how_much', table2: false, value: { kind: 'count', count: 7 } },
      { id: 'cds9', cds: [9], question: 'how_well', table2: false, value: { kind: 'not_available', reasonKey: 'reports.notAvailable.noData' } },
    ],
    equity: [],
  }
  const lines = reportCsv(labeller, result).slice(1).split('\r\n')

  it('writes a header and defuses text a spreadsheet would run as a formula', () => {
    assert.equal(lines[2], 'cds41,41,How much did we do?,Referral route,row:=cmd,5')
    assert.ok(lines.includes("'=1+1,,How much did we do?,'=1+1,count,7"), lines.join('\n'))
    assert.equal(lines[0], 'Measure,Core Data Set statements,RBA question,Label,Cell,Value')
  })

  it('keeps negative numbers as numbers, money in pounds, and labels an instrument’s change by the outcome measures’ own label', () => {
    assert.ok(lines.includes('cds91.wemwbs,91,Is anyone better off?,Change in mental wellbeing (WEMWBS),meanChange,-1.25'), lines.join('\n'))
    assert.ok(lines.includes('cds10,10,How much did we do?,Running costs of the service,amount,14800.5'))
    assert.ok(lines.includes('cds9,9,How well did we do it?,Continuation of funding,reason,No figures for this period.'))
  })
})

describe('row labels', () => {
  it('labels a demographic breakdown from its dimension’s vocabulary', () => {
    const result: ReportResult = {
      filter: { from: '2026-04-01', to: '2026-06-30', where: {} },
      audience: 'organisation',
      refreshedAt: '2026-07-01T00:00:00.000Z',
      measures: [{ id: 'cds36.sex', cds: [36], question: 'how_much', table2: true, value: { kind: 'breakdown', total: 9, additive: true, rows: [{ code: 'female', count: 9 }] } }],
      equity: [],
    }
    assert.match(reportCsv(labeller, result), /cds36\.sex,36,How much did we do\?,Demographics of people referred: Sex,row:female,9/)
    const view = presentMeasure(labeller, result.measures[0] as MeasureResult)
    assert.deepEqual(view.rows.map((r) => [r.label, r.shown]), [['Female', '9']])
  })
})
