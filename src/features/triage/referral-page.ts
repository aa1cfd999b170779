import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, summaryErrors } from '../admin/fields.js'
import { guardRecord } from '../person-record/access.js'
import { personFacts } from '../person-record/person-page.js'
import { findPerson } from '../person-record/person-queries.js'
import { formatNhsNumber } from '../person-record/format.js'
import { findDuplicateCandidates } from '../referrals/repository.js'
import { levelsOfSupport } from '../episodes/schema.js'
import { contactAttemptModes, declineReasons, UNABLE_TO_CONTACT_AFTER } from '../referrals/vocabulary.js'
import { daysWaiting } from './queue.js'
import { CONTACT_STATUSES, mayCloseUnableToContact } from './records.js'
import { contactAttemptsOf, episodeOf, findReferral, practitionersOf, type ReferralRow } from './referral-queries.js'

const view = 'features/triage/views/referral.njk'
export const notices = ['accepted', 'declined', 'contactRecorded', 'closed', 'linked', 'allocated'] as const

/** The referral named in the URL: 404 when there is none, audited 403 (pages) or 404 (API) for another organisation. */
export async function loadReferral(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'referrals.triage' | 'referrals.allocate',
  options: { auditAction?: string; refusal?: 'forbidden' | 'not_found' } = {},
): Promise<ReferralRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const referral = isUuid(id) ? await findReferral(db, id) : undefined
  if (!referral) throw notFound()
  await guardRecord(db, request, action, { recordType: 'referral', recordId: referral.id, organisationId: referral.organisation_id, auditAction: options.auditAction ?? 'referral.view' }, options.refusal)
  return referral
}

export interface PageForm {
  /** Which form on the page the values and errors belong to. */
  form?: 'accept' | 'decline' | 'contact' | 'link' | 'allocate' | 'close'
  values?: Record<string, string>
  errors?: FieldError[]
}

/** Everything a practitioner needs to triage one referral; showing it is an audited read of personal data. */
export async function renderReferralPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, referral: ReferralRow, state: PageForm = {}, status = 200) {
  const db = app.deps.database.db
  const data = await db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), { action: 'referral.view', recordType: 'referral', recordId: referral.id, organisationId: referral.organisation_id })
    const person = await findPerson(trx, referral.person_id)
    if (!person) throw notFound()
    const candidates = await findDuplicateCandidates(trx, {
      id: person.id,
      organisationId: person.organisation_id,
      givenName: person.given_name,
      familyName: person.family_name,
      dateOfBirth: person.date_of_birth,
      nhsNumber: person.nhs_number,
      postcode: person.postcode,
    })
    return { person, candidates, attempts: await contactAttemptsOf(trx, referral.id), episode: await episodeOf(trx, referral.id), practitioners: await practitionersOf(trx, referral.organisation_id) }
  })
  const now = new Date()
  const unsuccessful = data.attempts.filter((a) => !a.successful).length
  const query = request.query as Record<string, unknown>
  const notice = notices.find((n) => query.done === n)
  const errors = state.errors ?? []
  return reply.code(status).view(view, {
    title: request.t('triage.referral.title', { reference: referral.reference }),
    referral,
    waiting: daysWaiting(referral.received_at, referral.first_contact_at, now),
    person: data.person,
    facts: personFacts(data.person, request.lang, now),
    candidates: data.candidates.map((c) => ({ ...c, nhsNumber: formatNhsNumber(c.nhs_number) })),
    attempts: data.attempts,
    unsuccessful,
    unableAfter: UNABLE_TO_CONTACT_AFTER,
    episode: data.episode ?? null,
    practitioners: data.practitioners,
    declineReasons,
    levelsOfSupport,
    contactModes: contactAttemptModes,
    may: {
      decide: referral.status === 'received',
      recordContact: (CONTACT_STATUSES as readonly string[]).includes(referral.status),
      close: mayCloseUnableToContact(referral, unsuccessful),
      allocate: referral.status === 'accepted' && data.episode !== undefined && can(request.user, 'referrals.allocate', { organisationId: referral.organisation_id }),
      viewPerson: can(request.user, 'people.view', { organisationId: data.person.organisation_id }),
    },
    form: state.form ?? null,
    values: state.values ?? {},
    errors: summaryErrors(request.t, errors),
    notice: errors.length === 0 && notice ? request.t(`triage.notices.${notice}`) : null,
  })
}

export async function referralPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/triage/:id', { config: { action: 'referrals.triage' } }, async (request, reply) => {
    const referral = await loadReferral(app, request, 'referrals.triage')
    return renderReferralPage(app, request, reply, referral)
  })
}
