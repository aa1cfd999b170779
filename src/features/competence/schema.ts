import type { ColumnType, Generated } from 'kysely'
import type { Rating } from './areas.js'

/** Kysely types for self-assessment against the Competence Framework (migrations/0031), merged into the DB type. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>

export interface CompetenceSelfAssessmentTable {
  id: Generated<string>
  user_id: string
  organisation_id: string
  assessed_on: Day
  created_at: CreatedAt
}

export interface CompetenceRatingTable {
  assessment_id: string
  area_id: string
  rating: Rating
  evidence: string | null
}

export interface DevelopmentPlanItemTable {
  id: Generated<string>
  user_id: string
  organisation_id: string
  area_id: string
  action: string
  due_on: NullableDay
  status: ColumnType<'planned' | 'in_progress' | 'done', 'planned' | 'in_progress' | 'done' | undefined, 'planned' | 'in_progress' | 'done'>
  created_at: CreatedAt
  updated_at: Stamp
}

export interface CompetenceTables {
  competence_self_assessments: CompetenceSelfAssessmentTable
  competence_ratings: CompetenceRatingTable
  development_plan_items: DevelopmentPlanItemTable
}
