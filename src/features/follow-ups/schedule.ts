import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { FollowUpKind } from './schema.js'

/** CF 6.1: a practitioner checks how a connection went about two weeks after it was made. */
export const CONNECTION_FOLLOW_UP_DAYS = 14

/** The calendar date `days` after `from`, as YYYY-MM-DD in UTC (dates of follow-ups are days, not instants). */
export function addDays(from: Date, days: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days))
  return d.toISOString().slice(0, 10)
}

export interface NewFollowUp {
  personId: string
  episodeId: string
  organisationId: string
  kind: FollowUpKind
  dueOn: string
  connectionId?: string | null
  actionPlanId?: string | null
  description?: string | null
  /** Whose caseload it appears on: by default the episode's practitioner. */
  assignedTo?: string | null
  createdBy: string | null
}

/**
 * Schedules a follow-up inside the caller's audited transaction (connections, plans and the practitioner's own
 * tasks all come through here), on the caseload of the episode's practitioner unless told otherwise.
 */
export async function scheduleFollowUp(trx: Transaction<DB>, f: NewFollowUp): Promise<string> {
  const assignedTo =
    f.assignedTo !== undefined
      ? f.assignedTo
      : ((await trx.selectFrom('episodes').select('practitioner_id').where('id', '=', f.episodeId).executeTakeFirst())
          ?.practitioner_id ?? null)
  const row = await trx
    .insertInto('follow_ups')
    .values({
      person_id: f.personId,
      episode_id: f.episodeId,
      organisation_id: f.organisationId,
      kind: f.kind,
      due_on: f.dueOn,
      connection_id: f.connectionId ?? null,
      action_plan_id: f.actionPlanId ?? null,
      description: f.description ?? null,
      assigned_to: assignedTo,
      created_by: f.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
