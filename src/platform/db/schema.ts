import type { ColumnType, Generated } from 'kysely'
import type { ConnectionTables } from '../../features/connections/schema.js'
import type { ClosingReason, EpisodeTables } from '../../features/episodes/schema.js'
import type { DirectoryTables } from '../../features/directory/schema.js'
import type { ContactTables } from '../../features/contacts/schema.js'
import type { FollowUpTables } from '../../features/follow-ups/schema.js'
import type { PlanTables } from '../../features/plans/schema.js'
import type { SafeguardingTables } from '../../features/safeguarding/schema.js'
import type { WhatMattersTables } from '../../features/what-matters/schema.js'
import type { InstrumentTables } from '../../features/instruments/schema.js'
import type { MeasureTables } from '../../features/measures/schema.js'
import type { CompletionLinkTables } from '../../features/self-completion/schema.js'
import type { ExperienceTables } from '../../features/experience/schema.js'
import type { CaseStudyTables } from '../../features/case-studies/schema.js'
import type { ReportTables } from '../../features/reports/schema.js'
import type { ServiceReturnTables } from '../../features/service-returns/schema.js'
import type { TeamTables } from '../../features/teams/schema.js'
import type { PopulationTables } from '../../features/population/schema.js'
import type { CompetenceTables } from '../../features/competence/schema.js'
import type { SupervisionTables } from '../../features/supervision/schema.js'
import type { WorkforceTables } from '../../features/workforce/schema.js'
import type { StandardsAssessmentTables } from '../../features/standards-assessment/schema.js'

/** Table types for Kysely. Keep in step with migrations/ (docs/data-model.md describes each table). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface RegionalPartnershipBoardTable {
  code: string
  name_en: string
  name_cy: string
}
export interface HealthBoardTable {
  code: string
  name_en: string
  name_cy: string
  regional_partnership_board_code: string
}
export interface LocalAuthorityTable {
  code: string
  name_en: string
  name_cy: string
  health_board_code: string
}

export const organisationTypes = ['provider', 'referrer', 'asset', 'commissioner'] as const
export type OrganisationType = (typeof organisationTypes)[number]

export interface OrganisationTable {
  id: Generated<string>
  name: string
  name_cy: string | null
  type: OrganisationType
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}
export interface OrganisationAreaTable {
  organisation_id: string
  local_authority_code: string
}

export const roles = ['admin', 'practitioner', 'team_lead', 'referrer', 'asset', 'directory_editor', 'commissioner', 'safeguarding_lead'] as const
export type Role = (typeof roles)[number]

export interface UserTable {
  id: Generated<string>
  organisation_id: string
  /** The user's team, one of their organisation's (migrations/0029, features/teams). */
  team_id: ColumnType<string | null, string | null | undefined, string | null>
  email: string
  name: string
  password_hash: string | null
  active: Generated<boolean>
  failed_sign_ins: Generated<number>
  locked_until: NullableTimestamp
  password_changed_at: NullableTimestamp
  last_sign_in_at: NullableTimestamp
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}
export interface UserRoleTable {
  user_id: string
  role: Role
}

export interface SessionTable {
  id_hash: string
  user_id: string
  created_at: CreatedAt
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>
  expires_at: Timestamp
}

export interface ApiTokenTable {
  id: Generated<string>
  user_id: string
  name: string
  token_hash: string
  prefix: string
  created_at: CreatedAt
  expires_at: Timestamp
  revoked_at: NullableTimestamp
  last_used_at: NullableTimestamp
}

export interface AuditEventTable {
  id: Generated<number>
  occurred_at: CreatedAt
  actor_user_id: string | null
  action: string
  record_type: string | null
  record_id: string | null
  organisation_id: string | null
  request_id: string | null
  client_address: string | null
  outcome: ColumnType<'success' | 'refused' | 'failed', 'success' | 'refused' | 'failed' | undefined, never>
  detail: ColumnType<Record<string, unknown> | null, string | null | undefined, never>
}

export interface SchemaMigrationTable {
  version: string
  name: string
  applied_at: CreatedAt
}

export interface PostcodeTable {
  postcode: string
  latitude: number
  longitude: number
  local_authority_code: string | null
  lsoa_code: string | null
}
export interface PostcodeDistrictTable {
  outcode: string
  latitude: number
  longitude: number
}
export interface WimdRankTable {
  lsoa_code: string
  rank: number
  decile: number
  quintile: number
  edition: Generated<string>
}

type Updated = ColumnType<Date, Date | string | undefined, Date | string>

export interface PersonTable {
  id: Generated<string>
  organisation_id: string
  given_name: string
  family_name: string
  match_name: string
  date_of_birth: string
  nhs_number: string | null
  postcode: string | null
  local_authority_code: string | null
  lsoa_code: string | null
  wimd_decile: number | null
  phone: string | null
  email: string | null
  address: string | null
  contact_methods: Generated<string[]>
  contact_times: string | null
  safe_to_leave_message: boolean | null
  language: Generated<'cy' | 'en'>
  welsh_offer_made: Generated<boolean>
  communication_needs: Generated<string[]>
  interpreter_language: string | null
  sex: string | null
  gender_identity: string | null
  sexual_orientation: string | null
  ethnicity: string | null
  religion: string | null
  disability: string | null
  pregnancy_maternity: string | null
  marital_status: string | null
  is_carer: string | null
  has_support: string | null
  housing_tenure: string | null
  used_social_prescribing_before: string | null
  guardian_name: string | null
  guardian_relationship: string | null
  guardian_contact: string | null
  guardian_has_parental_responsibility: boolean | null
  duplicate_of: string | null
  created_at: CreatedAt
  updated_at: Updated
}

