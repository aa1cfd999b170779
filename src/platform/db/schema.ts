import type { ColumnType, Generated } from 'kysely'

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

export const roles = ['admin', 'practitioner', 'team_lead', 'referrer', 'asset', 'directory_editor', 'commissioner'] as const
export type Role = (typeof roles)[number]

export interface UserTable {
  id: Generated<string>
  organisation_id: string
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

export interface DB {
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
}
