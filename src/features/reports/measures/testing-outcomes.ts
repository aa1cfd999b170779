import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import type { Episode } from './testing.js'

/*
 * Test support: the measures, healthcare use, plans and goal scores of the hand-built data set (testing.ts).
 */

/** n items named prefix_1 … prefix_n whose values sum to total (as even as possible). */
function items(prefix: string, n: number, total: number): Record<string, number> {
  const base = Math.floor(total / n)
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`${prefix}_${i + 1}`, base + (i < total - base * n ? 1 : 0)]),
  )
}
const djg = (lonely: boolean) =>
  lonely
    ? { djg_e1: 'yes', djg_e2: 'yes', djg_e3: 'yes', djg_s1: 'no', djg_s2: 'no', djg_s3: 'no' }
    : { djg_e1: 'no', djg_e2: 'no', djg_e3: 'no', djg_s1: 'yes', djg_s2: 'yes', djg_s3: 'yes' }
const eq5d = (m: number, s: number, u: number, p: number, a: number, vas: number) => ({
  mobility: m,
  self_care: s,
  usual_activities: u,
  pain_discomfort: p,
  anxiety_depression: a,
  vas,
})

export async function addOutcomeData(
  db: Kysely<DB>,
  { e1, e2, e3, e4 }: { e1: Episode; e2: Episode; e3: Episode; e4: Episode },
) {
  const measure = async (
    e: Episode,
    instrument: string,
    occasion: string,
    on: string | null,
    answers: object,
    status = 'complete',
  ) =>
    db
      .insertInto('measures')
      .values({
        person_id: e.personId,
        episode_id: e.episodeId as string,
        organisation_id: e.organisationId,
        instrument_id: instrument,
        occasion: occasion as 'baseline',
        mode: 'with_practitioner',
        status: status as 'complete',
        answers: JSON.stringify(answers),
        taken_on: on,
        completed_at: status === 'complete' ? `${on}T12:00:00Z` : null,
      })
      .execute()
  // E1: WEMWBS 42 → (review 45 in February) → 50; SWEMWBS 19.25 → 22.35; ONS4; De Jong Gierveld lonely → not.
  await measure(e1, 'wemwbs', 'baseline', '2026-01-10', items('wemwbs', 14, 42))
  await measure(e1, 'wemwbs', 'review', '2026-02-10', items('wemwbs', 14, 45))
  await measure(e1, 'wemwbs', 'exit', '2026-03-15', items('wemwbs', 14, 50))
  await measure(e1, 'swemwbs', 'baseline', '2026-01-10', items('swemwbs', 7, 21))
  await measure(e1, 'swemwbs', 'exit', '2026-03-20', items('swemwbs', 7, 25))
  await measure(e1, 'ons4', 'baseline', '2026-01-10', {
    ons4_satisfaction: 4,
    ons4_worthwhile: 5,
    ons4_happiness: 3,
    ons4_anxiety: 6,
  })
  await measure(e1, 'ons4', 'exit', '2026-03-15', {
    ons4_satisfaction: 6,
    ons4_worthwhile: 5,
    ons4_happiness: 7,
    ons4_anxiety: 2,
  })
  await measure(e1, 'djg6', 'baseline', '2026-01-10', djg(true))
  await measure(e1, 'djg6', 'exit', '2026-03-15', djg(false))
  // E2: WEMWBS 40 → 42 (below the threshold); SWEMWBS baseline only (lost: the episode ended in March); ONS direct.
  await measure(e2, 'wemwbs', 'baseline', '2026-02-01', items('wemwbs', 14, 40))
  await measure(e2, 'wemwbs', 'review', '2026-03-05', items('wemwbs', 14, 42))
  await measure(e2, 'swemwbs', 'baseline', '2026-02-01', items('swemwbs', 7, 21))
  await measure(e2, 'ons_loneliness_direct', 'baseline', '2026-02-01', { ons_lonely: 'often_always' })
  await measure(e2, 'ons_loneliness_direct', 'review', '2026-03-05', { ons_lonely: 'hardly_ever' })
  // E3 (open): WEMWBS followed up in April (outside the period); GSE 20 → 30; EQ-5D-5L; a partial SWEMWBS.
  await measure(e3, 'wemwbs', 'baseline', '2026-03-02', items('wemwbs', 14, 30))
  await measure(e3, 'wemwbs', 'follow_up', '2026-04-10', items('wemwbs', 14, 60))
  await measure(e3, 'gse', 'baseline', '2026-03-01', items('gse', 10, 20))
  await measure(e3, 'gse', 'review', '2026-03-30', items('gse', 10, 30))
  await measure(e3, 'eq5d5l', 'baseline', '2026-03-01', eq5d(3, 2, 3, 4, 2, 50))
  await measure(e3, 'eq5d5l', 'review', '2026-03-30', eq5d(2, 2, 2, 3, 2, 70))
  await measure(e3, 'swemwbs', 'baseline', '2026-03-05', { swemwbs_1: 3 }, 'partial')
  // E4 (provider B): WEMWBS 40 → 50.
  await measure(e4, 'wemwbs', 'baseline', '2026-02-01', items('wemwbs', 14, 40))
  await measure(e4, 'wemwbs', 'exit', '2026-03-10', items('wemwbs', 14, 50))

  // Healthcare use: E1 start and end; E2 start only (lost).
  const health = (e: Episode, occasion: 'start' | 'end', on: string, values: object) =>
    db
      .insertInto('healthcare_use')
      .values({
        person_id: e.personId,
        episode_id: e.episodeId as string,
        organisation_id: e.organisationId,
        occasion,
        asked_on: on,
        ...values,
      })
      .execute()
  await health(e1, 'start', '2026-01-10', { gp_appointments: 6, ae_attendances: 2 })
  await health(e1, 'end', '2026-03-25', { gp_appointments: 2, ae_attendances: 0 })
  await health(e2, 'start', '2026-02-01', { gp_appointments: 3 })

  // Plans: E1 v1 (February, not co-produced) and v2 (March, co-produced); E2 v1 (March, not co-produced).
  const plan = async (e: Episode, version: number, on: string, coProduced: boolean) =>
    (
      await db
        .insertInto('action_plans')
        .values({
          person_id: e.personId,
          episode_id: e.episodeId as string,
          organisation_id: e.organisationId,
          version,
          plan_on: on,
          co_produced: coProduced,
          what_matters: '',
          agreed: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const p1 = await plan(e1, 1, '2026-02-01', false)
  await plan(e1, 2, '2026-03-02', true)
  const p2 = await plan(e2, 1, '2026-03-03', false)
  const goal = async (e: Episode) =>
    (
      await db
        .insertInto('plan_goals')
        .values({ person_id: e.personId, episode_id: e.episodeId as string, organisation_id: e.organisationId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const score = async (
    e: Episode,
    planId: string,
    goalId: string,
    occasion: 'start' | 'review' | 'end',
    on: string,
    motivation: number | null,
    attainment: string | null = null,
  ) => {
    const reviewId =
      occasion === 'start'
        ? null
        : (
            await db
              .insertInto('plan_reviews')
              .values({
                person_id: e.personId,
                episode_id: e.episodeId as string,
                organisation_id: e.organisationId,
                action_plan_id: planId,
                occasion: occasion === 'end' ? 'end' : 'review',
                reviewed_on: on,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
    await db
      .insertInto('plan_goal_scores')
      .values({
        goal_id: goalId,
        organisation_id: e.organisationId,
        action_plan_id: planId,
        review_id: reviewId,
        occasion,
        confidence: motivation,
        motivation,
        attainment: attainment as 'fully' | null,
        recorded_on: on,
      })
      .execute()
  }
  const g1 = await goal(e1)
  await score(e1, p1, g1, 'start', '2026-01-12', 4)
  await score(e1, p1, g1, 'review', '2026-02-20', 6)
  await score(e1, p1, g1, 'review', '2026-03-10', 8)
  await score(e1, p1, g1, 'end', '2026-03-28', null, 'fully')
  const g2 = await goal(e2)
  await score(e2, p2, g2, 'start', '2026-02-02', 5)
  await score(e2, p2, g2, 'review', '2026-03-08', 7)
  await score(e2, p2, g2, 'end', '2026-03-20', null, 'partly')
}
