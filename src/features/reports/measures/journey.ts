import { sql } from 'kysely'
import { themeCodes } from '../../directory/matching/themes.js'
import { wellbeingDomains } from '../../what-matters/rules.js'
import { settingPreferences } from '../../what-matters/schema.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import { computeParts, type MeasureModule, type ReportContext } from '../modules.js'
import { journeyPeopleParts } from './journey-people.js'
import { episodeInScope } from './scope.js'
import { passOf } from './pathway-sql.js'
import { codeRows, percent, result } from './shared.js'

/*
 * The journey with the practitioner (issue 7 §2; CDS #108, #53, #125, #37, #98, #82, #83, #97), from What Matters
 * conversations, action plans, goal scores and own-words outcomes. Counts and codes only: never the words.
 * Each follows the report's filter through its episode (report_referral_facts.episode_id).
 */

/**
 * Completed conversations held in the period, the latest per episode (a later one revises the earlier), tallied in
 * the database: at national size a year is about 100,000 conversations, and returning them to TypeScript to count
 * their codes cost more than finding them (issue 9).
 */
async function conversations(ctx: ReportContext) {
  const held = sql`held h`
  const pass = await passOf(
    ctx,
    {
      held: sql`select distinct on (w.episode_id) w.themes, w.needs_domains, w.referral_reasons, w.confirmed_reasons,
          w.setting_preference, coalesce(length(btrim(w.emerged_issues)), 0) > 0 as has_new_issues
        from what_matters_conversations w
        where ${episodeInScope(ctx, 'w.episode_id')} and w.completed
          and w.held_on >= ${ctx.filter.from}::date and w.held_on <= ${ctx.filter.to}::date
        order by w.episode_id, w.held_on desc, w.created_at desc, w.id desc`,
    },
    [
      {
        key: 'counts',
        from: held,
        aggregates: {
          held: sql`count(*)`,
          reasons: sql`coalesce(sum(cardinality(h.referral_reasons)), 0)`,
          confirmed: sql`coalesce(sum(cardinality(h.confirmed_reasons)), 0)`,
          new_issues: sql`count(*) filter (where h.has_new_issues)`,
        },
      },
      { key: 'themes', rows: sql`select u.code, count(*) from ${held} cross join unnest(h.themes) u(code) group by 1` },
      { key: 'needs', rows: sql`select u.code, count(*) from ${held} cross join unnest(h.needs_domains) u(code) group by 1` },
      {
        key: 'preferences',
        rows: sql`select h.setting_preference, count(*) from ${held} where h.setting_preference is not null group by 1`,
      },
    ],
  )
  const counts = pass.counts
  return {
    held: pass.count('held'),
    reasons: pass.count('reasons'),
    confirmed: pass.count('confirmed'),
    newIssues: pass.count('new_issues'),
    themes: counts('themes'),
    needs: counts('needs'),
    preferences: counts('preferences'),
  }
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

/** Goal attainment, each its own part: at national size each is a second's read of a year's end scores. */
const attainmentParts = [
  async (ctx: ReportContext) => [result('cds82', [82], 'better_off', true, await attainment(ctx, false))],
  async (ctx: ReportContext) => [result('cds83', [83], 'better_off', false, await attainment(ctx, true))],
]

const journeyParts = [conversationMeasures, planMeasures, ...attainmentParts, ...journeyPeopleParts]

export const computeJourney = computeParts(journeyParts)

export const journeyModule: MeasureModule = { name: 'journey', compute: computeJourney, parts: journeyParts }
