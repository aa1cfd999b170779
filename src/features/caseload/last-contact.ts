import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

/**
 * The latest contact that took place (not a missed one) for each episode on the caseload, in one query for the whole
 * list (the support_contacts (episode_id, occurred_at) index answers it). Episodes without one are absent from the
 * map. Call it with the caseload's own transaction.
 */
export async function lastContactByEpisode(db: Kysely<DB> | Transaction<DB>, episodeIds: readonly string[]): Promise<Map<string, Date>> {
  if (episodeIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('support_contacts')
    .select(['episode_id', (eb) => eb.fn.max('occurred_at').as('last')])
    .where('episode_id', 'in', episodeIds)
    .where('did_not_attend', '=', false)
    .groupBy('episode_id')
    .execute()
  return new Map(rows.map((r) => [r.episode_id, new Date(r.last as unknown as string | Date)]))
}
