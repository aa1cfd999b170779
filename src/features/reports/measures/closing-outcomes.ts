import { sql } from 'kysely'
import type { CodeCount, MeasureResult, RbaQuestion } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { closingOutcomeItems, type ClosingOutcomeItem } from '../../episodes/closing-outcomes-schema.js'
import { type MonthlyPass, monthlyPassOf } from './monthly-pass.js'

/*
 * What the person says changed at closing (docs/closing-outcomes.md; coverage plan "closing"): Core Data Set #1, #74,
 * #79, #110, #12, #33 as the share answering yes of the people asked, and #89, #63, #62 as a breakdown by answer.
 * An episode is in the period when it closed in it (report_referral_facts.episode_ended_on). "Asked" is every answer
 * but "not asked" (null), so "not known" counts as asked: the person was asked and could not say.
 */

/** Appendix Five's RBA column: "What difference?" (better_off) except #12 and #33, published as "How much?". */
const questionOf = (cds: number): RbaQuestion => (cds === 12 || cds === 33 ? 'how_much' : 'better_off')

/** The yes/no/not known questions give a share; those with their own list of changes give a breakdown. */
const isYesNo = (item: ClosingOutcomeItem) => item.answers[0] === 'yes'

const percent = (numerator: number, denominator: number) =>
  denominator === 0 ? null : Math.round((1000 * numerator) / denominator) / 10

const alias = (item: ClosingOutcomeItem, code: string) => `${item.column}__${code}`

/**
 * The answers of the episodes closed in the period, counted by answer: additive month by month (monthly-pass.ts),
 * each episode counted by the day it ended. Migration 0049 moves a month when an episode's facts or its answers
 * change, and the facts carry the filter, so the month parts hold for every filter.
 */
const closingPass: MonthlyPass = (context) => ({
  slices: {
    // One row per closed episode in the period (facts are per referral; an episode comes from one referral).
    closed: sql`${context
      .facts()
      .select('episode_id')
      .distinct()
      .where('episode_id', 'is not', null)
      .where('episode_ended_on', '>=', context.filter.from)
      .where('episode_ended_on', '<=', context.filter.to)}`,
  },
  parts: [
    {
      key: 'answers',
      from: sql`closed f join episode_closing_outcomes o on o.episode_id = f.episode_id`,
      aggregates: Object.fromEntries(
        closingOutcomeItems.flatMap((item) =>
          item.answers.map((code) => [alias(item, code), sql`count(*) filter (where ${sql.ref(`o.${item.column}`)} = ${code})`]),
        ),
      ),
    },
  ],
})

export async function computeClosingOutcomes(context: ReportContext): Promise<MeasureResult[]> {
  const pass = await monthlyPassOf(context, 'closing-outcomes', closingPass)
  const count = (item: ClosingOutcomeItem, code: string) => pass.count(alias(item, code))

  return closingOutcomeItems.map((item): MeasureResult => {
    const rows: CodeCount[] = item.answers.map((code) => ({ code, count: count(item, code) }))
    const asked = rows.reduce((sum, r) => sum + (r.count as number), 0)
    const base = { id: `cds${item.cds}`, cds: [item.cds], question: questionOf(item.cds), table2: false }
    if (isYesNo(item)) {
      const yes = count(item, 'yes')
      return { ...base, value: { kind: 'share', numerator: yes, denominator: asked, percent: percent(yes, asked) } }
    }
    return { ...base, value: { kind: 'breakdown', total: asked, additive: true, rows } }
  })
}

export const closingOutcomesModule: MeasureModule = { name: 'closing-outcomes', compute: computeClosingOutcomes }
