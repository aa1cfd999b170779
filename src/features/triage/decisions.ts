import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import type { ReferralStatus } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import type { Notification } from '../../platform/notify/notifier.js'
import { insertEvent } from '../episodes/repository.js'
import type { Decision } from './forms.js'
import { moveOpenFollowUps } from '../follow-ups/repository.js'
import { deliver, queueNotification } from './notify.js'
import { lockReferral } from './referral-queries.js'

/** A change refused because the referral is no longer (or not yet) in the status the change needs. */
export type Outcome = { ok: true; status: ReferralStatus } | { ok: false; status: ReferralStatus }

/**
 * Accepts (allocating a practitioner; the episode of support begins) or declines a referral waiting for triage.
 * The change, its audit row and its notification row commit together; the notifier is called after commit.
 */
export async function applyDecision(app: FastifyInstance, request: FastifyRequest, referralId: string, decision: Decision): Promise<Outcome> {
  const actor = request.user?.userId ?? null
  const result = await app.deps.database.db.transaction().execute(async (trx) => {
    const referral = await lockReferral(trx, referralId)
    if (referral.status !== 'received') return { ok: false as const, status: referral.status }
    const now = new Date()
    const context = auditContext(request)
    const target = { recordType: 'referral', recordId: referral.id, organisationId: referral.organisation_id }
    let notification: Notification
    if (decision.decision === 'accept') {
      await trx
        .updateTable('referrals')
        .set({ status: 'accepted', triaged_at: now, triaged_by: actor, allocated_practitioner_id: decision.practitionerId, updated_at: now })
        .where('id', '=', referral.id)
        .execute()
      const episode = await trx
        .insertInto('episodes')
        .values({ person_id: referral.person_id, referral_id: referral.id, organisation_id: referral.organisation_id, practitioner_id: decision.practitionerId, status: 'open', started_at: now, level_of_support: decision.levelOfSupport })
        .returning('id')
        .executeTakeFirstOrThrow()
      // The level chosen at acceptance starts the level history reporting reads (docs/episodes.md).
      if (decision.levelOfSupport) {
        await insertEvent(trx, { episode: { id: episode.id, person_id: referral.person_id, organisation_id: referral.organisation_id }, kind: 'level_set', level: decision.levelOfSupport, userId: actor, at: now })
      }
      await audit(trx, context, { action: 'referral.accept', ...target, detail: { episodeId: episode.id, practitionerId: decision.practitionerId, levelOfSupport: decision.levelOfSupport } })
      notification = await queueNotification(trx, referral, 'referral.accepted')
    } else {
      await trx
        .updateTable('referrals')
        .set({ status: 'declined', triaged_at: now, triaged_by: actor, decline_reason: decision.reason, decline_explanation: decision.explanation, redirected_to: decision.redirectedTo, updated_at: now })
        .where('id', '=', referral.id)
        .execute()
      await audit(trx, context, { action: 'referral.decline', ...target, detail: { reason: decision.reason, redirected: decision.redirectedTo !== null } })
      notification = await queueNotification(trx, referral, 'referral.declined')
    }
    return { ok: true as const, status: (decision.decision === 'accept' ? 'accepted' : 'declined') as ReferralStatus, notification }
  })
  if (!result.ok) return result
  await deliver(app, request, result.notification)
  return { ok: true, status: result.status }
}

/** A team lead moves an accepted referral's episode to another practitioner of the organisation. */
export async function reallocate(app: FastifyInstance, request: FastifyRequest, referralId: string, practitionerId: string): Promise<Outcome> {
  return app.deps.database.db.transaction().execute(async (trx) => {
    const referral = await lockReferral(trx, referralId)
    const episode = await trx.selectFrom('episodes').select(['id', 'practitioner_id']).where('referral_id', '=', referral.id).executeTakeFirst()
    if (referral.status !== 'accepted' || !episode) return { ok: false as const, status: referral.status }
    if (episode.practitioner_id === practitionerId) return { ok: true as const, status: referral.status }
    const now = new Date()
    await trx.updateTable('episodes').set({ practitioner_id: practitionerId }).where('id', '=', episode.id).execute()
    await trx.updateTable('referrals').set({ allocated_practitioner_id: practitionerId, updated_at: now }).where('id', '=', referral.id).execute()
    // The episode's open follow-ups go with it, as with reallocation from the team view (src/features/caseload).
    const followUpsMoved = await moveOpenFollowUps(trx, episode.id, episode.practitioner_id, practitionerId)
    await audit(trx, auditContext(request), {
      action: 'referral.allocate',
      recordType: 'referral',
      recordId: referral.id,
      organisationId: referral.organisation_id,
      detail: { episodeId: episode.id, from: episode.practitioner_id, to: practitionerId, followUpsMoved },
    })
    return { ok: true as const, status: referral.status }
  })
}