export const referralRoutes = ['self', 'primary_care', 'secondary_care', 'social_services', 'housing', 'police', 'fire_and_rescue', 'education', 'job_centre', 'third_sector', 'other'] as const
export type ReferralRoute = (typeof referralRoutes)[number]
export const referralStatuses = ['received', 'accepted', 'declined', 'unable_to_contact'] as const
export type ReferralStatus = (typeof referralStatuses)[number]

export interface ReferralTable {
  id: Generated<string>
  reference: string
  person_id: string
  organisation_id: string
  route: ReferralRoute
  channel: 'self_referral_form' | 'professional_form' | 'api' | 'practitioner'
  referrer_user_id: string | null
  referrer_organisation_id: string | null
  referrer_name: string | null
  referrer_role: string | null
  referrer_organisation_name: string | null
  referrer_contact: string | null
  reasons: string[]
  reason_details: string | null
  clinical_diagnosis: string | null
  risks: string | null
  lone_worker_risk: Generated<boolean>
  urgency: Generated<'routine' | 'soon' | 'urgent'>
  crisis: Generated<boolean>
  person_agreed: boolean
  share_outcome_with_referrer: Generated<boolean>
  consent_given_by: Generated<'person' | 'parent_guardian'>
  young_person_competent: boolean | null
  status: Generated<ReferralStatus>
  received_at: ColumnType<Date, Date | string | undefined, Date | string>
  first_contact_at: NullableTimestamp
  triaged_at: NullableTimestamp
  triaged_by: string | null
  decline_reason: string | null
  decline_explanation: string | null
  redirected_to: string | null
  allocated_practitioner_id: string | null
  created_at: CreatedAt
  updated_at: Updated
}

export interface ReferralContactAttemptTable {
  id: Generated<string>
  referral_id: string
  organisation_id: string
  attempted_at: ColumnType<Date, Date | string | undefined, Date | string>
  mode: 'phone' | 'email' | 'text' | 'letter' | 'in_person' | 'video'
  successful: boolean
  note: string | null
  recorded_by: string | null
}

export interface EpisodeTable {
  id: Generated<string>
  person_id: string
  referral_id: string
  organisation_id: string
  practitioner_id: string | null
  status: Generated<'open' | 'closed'>
  started_at: ColumnType<Date, Date | string | undefined, Date | string>
  ended_at: NullableTimestamp
  /** CDS #21, #22, #30, #107 (migrations/0014); null until chosen. */
  level_of_support: 'signposting' | 'short_term' | 'holistic' | null
  /** Closing, feedback to the referrer and transfer (migrations/0015). */
  closing_reason: ClosingReason | null
  closing_summary: string | null
  closed_by: string | null
  feedback_sent_at: NullableTimestamp
  transferred_to_organisation_id: string | null
  transferred_to_referral_id: string | null
}

export const consentScopes = ['receive_support', 'share_with_referrer', 'share_with_assets', 'contact_for_feedback', 'case_study', 'transfer'] as const
export type ConsentScope = (typeof consentScopes)[number]

export interface ConsentTable {
  id: Generated<string>
  person_id: string
  organisation_id: string
  scope: ConsentScope
  given: boolean
  method: 'online_form' | 'verbal' | 'written' | 'via_referrer' | 'api'
  given_by: Generated<'person' | 'parent_guardian' | 'representative'>
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>
  recorded_by: string | null
  note: string | null
}

export interface NotificationTable {
  id: Generated<string>
  organisation_id: string
  referral_id: string | null
  /** Set for news of a connection to a community asset (migrations/0012). */
  connection_id: string | null
  recipient_user_id: string | null
  kind: string
  channel: Generated<string>
  created_at: CreatedAt
  sent_at: NullableTimestamp
}

export interface DB extends DirectoryTables, ConnectionTables, EpisodeTables, WhatMattersTables, PlanTables, FollowUpTables, ContactTables, SafeguardingTables, InstrumentTables, MeasureTables, CompletionLinkTables, ExperienceTables, CaseStudyTables, ReportTables, ServiceReturnTables, TeamTables, PopulationTables, CompetenceTables, SupervisionTables, WorkforceTables, StandardsAssessmentTables {
  regional_partnership_boards: RegionalPartnershipBoardTable
  health_boards: HealthBoardTable
  local_authorities: LocalAuthorityTable
  organisations: OrganisationTable
  organisation_areas: OrganisationAreaTable
  users: UserTable
  user_roles: UserRoleTable
  sessions: SessionTable
  api_tokens: ApiTokenTable
  audit_events: AuditEventTable
  schema_migrations: SchemaMigrationTable
  postcodes: PostcodeTable
  postcode_districts: PostcodeDistrictTable
  wimd_ranks: WimdRankTable
  people: PersonTable
  referrals: ReferralTable
  referral_contact_attempts: ReferralContactAttemptTable
  episodes: EpisodeTable
  consents: ConsentTable
  notifications: NotificationTable
  self_referral_drafts: SelfReferralDraftTable
}

export interface SelfReferralDraftTable {
  id_hash: string
  answers: ColumnType<Record<string, unknown>, string, string>
  created_at: CreatedAt
  expires_at: Timestamp
}
