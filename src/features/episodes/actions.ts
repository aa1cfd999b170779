import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import type { Notification } from '../../platform/notify/notifier.js'
import { deliver } from '../triage/notify.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { type FeedbackCheck, feedbackCheck, levelChange, mayDo, type ClosingForm } from './rules.js'
import {
  closeEpisodeRow,
  type EpisodeRow,
  findEpisode,
  insertEvent,
  lockEpisode,
  referrerConsent,
} from './repository.js'
import type { LevelOfSupport } from './schema.js'
import { saveClosingOutcomes } from './closing-outcomes.js'
import { answered } from './closing-outcomes-rules.js'
import type { ClosingOutcomeAnswers } from './closing-outcomes-schema.js'

type EpisodeAccess = 'episodes.view' | 'episodes.manage' | 'episodes.transfer'

/**
 * The episode named in the URL: 404 when unknown; another organisation's is refused and the refusal audited
 * (403 on pages, 404 in the API so identifiers are not confirmed), as person-record/access.ts guardRecord does.
 */
export async function loadEpisodeFor(
  app: FastifyInstance,
  request: FastifyRequest,
  action: EpisodeAccess,
  refusal: 'forbidden' | 'not_found' = 'forbidden',
): Promise<EpisodeRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const episode = isUuid(id) ? await findEpisode(db, id) : undefined
  if (!episode) throw notFound()
  if (!can(request.user, action, { organisationId: episode.organisation_id })) {
    await audit(db, auditContext(request), {
      action: `episode.${action.split('.')[1]}`,
      recordType: 'episode',
      recordId: episode.id,
      organisationId: episode.organisation_id,
      outcome: 'refused',
      detail: { access: action },
    })
    throw refusal === 'forbidden' ? forbidden() : notFound()
  }
  return episode
}

/** Whether the close form may offer feedback to the referrer now, and on what consent (CF 3.1). */
export async function feedbackFor(db: Kysely<DB> | Transaction<DB>, episode: EpisodeRow): Promise<FeedbackCheck> {
  const consent = await referrerConsent(db, episode.person_id)
  return feedbackCheck({
    channel: episode.channel,
    referrerOrganisationId: episode.referrer_organisation_id,
    episodeOrganisationId: episode.organisation_id,
    consent: consent ?? null,
  })
}

export type ChangeOutcome = { ok: true; changed: boolean } | { ok: false; problem: 'episode_closed' }

/** Sets or changes the level of support; each real change is an event (the history reporting reads) and audited. */
export async function changeLevel(
  app: FastifyInstance,
  request: FastifyRequest,
  episodeId: string,
  level: LevelOfSupport,
): Promise<ChangeOutcome> {
  return app.deps.database.db.transaction().execute(async (trx): Promise<ChangeOutcome> => {
    const episode = await lockEpisode(trx, episodeId)
    if (!mayDo(episode.status, 'change_level')) return { ok: false, problem: 'episode_closed' }
    const kind = levelChange(episode.level_of_support, level)
    if (!kind) return { ok: true, changed: false }
    const now = new Date()
    const userId = request.user?.userId ?? null
    await trx.updateTable('episodes').set({ level_of_support: level }).where('id', '=', episode.id).execute()
    await insertEvent(trx, { episode, kind, level, previousLevel: episode.level_of_support, userId, at: now })
    await audit(trx, auditContext(request), {
      action: 'episode.level',
      recordType: 'episode',
      recordId: episode.id,
      organisationId: episode.organisation_id,
      detail: { personId: episode.person_id, from: episode.level_of_support, to: level },
    })
    return { ok: true, changed: true }
  })
}

export type CloseOutcome =
  | { ok: true; followUpsEnded: number; feedbackSent: boolean }
  | { ok: false; problem: 'episode_closed' }
  | { ok: false; problem: 'consent_missing' | 'no_referrer'; errors: FieldError[] }

/**
 * Closes the episode (issue 5 §11) and, when asked and allowed, sends the referrer the outcome and summary (CF 3.1):
 * a notification row for the referrer and the disclosure in the information-sharing log, on the consents row in
 * force. Everything is checked before anything is written, and commits together with its audit rows.
 */
