import type { ColumnType } from 'kysely'

/** Kysely type for migrations/0026 (the outcome module's own aggregate), merged into ReportTables. */
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>

export interface ReportOutcomePairsTable {
  referral_id: string
  episode_id: string
  person_id: string
  instrument_id: string
  series: string
  subject_id: string
  baseline_value: number
  baseline_on: Day
  latest_value: number | null
  latest_on: NullableDay
  meets_threshold: boolean | null
}

export interface ReportOutcomeTables {
  report_outcome_pairs: ReportOutcomePairsTable
}
