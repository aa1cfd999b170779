import type { ColumnType, Generated } from 'kysely'
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
  decline_reason: string | null
  reasons: ColumnType<string[], string[] | undefined, string[]>
  used_before: string | null
  prior_referrals: ColumnType<number, number | undefined, number>
  first_seen_on: NullableDay
  contacts_attended: ColumnType<number, number | undefined, number>
  last_seen_on: NullableDay
  levels: ColumnType<string[], string[] | undefined, string[]>
  escalated_to_holistic: ColumnType<boolean, boolean | undefined, boolean>
  wellbeing_paired: ColumnType<boolean, boolean | undefined, boolean>
  wellbeing_improved: ColumnType<boolean, boolean | undefined, boolean>
  refreshed_at: Stamp
}

/** Migration 0025: the refresh queue, and the engine's per-connection and per-contact facts. */
export interface ReportDirtyReferralsTable {
  referral_id: string
  marked_at: Stamp
}

export interface ReportConnectionFactsTable {
  connection_id: string
  referral_id: string
  person_id: string
  kind: string | null
  status: string
  service_id: string
  service_organisation_id: string | null
  categories: ColumnType<string[], string[] | undefined, string[]>
  attending_types: ColumnType<string[], string[] | undefined, string[]>
  created_on: Day
  reached_referred: ColumnType<boolean, boolean | undefined, boolean>
  reached_accepted: ColumnType<boolean, boolean | undefined, boolean>
  reached_attended: ColumnType<boolean, boolean | undefined, boolean>
  reached_completed: ColumnType<boolean, boolean | undefined, boolean>
  accepted_on: NullableDay
  first_attended_on: NullableDay
  ended_on: NullableDay
  did_not_attend_count: ColumnType<number, number | undefined, number>
  /** Migration 0042: the referral facts' local authority and reasons, so the connection pass need not join them. */
  local_authority_code: string | null
  reasons: ColumnType<string[], string[] | undefined, string[]>
}

export interface ReportContactFactsTable {
  contact_id: string
  referral_id: string
  occurred_on: Day
  did_not_attend: boolean
  /** Migration 0036: what the #13 and #81 measures read, so they need not scan support_contacts. */
  person_id: string | null
  occurred_at: Date | null
  barriers: Generated<string[]>
  in_chosen_language: Generated<boolean>
}

export interface ReportTables extends ReportOutcomeTables {
  report_referral_facts: ReportReferralFactsTable
  report_dirty_referrals: ReportDirtyReferralsTable
  report_connection_facts: ReportConnectionFactsTable
  report_contact_facts: ReportContactFactsTable
}
