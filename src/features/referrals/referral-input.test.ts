import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validateReferral } from './referral-input.js'
import { isReferralReference, newReferralReference } from './reference.js'

const today = new Date('2026-11-25T12:00:00Z')
const selfReferral = {
  language: 'cy',
  welshOfferMade: 'yes',
  givenName: 'Siân',
  familyName: 'ap Llŷr',
  'dateOfBirth-day': '3',
  'dateOfBirth-month': '7',
  'dateOfBirth-year': '1961',
  postcode: 'cf10 1aa',
  contactMethods: ['phone', 'letter'],
  phone: '029 2000 0000',
  address: '1 Heol y Frenhines, Caerdydd',
  safeToLeaveMessage: 'yes',
  reasons: ['loneliness_isolation', 'other'],
  reasonDetails: 'Hoffwn ymuno â chôr',
  personAgreed: 'yes',
}

describe('referral validation', () => {
  it('accepts a complete self-referral and keeps names exactly', () => {
    const result = validateReferral(selfReferral, 'self', today)
    assert.deepEqual(result.errors, [])
    assert.equal(result.person.givenName, 'Siân')
    assert.equal(result.person.familyName, 'ap Llŷr')
    assert.equal(result.person.dateOfBirth, '1961-07-03')
    assert.equal(result.person.postcode, 'CF10 1AA')
    assert.equal(result.person.language, 'cy')
    assert.equal(result.referral.route, 'self')
    assert.deepEqual(result.referral.reasons, ['loneliness_isolation', 'other'])
  })

  it('names each missing part of a self-referral', () => {
    const fields = validateReferral({}, 'self', today).errors.map((e) => e.field)
    assert.deepEqual(fields, ['givenName', 'familyName', 'dateOfBirth', 'postcode', 'contactMethods', 'reasons', 'personAgreed'])
  })

  it('asks for the details a chosen contact method needs', () => {
    const result = validateReferral({ ...selfReferral, contactMethods: ['email', 'text'], phone: '', email: '' }, 'self', today)
    assert.deepEqual(result.errors.map((e) => e.key), ['referrals.errors.phoneMissing', 'referrals.errors.emailMissing'])
  })

  it('refuses a bad NHS number with the reason', () => {
    const result = validateReferral({ ...selfReferral, nhsNumber: '943 476 5918' }, 'self', today)
    assert.deepEqual(result.errors, [{ field: 'nhsNumber', key: 'referrals.errors.nhsNumber.checksum' }])
  })

  it('needs the referrer, the route and the person’s agreement for a professional referral', () => {
    const { personAgreed: _agreed, ...rest } = selfReferral
    const keys = validateReferral(rest, 'professional', today).errors.map((e) => e.field)
    assert.deepEqual(keys, ['route', 'personAgreed', 'referrerName', 'referrerRole', 'referrerContact'])
  })

  it('keeps the self route to self-referrals', () => {
    const professional = { ...selfReferral, route: 'self', referrerName: 'Dr Owen', referrerRole: 'GP', referrerContact: '029 2000 0001' }
    assert.deepEqual(validateReferral(professional, 'professional', today).errors, [{ field: 'route', key: 'referrals.errors.choiceInvalid' }])
  })

  it('asks for a guardian and who consented for someone under 18', () => {
    const child = { ...selfReferral, 'dateOfBirth-year': '2015', route: 'education', referrerName: 'Ms Evans', referrerRole: 'Teacher', referrerContact: '01234 567890' }
    const fields = validateReferral(child, 'professional', today).errors.map((e) => e.field)
    assert.deepEqual(fields, ['guardianName', 'guardianContact', 'youngPersonCompetent'])
    const ok = validateReferral({ ...child, guardianName: 'Mam', guardianContact: '07700 900123', consentGivenBy: 'parent_guardian' }, 'professional', today)
    assert.deepEqual(ok.errors, [])
  })

  it('keeps HTML typed in text fields as text', () => {
    const result = validateReferral({ ...selfReferral, reasonDetails: '<script>alert(1)</script>' }, 'self', today)
    assert.equal(result.referral.reasonDetails, '<script>alert(1)</script>')
  })

  it('refuses over-long text', () => {
    const result = validateReferral({ ...selfReferral, reasonDetails: 'x'.repeat(2001) }, 'self', today)
    assert.deepEqual(result.errors, [{ field: 'reasonDetails', key: 'referrals.errors.tooLong.2000' }])
  })
})

describe('referral references', () => {
  it('are readable and unambiguous', () => {
    for (let i = 0; i < 100; i++) assert.ok(isReferralReference(newReferralReference()))
    assert.equal(isReferralReference('CYS-IL0U-0000'), false)
  })
})
