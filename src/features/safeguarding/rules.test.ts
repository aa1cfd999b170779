import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { todayInWales } from './dates.js'
import { outcomeEvents, validateConcern, validateEscalation, validateOutcome } from './rules.js'

const today = '2026-03-27'
const good = {
  category: 'neglect',
  about: 'adult',
  'noticedOn-day': '20',
  'noticedOn-month': '3',
  'noticedOn-year': '2026',
  whatHappened: 'No food in the house',
  actionTaken: '',
}
const fields = (errors: { field: string }[]) => errors.map((e) => e.field)

describe('safeguarding concern rules (CS Std 3, CF 2.4)', () => {
  it('accepts a complete concern, with or without a first escalation', () => {
    const plain = validateConcern(good, today)
    assert.deepEqual(plain.errors, [])
    assert.equal(plain.value.noticedOn, '2026-03-20')
    assert.equal(plain.value.escalation, null)
    const escalated = validateConcern(
      {
        ...good,
        escalatedTo: 'local_authority',
        'escalatedOn-day': '21',
        'escalatedOn-month': '3',
        'escalatedOn-year': '2026',
        reference: 'LA-123',
      },
      today,
    )
    assert.deepEqual(escalated.errors, [])
    assert.deepEqual(escalated.value.escalation, { to: 'local_authority', on: '2026-03-21', reference: 'LA-123' })
  })

  it('refuses a missing category, subject, date or account, and a date in the future', () => {
    assert.deepEqual(fields(validateConcern({}, today).errors), ['category', 'about', 'noticedOn', 'whatHappened'])
    const future = validateConcern({ ...good, 'noticedOn-day': '28' }, today)
    assert.deepEqual(
      future.errors.map((e) => e.key),
      ['safeguarding.errors.noticedOn_future'],
    )
    assert.equal(future.errors[0]?.href, '#noticedOn-day')
    assert.deepEqual(
      validateConcern({ ...good, 'noticedOn-day': '31', 'noticedOn-month': '2' }, today).errors.map((e) => e.key),
      ['safeguarding.errors.noticedOn_invalid'],
    )
    assert.deepEqual(fields(validateConcern({ ...good, category: 'bullying' }, today).errors), ['category'])
  })

  it('takes ISO dates from the API', () => {
    const api = validateConcern(
      { category: 'physical', about: 'child', noticedOn: '2026-03-01', whatHappened: 'Bruises' },
      today,
    )
    assert.deepEqual(api.errors, [])
    assert.equal(api.value.noticedOn, '2026-03-01')
  })

  it('checks an escalation: to whom, a date neither in the future nor before the concern was noticed', () => {
    assert.deepEqual(fields(validateEscalation({}, today, '2026-03-20').errors), ['escalatedTo', 'escalatedOn'])
    assert.deepEqual(
      validateEscalation({ escalatedTo: 'police', escalatedOn: '2026-04-01' }, today, null).errors.map((e) => e.key),
      ['safeguarding.errors.escalatedOn_future'],
    )
    assert.deepEqual(
      validateEscalation({ escalatedTo: 'police', escalatedOn: '2026-03-01' }, today, '2026-03-20').errors.map(
        (e) => e.key,
      ),
      ['safeguarding.errors.escalatedOn_beforeNoticed'],
    )
    assert.deepEqual(
      fields(
        validateEscalation(
          { escalatedTo: 'police', escalatedOn: '2026-03-21', reference: 'x'.repeat(101) },
          today,
          null,
        ).errors,
      ),
      ['reference'],
    )
    // On the raise form, a half-filled escalation is an error; a blank one means "not yet".
    assert.deepEqual(fields(validateConcern({ ...good, reference: 'LA-1' }, today).errors), [
      'escalatedTo',
      'escalatedOn',
    ])
  })

  it('closes a concern only with an outcome, and records each change in the history', () => {
    assert.deepEqual(fields(validateOutcome({ status: 'closed' }, { outcome: null }).errors), ['outcome'])
    assert.deepEqual(validateOutcome({ status: 'closed' }, { outcome: 'Support plan agreed' }).errors, [])
    assert.deepEqual(fields(validateOutcome({ outcome: 'x' }, { outcome: null }).errors), ['status'])
    assert.deepEqual(
      outcomeEvents({ outcome: null, status: 'open' }, { outcome: 'Referred to adult services', status: 'closed' }),
      ['outcome', 'closed'],
    )
    assert.deepEqual(outcomeEvents({ outcome: 'Referred', status: 'closed' }, { outcome: null, status: 'open' }), [
      'reopened',
    ])
    assert.deepEqual(outcomeEvents({ outcome: 'Same', status: 'open' }, { outcome: 'Same', status: 'open' }), [])
  })

  it('takes "today" in Wales, not in UTC', () => {
    assert.equal(todayInWales(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(todayInWales(new Date('2026-12-31T23:30:00Z')), '2026-12-31')
  })
})
