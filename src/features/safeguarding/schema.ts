import type { ColumnType, Generated } from 'kysely'

/** Kysely types for safeguarding concerns (CS Std 3, CF 2.4) (migrations/0018), merged into the platform's DB type. */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
/** A calendar date: read as YYYY-MM-DD text (the drivers are set up to return dates as strings). */
type Day = ColumnType<string, string, string>

/** CF 2.4's kinds of abuse and neglect, with self-neglect and exploitation (issue 5 §8). */
export const concernCategories = [
  'physical',
  'domestic_abuse',
  'psychological',
  'substance_misuse',
  'financial_or_material',
  'sexual',
  'neglect',
  'self_neglect',
  'organisational',
  'exploitation',
] as const
export type ConcernCategory = (typeof concernCategories)[number]

export const concernSubjects = ['adult', 'child'] as const
export type ConcernSubject = (typeof concernSubjects)[number]

/** CS Std 3 ¶50: the local authority under the Wales Safeguarding Procedures; the police; the worker's supervisor. */
export const escalationTargets = ['local_authority', 'police', 'supervisor'] as const
export type EscalationTarget = (typeof escalationTargets)[number]

export const concernStatuses = ['open', 'closed'] as const
export type ConcernStatus = (typeof concernStatuses)[number]

export type ConcernEventKind = 'raised' | 'escalated' | 'outcome' | 'closed' | 'reopened'

export interface SafeguardingConcernTable {
  id: Generated<string>
  person_id: string
  organisation_id: string
  episode_id: string | null
  connection_id: string | null
  category: ConcernCategory
  about: ConcernSubject
  noticed_on: Day
  what_happened: string
  action_taken: string | null
  outcome: string | null
  status: ColumnType<ConcernStatus, ConcernStatus | undefined, ConcernStatus>
  raised_by: string | null
  raised_by_side: ColumnType<'provider' | 'asset', 'provider' | 'asset' | undefined, 'provider' | 'asset'>
  raised_at: Stamp
  updated_at: Stamp
  closed_at: NullableStamp
  closed_by: string | null
}

export interface SafeguardingEscalationTable {
  id: Generated<string>
  concern_id: string
  escalated_to: EscalationTarget
  escalated_on: Day
  reference: string | null
  recorded_by: string | null
  recorded_at: Stamp
}

export interface SafeguardingConcernEventTable {
  id: Generated<string>
  concern_id: string
  kind: ConcernEventKind
  detail: string | null
  escalation_id: string | null
  actor_user_id: string | null
  at: Stamp
}

export interface SafeguardingTables {
  safeguarding_concerns: SafeguardingConcernTable
  safeguarding_escalations: SafeguardingEscalationTable
  safeguarding_concern_events: SafeguardingConcernEventTable
}
