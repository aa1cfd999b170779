import type { ColumnType, Generated } from 'kysely'

/** Kysely types for teams (migrations/0029), merged into the platform's DB type. `users.team_id` is on UserTable. */
export interface TeamTable {
  id: Generated<string>
  organisation_id: string
  name: string
  name_cy: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface TeamTables {
  teams: TeamTable
}
