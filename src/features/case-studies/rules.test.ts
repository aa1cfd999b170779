import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validateFeedback } from './feedback-rules.js'
import {
  type CaseStudyState,
  checkRefusal,
  editResetsCheck,
  parseTags,
  sharingRefusals,
  signOffRefusal,
  validateCaseStudy,
  validateChecklist,
  validateConsent,
} from './rules.js'

const today = '2026-03-27'
const svc = '6f1c1c9e-3b7a-4c51-9d7e-2a1f0b9c8d7e'
const story = {
  title: 'Back at the allotment',
  perspective: 'person',
  whatMattered: 'Being outdoors with other people',
  support: 'Three conversations and an introduction to the garden group',
  whatChanged: 'Goes twice a week and has made friends',
}
const fields = (errors: { field: string }[]) => errors.map((e) => e.field)
const keys = (errors: { key: string }[]) => errors.map((e) => e.key)
const state = (over: Partial<CaseStudyState> = {}): CaseStudyState => ({
  status: 'approved',
  author_id: 'author',
  consent_given_on: '2026-01-01',
  consent_scope: 'commissioners',
  consent_withdrawn_on: null,
  ...over,
})

describe('case study rules (CS §118)', () => {
  it('accepts a complete story with tags, themes, a period and services', () => {
    const r = validateCaseStudy({
      ...story,
      tags: 'Gardening, men’s health, gardening',
      themes: ['reduce_isolation', 'green_spaces'],
      'periodFrom-day': '1',
      'periodFrom-month': '9',
      'periodFrom-year': '2025',
      periodTo: '2026-02-28',
      serviceIds: [svc, svc],
    })
    assert.deepEqual(r.errors, [])
    assert.deepEqual(r.value.tags, ['gardening', 'men’s health'])
    assert.deepEqual(r.value.themes, ['reduce_isolation', 'green_spaces'])
    assert.equal(r.value.periodFrom, '2025-09-01')
    assert.equal(r.value.periodTo, '2026-02-28')
    assert.deepEqual(r.value.serviceIds, [svc])
    assert.equal(r.value.personId, null)
  })

  it('refuses an empty story, a missing or unknown perspective, an unknown theme and odd tags', () => {
    assert.deepEqual(fields(validateCaseStudy({}).errors), [
      'title',
      'perspective',
      'whatMattered',
      'support',
      'whatChanged',
    ])
    const r = validateCaseStudy({ ...story, perspective: 'funder', themes: ['world_peace'], tags: '<script>' })
    assert.deepEqual(keys(r.errors), [
      'caseStudies.errors.perspectiveUnknown',
      'caseStudies.errors.tagInvalid',
      'caseStudies.errors.themeUnknown',
    ])
    const many = validateCaseStudy({ ...story, tags: Array.from({ length: 11 }, (_, i) => `t${String(i)}`) })
    assert.deepEqual(keys(many.errors), ['caseStudies.errors.tooManyTags'])
    assert.deepEqual(fields(validateCaseStudy({ ...story, whatChanged: '   ' }).errors), ['whatChanged'])
  })

  it('refuses a period that ends before it starts, a broken date and a person id that is not one', () => {
    const r = validateCaseStudy({ ...story, periodFrom: '2026-02-01', periodTo: '2026-01-01', personId: 'bob' })
    assert.deepEqual(keys(r.errors), ['caseStudies.errors.personUnknown', 'caseStudies.errors.periodToBeforeFrom'])
    const broken = validateCaseStudy({
      ...story,
      'periodFrom-day': '31',
      'periodFrom-month': '2',
      'periodFrom-year': '2026',
    })
    assert.deepEqual(keys(broken.errors), ['caseStudies.errors.periodFromInvalid'])
  })

  it('reads tags from a comma-separated field or a JSON array', () => {
    assert.deepEqual(parseTags(' Choir , ,walking '), ['choir', 'walking'])
    assert.deepEqual(parseTags(['Choir', 'choir']), ['choir'])
  })

  it('needs the consent’s day (not in the future), how it was given and its scope', () => {
    assert.deepEqual(fields(validateConsent({}, today).errors), ['consentGivenOn', 'consentMethod', 'consentScope'])
    const future = validateConsent(
      { consentGivenOn: '2026-04-01', consentMethod: 'written', consentScope: 'published' },
      today,
    )
    assert.deepEqual(keys(future.errors), ['caseStudies.errors.consentGivenOnFuture'])
    const ok = validateConsent(
      { consentGivenOn: '2026-03-01', consentMethod: 'written', consentScope: 'published' },
      today,
    )
    assert.deepEqual(ok.value, { givenOn: '2026-03-01', method: 'written', scope: 'published' })
  })

  it('completes the anonymisation checklist only with every item ticked', () => {
    assert.deepEqual(keys(validateChecklist({ checklist: ['names', 'places'] }).errors), [
      'caseStudies.errors.checklistIncomplete',
    ])
    const all = ['names', 'places', 'dates', 'details', 'photos', 'seen']
    assert.deepEqual(validateChecklist({ checklist: all }).errors, [])
    assert.equal(validateChecklist({ checklist: [...all, 'vibes'] }).errors.length, 1)
  })

  it('signs off only a story awaiting its check, and never by its author', () => {
    assert.equal(signOffRefusal(state({ status: 'awaiting_check' }), 'lead'), null)
    assert.equal(signOffRefusal(state({ status: 'awaiting_check' }), 'author')?.code, 'own_case_study')
    assert.equal(signOffRefusal(state({ status: 'draft' }), 'lead')?.code, 'not_awaiting_check')
    assert.equal(checkRefusal({ status: 'draft' }), null)
    assert.equal(checkRefusal({ status: 'approved' }), 'caseStudies.errors.checkNot_approved')
    assert.equal(editResetsCheck({ status: 'approved' }), true)
    assert.equal(editResetsCheck({ status: 'draft' }), false)
  })

  it('lets a story leave only when approved with consent beyond the organisation, not withdrawn', () => {
    assert.deepEqual(sharingRefusals(state()), [])
    assert.deepEqual(sharingRefusals(state({ consent_scope: 'published' })), [])
    assert.deepEqual(sharingRefusals(state({ consent_scope: 'organisation' })), [
      'caseStudies.errors.shareConsentInternal',
    ])
    assert.deepEqual(sharingRefusals(state({ consent_given_on: null, consent_scope: null, status: 'draft' })), [
      'caseStudies.errors.shareNoConsent',
      'caseStudies.errors.shareNotApproved',
    ])
    assert.deepEqual(sharingRefusals(state({ consent_withdrawn_on: '2026-03-01', status: 'withdrawn' })), [
      'caseStudies.errors.shareConsentWithdrawn',
    ])
  })
})

