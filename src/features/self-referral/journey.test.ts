import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Answers, canVisit, markCompleted, nextStep, previousStep, type QuestionStep, referralFields } from './journey.js'
import { readPage } from './pages.js'

const today = new Date('2026-11-25T12:00:00Z')
const adult = { 'dateOfBirth-day': '27', 'dateOfBirth-month': '3', 'dateOfBirth-year': '1980' }
const child = { 'dateOfBirth-day': '1', 'dateOfBirth-month': '6', 'dateOfBirth-year': '2012' }

function answered(steps: QuestionStep[], extra: Answers = {}): Answers {
  return steps.reduce((answers, step) => markCompleted(answers, step), extra)
}

describe('self-referral journey order', () => {
  it('starts with the Welsh active offer, then goes page by page', () => {
    assert.equal(nextStep({}, today), 'language')
    assert.equal(nextStep(answered(['language']), today), 'name')
    assert.equal(nextStep(answered(['language', 'name']), today), 'date-of-birth')
    assert.equal(nextStep(answered(['language', 'name', 'date-of-birth'], adult), today), 'postcode')
  })

  it('asks for the local authority only when the postcode is not in the loaded data', () => {
    const steps: QuestionStep[] = ['language', 'name', 'date-of-birth', 'postcode']
    assert.equal(nextStep(answered(steps, { ...adult, postcodeKnown: 'yes', providerFound: 'yes' }), today), 'contact')
    assert.equal(nextStep(answered(steps, { ...adult, postcodeKnown: 'no' }), today), 'local-authority')
    assert.equal(nextStep(answered([...steps, 'local-authority'], { ...adult, postcodeKnown: 'no', providerFound: 'yes' }), today), 'contact')
  })

  it('stops at the no-service page where no provider covers the area', () => {
    const answers = answered(['language', 'name', 'date-of-birth', 'postcode', 'local-authority', 'contact'], { ...adult, postcodeKnown: 'no', providerFound: 'no' })
    assert.equal(nextStep(answers, today), 'no-service')
    assert.equal(canVisit('contact', answers, today), false, 'no going on past the no-service page')
    assert.equal(canVisit('postcode', answers, today), true, 'the postcode can still be changed')
  })

  it('asks for a parent, guardian or carer only for under-18s', () => {
    const steps: QuestionStep[] = ['language', 'name', 'date-of-birth', 'postcode', 'contact', 'help', 'communication', 'carer']
    const known = { postcodeKnown: 'yes', providerFound: 'yes' }
    assert.equal(nextStep(answered(steps, { ...adult, ...known }), today), 'consent')
    assert.equal(nextStep(answered(steps, { ...child, ...known }), today), 'guardian')
    assert.equal(nextStep(answered([...steps, 'guardian', 'consent'], { ...child, ...known }), today), 'check-answers')
    assert.equal(previousStep('consent', { ...adult }, today), 'carer')
    assert.equal(previousStep('consent', { ...child }, today), 'guardian')
  })

  it('does not let a page be skipped to by its address, and goes back to the start before the first page', () => {
    assert.equal(canVisit('contact', answered(['language']), today), false)
    assert.equal(canVisit('check-answers', answered(['language']), today), false)
    assert.equal(canVisit('name', answered(['language']), today), true)
    assert.equal(previousStep('language', {}, today), null)
    assert.equal(previousStep('contact', { postcodeKnown: 'no' }, today), 'local-authority')
  })

  it('records the language chosen and that the Welsh offer was made, and shares one phone number', () => {
    assert.deepEqual(
      (({ language, welshOfferMade, phone }) => ({ language, welshOfferMade, phone }))(referralFields({ useWelsh: 'yes', mobile: '07700 900982' })),
      { language: 'cy', welshOfferMade: 'yes', phone: '07700 900982' },
    )
    assert.equal(referralFields({ useWelsh: 'no' }).language, 'en')
  })
})

describe('self-referral pages check only their own fields', () => {
  const context = { today, localAuthorityCodes: ['W06000015', 'W06000023'] }

  it('keeps names exactly and does not complain about later pages', () => {
    const { values, errors } = readPage('name', { givenName: 'Siân', familyName: 'Llŷr', postcode: 'ignored' }, {}, context)
    assert.deepEqual(errors, [])
    assert.deepEqual(values, { givenName: 'Siân', familyName: 'Llŷr' })
  })

  it('refuses a date of birth in the future or a malformed postcode', () => {
    assert.deepEqual(readPage('date-of-birth', { 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2099' }, {}, context).errors, [
      { field: 'dateOfBirth', key: 'referrals.errors.dateOfBirth.future' },
    ])
    assert.deepEqual(readPage('postcode', { postcode: 'not a postcode' }, {}, context).errors, [{ field: 'postcode', key: 'referrals.errors.postcodeInvalid' }])
    assert.deepEqual(readPage('postcode', { postcode: '' }, { localAuthorityCode: 'W06000015' }, context).errors, [{ field: 'postcode', key: 'referrals.errors.postcodeMissing' }])
  })

  it('needs the detail for each way of contact chosen, and drops details for ways not chosen', () => {
    const { errors } = readPage('contact', { contactMethods: ['phone', 'email', 'letter'], safeToLeaveMessage: 'no' }, {}, context)
    assert.deepEqual(errors.map((e) => `${e.field}:${e.key}`), ['phone:referrals.errors.phoneMissing', 'email:referrals.errors.emailMissing', 'address:referrals.errors.addressMissing'])
    const textOnly = readPage('contact', { contactMethods: 'text', safeToLeaveMessage: 'yes' }, {}, context)
    assert.deepEqual(textOnly.errors, [{ field: 'mobile', key: 'referrals.errors.phoneMissing' }])
    const dropped = readPage('contact', { contactMethods: ['email'], email: 'a@example.org', phone: '029 2018 0000', safeToLeaveMessage: 'yes' }, {}, context)
    assert.deepEqual(dropped.errors, [])
    assert.equal(dropped.values.phone, '')
  })

  it('asks for the local authority from the list, and for the active offer answer', () => {
    assert.equal(readPage('local-authority', { localAuthorityCode: '' }, {}, context).errors[0]?.key, 'referrals.errors.localAuthorityNeeded')
    assert.equal(readPage('local-authority', { localAuthorityCode: 'W06999999' }, {}, context).errors[0]?.key, 'referrals.errors.localAuthorityInvalid')
    assert.deepEqual(readPage('local-authority', { localAuthorityCode: 'W06000023' }, {}, context).errors, [])
    assert.equal(readPage('language', {}, {}, context).errors[0]?.key, 'selfReferral.errors.useWelshMissing')
  })

  it('limits the length of text in their own words and needs at least one reason', () => {
    assert.deepEqual(readPage('help', { reasons: ['housing'], reasonDetails: 'x'.repeat(2001) }, {}, context).errors, [{ field: 'reasonDetails', key: 'referrals.errors.tooLong.2000' }])
    assert.deepEqual(readPage('help', {}, {}, context).errors, [{ field: 'reasons', key: 'referrals.errors.reasonsMissing' }])
    assert.deepEqual(readPage('consent', {}, {}, context).errors, [{ field: 'personAgreed', key: 'referrals.errors.consentMissing' }])
  })
})
