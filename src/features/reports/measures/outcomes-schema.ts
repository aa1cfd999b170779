import type { ColumnType } from 'kysely'

/** Kysely types for migrations/0026 (the outcome module's own aggregates), merged into ReportTables. */
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
  counted_on: NullableDay
}

export interface ReportMeasureAdministrationsTable {
  referral_id: string
  instrument_id: string
  taken_on: Day
  administrations: number
}

export interface ReportOutcomeTables {
  report_outcome_pairs: ReportOutcomePairsTable
  report_measure_administrations: ReportMeasureAdministrationsTable
}
