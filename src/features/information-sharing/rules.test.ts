import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkBasis, recipientOf, scopeCovers, validateDisclosure } from './rules.js'

const today = '2026-03-27'
const good = {
  recipientKind: 'agency',
  sharedWithName: 'Cardiff Council adult services',
  fields: ['name', 'contact_details'],
  purposeNote: 'Housing support',
  basis: 'consent',
  consentScope: 'share_with_assets',
  sharedOn: '2026-03-27',
}

describe('information-sharing rules (CF 2.2, issue 5 §9)', () => {
  it('a disclosure under consent needs that scope’s latest consent to give consent', () => {
    assert.deepEqual(
      checkBasis({
        basis: 'consent',
        consentScope: 'share_with_referrer',
        recipientKind: 'referrer',
        latestConsent: { given: true },
      }),
      { ok: true },
    )
    assert.deepEqual(
      checkBasis({
        basis: 'consent',
        consentScope: 'share_with_referrer',
        recipientKind: 'referrer',
        latestConsent: { given: false },
      }),
      { ok: false, problem: 'consent_withdrawn' },
    )
    assert.deepEqual(
      checkBasis({
        basis: 'consent',
        consentScope: 'share_with_referrer',
        recipientKind: 'referrer',
        latestConsent: null,
      }),
      { ok: false, problem: 'consent_not_asked' },
    )
  })

  it('a safeguarding duty needs no consent; no basis at all is refused', () => {
    assert.deepEqual(
      checkBasis({
        basis: 'safeguarding_duty',
        consentScope: null,
        recipientKind: 'agency',
        latestConsent: { given: false },
      }),
      { ok: true },
    )
    assert.deepEqual(checkBasis({ basis: null, consentScope: null, recipientKind: 'agency', latestConsent: null }), {
      ok: false,
      problem: 'basis_missing',
    })
    assert.deepEqual(
      checkBasis({
        basis: 'consent',
        consentScope: 'case_study',
        recipientKind: 'agency',
        latestConsent: { given: true },
      }),
      { ok: false, problem: 'scope_missing' },
    )
  })

  it('a scope covers its own kind of recipient; either covers another agency', () => {
    assert.equal(scopeCovers('share_with_assets', 'asset'), true)
    assert.equal(scopeCovers('share_with_assets', 'referrer'), false)
    assert.equal(scopeCovers('share_with_referrer', 'asset'), false)
    assert.equal(scopeCovers('share_with_referrer', 'agency'), true)
    assert.deepEqual(
      checkBasis({
        basis: 'consent',
        consentScope: 'share_with_assets',
        recipientKind: 'referrer',
        latestConsent: { given: true },
      }),
      { ok: false, problem: 'scope_not_for_recipient' },
    )
  })

  it('checks the form: recipient, what, why, basis, a date not in the future', () => {
    assert.deepEqual(validateDisclosure(good, today).errors, [])
    const empty = validateDisclosure({}, today)
    assert.deepEqual(
      empty.errors.map((e) => e.field),
      ['recipientKind', 'sharedWithName', 'fields', 'purposeNote', 'basis', 'sharedOn'],
    )
    assert.equal(empty.errors.find((e) => e.field === 'basis')?.key, 'informationSharing.errors.basis_missing')
    assert.deepEqual(
      validateDisclosure({ ...good, sharedOn: '2026-03-28' }, today).errors.map((e) => e.key),
      ['informationSharing.errors.sharedOn_future'],
    )
    assert.deepEqual(
      validateDisclosure({ ...good, fields: ['other'] }, today).errors.map((e) => e.field),
      ['sharedDetail'],
    )
    assert.deepEqual(
      validateDisclosure({ ...good, fields: ['name', 'bank_details'] }, today).errors.map((e) => e.field),
      ['fields'],
    )
    assert.deepEqual(
      validateDisclosure({ ...good, consentScope: '' }, today).errors.map((e) => e.field),
      ['consentScope'],
    )
    assert.deepEqual(
      validateDisclosure({ ...good, concernId: '00000000-0000-4000-8000-000000000000' }, today).errors.map(
        (e) => e.field,
      ),
      ['concernId'],
    )
    const duty = validateDisclosure(
      { ...good, basis: 'safeguarding_duty', consentScope: 'share_with_assets', 'sharedOn-day': '1' },
      today,
    )
    assert.deepEqual(duty.errors, [])
    assert.equal(duty.value.consentScope, null, 'a duty names no consent scope')
  })

  it('reads the recipient of rows written before the column existed', () => {
    assert.equal(recipientOf({ recipient_kind: null, connection_id: 'c' }), 'asset')
    assert.equal(recipientOf({ recipient_kind: null, connection_id: null }), 'unknown')
    assert.equal(recipientOf({ recipient_kind: 'referrer', connection_id: null }), 'referrer')
    assert.equal(
      recipientOf({ recipient_kind: null, connection_id: null, purpose: 'feedback_to_referrer' }),
      'referrer',
    )
    assert.equal(recipientOf({ recipient_kind: null, connection_id: null, purpose: 'transfer' }), 'agency')
  })
})
