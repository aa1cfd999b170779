import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  allowedActions,
  daysAtEachLevel,
  daysSince,
  feedbackCheck,
  levelChange,
  mayDo,
  optionalLevel,
  SUMMARY_LIMIT,
  validateClosing,
  validateLevel,
  validateTransfer,
} from './rules.js'

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const fields = (errors: { field: string }[]) => errors.map((e) => e.field)

describe('episode of support rules', () => {
  it('allows changing the level, closing and transferring only an open episode', () => {
    assert.deepEqual(allowedActions('open'), ['change_level', 'close', 'transfer'])
    assert.deepEqual(allowedActions('closed'), [])
    assert.equal(mayDo('closed', 'close'), false)
    assert.equal(mayDo('open', 'transfer'), true)
  })

  it('records a first level as set, a different one as changed, the same one as nothing', () => {
    assert.equal(levelChange(null, 'signposting'), 'level_set')
    assert.equal(levelChange('signposting', 'holistic'), 'level_changed')
    assert.equal(levelChange('holistic', 'holistic'), null)
  })

  it('needs one of the three levels; on the accept form the level is optional', () => {
    assert.equal(validateLevel({ levelOfSupport: 'short_term' }).value, 'short_term')
    assert.deepEqual(fields(validateLevel({ levelOfSupport: 'lots' }).errors), ['levelOfSupport'])
    assert.deepEqual(fields(validateLevel({}).errors), ['levelOfSupport'])
    assert.deepEqual(optionalLevel(''), { value: null, error: false })
    assert.deepEqual(optionalLevel(undefined), { value: null, error: false })
    assert.deepEqual(optionalLevel('holistic'), { value: 'holistic', error: false })
    assert.deepEqual(optionalLevel('weekly'), { value: null, error: true })
  })

  it('closes with a reason from the list and a summary of at most 1000 characters', () => {
    const ok = validateClosing({ reason: 'goals_met', summary: '  Joined the walking group.  ', sendFeedback: 'yes' })
    assert.deepEqual(ok.errors, [])
    assert.deepEqual(ok.value, { reason: 'goals_met', summary: 'Joined the walking group.', sendFeedback: true })
    assert.deepEqual(fields(validateClosing({ summary: 'x' }).errors), ['reason'])
    assert.deepEqual(fields(validateClosing({ reason: 'bored', summary: 'x' }).errors), ['reason'])
    assert.deepEqual(fields(validateClosing({ reason: 'died', summary: '   ' }).errors), ['summary'])
    assert.deepEqual(validateClosing({ reason: 'died', summary: 'ŵ'.repeat(SUMMARY_LIMIT) }).errors, [])
    const long = validateClosing({ reason: 'died', summary: 'ŵ'.repeat(SUMMARY_LIMIT + 1) })
    assert.deepEqual(long.errors, [
      { field: 'summary', key: 'episodes.errors.summaryTooLong', params: { max: SUMMARY_LIMIT } },
    ])
    assert.equal(validateClosing({ reason: 'withdrew', summary: 'x' }).value.sendFeedback, false)
    assert.equal(validateClosing({ reason: 'withdrew', summary: 'x', sendFeedback: true }).value.sendFeedback, true)
  })

  it('sends feedback only to a professional referrer elsewhere, while the person’s consent is in force (CF 3.1)', () => {
    const base = {
      channel: 'professional_form' as const,
      referrerOrganisationId: uuid(1),
      episodeOrganisationId: uuid(2),
      consent: { id: uuid(3), given: true },
    }
    assert.deepEqual(feedbackCheck(base), { ok: true, consentId: uuid(3) })
    assert.deepEqual(feedbackCheck({ ...base, channel: 'api' }), { ok: true, consentId: uuid(3) })
    assert.deepEqual(feedbackCheck({ ...base, consent: { id: uuid(3), given: false } }), {
      ok: false,
      code: 'consent_missing',
    })
    assert.deepEqual(feedbackCheck({ ...base, consent: null }), { ok: false, code: 'consent_missing' })
    assert.deepEqual(feedbackCheck({ ...base, channel: 'self_referral_form' }), { ok: false, code: 'no_referrer' })
    assert.deepEqual(feedbackCheck({ ...base, referrerOrganisationId: null }), { ok: false, code: 'no_referrer' })
    assert.deepEqual(feedbackCheck({ ...base, referrerOrganisationId: uuid(2) }), { ok: false, code: 'no_referrer' })
  })

  it('transfers only to a listed provider, with a reason and the person’s consent and how it was given', () => {
    const providers = [uuid(5)]
    const ok = validateTransfer(
      { organisationId: uuid(5), reason: 'Moved to Bangor', consented: 'yes', consentMethod: 'verbal' },
      providers,
    )
    assert.deepEqual(ok.errors, [])
    assert.deepEqual(ok.value, { organisationId: uuid(5), reason: 'Moved to Bangor', consentMethod: 'verbal' })
    assert.deepEqual(fields(validateTransfer({}, providers).errors), [
      'organisationId',
      'reason',
      'consented',
      'consentMethod',
    ])
    assert.deepEqual(
      fields(
        validateTransfer(
          { organisationId: uuid(6), reason: 'x', consented: 'yes', consentMethod: 'written' },
          providers,
        ).errors,
      ),
      ['organisationId'],
    )
    assert.deepEqual(
      fields(
        validateTransfer(
          { organisationId: uuid(5), reason: 'x'.repeat(1001), consented: true, consentMethod: 'written' },
          providers,
        ).errors,
      ),
      ['reason'],
    )
    assert.deepEqual(
      fields(
        validateTransfer({ organisationId: uuid(5), reason: 'x', consented: 'no', consentMethod: 'api' }, providers)
          .errors,
      ),
      ['consented', 'consentMethod'],
    )
  })

  it('counts whole days since the referral', () => {
    assert.equal(daysSince(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-03T09:00:00Z')), 1)
    assert.equal(daysSince(new Date('2026-01-03T10:00:00Z'), new Date('2026-01-01T09:00:00Z')), 0)
  })

  it('adds up the whole days spent at each level, the last level lasting until the end', () => {
    const at = (day: number) => new Date(Date.UTC(2026, 0, day, 9))
    const events = [
      { kind: 'level_changed', level_of_support: 'holistic' as const, at: at(11) },
      { kind: 'level_set', level_of_support: 'signposting' as const, at: at(1) },
      { kind: 'closed', level_of_support: null, at: at(20) },
      { kind: 'level_changed', level_of_support: 'signposting' as const, at: at(15) },
    ]
    assert.deepEqual(daysAtEachLevel(events, at(20)), { signposting: 15, short_term: 0, holistic: 4 })
    assert.deepEqual(daysAtEachLevel([], at(20)), { signposting: 0, short_term: 0, holistic: 0 })
  })
})
