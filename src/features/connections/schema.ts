import type { ColumnType, Generated } from 'kysely'

/**
 * Kysely types for connections to community assets (migrations/0012_connections.sql), merged into the platform's
 * DB type in src/platform/db/schema.ts.
 */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string | undefined, string>

export const connectionKinds = ['signpost', 'referral', 'supported_introduction'] as const
export type ConnectionKind = (typeof connectionKinds)[number]

export const connectionStatuses = ['suggested', 'signposted', 'referred', 'introduced', 'accepted', 'declined', 'waitlisted', 'first_attended', 'attending', 'did_not_attend', 'completed', 'disengaged', 'withdrew'] as const
export type ConnectionStatus = (typeof connectionStatuses)[number]

export type Side = 'practitioner' | 'asset'

export interface ConnectionTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  service_id: string
  kind: ConnectionKind
  status: ConnectionStatus
  need_to_know: Json<Record<string, string>>
  decline_reason: string | null
  waiting_weeks: number | null
  first_attended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_by: string | null
  created_at: Stamp
  updated_at: Stamp
}

export interface ConnectionEventTable {
  id: Generated<string>
  connection_id: string
  from_status: ConnectionStatus | null
  to_status: ConnectionStatus
  side: Side
  note: string | null
  actor_user_id: string | null
  at: Stamp
}

export interface InformationSharingLogTable {
  id: Generated<string>
  person_id: string
  organisation_id: string
  connection_id: string | null
  service_id: string | null
  shared_with_organisation_id: string | null
  shared_with_name: string
  fields: string[]
  purpose: string
  basis: 'consent' | 'safeguarding_duty'
  consent_id: string | null
  shared_by: string | null
  shared_at: Stamp
}

export interface ConnectionTables {
  connections: ConnectionTable
  connection_events: ConnectionEventTable
  information_sharing_log: InformationSharingLogTable
}
