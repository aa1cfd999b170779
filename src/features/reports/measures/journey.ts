import { sql } from 'kysely'
import { themeCodes } from '../../directory/matching/themes.js'
import { wellbeingDomains } from '../../what-matters/rules.js'
import { settingPreferences } from '../../what-matters/schema.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import { computeParts, type MeasureModule, type ReportContext } from '../modules.js'
import { journeyPeopleParts } from './journey-people.js'
import { episodeInScope } from './scope.js'
import { countRow, firstSeen, type KeyGroup, KeySet, keysOf, type MonthlySet, monthlySetOf, tallyRows } from './monthly-set.js'
import { passResult } from './pathway-sql.js'
import { codeRows, percent, result } from './shared.js'

/*
 * The journey with the practitioner (issue 7 §2; CDS #108, #53, #125, #37, #98, #82, #83, #97), from What Matters
 * conversations, action plans, goal scores and own-words outcomes. Counts and codes only: never the words.
 * Each follows the report's filter through its episode (report_referral_facts.episode_id).
 */

/**
 * Completed conversations held in the period, the latest per episode (a later one revises the earlier), tallied from
 * month sets (monthly-set.ts, ADR 0020): each month's latest conversation per episode, grouped by what the measures
 * count of it. Months are put together latest first, so an episode counts as its latest month's conversation gives
 * it; a conversation counts by the day it was held (migration 0052 moves its months).
 */
const conversationSet: MonthlySet = (ctx) => sql`select h.themes, h.needs_domains, cardinality(h.referral_reasons) as reasons,
    cardinality(h.confirmed_reasons) as confirmed, h.has_new_issues, h.setting_preference, ${keysOf('h.episode_id')} as keys
  from (select distinct on (w.episode_id) w.episode_id, w.themes, w.needs_domains, w.referral_reasons, w.confirmed_reasons,
      w.setting_preference, coalesce(length(btrim(w.emerged_issues)), 0) > 0 as has_new_issues
    from what_matters_conversations w
    where ${episodeInScope(ctx, 'w.episode_id')} and w.completed
      and w.held_on >= ${ctx.filter.from}::date and w.held_on <= ${ctx.filter.to}::date
    order by w.episode_id, w.held_on desc, w.created_at desc, w.id desc) h
  group by 1, 2, 3, 4, 5, 6`

async function conversations(ctx: ReportContext) {
  const counted = firstSeen((await monthlySetOf(ctx, 'conversations', conversationSet)).flat())
  const sum = (of: (codes: Record<string, unknown>) => number) => counted.reduce((n, { codes, count }) => n + count * of(codes), 0)
  const pass = passResult([
    ...tallyRows(counted, 'themes', 'themes'),
    ...tallyRows(counted, 'needs', 'needs_domains'),
    ...tallyRows(counted, 'preferences', 'setting_preference').filter((row) => row.code !== null),
  ])
  return {
    held: countRow(counted, 'held').n,
    reasons: sum((codes) => Number(codes.reasons ?? 0)),
    confirmed: sum((codes) => Number(codes.confirmed ?? 0)),
    newIssues: sum((codes) => (codes.has_new_issues === true ? 1 : 0)),
    themes: pass.counts('themes'),
    needs: pass.counts('needs'),
    preferences: pass.counts('preferences'),
  }
}

/** Each episode's plans made in the period, grouped by whether any was co-produced (#98): month sets by the plan's day. */
const planSet: MonthlySet = (ctx) => sql`select x.co_produced, ${keysOf('x.episode_id')} as keys
  from (${ctx.db
    .selectFrom('action_plans as a')
    .where(episodeInScope(ctx, 'a.episode_id'))
    .select(['a.episode_id', sql<boolean>`bool_or(a.co_produced)`.as('co_produced')])
    .where('a.plan_on', '>=', ctx.filter.from)
    .where('a.plan_on', '<=', ctx.filter.to)
    .groupBy('a.episode_id')}) x
  group by 1`

/** The episodes with a plan in the period, and those with a co-produced one: an episode's co-produced months first. */
async function plans(ctx: ReportContext): Promise<MeasureValue> {
  const groups = (await monthlySetOf(ctx, 'plans', planSet)).flat()
  const seen = new KeySet()
  const yes = countRow(firstSeen(groups.filter((group) => group.codes.co_produced === true), seen), 'yes').n
  const all = yes + countRow(firstSeen(groups.filter((group) => group.codes.co_produced !== true), seen), 'no').n
  return { kind: 'share', numerator: yes, denominator: all, percent: percent(yes, all) }
}

const attainments = ['fully', 'partly', 'not_achieved']

/**
 * Goals scored at the end in the period, by attainment (#82), and the same for episodes with a completed connection
 * (#83): month sets of goals grouped by attainment and by whether their episode has one (migration 0052 moves the
 * months of an episode's end scores when its connections change). A goal scored twice with one attainment counts once
 * for it, as `count(distinct goal_id)` did.
 */
