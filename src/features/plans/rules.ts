import { type FieldError, isUuid, length, text } from '../admin/fields.js'
import { parseDay, pastDay } from '../what-matters/dates.js'
import { yesNo } from '../what-matters/rules.js'
import { type AgreementMethod, agreementMethods, type Attainment, attainments } from './schema.js'

/*
 * The co-produced action plan as pure rules, shared by the pages and the API. CF 5.3: "generate and agree a plan …
 * with content that sets out: what matters to them; their goals; how best they can be supported; what people need
 * to know about them; a summary of support that they are being connected to …; what they can do to support
 * themselves to meet their goals; a date for reviewing progress made with the plan". CS §33: "personalised,
 * co-produced plans with clear goals, and review them regularly". CF 5.2b: scaling questions "on a scale of 1 to
 * 10 … how confident they feel to make a change; how motivated they feel to take steps towards change".
 */
export const MAX_GOALS = 6
export const TEXT_LIMIT = 2000
export const GOAL_LIMIT = 500
export const contentFields = ['whatMatters', 'howSupported', 'needToKnow', 'supportConnected', 'selfActions'] as const
export type ContentField = (typeof contentFields)[number]

/** A CF 5.2b scaling score: a whole number from 1 to 10, or null when absent or anything else. */
export function scaleScore(value: unknown): number | null {
  const s = typeof value === 'number' ? String(value) : text(value).trim()
  if (!/^\d{1,2}$/.test(s)) return null
  const n = Number(s)
  return n >= 1 && n <= 10 ? n : null
}

const present = (value: unknown) => text(value).trim() !== ''

export interface GoalInput {
  /** An existing goal carried into the new version, or null for a new one. */
  goalId: string | null
  description: string
  /** Start scores: required for a new goal, ignored for one carried over (its start is already recorded). */
  confidence: number | null
  motivation: number | null
}

export interface PlanForm {
  planOn: string
  reviewOn: string
  content: Record<ContentField, string>
  coProduced: boolean
  agreed: boolean
  agreementMethod: AgreementMethod | null
  agreedOn: string | null
  goals: GoalInput[]
}

type RawGoal = { id: unknown; description: unknown; confidence: unknown; motivation: unknown }

/** Goals from JSON (`goals: [{ id, description, confidence, motivation }]`) or the page's `goal-N-*` fields. */
export function rawGoals(raw: Record<string, unknown>): RawGoal[] {
  if (Array.isArray(raw.goals))
    return raw.goals
      .map((g) => (g && typeof g === 'object' ? (g as Record<string, unknown>) : {}))
      .map((g) => ({ id: g.id, description: g.description, confidence: g.confidence, motivation: g.motivation }))
  const goals: RawGoal[] = []
  for (let n = 1; n <= MAX_GOALS; n++)
    goals.push({
      id: raw[`goal-${n}-id`],
      description: raw[`goal-${n}-description`],
      confidence: raw[`goal-${n}-confidence`],
      motivation: raw[`goal-${n}-motivation`],
    })
  // A blank slot on the page is no goal; a blank existing goal is a goal removed from this version.
  return goals.filter((g) => present(g.description) || present(g.confidence) || present(g.motivation))
}

/**
 * A new version of the plan. The plan date is today or earlier; the review date comes after it ("a review date
 * before the plan date" is refused, issue 5 "Bad input"); one to six goals, each new one with its start scores;
 * the agreement, when given, says how and when.
 */
