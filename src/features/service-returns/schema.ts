import type { ColumnType, Generated } from 'kysely'

/** Kysely types for service and activity returns (migrations/0027), merged into the platform's DB type. */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
/** A calendar date, read as YYYY-MM-DD text. */
type Day = ColumnType<string, string, string>
/** bigint and numeric come back from the drivers as text; written as numbers. */
type BigMoney = ColumnType<string | null, number | string | null | undefined, number | string | null>
type Decimal = ColumnType<string | null, number | string | null | undefined, number | string | null>
type Figure = number | null

/** #9: does the service's funding continue past the period? */
export const fundingAnswers = ['yes', 'no', 'not_known'] as const
export type FundingAnswer = (typeof fundingAnswers)[number]

export interface ServiceReturnTable {
  id: Generated<string>
  organisation_id: string
  period_from: Day
  period_to: Day
  running_costs_pence: BigMoney
  funding_continues: FundingAnswer | null
  funding_note: string | null
  staff_headcount: Figure
  staff_fte: Decimal
  volunteers: Figure
  practitioners_dbs_checked: Figure
  staff_trained_data_collection: Figure
  training_sessions: Figure
  staff_attending_training: Figure
  staff_completed_targeted_training: Figure
  satisfaction_respondents: Figure
  satisfaction_satisfied: Figure
  version: Generated<number>
  created_by: string | null
  created_at: Stamp
  updated_by: string | null
  updated_at: Stamp
}

export interface ActivityReturnTable {
  id: Generated<string>
  service_id: string
  organisation_id: string
  period_from: Day
  period_to: Day
  running_costs_pence: BigMoney
  users_completed_training: Figure
  user_training_sessions: Figure
  users_accessing_training: Figure
  staff_satisfaction_respondents: Figure
  staff_satisfaction_satisfied: Figure
  version: Generated<number>
  created_by: string | null
  created_at: Stamp
  updated_by: string | null
  updated_at: Stamp
}

export interface ReturnVersionTable {
  id: Generated<string>
  return_kind: 'service' | 'activity'
  return_id: string
  version: number
  figures: ColumnType<Record<string, unknown>, string, string>
  changed_by: string | null
  changed_at: Stamp
}

export interface ServiceReturnTables {
  service_returns: ServiceReturnTable
  activity_returns: ActivityReturnTable
  return_versions: ReturnVersionTable
}
