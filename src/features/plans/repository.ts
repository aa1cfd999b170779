import { type Kysely, sql, type Transaction } from 'kysely'
import { lookedUp, userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import { scheduleFollowUp } from '../follow-ups/schedule.js'
import { type PlanForm, type ReviewForm, reviewDateInForce } from './rules.js'
import type { Attainment, ScoreOccasion } from './schema.js'

type Db = Kysely<DB> | Transaction<DB>

export interface PlanGoal {
  goalId: string
  position: number
  description: string
  scores: {
    occasion: ScoreOccasion
    confidence: number | null
    motivation: number | null
    attainment: Attainment | null
    recordedOn: string
    createdAt: Date
  }[]
}

const planColumns = [
  'p.id',
  'p.person_id',
  'p.episode_id',
  'p.organisation_id',
  'p.version',
  'p.plan_on',
  'p.review_on',
  'p.what_matters',
  'p.how_supported',
  'p.need_to_know',
  'p.support_connected',
  'p.self_actions',
  'p.co_produced',
  'p.agreed',
  'p.agreement_method',
  'p.agreed_on',
  'p.created_at',
] as const

/** A goal and its scores as the plan read gives them: JSON, so its times are strings until `planGoal` reads them. */
interface GoalJson {
  goalId: string
  position: number
  description: string
  scores: (Omit<PlanGoal['scores'][number], 'createdAt'> & { createdAt: string })[]
}

/**
 * Each plan version's goals in their order, each with every score the goal has had (a goal's history runs across
 * versions: the scores recorded up to this version's successor are all shown), oldest first, as one JSON column of
 * the plan read: one statement where three were (issue 9, the person page).
 */
const goalsOfPlan = sql<GoalJson[]>`coalesce((
    select json_agg(json_build_object(
      'goalId', g.goal_id,
      'position', g.position,
      'description', g.description,
      'scores', coalesce((
        select json_agg(json_build_object(
          'occasion', s.occasion,
          'confidence', s.confidence,
          'motivation', s.motivation,
          'attainment', s.attainment,
          'recordedOn', s.recorded_on,
          'createdAt', s.created_at
        ) order by s.created_at)
        from plan_goal_scores s where s.goal_id = g.goal_id
      ), '[]'::json)
    ) order by g.position)
    from action_plan_goals g where g.action_plan_id = p.id
  ), '[]'::json)`

function planGoal(goal: GoalJson): PlanGoal {
  return { ...goal, scores: goal.scores.map((score) => ({ ...score, createdAt: new Date(score.createdAt) })) }
}

function planRows(db: Db, personId: string, limit?: number) {
  const query = db
    .selectFrom('action_plans as p')
    .select(planColumns)
    .select([
      userName('p.created_by').as('created_by_name'),
      lookedUp<string>('episodes', 'status', 'p.episode_id').as('episode_status'),
      goalsOfPlan.as('goals'),
    ])
    .where('p.person_id', '=', personId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.version', 'desc')
  return (limit === undefined ? query : query.limit(limit)).execute()
}

type PlanRow = Awaited<ReturnType<typeof planRows>>[number]

export type PlanVersion = Omit<PlanRow, 'goals'> & { goals: PlanGoal[] }

/** Every version of every plan the person has had, the newest first, each with its goals. */
export async function planVersionsOf(db: Db, personId: string, limit?: number): Promise<PlanVersion[]> {
  return (await planRows(db, personId, limit)).map((row) => ({ ...row, goals: row.goals.map(planGoal) }))
}

/** The reviews of an episode's plan, or (by person) of all the person's plans, newest first. */
export function reviewsOf(db: Db, id: string, by: 'episode' | 'person' = 'episode') {
  return db
    .selectFrom('plan_reviews as r')
    .select([
      'r.id',
      'r.episode_id',
      'r.action_plan_id',
      'r.occasion',
      'r.reviewed_on',
      'r.note',
      'r.next_review_on',
      'r.created_at',
      userName('r.recorded_by').as('recorded_by_name'),
    ])
    .where(by === 'episode' ? 'r.episode_id' : 'r.person_id', '=', id)
    .orderBy('r.created_at', 'desc')
    .execute()
}

export type PlanReview = Awaited<ReturnType<typeof reviewsOf>>[number]

export interface CurrentPlan {
  plan: PlanVersion
  reviews: PlanReview[]
  /** The review date in force (rules.ts reviewDateInForce); null once the plan has ended. */
  reviewOn: string | null
  ended: boolean
}

/**
 * The plan in force: the newest version of the person's latest plan, its reviews and the review date in force.
 * `versions`: the person's plan versions as planVersionsOf gives them, and `personReviews`: every review of the
 * person's plans as reviewsOf(…, 'person') gives them, if already read (the person page reads both once a view).
 */
export async function currentPlan(
  db: Db,
  personId: string,
  versions?: readonly PlanVersion[],
  personReviews?: () => Promise<PlanReview[]>,
): Promise<CurrentPlan | null> {
  // The newest version is the first of planVersionsOf's, when the caller has read them already (the person page).
  const [latest] = versions ? versions.slice(0, 1) : await planVersionsOf(db, personId, 1)
  if (!latest) return null
  const reviews = personReviews
    ? (await personReviews()).filter((r) => r.episode_id === latest.episode_id)
    : await reviewsOf(db, latest.episode_id)
  const reviewOn = reviewDateInForce(
    { reviewOn: latest.review_on, createdAt: latest.created_at },
    reviews.map((r) => ({ occasion: r.occasion, nextReviewOn: r.next_review_on, createdAt: r.created_at })),
  )
  const ended = reviews.some((r) => r.occasion === 'end' && r.created_at >= latest.created_at)
  return { plan: latest, reviews, reviewOn, ended }
}

/**
 * Writes a new version of the episode's plan (version + 1; 1 for the episode's first): the CF 5.3 content, the
 * goals in their order (a new goal gets its identity and its start scores), inside the caller's audited transaction.
 */
export async function insertPlanVersion(
  trx: Transaction<DB>,
  p: { personId: string; episodeId: string; organisationId: string; form: PlanForm; userId: string | null },
): Promise<{ id: string; version: number }> {
  const last = await trx
    .selectFrom('action_plans')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('episode_id', '=', p.episodeId)
    .executeTakeFirst()
  const version = Number(last?.version ?? 0) + 1
  const f = p.form
  const plan = await trx
    .insertInto('action_plans')
    .values({
      person_id: p.personId,
      episode_id: p.episodeId,
      organisation_id: p.organisationId,
      version,
      plan_on: f.planOn,
      review_on: f.reviewOn,
      what_matters: f.content.whatMatters,
      how_supported: f.content.howSupported || null,
      need_to_know: f.content.needToKnow || null,
      support_connected: f.content.supportConnected || null,
      self_actions: f.content.selfActions || null,
      co_produced: f.coProduced,
      agreed: f.agreed,
      agreement_method: f.agreementMethod,
      agreed_on: f.agreedOn,
      created_by: p.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  let position = 0
  for (const g of f.goals) {
    position++
    let goalId = g.goalId
    if (!goalId) {
      goalId = (
        await trx
          .insertInto('plan_goals')
          .values({ person_id: p.personId, episode_id: p.episodeId, organisation_id: p.organisationId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      await trx
        .insertInto('plan_goal_scores')
        .values({
          goal_id: goalId,
          organisation_id: p.organisationId,
          action_plan_id: plan.id,
          occasion: 'start',
          confidence: g.confidence,
          motivation: g.motivation,
          recorded_on: f.planOn,
          recorded_by: p.userId,
        })
        .execute()
    }
    await trx
      .insertInto('action_plan_goals')
      .values({ action_plan_id: plan.id, goal_id: goalId, position, description: g.description })
      .execute()
  }
  return { id: plan.id, version }
}

/** Writes a review (or the end) of the plan and its scores per goal, inside the caller's audited transaction. */
export async function insertReview(
  trx: Transaction<DB>,
  r: { plan: PlanVersion; form: ReviewForm; userId: string | null },
): Promise<string> {
  const review = await trx
    .insertInto('plan_reviews')
    .values({
      person_id: r.plan.person_id,
      episode_id: r.plan.episode_id,
      organisation_id: r.plan.organisation_id,
      action_plan_id: r.plan.id,
      occasion: r.form.occasion,
      reviewed_on: r.form.reviewedOn,
      note: r.form.note,
      next_review_on: r.form.nextReviewOn,
      recorded_by: r.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const s of r.form.scores) {
    await trx
      .insertInto('plan_goal_scores')
      .values({
        goal_id: s.goalId,
        organisation_id: r.plan.organisation_id,
        action_plan_id: r.plan.id,
        review_id: review.id,
        occasion: r.form.occasion,
        confidence: s.confidence,
        motivation: s.motivation,
        attainment: s.attainment,
        recorded_on: r.form.reviewedOn,
        recorded_by: r.userId,
      })
      .execute()
  }
  return review.id
}

/**
 * Keeps one open plan-review follow-up per episode, due on the review date in force (CS §33 "review them
 * regularly"). When the date changes the open one is closed — done when a review took place, not done when a new
 * version moved the date — and a new one is scheduled through scheduleFollowUp; with no date (the plan ended)
 * none stays open.
 */
export async function reschedulePlanReview(
  trx: Transaction<DB>,
  f: {
    personId: string
    episodeId: string
    organisationId: string
    actionPlanId: string
    dueOn: string | null
    reviewed: boolean
    userId: string | null
  },
): Promise<string | null> {
  const open = await trx
    .selectFrom('follow_ups')
    .select(['id', 'due_on'])
    .where('episode_id', '=', f.episodeId)
    .where('kind', '=', 'plan_review')
    .where('status', '=', 'open')
    .execute()
  const keep = !f.reviewed && f.dueOn ? open.find((o) => o.due_on === f.dueOn) : undefined
  const close = open.filter((o) => o !== keep)
  if (close.length) {
    await trx
      .updateTable('follow_ups')
      .set({
        status: f.reviewed ? 'done' : 'not_done',
        // No words of our own: the note is for what a practitioner writes, and would show in one language only.
        outcome_note: null,
        completed_at: new Date(),
        completed_by: f.userId,
      })
      .where(
        'id',
        'in',
        close.map((o) => o.id),
      )
      .execute()
  }
  if (keep) {
    await trx.updateTable('follow_ups').set({ action_plan_id: f.actionPlanId }).where('id', '=', keep.id).execute()
    return keep.id
  }
  if (!f.dueOn) return null
  return scheduleFollowUp(trx, {
    personId: f.personId,
    episodeId: f.episodeId,
    organisationId: f.organisationId,
    kind: 'plan_review',
    actionPlanId: f.actionPlanId,
    dueOn: f.dueOn,
    createdBy: f.userId,
  })
}
