import { sql } from 'kysely'
import { themeCodes } from '../../directory/matching/themes.js'
import { wellbeingDomains } from '../../what-matters/rules.js'
import { settingPreferences } from '../../what-matters/schema.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { computeJourneyPeople } from './journey-people.js'
import { episodeInScope } from './scope.js'
import { codeRows, percent, result, tally } from './shared.js'

/*
 * The journey with the practitioner (issue 7 §2; CDS #108, #53, #125, #37, #98, #82, #83, #97), from What Matters
 * conversations, action plans, goal scores and own-words outcomes. Counts and codes only: never the words.
 * Each follows the report's filter through its episode (report_referral_facts.episode_id).
 */

/** Completed conversations held in the period, the latest per episode (a later one revises the earlier). */
async function conversations(ctx: ReportContext) {
  const rows = await ctx.db
    .selectFrom('what_matters_conversations as w')
    .where(episodeInScope(ctx, 'w.episode_id'))
    .select([
      'w.episode_id',
      'w.themes',
      'w.needs_domains',
      'w.referral_reasons',
      'w.confirmed_reasons',
      'w.setting_preference',
    ])
    .select(sql<boolean>`coalesce(length(btrim(w.emerged_issues)), 0) > 0`.as('has_new_issues'))
    .where('w.completed', '=', true)
    .where('w.held_on', '>=', ctx.filter.from)
    .where('w.held_on', '<=', ctx.filter.to)
    .orderBy('w.held_on')
    .orderBy('w.created_at')
    .execute()
  return [...new Map(rows.map((r) => [r.episode_id, r])).values()]
}

async function plans(ctx: ReportContext): Promise<MeasureValue> {
  const rows = await ctx.db
    .selectFrom('action_plans as a')
    .where(episodeInScope(ctx, 'a.episode_id'))
    .select(['a.episode_id', sql<boolean>`bool_or(a.co_produced)`.as('co_produced')])
    .where('a.plan_on', '>=', ctx.filter.from)
    .where('a.plan_on', '<=', ctx.filter.to)
    .groupBy('a.episode_id')
    .execute()
  const yes = rows.filter((r) => r.co_produced).length
  return { kind: 'share', numerator: yes, denominator: rows.length, percent: percent(yes, rows.length) }
}

const attainments = ['fully', 'partly', 'not_achieved']

/** Goals scored at the end in the period, by attainment; with `completedConnection`, only episodes with one. */
async function attainment(ctx: ReportContext, completedConnection: boolean): Promise<MeasureValue> {
  let query = ctx.db
    .selectFrom('plan_goal_scores as s')
    .innerJoin('plan_goals as g', 'g.id', 's.goal_id')
    .where(episodeInScope(ctx, 'g.episode_id'))
    .select(['s.attainment', sql<number>`count(distinct s.goal_id)::int`.as('n')])
    .where('s.occasion', '=', 'end')
    .where('s.recorded_on', '>=', ctx.filter.from)
    .where('s.recorded_on', '<=', ctx.filter.to)
    .groupBy('s.attainment')
  if (completedConnection)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('connections as c')
          .select('c.id')
          .whereRef('c.episode_id', '=', 'g.episode_id')
          .where('c.status', '=', 'completed'),
      ),
    )
  const rows = await query.execute()
  const counts = new Map(rows.map((r) => [r.attainment ?? 'not_recorded', Number(r.n)]))
  const total = [...counts.values()].reduce((n, c) => n + c, 0)
  return { kind: 'breakdown', total, additive: true, rows: codeRows(counts, attainments) }
}

async function ownWordsPeople(ctx: ReportContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('own_words_outcomes as o')
    .where(episodeInScope(ctx, 'o.episode_id'))
    .select(sql<number>`count(distinct o.person_id)::int`.as('n'))
    .where('o.said_on', '>=', ctx.filter.from)
    .where('o.said_on', '<=', ctx.filter.to)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function computeJourney(ctx: ReportContext): Promise<MeasureResult[]> {
  const held = await conversations(ctx)
  const needs = held.flatMap((c) => c.needs_domains)
  const reasons = held.reduce((n, c) => n + c.referral_reasons.length, 0)
  const confirmed = held.reduce((n, c) => n + c.confirmed_reasons.length, 0)
  const preferences = held.flatMap((c) => (c.setting_preference ? [c.setting_preference] : []))
  return [
    result('cds108', [108], 'how_well', true, {
      kind: 'breakdown',
      total: held.length,
      additive: false,
      rows: codeRows(tally(held.flatMap((c) => c.themes)), themeCodes),
    }),
    result('cds53', [53], 'how_much', false, {
      kind: 'breakdown',
      total: needs.length,
      additive: true,
      rows: codeRows(tally(needs), wellbeingDomains),
    }),
    result('cds125', [125], 'better_off', false, {
      kind: 'breakdown',
      total: held.length,
      additive: false,
      rows: [
        { code: 'reasons_at_referral', count: reasons },
        { code: 'reasons_confirmed', count: confirmed },
        { code: 'reasons_not_confirmed', count: reasons - confirmed },
        { code: 'conversations_with_new_issues', count: held.filter((c) => c.has_new_issues).length },
      ],
    }),
    result('cds37', [37], 'how_well', false, {
      kind: 'breakdown',
      total: preferences.length,
      additive: true,
      rows: codeRows(tally(preferences), settingPreferences),
    }),
    result('cds98', [98], 'better_off', false, await plans(ctx)),
    result('cds82', [82], 'better_off', true, await attainment(ctx, false)),
    result('cds83', [83], 'better_off', false, await attainment(ctx, true)),
    result('cds97', [97], 'better_off', false, { kind: 'count', count: await ownWordsPeople(ctx) }),
    ...(await computeJourneyPeople(ctx)),
  ]
}

export const journeyModule: MeasureModule = { name: 'journey', compute: computeJourney }
