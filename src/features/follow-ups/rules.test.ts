import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isDueThisWeek, isOverdue, plusDays, validateOutcome, validateTask, walesToday } from './rules.js'

const practitioner = '11111111-1111-4111-8111-111111111111'

describe('follow-up rules', () => {
  it('takes today as the date in Wales, not in UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in British Summer Time.
    assert.equal(walesToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(walesToday(new Date('2026-12-31T23:30:00Z')), '2026-12-31')
    assert.equal(plusDays('2026-12-29', 7), '2027-01-05')
  })

  it('counts an open follow-up overdue from the day after it was due, and due this week for seven days', () => {
    const today = '2026-12-04'
    assert.equal(isOverdue({ status: 'open', due_on: '2026-12-03' }, today), true)
    assert.equal(isOverdue({ status: 'open', due_on: today }, today), false)
    assert.equal(isOverdue({ status: 'done', due_on: '2026-01-01' }, today), false)
    assert.equal(isDueThisWeek({ status: 'open', due_on: today }, today), true)
    assert.equal(isDueThisWeek({ status: 'open', due_on: '2026-12-10' }, today), true)
    assert.equal(isDueThisWeek({ status: 'open', due_on: '2026-12-11' }, today), false)
    assert.equal(isDueThisWeek({ status: 'open', due_on: '2026-12-03' }, today), false)
  })

  it('accepts a task with a description, a date from today on and an optional practitioner of the organisation', () => {
    const ok = validateTask(
      { description: ' Ring the leisure centre ', 'dueOn-day': '4', 'dueOn-month': '12', 'dueOn-year': '2026' },
      '2026-12-04',
      [practitioner],
    )
    assert.deepEqual(ok.errors, [])
    assert.deepEqual(ok.value, { description: 'Ring the leisure centre', dueOn: '2026-12-04', assignedTo: null })
    const api = validateTask({ description: 'x', dueOn: '2027-01-15', assignedTo: practitioner }, '2026-12-04', [
      practitioner,
    ])
    assert.deepEqual(api.errors, [])
    assert.equal(api.value.dueOn, '2027-01-15')
    assert.equal(api.value.assignedTo, practitioner)
  })

  it('refuses a task without words, too long, due in the past, on an impossible date or for someone else', () => {
    const keys = (raw: Record<string, unknown>) =>
      validateTask(raw, '2026-12-04', [practitioner]).errors.map((e) => e.key)
    assert.deepEqual(keys({}), ['followUps.errors.descriptionMissing', 'followUps.errors.dueMissing'])
    assert.deepEqual(keys({ description: 'a'.repeat(501), dueOn: '2026-12-05' }), [
      'followUps.errors.descriptionTooLong',
    ])
    assert.deepEqual(keys({ description: 'ŵ'.repeat(500), dueOn: '2026-12-05' }), [])
    assert.deepEqual(keys({ description: 'x', dueOn: '2026-12-03' }), ['followUps.errors.duePast'])
    assert.deepEqual(keys({ description: 'x', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' }), [
      'followUps.errors.dueInvalid',
    ])
    assert.deepEqual(keys({ description: 'x', 'dueOn-day': '3', 'dueOn-month': '', 'dueOn-year': '2027' }), [
      'followUps.errors.dueInvalid',
    ])
    assert.deepEqual(keys({ description: 'x', dueOn: '2030-01-01' }), ['followUps.errors.dueTooFar'])
    assert.deepEqual(
      keys({ description: 'x', dueOn: '2026-12-05', assignedTo: '22222222-2222-4222-8222-222222222222' }),
      ['followUps.errors.assigneeInvalid'],
    )
    assert.deepEqual(keys({ description: 'x', dueOn: '2026-12-05', assignedTo: 'nonsense' }), [
      'followUps.errors.assigneeInvalid',
    ])
    assert.equal(
      validateTask({ description: 'x', dueOn: '2026-12-03' }, '2026-12-04', []).errors[0]?.href,
      '#dueOn-day',
    )
  })

  it('marks done or not done with an optional note of at most 2000 characters', () => {
    assert.deepEqual(validateOutcome({ status: 'done' }), {
      value: { status: 'done', note: null },
      values: { status: 'done', note: '' },
      errors: [],
    })
    assert.equal(validateOutcome({ status: 'not_done', note: 'No answer twice' }).value.note, 'No answer twice')
    assert.deepEqual(
      validateOutcome({ status: 'open' }).errors.map((e) => e.key),
      ['followUps.errors.statusMissing'],
    )
    assert.deepEqual(
      validateOutcome({ status: 'done', note: 'n'.repeat(2001) }).errors.map((e) => e.key),
      ['followUps.errors.noteTooLong'],
    )
  })
})
