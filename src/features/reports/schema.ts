import type { ColumnType } from 'kysely'
import type { ReportOutcomeTables } from './measures/outcomes-schema.js'

/** Kysely types for the reports' aggregates (migrations/0024–0026), merged into the platform's DB type. */
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface ReportReferralFactsTable {
  referral_id: string
  episode_id: string | null
  person_id: string
  organisation_id: string
  team_id: string | null
  practitioner_id: string | null
  local_authority_code: string | null
  health_board_code: string | null
  rpb_code: string | null
  route: string
  channel: string
  referrer_role: string | null
  age_band: string | null
  sex: string | null
  ethnicity: string | null
  disability: string | null
  wimd_quintile: number | null
  language: string | null
  received_on: Day
  status: string
  first_contact_on: NullableDay
  episode_started_on: NullableDay
  episode_ended_on: NullableDay
  closing_reason: string | null
  level_of_support: string | null
  what_matters_completed: ColumnType<boolean, boolean | undefined, boolean>
  refreshed_at: Stamp
}

export interface ReportTables extends ReportOutcomeTables {
  report_referral_facts: ReportReferralFactsTable
}
