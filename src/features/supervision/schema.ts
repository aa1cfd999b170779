import type { ColumnType, Generated } from 'kysely'

/** Kysely types for supervision (migrations/0032), merged into the platform's DB type. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>

export const sessionKinds = ['one_to_one', 'group', 'peer', 'clinical'] as const
export type SessionKind = (typeof sessionKinds)[number]
export type ActionStatus = 'open' | 'done'

export interface SupervisionSessionTable {
  id: Generated<string>
  organisation_id: string
  supervisee_id: string
  supervisor_id: string
  held_on: Day
  kind: SessionKind
  topics: ColumnType<string[], string[] | undefined, string[]>
  topics_note: string | null
  recorded_by: string | null
  created_at: CreatedAt
}

export interface SupervisionActionTable {
  id: Generated<string>
  session_id: string
  description: string
  owner_id: string
  due_on: NullableDay
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>
  done_on: NullableDay
  follow_up_note: string | null
  created_at: CreatedAt
}

export interface SupervisionReflectionTable {
  id: Generated<string>
  session_id: string
  author_id: string
  text: string
  created_at: CreatedAt
}

export interface SupervisionTables {
  supervision_sessions: SupervisionSessionTable
  supervision_actions: SupervisionActionTable
  supervision_reflections: SupervisionReflectionTable
}
