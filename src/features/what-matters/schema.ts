import type { ColumnType, Generated } from 'kysely'

/** Kysely types for the 'What Matters' conversation (migrations/0014, 0016), merged into the platform's DB type. */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface WhatMattersConversationTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  /** CDS #122: whether the conversation was completed. */
  completed: boolean
  held_on: ColumnType<string, string, string>
  recorded_by: string | null
  created_at: Stamp
  updated_at: Stamp
}

export interface WhatMattersTables {
  what_matters_conversations: WhatMattersConversationTable
}
