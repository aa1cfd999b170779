import type { ColumnType, Generated } from 'kysely'

/** Kysely types for the action plan (migrations/0014, 0016), merged into the platform's DB type. */
type Day = ColumnType<string, string, string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>

export const agreementMethods = ['verbal', 'written', 'electronic', 'other'] as const
export type AgreementMethod = (typeof agreementMethods)[number]
/** CDS #82, #83: whether the person achieved a goal, recorded at the end (docs/what-matters-and-plans.md). */
export const attainments = ['not_achieved', 'partly', 'fully'] as const
export type Attainment = (typeof attainments)[number]
export const scoreOccasions = ['start', 'review', 'end'] as const
export type ScoreOccasion = (typeof scoreOccasions)[number]

export interface ActionPlanTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  /** Every save is a new version; the highest is the plan in force. */
  version: number
  review_on: ColumnType<string | null, string | null | undefined, string | null>
  created_by: string | null
  created_at: CreatedAt
  /** The date of this version of the plan; a review date must come after it. */
  plan_on: Day
  /** CF 5.3: what matters to the person, how best they can be supported, what people need to know about them, the
   * support they are being connected to, what they can do themselves. */
  what_matters: string
  how_supported: string | null
  need_to_know: string | null
  support_connected: string | null
  self_actions: string | null
  /** CDS #98. */
  co_produced: boolean
  agreed: boolean
  agreement_method: AgreementMethod | null
  agreed_on: ColumnType<string | null, string | null | undefined, string | null>
}

export interface PlanGoalTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  created_at: CreatedAt
}

export interface ActionPlanGoalTable {
  action_plan_id: string
  goal_id: string
  position: number
  description: string
}

export interface PlanReviewTable {
  id: Generated<string>
  person_id: string
  episode_id: string
  organisation_id: string
  action_plan_id: string
  occasion: 'review' | 'end'
  reviewed_on: Day
  note: string | null
  next_review_on: ColumnType<string | null, string | null | undefined, string | null>
  recorded_by: string | null
  created_at: CreatedAt
}

export interface PlanGoalScoreTable {
  id: Generated<string>
  goal_id: string
  organisation_id: string
  action_plan_id: string
  review_id: string | null
  occasion: ScoreOccasion
  confidence: number | null
  motivation: number | null
  attainment: Attainment | null
  recorded_on: Day
  recorded_by: string | null
  created_at: CreatedAt
}

export interface PlanTables {
  action_plans: ActionPlanTable
  plan_goals: PlanGoalTable
  action_plan_goals: ActionPlanGoalTable
  plan_reviews: PlanReviewTable
  plan_goal_scores: PlanGoalScoreTable
}