export function validatePlan(
  raw: Record<string, unknown>,
  existingGoalIds: readonly string[],
  today: string,
): { value: PlanForm; errors: FieldError[] } {
  const errors: FieldError[] = []
  const planOn = pastDay(raw, 'planOn', today, 'plans', errors)
  const review = parseDay(raw, 'reviewOn')
  let reviewOn: string | null = null
  if ('problem' in review)
    errors.push({
      field: 'reviewOn',
      key: `plans.errors.reviewOn${review.problem === 'missing' ? 'Missing' : review.problem === 'incomplete' ? 'Incomplete' : 'Invalid'}`,
      href: '#reviewOn-day',
    })
  else if (planOn && review.date <= planOn)
    errors.push({ field: 'reviewOn', key: 'plans.errors.reviewBeforePlan', href: '#reviewOn-day' })
  else reviewOn = review.date
  const content = Object.fromEntries(contentFields.map((f) => [f, text(raw[f]).trim()])) as Record<ContentField, string>
  if (content.whatMatters === '') errors.push({ field: 'whatMatters', key: 'plans.errors.whatMattersMissing' })
  for (const f of contentFields)
    if (length(content[f]) > TEXT_LIMIT)
      errors.push({ field: f, key: 'plans.errors.tooLong', params: { max: TEXT_LIMIT } })

  const goals: GoalInput[] = []
  const found = rawGoals(raw)
  if (found.length === 0) errors.push({ field: 'goal-1-description', key: 'plans.errors.goalsMissing' })
  if (found.length > MAX_GOALS)
    errors.push({ field: 'goals', key: 'plans.errors.tooManyGoals', params: { max: MAX_GOALS } })
  found.slice(0, MAX_GOALS).forEach((g, i) => {
    const n = i + 1
    const goalId = isUuid(g.id) ? g.id : null
    if (present(g.id) && (!goalId || !existingGoalIds.includes(goalId)))
      errors.push({ field: `goal-${n}-description`, key: 'plans.errors.goalUnknown', params: { n } })
    const description = text(g.description).trim()
    if (description === '')
      errors.push({ field: `goal-${n}-description`, key: 'plans.errors.goalDescriptionMissing', params: { n } })
    else if (length(description) > GOAL_LIMIT)
      errors.push({ field: `goal-${n}-description`, key: 'plans.errors.goalTooLong', params: { n, max: GOAL_LIMIT } })
    const confidence = scaleScore(g.confidence)
    const motivation = scaleScore(g.motivation)
    if (!goalId) {
      if (confidence === null)
        errors.push({ field: `goal-${n}-confidence`, key: 'plans.errors.confidenceInvalid', params: { n } })
      if (motivation === null)
        errors.push({ field: `goal-${n}-motivation`, key: 'plans.errors.motivationInvalid', params: { n } })
    }
    goals.push({ goalId, description, confidence: goalId ? null : confidence, motivation: goalId ? null : motivation })
  })
  if (new Set(goals.filter((g) => g.goalId).map((g) => g.goalId)).size !== goals.filter((g) => g.goalId).length)
    errors.push({ field: 'goals', key: 'plans.errors.goalTwice' })

  const coProduced = yesNo(raw.coProduced)
  if (coProduced === null) errors.push({ field: 'coProduced', key: 'plans.errors.coProducedMissing' })
  const agreed = yesNo(raw.agreed)
  if (agreed === null) errors.push({ field: 'agreed', key: 'plans.errors.agreedMissing' })
  let agreementMethod: AgreementMethod | null = null
  let agreedOn: string | null = null
  if (agreed) {
    const method = text(raw.agreementMethod).trim()
    if ((agreementMethods as readonly string[]).includes(method)) agreementMethod = method as AgreementMethod
    else errors.push({ field: 'agreementMethod', key: 'plans.errors.agreementMethodMissing' })
    agreedOn = pastDay(raw, 'agreedOn', today, 'plans', errors)
  }
  return {
    value: {
      planOn: planOn ?? '',
      reviewOn: reviewOn ?? '',
      content,
      coProduced: coProduced ?? false,
      agreed: agreed ?? false,
      agreementMethod,
      agreedOn,
      goals,
    },
    errors,
  }
}

export interface GoalScore {
  goalId: string
  confidence: number | null
  motivation: number | null
  attainment: Attainment | null
}

export interface ReviewForm {
  occasion: 'review' | 'end'
  reviewedOn: string
  note: string | null
  nextReviewOn: string | null
  scores: GoalScore[]
}

type RawScore = { goalId: unknown; confidence: unknown; motivation: unknown; attainment: unknown }

/** Scores from JSON (`goals: [{ goalId, confidence, motivation, attainment }]`) or the page's `score-<goalId>-*` fields. */
function rawScores(raw: Record<string, unknown>, goalIds: readonly string[]): RawScore[] {
  if (Array.isArray(raw.goals))
    return raw.goals
      .map((g) => (g && typeof g === 'object' ? (g as Record<string, unknown>) : {}))
      .map((g) => ({ goalId: g.goalId, confidence: g.confidence, motivation: g.motivation, attainment: g.attainment }))
  const scores = goalIds.map((id) => ({
    goalId: id,
    confidence: raw[`score-${id}-confidence`],
    motivation: raw[`score-${id}-motivation`],
    attainment: raw[`score-${id}-attainment`],
  }))
  // An attainment sent for a goal the plan does not have (a stale page, a forged form) is one without a goal.
  const stray = Object.keys(raw).filter(
    (k) => /^score-.+-attainment$/.test(k) && present(raw[k]) && !goalIds.some((id) => k === `score-${id}-attainment`),
  )
  return [
    ...scores,
    ...stray.map((k) => ({ goalId: k.slice(6, -11), confidence: '', motivation: '', attainment: raw[k] })),
  ]
}

/**
 * A review of the plan (CS §33), or its end. A review records new confidence and motivation for every goal and sets
 * the next review date after the day of the review; the end records attainment for every goal (CDS #82, #83), and
 * "attainment without a goal" is refused (issue 5 "Bad input"): the plan must have goals and each attainment must
 * name one of them.
 */
