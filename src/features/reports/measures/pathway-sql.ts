import { sql, type RawBuilder } from 'kysely'
import type { CodeCount, MeasureResult, MeasureValue, RbaQuestion } from '../contract.js'
import type { ReportContext } from '../modules.js'

/**
 * Small SQL helpers for the pathway measures. `facts` is the report's filtered `report_referral_facts` as a
 * subquery aliased `f` (the filter's dimensions, not its period); every measure then says which date puts a row
 * in the period.
 */
export const factsOf = (context: ReportContext): RawBuilder<unknown> => sql`(${context.facts().selectAll()}) f`

/** Connections of the filtered referrals, aliased `c`, joined to their referral's facts `f`. */
export const connectionsOf = (context: ReportContext): RawBuilder<unknown> =>
  sql`${factsOf(context)} join report_connection_facts c on c.referral_id = f.referral_id`

export const between = (column: RawBuilder<unknown>, context: ReportContext): RawBuilder<unknown> =>
  sql`${column} between ${context.filter.from}::date and ${context.filter.to}::date`

export async function countOf(context: ReportContext, query: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ n: number | string }>`select (${query})::integer as n`.execute(context.db)
  return Number(result.rows[0]?.n ?? 0)
}

/** Rows of (code, count), ordered by count then code; nulls become 'not_recorded'. */
export async function rowsOf(context: ReportContext, query: RawBuilder<unknown>): Promise<CodeCount[]> {
  const result = await sql<{ code: string | null; count: number | string }>`${query}`.execute(context.db)
  return result.rows
    .map((r) => ({ code: r.code === null ? 'not_recorded' : String(r.code), count: Number(r.count) }))
    .sort((a, b) => (b.count as number) - (a.count as number) || a.code.localeCompare(b.code))
}

export const share = (numerator: number, denominator: number): MeasureValue => ({
  kind: 'share',
  numerator,
  denominator,
  percent: denominator === 0 ? null : Math.round((1000 * numerator) / denominator) / 10,
})

export const breakdown = (rows: CodeCount[], total: number, additive: boolean): MeasureValue => ({
  kind: 'breakdown',
  total,
  additive,
  rows,
})

/**
 * Median and 90th percentile, in days, of `days` (one integer per row). The percentile is PostgreSQL's
 * `percentile_cont`: linear interpolation between the two nearest ranks, at position p × (n − 1) of the sorted values
 * counting from 0 (so the median of an even count is the mean of the middle two). Rounded to one decimal place.
 */
export async function durationOf(
  context: ReportContext,
  days: RawBuilder<unknown>,
  from: RawBuilder<unknown>,
): Promise<MeasureValue> {
  const result = await sql<{ n: number | string; median: number | string | null; p90: number | string | null }>`
    select count(*)::integer as n,
      percentile_cont(0.5) within group (order by d.days) as median,
      percentile_cont(0.9) within group (order by d.days) as p90
    from (select (${days})::integer as days from ${from}) d where d.days is not null`.execute(context.db)
  const row = result.rows[0]
  const round = (v: number | string | null | undefined) =>
    v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10
  return { kind: 'duration', n: Number(row?.n ?? 0), median: round(row?.median), p90: round(row?.p90), unit: 'days' }
}

export const measure = (
  id: string,
  cds: number[],
  question: RbaQuestion,
  value: MeasureValue,
  table2 = false,
): MeasureResult => ({
  id,
  cds,
  question,
  table2,
  value,
})
