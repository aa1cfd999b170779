import type { ColumnType, Generated } from 'kysely'
import type { ClosingOutcomeTables } from './closing-outcomes-schema.js'

/**
 * Kysely types for the episode of support's own table (migrations/0015_episode_closing.sql), merged into the
 * platform's DB type in src/platform/db/schema.ts; the new columns of `episodes` are in EpisodeTable there.
 */

/** CS "Organisation and delivery"; CDS #107 (signposted only), #22 (early help), #21 and #30 (holistic, over time). */
export const levelsOfSupport = ['signposting', 'short_term', 'holistic'] as const
export type LevelOfSupport = (typeof levelsOfSupport)[number]

/** Issue 5 §11, DESIGN §2 step 10: why an episode ends. */
export const closingReasons = [
  'goals_met',
  'withdrew',
  'disengaged',
  'moved_away',
  'transferred',
  'not_appropriate',
  'died',
] as const
export type ClosingReason = (typeof closingReasons)[number]

export const episodeEventKinds = ['level_set', 'level_changed', 'closed', 'feedback_sent', 'transferred'] as const
export type EpisodeEventKind = (typeof episodeEventKinds)[number]

export interface EpisodeEventTable {
  id: Generated<string>
  episode_id: string
  person_id: string
  organisation_id: string
  kind: EpisodeEventKind
  level_of_support: LevelOfSupport | null
  previous_level: LevelOfSupport | null
  closing_reason: ClosingReason | null
  organisation_to: string | null
  actor_user_id: string | null
  at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface EpisodeTables extends ClosingOutcomeTables {
  episode_events: EpisodeEventTable
}
