import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { Notification } from '../../platform/notify/notifier.js'
import { currentConsent } from '../person-record/consents.js'

/**
 * The referrer hears the outcome only when the person agreed to it with the referral and has not withdrawn
 * that consent since (a withdrawal applies at once): otherwise the notification is recorded with no recipient.
 */
export async function outcomeRecipient(trx: Transaction<DB>, referral: { referrer_user_id: string | null; share_outcome_with_referrer: boolean; person_id: string }): Promise<string | null> {
  if (!referral.referrer_user_id || !referral.share_outcome_with_referrer) return null
  const consent = await currentConsent(trx, referral.person_id, 'share_with_referrer')
  return consent && !consent.given ? null : referral.referrer_user_id
}

/** Writes the notifications row inside the decision's transaction; send it with `deliver` after commit. */
export async function queueNotification(
  trx: Transaction<DB>,
  referral: { id: string; organisation_id: string; referrer_user_id: string | null; share_outcome_with_referrer: boolean; person_id: string },
  kind: Notification['kind'],
): Promise<Notification> {
  const recipientUserId = await outcomeRecipient(trx, referral)
  const row = await trx
    .insertInto('notifications')
    .values({ organisation_id: referral.organisation_id, referral_id: referral.id, recipient_user_id: recipientUserId, kind })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { kind, notificationId: row.id, referralId: referral.id, recipientUserId }
}

/** Hands a committed notification to the notifier and marks it sent; a failure is logged, never undoes the decision. */
export async function deliver(app: FastifyInstance, request: FastifyRequest, notification: Notification): Promise<void> {
  try {
    await app.deps.notifier.send(notification)
    await app.deps.database.db.updateTable('notifications').set({ sent_at: new Date() }).where('id', '=', notification.notificationId).execute()
  } catch (error) {
    request.log.warn({ event: 'notification.failed', notificationId: notification.notificationId, err: { message: (error as Error).message } }, 'notification not sent')
  }
}
