import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { suppress } from '../reports/suppression.js'
import type { ReportResult } from '../reports/contract.js'
import { workforceMeasures } from './dataset.js'
import type { RecordRow } from './repository.js'

const record = (userId: string, over: Partial<RecordRow> = {}): RecordRow => ({
  userId,
  organisationId: 'o1',
  jobTitle: 'Connector',
  setting: 'third_sector',
  settingNote: null,
  contractedHours: 37.5,
  fte: 1,
  startDate: '2024-01-01',
  endDate: null,
  welshSkill: 'entry',
  updatedAt: new Date(),
  updatedByName: null,
  ...over,
})

describe('workforce dataset measures', () => {
  const records = [
    record('a'),
    record('b', { setting: 'housing', fte: 0.4 }),
    record('c', { fte: 0.6, welshSkill: 'proficient' }),
    record('d', { endDate: '2026-03-31' }), // left before the period
    record('e', { startDate: '2027-04-01' }), // starts after it
    ...['f', 'g', 'h', 'i', 'j'].map((id) => record(id)),
  ]
  const checks = [
    { id: '1', userId: 'a', level: 'enhanced', checkedOn: '2026-01-01', certificateReference: null, renewalMonths: 36, updateService: false },
    { id: '2', userId: 'b', level: 'enhanced', checkedOn: '2023-06-01', certificateReference: null, renewalMonths: 36, updateService: false },
    { id: '3', userId: 'b', level: 'enhanced', checkedOn: '2027-06-01', certificateReference: null, renewalMonths: 36, updateService: false }, // after `to`: ignored
  ]
  const training = [
    { id: 't1', organisationId: 'o1', kind: 'attended' as const, userId: 'a', userName: null, attendees: null, title: 'x', provider: null, status: 'completed' as const, heldOn: '2026-05-01', hours: 2, targeted: true, dataCollection: true, competenceAreaIds: [] },
    { id: 't2', organisationId: 'o1', kind: 'attended' as const, userId: 'a', userName: null, attendees: null, title: 'y', provider: null, status: 'completed' as const, heldOn: '2026-06-01', hours: 2, targeted: false, dataCollection: false, competenceAreaIds: [] },
    { id: 't3', organisationId: 'o1', kind: 'attended' as const, userId: 'c', userName: null, attendees: null, title: 'z', provider: null, status: 'planned' as const, heldOn: '2026-07-01', hours: 2, targeted: true, dataCollection: false, competenceAreaIds: [] },
    { id: 't4', organisationId: 'o1', kind: 'delivered' as const, userId: null, userName: null, attendees: 11, title: 'w', provider: null, status: 'completed' as const, heldOn: '2026-08-01', hours: 3, targeted: false, dataCollection: false, competenceAreaIds: [] },
  ]
  const volunteers = [
    { id: 'v1', organisationId: 'o1', periodFrom: '2026-04-01', periodTo: '2026-06-30', volunteers: 12, hours: 300 },
    { id: 'v2', organisationId: 'o1', periodFrom: '2026-07-01', periodTo: '2026-09-30', volunteers: 9, hours: 250.4 },
    { id: 'v3', organisationId: 'o2', periodFrom: '2025-01-01', periodTo: '2025-03-31', volunteers: 50, hours: 1 }, // outside
  ]
  const measures = workforceMeasures({ records, checks, training, volunteers }, '2026-04-01', '2027-03-31')
  const value = (id: string) => measures.find((m) => m.id === id)?.value

  it('counts staff employed, their DBS status as of the period’s end, training and volunteers', () => {
    assert.deepEqual(value('cds28'), { kind: 'count', count: 8 })
    assert.deepEqual(value('cds26'), { kind: 'share', numerator: 1, denominator: 8, percent: 12.5 })
    assert.deepEqual(value('cds26.dbs_status'), { kind: 'breakdown', total: 8, additive: true, rows: [{ code: 'in_date', count: 1 }, { code: 'due_soon', count: 0 }, { code: 'overdue', count: 1 }, { code: 'no_check', count: 6 }] })
    assert.deepEqual([value('cds5'), value('cds6'), value('cds7'), value('cds7.attendees'), value('cds8')], [
      { kind: 'count', count: 1 },
      { kind: 'count', count: 1 },
      { kind: 'count', count: 1 },
      { kind: 'count', count: 11 },
      { kind: 'count', count: 1 },
    ])
    assert.deepEqual(value('cds28.fte_band'), { kind: 'breakdown', total: 8, additive: true, rows: [{ code: 'under_half', count: 1 }, { code: 'half_to_full', count: 1 }, { code: 'full_or_more', count: 6 }] })
    assert.deepEqual(value('cds29'), { kind: 'count', count: 12 })
    assert.deepEqual(value('cds29.hours'), { kind: 'count', count: 550 })
  })

  it('is suppressed for commissioners: small counts hidden and their breakdown neighbours too', () => {
    const result: ReportResult = { filter: { from: '2026-04-01', to: '2027-03-31', where: {} }, audience: 'aggregate', refreshedAt: '', measures, equity: [] }
    const hidden = suppress(result).measures
    const v = (id: string) => hidden.find((m) => m.id === id)?.value
    assert.deepEqual(v('cds28'), { kind: 'count', count: 8 })
    assert.deepEqual(v('cds26'), { kind: 'share', numerator: '<5', denominator: 8, percent: null })
    assert.deepEqual(v('cds28.setting'), { kind: 'breakdown', total: 8, additive: true, rows: [{ code: 'local_authority', count: 0 }, { code: 'third_sector', count: 'suppressed' }, { code: 'housing', count: '<5' }, { code: 'education', count: 0 }, { code: 'primary_care', count: 0 }, { code: 'other', count: 0 }] })
  })
})
