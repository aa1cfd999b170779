import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, validateReferral } from '../referrals/referral-input.js'
import { type Destination, insertReferral, locateReferral } from '../referrals/repository.js'
import { findProvider } from './queries.js'

export type CreateResult =
  | { ok: true; referralId: string; reference: string; organisationId: string; status: 'received'; receivedAt: Date }
  | { ok: false; errors: FieldError[] }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const hasError = (errors: FieldError[], field: string) => errors.some((e) => e.field === field)

/**
 * Where the referral goes: the provider the referrer chose, or else the provider covering the person's local
 * authority (from the postcode, or the authority given when the postcode is not in the loaded data).
 */
async function receivingOrganisation(
  db: Kysely<DB>,
  chosenId: string | null,
  destination: Destination,
  errors: FieldError[],
): Promise<{ id: string; by: 'chosen' | 'area' } | null> {
  if (chosenId) {
    const chosen = UUID.test(chosenId) ? await findProvider(db, chosenId) : undefined
    if (chosen) return { id: chosen.id, by: 'chosen' }
    errors.push({ field: 'receivingOrganisationId', key: 'referrals.errors.choiceInvalid' })
    return null
  }
  if (!destination.place.localAuthorityCode) return null
  if (destination.provider) return { id: destination.provider.id, by: 'area' }
  errors.push({ field: 'receivingOrganisationId', key: 'referrals.errors.noProvider' })
  return null
}

/**
 * A professional referral from the form or the API: the shared validation, then the place and the receiving
 * provider, then the person, referral and consents written and audited in one statement. On any problem
 * nothing is written and every problem is returned at once.
 */
export async function createProfessionalReferral(
  db: Kysely<DB>,
  request: FastifyRequest,
  body: Record<string, unknown>,
  channel: 'professional_form' | 'api',
): Promise<CreateResult> {
  const user = request.user
  if (!user) throw new Error('a professional referral needs a signed-in referrer')
  const { person, referral, errors } = validateReferral(body, 'professional', new Date())

  // The authority given, the postcode and the provider covering the place: one statement.
  const destination = await locateReferral(
    db,
    person.postcode,
    hasError(errors, 'localAuthorityCode') ? null : person.localAuthorityCode,
  )
  if (!destination.authorityKnown) {
    errors.push({ field: 'localAuthorityCode', key: 'referrals.errors.localAuthorityInvalid' })
  }
  const { place } = destination
  if (person.postcode && !place.localAuthorityCode && !hasError(errors, 'localAuthorityCode')) {
    errors.push({ field: 'localAuthorityCode', key: 'referrals.errors.localAuthorityNeeded' })
  }
  const receiver = hasError(errors, 'receivingOrganisationId')
    ? null
    : await receivingOrganisation(db, referral.receivingOrganisationId, destination, errors)
  if (!receiver && errors.length === 0)
    errors.push({ field: 'localAuthorityCode', key: 'referrals.errors.localAuthorityNeeded' })
  if (errors.length > 0 || !receiver) return { ok: false, errors }

  // The person, referral, consents and audit row are one statement: one transaction without `begin` and `commit`.
  const created = await insertReferral(
    db,
    {
      person,
      referral,
      place,
      organisationId: receiver.id,
      channel,
      referrerUserId: user.userId,
      referrerOrganisationId: user.organisationId,
      consentMethod: 'via_referrer',
    },
    {
      audit: {
        context: auditContext(request),
        event: ({ referralId, personId }) => ({
          action: 'referral.create',
          recordType: 'referral',
          recordId: referralId,
          organisationId: receiver.id,
          detail: { channel, route: referral.route, receivingOrganisation: receiver.by, personId, placeFrom: place.source },
        }),
      },
    },
  )
  return {
    ok: true,
    referralId: created.referralId,
    reference: created.reference,
    organisationId: receiver.id,
    status: 'received',
    receivedAt: created.receivedAt,
  }
}