/**
 * The goals of the scores `s`, aliased `g` (their episode). A filtered month part looks each up by its key (`offset 0`
 * keeps the planner from turning it back into a join): a month has a few thousand end scores, and the join read all
 * 1.45 million goals to hash those of the filter's episodes (one provider at national size: 472 → 234 ms a month).
 * Over a year the join is the faster (464 against 1,213 ms for that provider's year); with no filter the statement is
 * left as it was measured for all of Wales.
 */
const goalsOfScores = (ctx: ReportContext) =>
  ctx.months && !ctx.unfiltered
    ? sql`cross join lateral (select g.episode_id from plan_goals g where g.id = s.goal_id offset 0) g`
    : sql`join plan_goals g on g.id = s.goal_id`

const attainmentSet: MonthlySet = (ctx) => sql`select s.attainment,
    exists (select 1 from connections c where c.episode_id = g.episode_id and c.status = 'completed') as completed,
    ${keysOf('s.goal_id')} as keys
  from plan_goal_scores s ${goalsOfScores(ctx)}
  where ${episodeInScope(ctx, 'g.episode_id')} and s.occasion = 'end'
    and s.recorded_on >= ${ctx.filter.from}::date and s.recorded_on <= ${ctx.filter.to}::date
  group by 1, 2`

function attainment(groups: readonly KeyGroup[]): MeasureValue {
  const counts = new Map<string, number>()
  for (const code of new Set(groups.map((group) => String(group.codes.attainment ?? 'not_recorded'))))
    counts.set(code, countRow(firstSeen(groups.filter((group) => String(group.codes.attainment ?? 'not_recorded') === code)), code).n)
  const total = [...counts.values()].reduce((n, c) => n + c, 0)
  return { kind: 'breakdown', total, additive: true, rows: codeRows(counts, attainments) }
}

/** #97: the people who said in their own words what changed, in the period (month sets by the day they said it). */
const ownWordsSet: MonthlySet = (ctx) => sql`select ${keysOf('x.person_id')} as keys
  from (select distinct o.person_id from own_words_outcomes o
    where ${episodeInScope(ctx, 'o.episode_id')} and o.said_on >= ${ctx.filter.from}::date and o.said_on <= ${ctx.filter.to}::date) x`

async function ownWordsPeople(ctx: ReportContext): Promise<number> {
  return countRow(firstSeen((await monthlySetOf(ctx, 'own-words', ownWordsSet)).flat()), 'people').n
}

/** The What Matters conversations' measures. */
async function conversationMeasures(ctx: ReportContext): Promise<MeasureResult[]> {
  const held = await conversations(ctx)
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((n, c) => n + c, 0)
  return [
    result('cds108', [108], 'how_well', true, {
      kind: 'breakdown',
      total: held.held,
      additive: false,
      rows: codeRows(held.themes, themeCodes),
    }),
    result('cds53', [53], 'how_much', false, {
      kind: 'breakdown',
      total: total(held.needs),
      additive: true,
      rows: codeRows(held.needs, wellbeingDomains),
    }),
    result('cds125', [125], 'better_off', false, {
      kind: 'breakdown',
      total: held.held,
      additive: false,
      rows: [
        { code: 'reasons_at_referral', count: held.reasons },
        { code: 'reasons_confirmed', count: held.confirmed },
        { code: 'reasons_not_confirmed', count: held.reasons - held.confirmed },
        { code: 'conversations_with_new_issues', count: held.newIssues },
      ],
    }),
    result('cds37', [37], 'how_well', false, {
      kind: 'breakdown',
      total: total(held.preferences),
      additive: true,
      rows: codeRows(held.preferences, settingPreferences),
    }),
  ]
}

/** Plans and own words. */
async function planMeasures(ctx: ReportContext): Promise<MeasureResult[]> {
  return [
    result('cds98', [98], 'better_off', false, await plans(ctx)),
    result('cds97', [97], 'better_off', false, { kind: 'count', count: await ownWordsPeople(ctx) }),
  ]
}

/** Goal attainment, both measures from one month set. */
async function attainmentMeasures(ctx: ReportContext): Promise<MeasureResult[]> {
  const groups = (await monthlySetOf(ctx, 'attainment', attainmentSet)).flat()
  return [
    result('cds82', [82], 'better_off', true, attainment(groups)),
    result('cds83', [83], 'better_off', false, attainment(groups.filter((group) => group.codes.completed === true))),
  ]
}

const journeyParts = [conversationMeasures, planMeasures, attainmentMeasures, ...journeyPeopleParts]

export const computeJourney = computeParts(journeyParts)

export const journeyModule: MeasureModule = { name: 'journey', compute: computeJourney, parts: journeyParts }
