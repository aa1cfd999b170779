import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import { formatDate } from '../../platform/i18n/i18n.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { goalView } from './present.js'
import { type CurrentPlan, currentPlan, type PlanReview, type PlanVersion, planVersionsOf, reviewsOf } from './repository.js'
import { openEpisodeOfPage, sharedRead } from '../person-record/page-reads.js'

/** Every version of the person's plans, read once per page view (page-reads.ts): the section and timeline both use them. */
export function sharedPlanVersions(trx: Transaction<DB>, personId: string): Promise<PlanVersion[]> {
  return sharedRead(trx, `planVersions:${personId}`, () => planVersionsOf(trx, personId))
}

/** The plan in force, from the versions read once per page view (the plan and experience sections ask for it). */
export function sharedCurrentPlan(trx: Transaction<DB>, personId: string): Promise<CurrentPlan | null> {
  return sharedRead(trx, `currentPlan:${personId}`, async () =>
    currentPlan(trx, personId, await sharedPlanVersions(trx, personId), () => sharedPlanReviews(trx, personId)),
  )
}

/** Every review of the person's plans, newest first, read once per page view (the plan section and the timeline). */
export function sharedPlanReviews(trx: Transaction<DB>, personId: string): Promise<PlanReview[]> {
  return sharedRead(trx, `planReviews:${personId}`, () => reviewsOf(trx, personId, 'person'))
}

/**
 * The person page's section for the co-produced action plan (CF 5.3, CS §33): the plan in force with its goals'
 * latest scores and the review date, and links; null when the user may not see it. Called inside the page's
 * transaction, after its `person.view` audit.
 */
export async function planSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  const scope = { organisationId: person.organisation_id }
  if (!can(request.user, 'plans.view', scope)) return null
  const current = await sharedCurrentPlan(trx, person.id)
  const episode = await openEpisodeOfPage(trx, person.id)
  return {
    canManage: Boolean(episode) && can(request.user, 'plans.manage', scope),
    current: current
      ? {
          version: current.plan.version,
          planOn: current.plan.plan_on,
          reviewOn: current.reviewOn,
          ended: current.ended,
          coProduced: current.plan.co_produced,
          agreed: current.plan.agreed,
          goals: current.plan.goals.map((g) => goalView(g)),
        }
      : null,
  }
}

/** This feature's entries on the person's timeline, with their words already in the page's language. */
export async function planTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'plans.view', { organisationId: person.organisation_id })) return []
  const versions = await sharedPlanVersions(trx, person.id)
  // A review is of a plan version (action_plan_id is required): with no plan there is none to read.
  const reviews = versions.length ? await sharedPlanReviews(trx, person.id) : []
  const href = `/people/${person.id}/plan`
  return [
    ...versions.map((v) => ({
      at: v.created_at,
      text: request.t(v.version === 1 ? 'plans.timeline.created' : 'plans.timeline.version', {
        version: v.version,
        goals: v.goals.length,
      }),
      href: `${href}/history`,
    })),
    ...reviews.map((r) => ({
      at: r.created_at,
      text:
        r.occasion === 'end'
          ? request.t('plans.timeline.ended', { date: formatDate(r.reviewed_on, request.lang) })
          : request.t('plans.timeline.reviewed', {
              date: formatDate(r.reviewed_on, request.lang),
              next: formatDate(r.next_review_on, request.lang),
            }),
      href,
    })),
  ]
}
