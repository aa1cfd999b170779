import type { ColumnType, Generated } from 'kysely'

/** Kysely types for the workforce record and dataset (migrations/0033), merged into the platform's DB type. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>
/** numeric columns come back as strings from PostgreSQL (and PGlite); written as numbers. */
type Numeric = ColumnType<string, number | string, number | string>

export interface WorkforceRecordTable {
  id: Generated<string>
  user_id: string
  organisation_id: string
  job_title: string
  setting: string
  setting_note: string | null
  contracted_hours: Numeric
  fte: Numeric
  start_date: Day
  end_date: NullableDay
  welsh_skill: string
  updated_at: Stamp
  updated_by: string | null
}

export interface DbsCheckTable {
  id: Generated<string>
  user_id: string
  organisation_id: string
  level: string
  checked_on: Day
  certificate_reference: string | null
  renewal_months: ColumnType<number, number | undefined, number>
  update_service: ColumnType<boolean, boolean | undefined, boolean>
  created_at: CreatedAt
  created_by: string | null
}

export interface TrainingRecordTable {
  id: Generated<string>
  organisation_id: string
  kind: 'attended' | 'delivered'
  user_id: string | null
  attendees: number | null
  title: string
  provider: string | null
  status: ColumnType<'planned' | 'completed', 'planned' | 'completed' | undefined, 'planned' | 'completed'>
  held_on: Day
  hours: Numeric
  targeted: ColumnType<boolean, boolean | undefined, boolean>
  data_collection: ColumnType<boolean, boolean | undefined, boolean>
  competence_area_ids: ColumnType<string[], string[] | undefined, string[]>
  created_at: CreatedAt
  created_by: string | null
}

export interface VolunteerCountTable {
  id: Generated<string>
  organisation_id: string
  period_from: Day
  period_to: Day
  volunteers: number
  hours: Numeric
  created_at: CreatedAt
  created_by: string | null
}

export interface WorkforceTables {
  workforce_records: WorkforceRecordTable
  dbs_checks: DbsCheckTable
  training_records: TrainingRecordTable
  volunteer_counts: VolunteerCountTable
}
