import type { ColumnType, Generated } from 'kysely'

/** Kysely types for the action plan (migrations/0014, 0016), merged into the platform's DB type. */
export interface ActionPlanTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  /** Every save is a new version; the highest is the plan in force. */
  version: number
  review_on: ColumnType<string | null, string | null | undefined, string | null>
  created_by: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface PlanTables {
  action_plans: ActionPlanTable
}
