import { sql } from 'kysely'
import type { Dimension } from '../contract.js'
import type { ReportContext } from '../modules.js'

/*
 * For the engine's equity tables (issue 7 §3; EquityRow.paired / .improved): people paired in the period on a
 * wellbeing instrument with a published meaningful-change threshold (WEMWBS, SWEMWBS), and of those whose change
 * met it on at least one, by a dimension of report_referral_facts. Read from report_outcome_pairs, like outcomes.ts.
 */

export const equityInstruments = ['wemwbs', 'swemwbs'] as const

/** The facts column each dimension is read from. */
export const dimensionColumns: Record<Dimension, string> = {
  organisation: 'organisation_id',
  team: 'team_id',
  practitioner: 'practitioner_id',
  local_authority: 'local_authority_code',
  health_board: 'health_board_code',
  rpb: 'rpb_code',
  route: 'route',
  age_band: 'age_band',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  wimd_quintile: 'wimd_quintile',
  language: 'language',
}

export interface EquityOutcome {
  /** The dimension's code as text; null where the facts have none (not recorded). */
  code: string | null
  paired: number
  improved: number
}

export async function wellbeingByDimension(
  ctx: ReportContext,
  dimension: Dimension,
): Promise<{ rows: EquityOutcome[]; total: Omit<EquityOutcome, 'code'> }> {
  const column = dimensionColumns[dimension]
  const base = ctx.db
    .selectFrom('report_outcome_pairs as p')
    .innerJoin(ctx.facts().selectAll().as('f'), (j) => j.onRef('f.referral_id', '=', 'p.referral_id'))
    .where('p.instrument_id', 'in', [...equityInstruments])
    .where('p.latest_value', 'is not', null)
    .where('p.counted_on', '>=', ctx.filter.from)
    .where('p.counted_on', '<=', ctx.filter.to)
  const counts = [
    sql<number>`count(distinct p.person_id)::int`.as('paired'),
    sql<number>`count(distinct p.person_id) filter (where p.meets_threshold)::int`.as('improved'),
  ]
  const rows = await base
    .select([sql<string | null>`${sql.ref(`f.${column}`)}::text`.as('code'), ...counts])
    .groupBy(sql.ref(`f.${column}`))
    .execute()
  const total = await base.select(counts).executeTakeFirst()
  return {
    rows: rows.map((r) => ({ code: r.code, paired: Number(r.paired), improved: Number(r.improved) })),
    total: { paired: Number(total?.paired ?? 0), improved: Number(total?.improved ?? 0) },
  }
}
