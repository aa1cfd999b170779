import type { ColumnType } from 'kysely'

/*
 * What the person says changed, asked at closing (migrations/0030_closing_outcomes.sql, docs/closing-outcomes.md):
 * one question per Core Data Set statement that no other record answers. Each question's answers are its codes;
 * "not asked" is no answer (null), so a report counts only the people who were asked.
 */
const yesNo = ['yes', 'no', 'not_known'] as const

export const closingOutcomeItems = [
  { name: 'learntSkills', column: 'learnt_skills', cds: 1, answers: yesNo },
  { name: 'knowsSupport', column: 'knows_support', cds: 74, answers: yesNo },
  { name: 'startedVolunteering', column: 'started_volunteering', cds: 79, answers: yesNo },
  { name: 'benefitsIncome', column: 'benefits_income', cds: 89, answers: ['increased', 'decreased', 'no_change', 'not_known'] },
  {
    name: 'employment',
    column: 'employment',
    cds: 63,
    answers: ['into_work', 'more_hours', 'fewer_hours', 'out_of_work', 'no_change', 'not_known'],
  },
  { name: 'medication', column: 'medication', cds: 62, answers: ['reduced', 'increased', 'no_change', 'not_known'] },
  { name: 'statutoryGap', column: 'statutory_gap', cds: 110, answers: yesNo },
  { name: 'carersAssessment', column: 'carers_assessment', cds: 12, answers: yesNo },
  { name: 'carerSupportsAccess', column: 'carer_supports_access', cds: 33, answers: yesNo },
] as const

export type ClosingOutcomeItem = (typeof closingOutcomeItems)[number]
export type ClosingOutcomeName = ClosingOutcomeItem['name']
export type ClosingOutcomeColumn = ClosingOutcomeItem['column']
/** Every item's answer, or null for "not asked". */
export type ClosingOutcomeAnswers = Record<ClosingOutcomeName, string | null>

/** The value a form sends for "not asked" (the API also takes null or leaving the property out). */
export const NOT_ASKED = 'not_asked'

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>

export type EpisodeClosingOutcomeTable = {
  episode_id: string
  person_id: string
  organisation_id: string
  recorded_by: string | null
  recorded_at: Stamp
  updated_at: Stamp
} & Record<ClosingOutcomeColumn, string | null>

export interface ClosingOutcomeTables {
  episode_closing_outcomes: EpisodeClosingOutcomeTable
}