export function validateReview(
  raw: Record<string, unknown>,
  plan: { planOn: string; goalIds: readonly string[] },
  today: string,
): { value: ReviewForm; errors: FieldError[] } {
  const errors: FieldError[] = []
  const occasionText = text(raw.occasion).trim()
  const occasion = occasionText === 'review' || occasionText === 'end' ? occasionText : null
  if (!occasion) errors.push({ field: 'occasion', key: 'plans.errors.occasionMissing' })
  const reviewedOn = pastDay(raw, 'reviewedOn', today, 'plans', errors)
  if (reviewedOn && reviewedOn < plan.planOn)
    errors.push({ field: 'reviewedOn', key: 'plans.errors.reviewedBeforePlan', href: '#reviewedOn-day' })
  const note = text(raw.note).trim()
  if (length(note) > TEXT_LIMIT)
    errors.push({ field: 'note', key: 'plans.errors.tooLong', params: { max: TEXT_LIMIT } })

  let nextReviewOn: string | null = null
  const next = parseDay(raw, 'nextReviewOn')
  if (occasion === 'review') {
    if ('problem' in next)
      errors.push({
        field: 'nextReviewOn',
        key: `plans.errors.nextReviewOn${next.problem === 'missing' ? 'Missing' : next.problem === 'incomplete' ? 'Incomplete' : 'Invalid'}`,
        href: '#nextReviewOn-day',
      })
    else if (reviewedOn && next.date <= reviewedOn)
      errors.push({ field: 'nextReviewOn', key: 'plans.errors.nextReviewBeforeReview', href: '#nextReviewOn-day' })
    else nextReviewOn = next.date
  }

  const scores: GoalScore[] = []
  const found = rawScores(raw, plan.goalIds)
  if (plan.goalIds.length === 0)
    errors.push({
      field: 'goals',
      key: occasion === 'end' ? 'plans.errors.attainmentWithoutGoal' : 'plans.errors.noGoals',
    })
  for (const s of found) {
    const goalId = text(s.goalId)
    if (!plan.goalIds.includes(goalId)) {
      errors.push({
        field: 'goals',
        key: present(s.attainment) ? 'plans.errors.attainmentWithoutGoal' : 'plans.errors.scoreWithoutGoal',
      })
      continue
    }
    const n = plan.goalIds.indexOf(goalId) + 1
    const confidence = scaleScore(s.confidence)
    const motivation = scaleScore(s.motivation)
    const attainmentText = text(s.attainment).trim()
    const attainment = (attainments as readonly string[]).includes(attainmentText)
      ? (attainmentText as Attainment)
      : null
    if (occasion === 'review' || present(s.confidence))
      if (confidence === null)
        errors.push({ field: `score-${goalId}-confidence`, key: 'plans.errors.confidenceInvalid', params: { n } })
    if (occasion === 'review' || present(s.motivation))
      if (motivation === null)
        errors.push({ field: `score-${goalId}-motivation`, key: 'plans.errors.motivationInvalid', params: { n } })
    if (occasion === 'end' && !attainment)
      errors.push({ field: `score-${goalId}-attainment`, key: 'plans.errors.attainmentMissing', params: { n } })
    if (occasion === 'review' && present(s.attainment))
      errors.push({ field: `score-${goalId}-attainment`, key: 'plans.errors.attainmentAtReview', params: { n } })
    if (occasion === 'end' && present(s.confidence) !== present(s.motivation))
      errors.push({ field: `score-${goalId}-confidence`, key: 'plans.errors.scoresTogether', params: { n } })
    scores.push({ goalId, confidence, motivation, attainment: occasion === 'end' ? attainment : null })
  }
  for (const id of plan.goalIds)
    if (!found.some((s) => text(s.goalId) === id))
      errors.push({
        field: `score-${id}-confidence`,
        key: 'plans.errors.goalNotScored',
        params: { n: plan.goalIds.indexOf(id) + 1 },
      })
  return {
    value: { occasion: occasion ?? 'review', reviewedOn: reviewedOn ?? '', note: note || null, nextReviewOn, scores },
    errors,
  }
}

/**
 * The review date in force: a review sets the next one, and a new plan version sets its own; whichever was
 * recorded last counts. After the end of the plan there is none.
 */
export function reviewDateInForce(
  version: { reviewOn: string | null; createdAt: Date },
  reviews: readonly { occasion: 'review' | 'end'; nextReviewOn: string | null; createdAt: Date }[],
): string | null {
  const latest = [...reviews]
    .filter((r) => r.createdAt >= version.createdAt)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]
  if (!latest) return version.reviewOn
  return latest.occasion === 'end' ? null : latest.nextReviewOn
}
