import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { FeedbackForm } from './feedback-rules.js'
import type { FeedbackSource, FeedbackStatus } from './schema.js'

type Db = Kysely<DB> | Transaction<DB>

const columns = (f: FeedbackForm) => ({
  received_on: f.receivedOn,
  source: f.source,
  said: f.said,
  action: f.action,
  owner: f.owner,
  status: f.status,
  not_possible_reason: f.notPossibleReason,
  done_on: f.doneOn,
})

export async function insertFeedback(
  trx: Transaction<DB>,
  organisationId: string,
  f: FeedbackForm,
  userId: string,
  now: Date,
) {
  const row = await trx
    .insertInto('feedback_log')
    .values({ organisation_id: organisationId, ...columns(f), created_by: userId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateFeedback(trx: Transaction<DB>, id: string, f: FeedbackForm, now: Date) {
  await trx
    .updateTable('feedback_log')
    .set({ ...columns(f), updated_at: now })
    .where('id', '=', id)
    .execute()
}

export function findFeedback(db: Db, id: string) {
  return db.selectFrom('feedback_log as f').selectAll('f').where('f.id', '=', id).executeTakeFirst()
}

export type FeedbackRow = NonNullable<Awaited<ReturnType<typeof findFeedback>>>

export interface FeedbackFilters {
  status?: FeedbackStatus
  source?: FeedbackSource
}

/** The organisation's log, newest feedback first. */
export function listFeedback(db: Db, organisationId: string, f: FeedbackFilters) {
  return db
    .selectFrom('feedback_log as f')
    .selectAll('f')
    .where('f.organisation_id', '=', organisationId)
    .$if(f.status !== undefined, (q) => q.where('f.status', '=', f.status as FeedbackStatus))
    .$if(f.source !== undefined, (q) => q.where('f.source', '=', f.source as FeedbackSource))
    .orderBy('f.received_on', 'desc')
    .orderBy('f.created_at', 'desc')
    .limit(500)
    .execute()
}
