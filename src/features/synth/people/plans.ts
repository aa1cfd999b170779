import { id, normal, u, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { exec } from './exec.js'
import type { Count } from './referral-records.js'
import { textArray } from './vocabulary.js'
import { OWN_WORDS } from './what-matters.js'

/**
 * Action plans (issue 9) after a completed What Matters conversation, as plans/record.ts writes them: one version
 * with one to three goals and their start scores (CF 5.2b), a review when its date came while the episode was
 * open (new scores, the next date), the end with attainment when the episode closed, and the plan-review
 * follow-ups plans/repository.ts reschedulePlanReview keeps (done at each review, open while due or overdue,
 * "not done" when the episode closed without the end). Draws use fields 350–449 keyed by e (goals by e·8 + g).
 */

const GOALS = [
  'Join a walking group once a week',
  'Go to the coffee morning at the community centre',
  'Sort out benefits with Citizens Advice',
  'Try the Welsh conversation group',
  'Sleep better by keeping a routine',
  'Volunteer at the food bank',
  'Learn to use a tablet for video calls',
  'Get to the allotment twice a week',
  'Take a break from caring one afternoon a week',
  'Cook a healthy meal three times a week',
]

export async function insertPlans(ctx: SynthContext, count: Count): Promise<void> {
  const { plan } = ctx
  const s = plan.seed
  const last = `date '${plan.until}'`
  const day = (ts: string) => `((${ts}) at time zone 'UTC')::date`
  // Review when the date came while the episode was open (and before the data ends); the end when it closed.
  await exec(
    ctx,
    `create table synth.plan as
    select e, p, provider, practitioner, closed, ended_at, closing_reason, plan_on, review_on, goals,
      (plan_on + time '10:00') at time zone 'UTC' as plan_at,
      reviewed, case when reviewed then review_on end as reviewed_on,
      case when reviewed then review_on + 28 + floor(${u(s, 'e', 353)} * 29)::int end as next_review_on,
      case when reviewed then (review_on + time '11:00') at time zone 'UTC' end as review_at,
      closed and ended_on > plan_on and (closing_reason = 'goals_met' or ${u(s, 'e', 354)} < 0.5) as ended,
      ended_on, ended_at - interval '1 hour' as end_at
    from (
      select wm.*, plan_on, plan_on + 28 + floor(${u(s, 'e', 352)} * 29)::int as review_on,
        1 + floor(${u(s, 'e', 355)} * 3)::int as goals, ${day("ended_at - interval '1 hour'")} as ended_on
      from synth.wm wm cross join lateral (select held_on + floor(${u(s, 'e', 351)} * 7)::int as plan_on) d
      where completed and (level <> 'signposting' or ${u(s, 'e', 350)} < 0.3)
        and plan_on <= ${last} and (not closed or plan_on < ${day("ended_at - interval '1 hour'")})
    ) x
    cross join lateral (select review_on < coalesce(${day("ended_at - interval '1 hour'")}, ${last}) as reviewed) rv`,
  )
  const practitioner = id(s, 'practitioner', 'practitioner')
  const common = `${id(s, 'person', 'p')}, ${id(s, 'episode', 'e')}, ${id(s, 'provider', 'provider')}`
  const planId = id(s, 'action_plan', 'e')
  count(
    'action_plans',
    await exec(
      ctx,
      `insert into action_plans (id, person_id, episode_id, organisation_id, version, review_on, created_by, created_at, plan_on,
        what_matters, how_supported, need_to_know, support_connected, self_actions, co_produced, agreed, agreement_method, agreed_on)
      select ${planId}, ${common}, 1, review_on, ${practitioner}, plan_at, plan_on,
        ${textArray(OWN_WORDS)}[1 + floor(${u(s, 'e', 356)} * ${OWN_WORDS.length})::int],
        case when ${u(s, 'e', 357)} < 0.6 then 'Phone calls in the morning; meet somewhere quiet.' end,
        case when ${u(s, 'e', 358)} < 0.3 then 'Gets tired in the afternoon.' end,
        case when ${u(s, 'e', 359)} < 0.5 then 'Community groups near home.' end,
        case when ${u(s, 'e', 360)} < 0.5 then 'Will try one new thing a week.' end,
        ${u(s, 'e', 361)} < 0.9, agreed, case when agreed then ${weighted(u(s, 'e', 362), { verbal: 70, written: 25, electronic: 5 })} end,
        case when agreed then plan_on end
      from synth.plan cross join lateral (select ${u(s, 'e', 363)} < 0.85 as agreed) a`,
    ),
  )
  const goal = id(s, 'plan_goal', 'e * 8 + g')
  const goals = `synth.plan cross join lateral generate_series(1, goals) g`
  count(
    'plan_goals',
    await exec(
      ctx,
      `insert into plan_goals (id, person_id, episode_id, organisation_id, created_at) select ${goal}, ${common}, plan_at from ${goals}`,
    ),
  )
  count(
    'action_plan_goals',
    await exec(
      ctx,
      `insert into action_plan_goals (action_plan_id, goal_id, position, description)
      select ${planId}, ${goal}, g, ${textArray(GOALS)}[1 + (floor(${u(s, 'e', 364)} * ${GOALS.length})::int + g * 3) % ${GOALS.length}] from ${goals}`,
    ),
  )
  count(
    'plan_reviews',
    await exec(
      ctx,
      `insert into plan_reviews (id, person_id, episode_id, organisation_id, action_plan_id, occasion, reviewed_on, note, next_review_on, recorded_by, created_at)
      select ${id(s, 'plan_review', 'e * 2')}, ${common}, ${planId}, 'review', reviewed_on,
        case when ${u(s, 'e', 365)} < 0.5 then 'Going well; keeps the plan as it is.' end, next_review_on, ${practitioner}, review_at
      from synth.plan where reviewed
      union all
      select ${id(s, 'plan_review', 'e * 2 + 1')}, ${common}, ${planId}, 'end', ended_on, null, null, ${practitioner}, end_at
      from synth.plan where ended`,
    ),
  )
  // Scores move up a little on average from start to review to end (CF 5.2b); attainment follows how it closed.
  const score = (base: string, field: number, gain: number) =>
    `least(10, greatest(1, round(${base} + ${gain} + 1.6 * ${normal(s, 'e * 8 + g', field)})))::int`
  const start = (f: number) => score('4.5', f, 0)
  const attainment = `case when closing_reason = 'goals_met' then ${weighted(u(s, 'e * 8 + g', 372), { fully: 60, partly: 35, not_achieved: 5 })}
    else ${weighted(u(s, 'e * 8 + g', 373), { partly: 35, not_achieved: 65 })} end`
  count(
    'plan_goal_scores',
    await exec(
      ctx,
      `insert into plan_goal_scores (id, goal_id, organisation_id, action_plan_id, review_id, occasion, confidence, motivation, attainment, recorded_on, recorded_by, created_at)
      select ${id(s, 'goal_score', '(e * 8 + g) * 3')}, ${goal}, ${id(s, 'provider', 'provider')}, ${planId}, null, 'start', ${start(366)}, ${start(367)}, null, plan_on, ${practitioner}, plan_at
      from ${goals}
      union all
      select ${id(s, 'goal_score', '(e * 8 + g) * 3 + 1')}, ${goal}, ${id(s, 'provider', 'provider')}, ${planId}, ${id(s, 'plan_review', 'e * 2')}, 'review',
        ${score('4.5', 366, 1)}, ${score('4.5', 367, 1)}, null, reviewed_on, ${practitioner}, review_at
      from ${goals} where reviewed
      union all
      select ${id(s, 'goal_score', '(e * 8 + g) * 3 + 2')}, ${goal}, ${id(s, 'provider', 'provider')}, ${planId}, ${id(s, 'plan_review', 'e * 2 + 1')}, 'end',
        ${score('4.5', 366, 2)}, ${score('4.5', 367, 2)}, ${attainment}, ended_on, ${practitioner}, end_at
      from ${goals} where ended`,
    ),
  )
  // The plan-review follow-ups: the first due on the plan's review date, the next on the review's next date.
  const followUp = (n: number) => id(s, 'follow_up', `e * 2 + ${n}`)
  const closeOf = (doneAt: string) =>
    `case when ${doneAt} is not null then 'done' when closed then 'not_done' else 'open' end`
  count(
    'follow_ups',
    await exec(
      ctx,
      `insert into follow_ups (id, person_id, episode_id, organisation_id, kind, action_plan_id, due_on, assigned_to, status, outcome_note,
        completed_at, completed_by, created_by, created_at)
      select ${followUp(0)}, ${common}, 'plan_review', ${planId}, review_on, ${practitioner}, ${closeOf('done_at')},
        case when done_at is null and closed then 'episode closed' end, coalesce(done_at, case when closed then ended_at end),
        case when done_at is not null or closed then ${practitioner} end, ${practitioner}, plan_at
      from synth.plan cross join lateral (select case when reviewed then review_at when ended then end_at end as done_at) d
      union all
      select ${followUp(1)}, ${common}, 'plan_review', ${planId}, next_review_on, ${practitioner}, ${closeOf('done_at')},
        case when done_at is null and closed then 'episode closed' end, coalesce(done_at, case when closed then ended_at end),
        case when done_at is not null or closed then ${practitioner} end, ${practitioner}, review_at
      from synth.plan cross join lateral (select case when ended then end_at end as done_at) d where reviewed`,
    ),
  )
}
