import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import type { FieldError } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { todayInWales } from '../what-matters/dates.js'
import { openEpisodeWithReasons } from '../what-matters/repository.js'
import { currentPlan, insertPlanVersion, insertReview, reschedulePlanReview } from './repository.js'
import { validatePlan, validateReview } from './rules.js'

export type SaveOutcome =
  | { ok: true; id: string; version: number }
  | { ok: false; problem: 'validation' | 'no_open_episode' | 'no_plan' | 'plan_ended'; errors: FieldError[] }

/**
 * Saves a new version of the plan in the person's open episode: checked in full first; then the version, its goals
 * and start scores, the plan-review follow-up and the audit row commit together. Bad input writes nothing.
 */
export async function savePlanVersion(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  raw: Record<string, unknown>,
): Promise<SaveOutcome> {
  const db = app.deps.database.db
  const episode = await openEpisodeWithReasons(db, person.id)
  if (!episode)
    return {
      ok: false,
      problem: 'no_open_episode',
      errors: [{ field: 'whatMatters', key: 'plans.errors.noOpenEpisode' }],
    }
  const current = await currentPlan(db, person.id)
  const carried = current && current.plan.episode_id === episode.id ? current.plan.goals.map((g) => g.goalId) : []
  const { value, errors } = validatePlan(raw, carried, todayInWales(new Date()))
  if (errors.length > 0) return { ok: false, problem: 'validation', errors }
  const userId = request.user?.userId ?? null
  const saved = await db.transaction().execute(async (trx) => {
    const created = await insertPlanVersion(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      form: value,
      userId,
    })
    const followUpId = await reschedulePlanReview(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      actionPlanId: created.id,
      dueOn: value.reviewOn,
      reviewed: false,
      userId,
    })
    await audit(trx, auditContext(request), {
      action: 'plan.create',
      recordType: 'action_plan',
      recordId: created.id,
      organisationId: person.organisation_id,
      detail: {
        personId: person.id,
        version: created.version,
        goals: value.goals.length,
        coProduced: value.coProduced,
        agreed: value.agreed,
        reviewOn: value.reviewOn,
        followUpId,
      },
    })
    return created
  })
  return { ok: true, ...saved }
}

export type ReviewOutcome =
  | { ok: true; id: string }
  | { ok: false; problem: 'validation' | 'no_plan' | 'plan_ended' | 'no_open_episode'; errors: FieldError[] }

/** Records a review (new scores per goal, a note, the next review date) or the end (attainment per goal) of the plan in force. */
export async function recordReview(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  raw: Record<string, unknown>,
): Promise<ReviewOutcome> {
  const db = app.deps.database.db
  const current = await currentPlan(db, person.id)
  if (!current) return { ok: false, problem: 'no_plan', errors: [{ field: 'goals', key: 'plans.errors.noPlan' }] }
  if (current.plan.episode_status !== 'open')
    return { ok: false, problem: 'no_open_episode', errors: [{ field: 'goals', key: 'plans.errors.noOpenEpisode' }] }
  if (current.ended)
    return { ok: false, problem: 'plan_ended', errors: [{ field: 'goals', key: 'plans.errors.planEnded' }] }
  const { value, errors } = validateReview(
    raw,
    { planOn: current.plan.plan_on, goalIds: current.plan.goals.map((g) => g.goalId) },
    todayInWales(new Date()),
  )
  if (errors.length > 0) return { ok: false, problem: 'validation', errors }
  const userId = request.user?.userId ?? null
  const id = await db.transaction().execute(async (trx) => {
    const reviewId = await insertReview(trx, { plan: current.plan, form: value, userId })
    const followUpId = await reschedulePlanReview(trx, {
      personId: person.id,
      episodeId: current.plan.episode_id,
      organisationId: person.organisation_id,
      actionPlanId: current.plan.id,
      dueOn: value.nextReviewOn,
      reviewed: true,
      userId,
    })
    await audit(trx, auditContext(request), {
      action: value.occasion === 'end' ? 'plan.end' : 'plan.review',
      recordType: 'action_plan',
      recordId: current.plan.id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, reviewId, nextReviewOn: value.nextReviewOn, followUpId },
    })
    return reviewId
  })
  return { ok: true, id }
}
