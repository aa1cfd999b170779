import type { ColumnType, Generated } from 'kysely'

/** Kysely types for outcomes in the person's own words and the experience survey (migrations/0022). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Day = ColumnType<string, string, string>
type Codes = ColumnType<string[], string[] | undefined, string[]>

export const ownWordsOccasions = ['review', 'closing', 'follow_up'] as const
export type OwnWordsOccasion = (typeof ownWordsOccasions)[number]

export interface OwnWordsOutcomeTable {
  id: Generated<string>
  person_id: string
  episode_id: string | null
  organisation_id: string
  said_on: Day
  words: string
  theme: string | null
  occasion: OwnWordsOccasion
  recorded_by: string | null
  created_at: CreatedAt
}

export interface ExperienceInvitationTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  sent_by: string | null
  created_at: CreatedAt
  replied: Generated<boolean>
}

export interface ExperienceReplyTable {
  id: Generated<string>
  organisation_id: string
  month: Day
  anonymous: boolean
  person_id: string | null
  episode_id: string | null
  invitation_id: string | null
  received_at: ColumnType<Date | null, Date | string | null | undefined, never>
  service_satisfaction: number | null
  information_satisfaction: number | null
  influenced_decisions: number | null
  positive_experience: number | null
  service_barriers: Codes
  practitioner_barriers: Codes
  comment: string | null
}

export interface ExperienceServiceRatingTable {
  reply_id: string
  service_id: string
  satisfaction: number | null
}

export interface ExperienceTables {
  own_words_outcomes: OwnWordsOutcomeTable
  experience_invitations: ExperienceInvitationTable
  experience_replies: ExperienceReplyTable
  experience_service_ratings: ExperienceServiceRatingTable
}