export async function closeEpisode(
  app: FastifyInstance,
  request: FastifyRequest,
  episodeId: string,
  form: ClosingForm,
  outcomes?: ClosingOutcomeAnswers,
): Promise<CloseOutcome> {
  let notification: Notification | null = null
  const outcome = await app.deps.database.db.transaction().execute(async (trx): Promise<CloseOutcome> => {
    const locked = await lockEpisode(trx, episodeId)
    if (!mayDo(locked.status, 'close')) return { ok: false, problem: 'episode_closed' }
    const episode = await findEpisode(trx, episodeId)
    if (!episode) return { ok: false, problem: 'episode_closed' }
    let feedback: FeedbackCheck | null = null
    if (form.sendFeedback) {
      // Asked again inside the locked transaction: a consent withdrawn since the form was shown wins.
      feedback = await feedbackFor(trx, episode)
      if (!feedback.ok)
        return {
          ok: false,
          problem: feedback.code,
          errors: [
            {
              field: 'sendFeedback',
              key: `episodes.errors.${feedback.code === 'no_referrer' ? 'noReferrer' : 'feedbackConsentMissing'}`,
            },
          ],
        }
    }
    const now = new Date()
    const userId = request.user?.userId ?? null
    const context = auditContext(request)
    const followUpsEnded = await closeEpisodeRow(trx, {
      episodeId: episode.id,
      reason: form.reason,
      summary: form.summary,
      userId,
      now,
    })
    await insertEvent(trx, { episode, kind: 'closed', closingReason: form.reason, userId, at: now })
    await audit(trx, context, {
      action: 'episode.close',
      recordType: 'episode',
      recordId: episode.id,
      organisationId: episode.organisation_id,
      detail: { personId: episode.person_id, reason: form.reason, followUpsEnded },
    })
    // What the person says changed (docs/closing-outcomes.md): kept only when at least one question was asked.
    if (outcomes && answered(outcomes).length > 0)
      await saveClosingOutcomes(trx, context, { episode, answers: outcomes, userId, now })
    if (feedback?.ok) {
      const referrerOrganisationId = episode.referrer_organisation_id as string
      const queued = await trx
        .insertInto('notifications')
        .values({
          organisation_id: episode.organisation_id,
          referral_id: episode.referral_id,
          recipient_user_id: episode.referrer_user_id,
          kind: 'episode.feedback',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      notification = { kind: 'episode.feedback', notificationId: queued.id, referralId: episode.referral_id, recipientUserId: episode.referrer_user_id }
      await trx
        .insertInto('information_sharing_log')
        .values({
          person_id: episode.person_id,
          organisation_id: episode.organisation_id,
          shared_with_organisation_id: referrerOrganisationId,
          shared_with_name: episode.referrer_organisation_name ?? episode.referrer_name ?? '',
          fields: ['outcome', 'summary'],
          purpose: 'feedback_to_referrer',
          // The columns migrations/0018 added, so the log's pages name the recipient and the consent scope.
          recipient_kind: 'referrer',
          consent_scope: 'share_with_referrer',
          basis: 'consent',
          consent_id: feedback.consentId,
          shared_by: userId,
          shared_at: now,
        })
        .execute()
      await trx.updateTable('episodes').set({ feedback_sent_at: now }).where('id', '=', episode.id).execute()
      await insertEvent(trx, { episode, kind: 'feedback_sent', userId, at: now })
      await audit(trx, context, {
        action: 'episode.feedback',
        recordType: 'episode',
        recordId: episode.id,
        organisationId: episode.organisation_id,
        detail: {
          personId: episode.person_id,
          referralId: episode.referral_id,
          sharedWith: referrerOrganisationId,
          consentId: feedback.consentId,
        },
      })
    }
    return { ok: true, followUpsEnded, feedbackSent: Boolean(feedback?.ok) }
  })
  // Handed to the notifier only once the closing has committed; a failure to send never undoes it.
  if (outcome.ok && notification) await deliver(app, request, notification)
  return outcome
}
