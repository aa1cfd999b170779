import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dbsStatus, deriveFte, employedDuring, fteBand, renewalDue, validateDbs, validateRecord, validateTraining, validateVolunteers } from './rules.js'

const today = '2026-12-04'

describe('workforce rules', () => {
  it('flags a DBS check older than its renewal period as overdue', () => {
    assert.deepEqual(dbsStatus({ checkedOn: '2023-12-03', renewalMonths: 36 }, today), { status: 'overdue', dueOn: '2026-12-03', daysLeft: -1 })
    assert.equal(dbsStatus({ checkedOn: '2023-12-04', renewalMonths: 36 }, today).status, 'due_soon', 'due today is not yet overdue')
    assert.equal(dbsStatus({ checkedOn: '2025-12-20', renewalMonths: 12 }, today).status, 'due_soon')
  })

  it('flags due soon within 60 days, and in date beyond', () => {
    assert.deepEqual(dbsStatus({ checkedOn: '2024-02-02', renewalMonths: 36 }, today), { status: 'due_soon', dueOn: '2027-02-02', daysLeft: 60 })
    assert.deepEqual(dbsStatus({ checkedOn: '2024-02-03', renewalMonths: 36 }, today), { status: 'in_date', dueOn: '2027-02-03', daysLeft: 61 })
    assert.deepEqual(dbsStatus(null, today), { status: 'no_check', dueOn: null, daysLeft: null })
  })

  it('adds calendar months, clamping to the month’s end', () => {
    assert.equal(renewalDue('2024-01-31', 1), '2024-02-29')
    assert.equal(renewalDue('2023-01-31', 1), '2023-02-28')
    assert.equal(renewalDue('2024-02-29', 36), '2027-02-28')
  })

  it('derives FTE from 37.5 hours and bands it', () => {
    assert.equal(deriveFte(37.5), 1)
    assert.equal(deriveFte(22.5), 0.6)
    assert.equal(deriveFte(60), 1.5)
    assert.deepEqual([fteBand(0.4), fteBand(0.5), fteBand(0.99), fteBand(1)], ['under_half', 'half_to_full', 'half_to_full', 'full_or_more'])
  })

  it('counts staff employed at any time in the period', () => {
    assert.equal(employedDuring({ startDate: '2026-01-01', endDate: null }, '2026-04-01', '2027-03-31'), true)
    assert.equal(employedDuring({ startDate: '2025-01-01', endDate: '2026-03-31' }, '2026-04-01', '2027-03-31'), false)
    assert.equal(employedDuring({ startDate: '2027-04-01', endDate: null }, '2026-04-01', '2027-03-31'), false)
  })

  it('validates the record: hours range, a level not in the list, an other setting needs a note', () => {
    const ok = validateRecord({ jobTitle: 'Community connector', setting: 'third_sector', contractedHours: '30', startDate: '2024-05-01', welshSkill: 'foundation' })
    assert.ok(ok.ok)
    assert.equal(ok.value.fte, 0.8)
    const bad = validateRecord({ jobTitle: '', setting: 'other', contractedHours: '61', fte: '2', startDate: '2024-05-01', endDate: '2024-04-01', welshSkill: 'fluent' })
    assert.ok(!bad.ok)
    assert.deepEqual(bad.errors.map((e) => e.key), [
      'workforce.errors.jobTitleMissing',
      'workforce.errors.settingNoteMissing',
      'workforce.errors.contractedHoursRange',
      'workforce.errors.fteRange',
      'workforce.errors.endDateBeforeStart',
      'workforce.errors.welshSkillUnknown',
    ])
  })

  it('validates a DBS check: not in the future, a known level', () => {
    const ok = validateDbs({ level: 'enhanced_barred', checkedOn: '2026-01-10' }, today)
    assert.ok(ok.ok)
    assert.equal(ok.value.renewalMonths, 36)
    const bad = validateDbs({ level: 'super', checkedOn: '2026-12-05', renewalMonths: '0' }, today)
    assert.ok(!bad.ok)
    assert.deepEqual(bad.errors.map((e) => e.key), ['workforce.errors.levelUnknown', 'workforce.errors.checkedOnFuture', 'workforce.errors.renewalMonthsRange'])
  })

  it('validates training: a completed session is not in the future, a planned one may be; hours and areas', () => {
    const base = { kind: 'attended', userId: 'u1', title: 'Motivational interviewing', heldOn: '2026-12-10', hours: '3' }
    const future = validateTraining(base, today)
    assert.ok(!future.ok)
    assert.deepEqual(future.errors.map((e) => e.key), ['workforce.errors.heldOnFuture'])
    assert.ok(validateTraining({ ...base, status: 'planned' }, today).ok)
    const bad = validateTraining({ kind: 'delivered', title: 'x', heldOn: '2026-11-01', hours: '0', attendees: '-1', competenceAreaIds: ['9.9'] }, today)
    assert.ok(!bad.ok)
    assert.deepEqual(bad.errors.map((e) => e.key), ['workforce.errors.attendeesRange', 'workforce.errors.hoursRange', 'workforce.errors.competenceAreaIdsUnknown'])
    const delivered = validateTraining({ kind: 'delivered', title: 'Data recording', heldOn: '2026-11-01', hours: '2', attendees: '12', dataCollection: 'yes', userId: 'ignored', competenceAreaIds: ['1.1', '1.1'] }, today)
    assert.ok(delivered.ok)
    assert.deepEqual([delivered.value.userId, delivered.value.attendees, delivered.value.dataCollection, delivered.value.competenceAreaIds], [null, 12, true, ['1.1']])
  })

  it('validates volunteer counts', () => {
    assert.ok(validateVolunteers({ periodFrom: '2026-04-01', periodTo: '2026-06-30', volunteers: '14', volunteerHours: '310' }, today).ok)
    const bad = validateVolunteers({ periodFrom: '2026-06-01', periodTo: '2026-04-01', volunteers: '1.5', volunteerHours: '' }, today)
    assert.ok(!bad.ok)
    assert.deepEqual(bad.errors.map((e) => e.key), ['workforce.errors.periodToBeforeFrom', 'workforce.errors.volunteersInvalid', 'workforce.errors.volunteerHoursMissing'])
  })
})
