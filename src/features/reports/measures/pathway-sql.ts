import { sql, type RawBuilder } from 'kysely'
import type { CodeCount, MeasureResult, MeasureValue, RbaQuestion } from '../contract.js'
import type { ReportContext } from '../modules.js'
import type { PassRow } from '../engine/months.js'

/**
 * Small SQL helpers for the pathway measures. `facts` is the report's filtered `report_referral_facts` as a
 * subquery aliased `f` (the filter's dimensions, not its period); every measure then says which date puts a row
 * in the period.
 */
export const factsOf = (context: ReportContext): RawBuilder<unknown> => sql`(${context.facts().selectAll()}) f`

/**
 * Connections of the filtered referrals, aliased `c` (the columns of `report_connection_facts`). Without a filter,
 * the connection facts alone: every one has its referral's facts row (scope.ts), so the join would only cost.
 */
export const connectionsOf = (context: ReportContext): RawBuilder<unknown> =>
  context.unfiltered
    ? sql`report_connection_facts c`
    : sql`${factsOf(context)} join report_connection_facts c on c.referral_id = f.referral_id`

/** Support contacts of the filtered referrals, aliased `k`, as `connectionsOf`. */
export const contactsOf = (context: ReportContext): RawBuilder<unknown> =>
  context.unfiltered
    ? sql`report_contact_facts k`
    : sql`${factsOf(context)} join report_contact_facts k on k.referral_id = f.referral_id`

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

/** One aggregate of a pass: a count, a breakdown by code, or a duration, each under its own key. */
export type PassPart =
  | { key: string; count: RawBuilder<unknown> }
  /** Several aggregates (`count(*) filter (where …)`, `coalesce(sum(…), 0)`) in one scan of `from`, each its own key. */
  | { key: string; aggregates: Record<string, RawBuilder<unknown>>; from: RawBuilder<unknown> }
  | { key: string; rows: RawBuilder<unknown> }
  | { key: string; days: RawBuilder<unknown>; from: RawBuilder<unknown> }

export interface PassResult {
  count(key: string): number
  rows(key: string): CodeCount[]
  /** The same rows as a map from code to count, in the same order (for `codeRows`). */
  counts(key: string): Map<string, number>
  duration(key: string): MeasureValue
}

/**
 * Many aggregates over one slice of the facts in one statement (issue 9): `slices` are materialised once (the
 * expensive part at national size is finding a year's rows among ten years'), then every part reads them. Each part
 * is the very query it replaces — `count` a `select count(*) …`, `rows` a `select code, count(*) … group by 1`, a
 * duration `days` over `from` — so the numbers are the same as one query per measure.
 */
export async function passOf(
  context: ReportContext,
  slices: Record<string, RawBuilder<unknown>>,
  parts: PassPart[],
): Promise<PassResult> {
  return passResult(await passRows(context, slices, parts))
}

/** The rows of one pass's statement, before they are read as counts, breakdowns and durations. */
export async function passRows(
  context: ReportContext,
  slices: Record<string, RawBuilder<unknown>>,
  parts: PassPart[],
): Promise<PassRow[]> {
  const branch = (part: PassPart) => {
    const key = sql.lit(part.key)
    if ('count' in part)
      return sql`select ${key}::text as key, null::text as code, (${part.count})::bigint as n, null::float8 as median, null::float8 as p90`
    if ('aggregates' in part) {
      const entries = Object.entries(part.aggregates)
      const columns = entries.map(([, aggregate], i) => sql`(${aggregate})::bigint as ${sql.id(`a${i}`)}`)
      const values = entries.map(([name], i) => sql`(${sql.lit(name)}::text, a.${sql.id(`a${i}`)})`)
      return sql`select v.key, null::text, v.n, null::float8, null::float8
        from (select ${sql.join(columns)} from ${part.from}) a cross join lateral (values ${sql.join(values)}) v(key, n)`
    }
    if ('rows' in part)
      return sql`select ${key}::text, x.code::text, x.count::bigint, null::float8, null::float8 from (${part.rows}) x(code, count)`
    return sql`select ${key}::text, null::text, count(*)::bigint,
        percentile_cont(0.5) within group (order by d.days), percentile_cont(0.9) within group (order by d.days)
      from (select (${part.days})::integer as days from ${part.from}) d where d.days is not null`
  }
  const ctes = Object.entries(slices).map(([name, query]) => sql`${sql.id(name)} as materialized (${query})`)
  const result = await sql<{ key: string; code: string | null; n: number | string; median: number | string | null; p90: number | string | null }>`
    ${ctes.length ? sql`with ${sql.join(ctes)}` : sql``} select * from (${sql.join(parts.map(branch), sql` union all `)}) x(key, code, n, median, p90)`.execute(context.db)
  const number = (v: number | string | null) => (v === null ? null : Number(v))
  return result.rows.map((r) => ({ key: r.key, code: r.code, n: Number(r.n), median: number(r.median), p90: number(r.p90) }))
}

/** Reads a pass's rows by key: a count, a breakdown (nulls as 'not_recorded', by count then code), a duration. */
export function passResult(passRows: readonly PassRow[]): PassResult {
  const byKey = new Map<string, PassRow[]>()
  for (const row of passRows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row])
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10)
  const rows = (key: string) =>
    (byKey.get(key) ?? [])
      .map((r) => ({ code: r.code === null ? 'not_recorded' : String(r.code), count: r.n }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
  return {
    count: (key) => byKey.get(key)?.[0]?.n ?? 0,
    rows,
    counts: (key) => new Map(rows(key).map((r) => [r.code, r.count])),
    duration: (key) => {
      const row = byKey.get(key)?.[0]
      return { kind: 'duration', n: row?.n ?? 0, median: round(row?.median), p90: round(row?.p90), unit: 'days' }
    },
  }
}
