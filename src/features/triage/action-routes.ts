import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ReferralStatus } from '../../platform/db/schema.js'
import type { FieldError } from '../admin/fields.js'
import { findPerson } from '../person-record/person-queries.js'
import { findDuplicateCandidates } from '../referrals/repository.js'
import { UNABLE_TO_CONTACT_AFTER } from '../referrals/vocabulary.js'
import { applyDecision, reallocate } from './decisions.js'
import { validateAllocation, validateContactAttempt, validateDecision } from './forms.js'
import { closeUnableToContact, linkToEarlierPerson, recordContactAttempt } from './records.js'
import { loadReferral, type PageForm, renderReferralPage } from './referral-page.js'
import { practitionersOf, type ReferralRow } from './referral-queries.js'

type Body = Record<string, unknown>

/** The error shown when a change does not fit the referral's status any more (someone else got there first). */
function statusError(request: FastifyRequest, status: ReferralStatus, key: string): FieldError {
  return { field: 'status', key, params: { status: request.t(`referrals.options.status.${status}`), count: UNABLE_TO_CONTACT_AFTER }, href: '#status' }
}

export async function actionRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const body = (request: FastifyRequest): Body => (request.body && typeof request.body === 'object' ? (request.body as Body) : {})
  const again = (request: FastifyRequest, reply: FastifyReply, referral: ReferralRow, state: PageForm, status: number) => renderReferralPage(app, request, reply, referral, state, status)
  const done = (reply: FastifyReply, referral: ReferralRow, notice: string) => reply.redirect(`/triage/${referral.id}?done=${notice}`, 303)

  for (const decision of ['accept', 'decline'] as const) {
    app.post(`/triage/:id/${decision}`, { config: { action: 'referrals.triage' } }, async (request, reply) => {
      const referral = await loadReferral(app, request, 'referrals.triage', { auditAction: `referral.${decision}` })
      const practitioners = await practitionersOf(db, referral.organisation_id)
      const { value, values, errors } = validateDecision({ ...body(request), decision }, practitioners.map((p) => p.id))
      if (!value) return again(request, reply, referral, { form: decision, values, errors }, 400)
      const outcome = await applyDecision(app, request, referral.id, value)
      if (!outcome.ok) return again(request, reply, referral, { form: decision, values, errors: [statusError(request, outcome.status, 'triage.errors.notReceived')] }, 409)
      return done(reply, referral, decision === 'accept' ? 'accepted' : 'declined')
    })
  }

  app.post('/triage/:id/contact-attempts', { config: { action: 'referrals.triage' } }, async (request, reply) => {
    const referral = await loadReferral(app, request, 'referrals.triage', { auditAction: 'referral.contact_attempt' })
    const { value, values, errors } = validateContactAttempt(body(request))
    if (errors.length > 0) return again(request, reply, referral, { form: 'contact', values, errors }, 400)
    const outcome = await recordContactAttempt(app, request, referral.id, value)
    if (!outcome.ok) return again(request, reply, referral, { form: 'contact', values, errors: [statusError(request, outcome.status, 'triage.errors.contactClosed')] }, 409)
    return reply.redirect(`/triage/${referral.id}?done=contactRecorded#contact`, 303)
  })

  app.post('/triage/:id/unable-to-contact', { config: { action: 'referrals.triage' } }, async (request, reply) => {
    const referral = await loadReferral(app, request, 'referrals.triage', { auditAction: 'referral.unable_to_contact' })
    const outcome = await closeUnableToContact(app, request, referral.id)
    if (!outcome.ok) return again(request, reply, referral, { form: 'close', errors: [statusError(request, outcome.status, 'triage.errors.cannotClose')] }, 409)
    return done(reply, referral, 'closed')
  })

  app.post('/triage/:id/link-person', { config: { action: 'referrals.triage' } }, async (request, reply) => {
    const referral = await loadReferral(app, request, 'referrals.triage', { auditAction: 'person.link_duplicate' })
    const personId = typeof body(request).personId === 'string' ? (body(request).personId as string) : ''
    const person = await findPerson(db, referral.person_id)
    const candidates = person
      ? await findDuplicateCandidates(db, { id: person.id, organisationId: person.organisation_id, givenName: person.given_name, familyName: person.family_name, dateOfBirth: person.date_of_birth, nhsNumber: person.nhs_number, postcode: person.postcode })
      : []
    const invalid: FieldError = { field: 'personId', key: 'triage.errors.personInvalid', href: '#duplicates' }
    if (!candidates.some((c) => c.id === personId)) return again(request, reply, referral, { form: 'link', errors: [invalid] }, 400)
    const outcome = await linkToEarlierPerson(app, request, referral.id, personId)
    if (!outcome.ok) return again(request, reply, referral, { form: 'link', errors: [invalid] }, 409)
    return done(reply, referral, 'linked')
  })

  app.post('/triage/:id/allocate', { config: { action: 'referrals.allocate' } }, async (request, reply) => {
    const referral = await loadReferral(app, request, 'referrals.allocate', { auditAction: 'referral.allocate' })
    const practitioners = await practitionersOf(db, referral.organisation_id)
    const { practitionerId, errors } = validateAllocation(body(request), practitioners.map((p) => p.id))
    if (errors.length > 0) return again(request, reply, referral, { form: 'allocate', values: { allocateTo: practitionerId }, errors }, 400)
    const outcome = await reallocate(app, request, referral.id, practitionerId)
    if (!outcome.ok) return again(request, reply, referral, { form: 'allocate', values: { allocateTo: practitionerId }, errors: [statusError(request, outcome.status, 'triage.errors.notAccepted')] }, 409)
    return done(reply, referral, 'allocated')
  })
}
