import type { ColumnType, Generated } from 'kysely'

/**
 * Kysely types for connections to community assets (migrations/0012_connections.sql), merged into the platform's
 * DB type in src/platform/db/schema.ts.
 */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string | undefined, string>

export const connectionKinds = ['signpost', 'referral', 'supported_introduction'] as const
export type ConnectionKind = (typeof connectionKinds)[number]

export const connectionStatuses = [
  'suggested',
  'signposted',
  'referred',
  'introduced',
  'accepted',
  'declined',
  'waitlisted',
  'first_attended',
  'attending',
  'did_not_attend',
  'completed',
  'disengaged',
  'withdrew',
] as const
export type ConnectionStatus = (typeof connectionStatuses)[number]

export type Side = 'practitioner' | 'asset'

export const signpostFormats = ['leaflet', 'large_print', 'email', 'text_message', 'verbal'] as const
export type SignpostFormat = (typeof signpostFormats)[number]
export const travelModes = [
  'walk',
  'cycle',
  'bus',
  'train',
  'car',
  'community_transport',
  'taxi',
  'online',
  'other',
] as const
export type TravelMode = (typeof travelModes)[number]

export interface ConnectionTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  service_id: string
  /** Null while the connection is only suggested (issue 5 §5): the practitioner chooses the kind when acting on it. */
  kind: ConnectionKind | null
  status: ConnectionStatus
  need_to_know: Json<Record<string, string>>
  decline_reason: string | null
  waiting_weeks: number | null
  first_attended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Migration 0017 (issue 5 §5): a signpost's format and language, travel (CDS #17, #18), the asset's first response (#46, #104). */
  signpost_format: SignpostFormat | null
  signpost_language: 'cy' | 'en' | null
  travel_mode: TravelMode | null
  travel_distance_km: ColumnType<string | null, number | null | undefined, number | null>
  travel_distance_source: 'computed' | 'entered' | null
  first_responded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
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
  /** CDS #80 and #55 (migration 0017): codes from connections/barriers.ts, recorded with the move. */
  barriers: ColumnType<string[], string[] | undefined, string[]>
  not_acting_reasons: ColumnType<string[], string[] | undefined, string[]>
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
