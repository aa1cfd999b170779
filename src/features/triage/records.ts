import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { UNABLE_TO_CONTACT_AFTER } from '../referrals/vocabulary.js'
import type { Outcome } from './decisions.js'
import type { ContactAttemptForm } from './forms.js'
import { deliver, queueNotification } from './notify.js'
import { lockReferral } from './referral-queries.js'

/** Contact attempts are recorded while a referral waits for triage or once accepted. */
export const CONTACT_STATUSES = ['received', 'accepted'] as const

/** Records a contact attempt; the first successful one sets first contact, which stops the waiting clock. */
export async function recordContactAttempt(app: FastifyInstance, request: FastifyRequest, referralId: string, form: ContactAttemptForm): Promise<Outcome> {
  return app.deps.database.db.transaction().execute(async (trx) => {
    const referral = await lockReferral(trx, referralId)
    if (!(CONTACT_STATUSES as readonly string[]).includes(referral.status)) return { ok: false as const, status: referral.status }
    const now = new Date()
    const attempt = await trx
      .insertInto('referral_contact_attempts')
      .values({ referral_id: referral.id, organisation_id: referral.organisation_id, attempted_at: now, mode: form.mode, successful: form.successful, note: form.note, recorded_by: request.user?.userId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
    const firstContact = form.successful && referral.first_contact_at === null
    if (firstContact) await trx.updateTable('referrals').set({ first_contact_at: now, updated_at: now }).where('id', '=', referral.id).execute()
    await audit(trx, auditContext(request), {
      action: 'referral.contact_attempt',
      recordType: 'referral',
      recordId: referral.id,
      organisationId: referral.organisation_id,
      detail: { attemptId: attempt.id, mode: form.mode, successful: form.successful, firstContact },
    })
    return { ok: true as const, status: referral.status }
  })
}

/** Whether "unable to contact" may be chosen: still waiting, never reached, and enough unsuccessful attempts. */
export function mayCloseUnableToContact(referral: { status: string; first_contact_at: Date | null }, unsuccessfulAttempts: number): boolean {
  return referral.status === 'received' && referral.first_contact_at === null && unsuccessfulAttempts >= UNABLE_TO_CONTACT_AFTER
}

/** Closes a referral as "unable to contact" after repeated unsuccessful attempts, and tells the referrer. */
export async function closeUnableToContact(app: FastifyInstance, request: FastifyRequest, referralId: string): Promise<Outcome> {
  const result = await app.deps.database.db.transaction().execute(async (trx) => {
    const referral = await lockReferral(trx, referralId)
    const { n } = await trx
      .selectFrom('referral_contact_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('referral_id', '=', referral.id)
      .where('successful', '=', false)
      .executeTakeFirstOrThrow()
    if (!mayCloseUnableToContact(referral, Number(n))) return { ok: false as const, status: referral.status }
    const now = new Date()
    await trx.updateTable('referrals').set({ status: 'unable_to_contact', triaged_at: now, triaged_by: request.user?.userId ?? null, updated_at: now }).where('id', '=', referral.id).execute()
    await audit(trx, auditContext(request), { action: 'referral.unable_to_contact', recordType: 'referral', recordId: referral.id, organisationId: referral.organisation_id, detail: { attempts: Number(n) } })
    const notification = await queueNotification(trx, referral, 'referral.unable_to_contact')
    return { ok: true as const, status: 'unable_to_contact' as const, notification }
  })
  if (!result.ok) return result
  await deliver(app, request, result.notification)
  return { ok: true, status: result.status }
}

/**
 * Links a referral's person to an earlier record of the same person: the referrals (and their episodes) of the
 * newer record move to the earlier one and the newer record is marked `duplicate_of`. No field is copied or
 * overwritten: the practitioner checks the newer record's details and updates the earlier one by hand.
 */
export async function linkToEarlierPerson(app: FastifyInstance, request: FastifyRequest, referralId: string, earlierPersonId: string): Promise<Outcome> {
  return app.deps.database.db.transaction().execute(async (trx) => {
    const referral = await lockReferral(trx, referralId)
    const newer = referral.person_id
    const earlier = await trx.selectFrom('people').select(['id', 'organisation_id', 'duplicate_of']).where('id', '=', earlierPersonId).executeTakeFirst()
    if (!earlier || earlier.organisation_id !== referral.organisation_id || earlier.duplicate_of !== null || earlier.id === newer) return { ok: false as const, status: referral.status }
    const moved = await trx.updateTable('referrals').set({ person_id: earlier.id, updated_at: new Date() }).where('person_id', '=', newer).returning('id').execute()
    await trx.updateTable('episodes').set({ person_id: earlier.id }).where('person_id', '=', newer).execute()
    await trx.updateTable('people').set({ duplicate_of: earlier.id }).where('duplicate_of', '=', newer).execute()
    await trx.updateTable('people').set({ duplicate_of: earlier.id, updated_at: new Date() }).where('id', '=', newer).execute()
    await audit(trx, auditContext(request), {
      action: 'person.link_duplicate',
      recordType: 'person',
      recordId: newer,
      organisationId: referral.organisation_id,
      detail: { linkedTo: earlier.id, referralId: referral.id, referralsMoved: moved.map((m) => m.id) },
    })
    return { ok: true as const, status: referral.status }
  })
}
