import type { ColumnType, Generated } from 'kysely'

/** Kysely types for the 'What Matters' conversation (migrations/0014, 0016), merged into the platform's DB type. */
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type Codes = ColumnType<string[], string[] | undefined, string[]>

export const settingPreferences = ['indoor', 'outdoor', 'either'] as const
export const groupPreferences = ['group', 'one_to_one', 'either'] as const
export const welshMediumPreferences = ['yes', 'no', 'no_preference'] as const
export const timesOfDay = ['morning', 'afternoon', 'evening', 'weekend'] as const

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
  /** CDS #108: theme codes of src/features/directory/matching/themes.ts. */
  themes: Codes
  own_words: string | null
  strengths: string | null
  /** CDS #53: the wellbeing domains in which the person presented a need (rules.ts wellbeingDomains). */
  needs_domains: Codes
  needs_note: string | null
  /** CDS #125: the referral's reasons when the conversation was recorded, and those the conversation confirmed. */
  referral_reasons: Codes
  confirmed_reasons: Codes
  emerged_issues: string | null
  /** CDS #37 and the other preferences. */
  setting_preference: (typeof settingPreferences)[number] | null
  group_preference: (typeof groupPreferences)[number] | null
  welsh_medium: (typeof welshMediumPreferences)[number] | null
  times_of_day: Codes
  travel: string | null
  updated_by: string | null
}

export interface WhatMattersTables {
  what_matters_conversations: WhatMattersConversationTable
}
