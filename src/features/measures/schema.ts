import type { ColumnType, Generated } from 'kysely'
import type { Answers, Headline } from '../instruments/contract.js'

/** Kysely types for measures (migrations/0020), merged into the platform's DB type. */
type Json<T> = ColumnType<T, string | undefined, string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>

/** When in the episode a measure is taken (issue 6 §2): at the start, at a review, at the end, and after it. */
export const occasions = ['baseline', 'review', 'exit', 'follow_up'] as const
export type Occasion = (typeof occasions)[number]
export const measureModes = ['with_practitioner', 'self_completed', 'entered_scores'] as const
export type MeasureMode = (typeof measureModes)[number]
export const measureStatuses = ['awaiting_person', 'partial', 'complete'] as const
export type MeasureStatus = (typeof measureStatuses)[number]

export interface MeasureTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  instrument_id: string
  occasion: Occasion
  mode: MeasureMode
  status: MeasureStatus
  answers: Json<Answers>
  scores: ColumnType<Headline | null, string | null | undefined, string | null>
  item_language: 'cy' | 'en' | null
  taken_on: NullableDay
  created_by: string | null
  created_at: CreatedAt
  updated_at: Stamp
  completed_at: NullableStamp
}

export interface MeasureTables {
  measures: MeasureTable
}
