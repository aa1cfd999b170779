import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { newReferralReference } from '../referrals/reference.js'
import { closeEpisodeRow, insertEvent, lockEpisode } from './repository.js'
import { mayDo, type TransferForm } from './rules.js'

/*
 * Transfer to another social prescribing provider with the person's consent (issue 5 §11; DESIGN §3: nobody sees
 * another organisation's people "except through an explicit, logged transfer"). The receiving provider gets its
 * own copy of the person's contact and demographic details and a new referral in its triage queue; this episode
 * closes as transferred. The copy is a disclosure, logged in the information-sharing log on the consent recorded.
 */

/** The person's fields the receiving provider gets: contact, language and needs, and the demographics (CDS #13, #31–#36). */
const copiedPersonFields = [
  'given_name',
  'family_name',
  'match_name',
  'date_of_birth',
  'nhs_number',
  'postcode',
  'local_authority_code',
  'lsoa_code',
  'wimd_decile',
  'phone',
  'email',
  'address',
  'contact_methods',
  'contact_times',
  'safe_to_leave_message',
  'language',
  'welsh_offer_made',
  'communication_needs',
  'interpreter_language',
  'sex',
  'gender_identity',
  'sexual_orientation',
  'ethnicity',
  'religion',
  'disability',
  'pregnancy_maternity',
  'marital_status',
  'is_carer',
  'has_support',
  'housing_tenure',
  'used_social_prescribing_before',
  'guardian_name',
  'guardian_relationship',
  'guardian_contact',
  'guardian_has_parental_responsibility',
] as const

/** What the information-sharing log records as shared: the groups of fields above and the referral's. */
export const transferSharedFields = [
  'name',
  'date_of_birth',
  'nhs_number',
  'address',
  'contact_details',
  'language',
  'communication_needs',
  'demographics',
  'guardian',
  'referral_reasons',
  'risks',
]

export type TransferOutcome =
  | { ok: true; personId: string; referralId: string; reference: string }
  | { ok: false; problem: 'episode_closed' | 'organisation_invalid' }

async function copyPerson(trx: Transaction<DB>, personId: string, organisationId: string): Promise<string> {
  const source = await trx
    .selectFrom('people')
    .select(copiedPersonFields)
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  const row = await trx
    .insertInto('people')
    .values({ ...source, organisation_id: organisationId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function transferEpisode(
  app: FastifyInstance,
  request: FastifyRequest,
  episodeId: string,
  form: TransferForm,
): Promise<TransferOutcome> {
  return app.deps.database.db.transaction().execute(async (trx): Promise<TransferOutcome> => {
    const episode = await lockEpisode(trx, episodeId)
    if (!mayDo(episode.status, 'transfer')) return { ok: false, problem: 'episode_closed' }
    const receiver = await trx
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', form.organisationId)
      .where('type', '=', 'provider')
      .executeTakeFirst()
    if (!receiver || receiver.id === episode.organisation_id) return { ok: false, problem: 'organisation_invalid' }
    const now = new Date()
    const userId = request.user?.userId ?? null
    const sender = await trx
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', episode.organisation_id)
      .executeTakeFirstOrThrow()
    const practitioner = userId
      ? await trx.selectFrom('users').select(['name', 'email']).where('id', '=', userId).executeTakeFirst()
      : undefined
    const original = await trx
      .selectFrom('referrals')
      .select(['reasons', 'reason_details', 'risks', 'lone_worker_risk', 'urgency', 'consent_given_by'])
      .where('id', '=', episode.referral_id)
      .executeTakeFirstOrThrow()

    // The person's consent to the transfer, recorded at this provider: the disclosure's basis.
    const consent = await trx
      .insertInto('consents')
      .values({
        person_id: episode.person_id,
        organisation_id: episode.organisation_id,
        scope: 'transfer',
        given: true,
        method: form.consentMethod,
        given_by: 'person',
        recorded_by: userId,
        recorded_at: now,
        note: form.reason,
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    // The receiving side: a person record of its own and a referral waiting in its triage queue.
    const personId = await copyPerson(trx, episode.person_id, receiver.id)
    let reference = newReferralReference()
    while (await trx.selectFrom('referrals').select('id').where('reference', '=', reference).executeTakeFirst())
      reference = newReferralReference()
    const referral = await trx
      .insertInto('referrals')
      .values({
        reference,
        person_id: personId,
        organisation_id: receiver.id,
        route: 'third_sector',
        channel: 'practitioner',
        referrer_user_id: userId,
        referrer_organisation_id: episode.organisation_id,
        referrer_name: practitioner?.name ?? null,
        referrer_role: 'Social prescribing practitioner',
        referrer_organisation_name: sender.name,
        referrer_contact: practitioner?.email ?? null,
        reasons: original.reasons,
        reason_details: original.reason_details,
        risks: original.risks,
        lone_worker_risk: original.lone_worker_risk,
        urgency: original.urgency,
        person_agreed: true,
        consent_given_by: original.consent_given_by,
        received_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('consents')
      .values({
        person_id: personId,
        organisation_id: receiver.id,
        scope: 'receive_support',
        given: true,
        method: form.consentMethod,
        given_by: 'person',
        recorded_by: userId,
        recorded_at: now,
      })
      .execute()

    await trx
      .insertInto('information_sharing_log')
      .values({
        person_id: episode.person_id,
        organisation_id: episode.organisation_id,
        shared_with_organisation_id: receiver.id,
        shared_with_name: receiver.name,
        fields: transferSharedFields,
        purpose: 'transfer',
        // Another provider counts as another agency for the log (migrations/0018); the basis is the transfer consent.
        recipient_kind: 'agency',
        consent_scope: 'transfer',
        basis: 'consent',
        consent_id: consent.id,
        shared_by: userId,
        shared_at: now,
      })
      .execute()
    const followUpsEnded = await closeEpisodeRow(trx, {
      episodeId: episode.id,
      reason: 'transferred',
      summary: form.reason,
      userId,
      now,
      transfer: { organisationId: receiver.id, referralId: referral.id },
    })
    await insertEvent(trx, {
      episode,
      kind: 'transferred',
      closingReason: 'transferred',
      organisationTo: receiver.id,
      userId,
      at: now,
    })

    // Audited on both sides: the sending provider's episode, and the record the receiving provider now holds.
    const context = auditContext(request)
    await audit(trx, context, {
      action: 'episode.transfer',
      recordType: 'episode',
      recordId: episode.id,
      organisationId: episode.organisation_id,
      detail: {
        personId: episode.person_id,
        to: receiver.id,
        referralId: referral.id,
        consentId: consent.id,
        followUpsEnded,
      },
    })
    await audit(trx, context, {
      action: 'referral.transfer_in',
      recordType: 'referral',
      recordId: referral.id,
      organisationId: receiver.id,
      detail: { personId, from: episode.organisation_id, episodeId: episode.id },
    })
    return { ok: true, personId, referralId: referral.id, reference }
  })
}