describe('you said, we did rules (App. Two)', () => {
  const entry = { receivedOn: '2026-03-01', source: 'people', said: 'The sessions end too late for the last bus' }
  it('accepts feedback still being considered', () => {
    const r = validateFeedback(entry, today)
    assert.deepEqual(r.errors, [])
    assert.equal(r.value.status, 'considering')
    assert.equal(r.value.doneOn, null)
  })
  it('refuses an unknown source, nothing said, and a future date', () => {
    const r = validateFeedback({ receivedOn: '2026-04-01', source: 'the mayor', said: '' }, today)
    assert.deepEqual(keys(r.errors), [
      'caseStudies.feedback.errors.receivedOnFuture',
      'caseStudies.feedback.errors.sourceUnknown',
      'caseStudies.feedback.errors.saidMissing',
    ])
  })
  it('needs the change and its day to be done, and the reason when it is not possible', () => {
    assert.deepEqual(keys(validateFeedback({ ...entry, status: 'done' }, today).errors), [
      'caseStudies.feedback.errors.actionNeededForDone',
      'caseStudies.feedback.errors.doneOnMissing',
    ])
    assert.deepEqual(
      keys(validateFeedback({ ...entry, status: 'done', action: 'Earlier start', doneOn: '2026-02-01' }, today).errors),
      ['caseStudies.feedback.errors.doneOnBeforeReceived'],
    )
    const done = validateFeedback(
      { ...entry, status: 'done', action: 'Sessions start at 5pm', doneOn: '2026-03-20' },
      today,
    )
    assert.deepEqual(done.errors, [])
    assert.equal(done.value.doneOn, '2026-03-20')
    assert.deepEqual(keys(validateFeedback({ ...entry, status: 'not_possible' }, today).errors), [
      'caseStudies.feedback.errors.reasonNeeded',
    ])
    assert.deepEqual(keys(validateFeedback({ ...entry, status: 'maybe' }, today).errors), [
      'caseStudies.feedback.errors.statusUnknown',
    ])
  })
})
