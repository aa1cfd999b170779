import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

/**
 * HOOK for the contacts feature (issue 5 §6, migrations/0017, built separately): the date of the latest contact
 * with the person for each episode on the caseload, in ONE query for the whole list (for example
 * `select episode_id, max(occurred_at) from contacts where episode_id in (…) and not did_not_attend group by
 * episode_id`). Until that is wired in it returns nothing, and the caseload leaves its "Last contact" column out
 * rather than showing a column of blanks. Call it with the caseload's own transaction.
 */
export async function lastContactByEpisode(
  _db: Kysely<DB> | Transaction<DB>,
  _episodeIds: readonly string[],
): Promise<Map<string, Date> | null> {
  return null
}
