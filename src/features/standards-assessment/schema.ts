import type { ColumnType, Generated } from 'kysely'

/** Kysely types for the Core Standards self-assessment (migrations/0034), merged into the platform's DB type. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>

export const ratings = ['not_started', 'partly', 'fully'] as const
export type StandardRating = (typeof ratings)[number]
export const assessmentStatuses = ['draft', 'complete'] as const
export type AssessmentStatus = (typeof assessmentStatuses)[number]
export const actionStatuses = ['open', 'done'] as const
export type ActionStatus = (typeof actionStatuses)[number]

export interface StandardsAssessmentTable {
  id: Generated<string>
  organisation_id: string
  assessed_on: Day
  completed_by: string | null
  status: ColumnType<AssessmentStatus, AssessmentStatus | undefined, AssessmentStatus>
  created_at: CreatedAt
}

export interface StandardsRatingTable {
  assessment_id: string
  statement_id: string
  rating: StandardRating
  evidence: string | null
}

export interface StandardsActionTable {
  id: Generated<string>
  assessment_id: string
  statement_id: string
  action: string
  owner_user_id: string | null
  owner_name: string | null
  due_on: NullableDay
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>
  done_on: NullableDay
  created_at: CreatedAt
}

export interface StandardsAssessmentTables {
  standards_assessments: StandardsAssessmentTable
  standards_ratings: StandardsRatingTable
  standards_actions: StandardsActionTable
}
