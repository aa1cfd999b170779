import type { ColumnType, Generated } from 'kysely'

/** Kysely types for follow-ups and tasks (migrations/0014), merged into the platform's DB type. */
export const followUpKinds = ['connection', 'plan_review', 'task'] as const
export type FollowUpKind = (typeof followUpKinds)[number]
export const followUpStatuses = ['open', 'done', 'not_done'] as const
export type FollowUpStatus = (typeof followUpStatuses)[number]

export interface FollowUpTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  kind: FollowUpKind
  connection_id: string | null
  action_plan_id: string | null
  description: string | null
  /** A calendar date (YYYY-MM-DD): what is due on a day, not at an instant. */
  due_on: ColumnType<string, string, string>
  assigned_to: string | null
  status: Generated<FollowUpStatus>
  outcome_note: string | null
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  completed_by: string | null
  created_by: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface FollowUpTables {
  follow_ups: FollowUpTable
}
