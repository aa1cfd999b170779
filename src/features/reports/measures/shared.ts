import type { MeasureResult, MeasureValue, RbaQuestion, ReportFilter } from '../contract.js'

/*
 * Small helpers shared by the outcome, experience and journey modules (issue 7 §2, §3).
 */

/** numerator / denominator as a percentage to one decimal place; null when there is nothing to divide by. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null
}

/**
 * Records that belong to an organisation but to no person (anonymous experience replies, case studies not linked
 * to a record) can be counted only when the report is filtered by nothing but the organisation: any person
 * dimension (area, age band, route …) cannot be told for them. Returns the organisations to count them for:
 * 'all' with no filter at all, a list with an organisation filter, null when a person dimension is filtered.
 */
export function organisationOnlyScope(filter: ReportFilter): 'all' | string[] | null {
  const used = Object.entries(filter.where).filter(([, codes]) => (codes?.length ?? 0) > 0)
  if (used.some(([dimension]) => dimension !== 'organisation')) return null
  const organisations = filter.where.organisation ?? []
  return organisations.length ? organisations : 'all'
}

/** The first day of the month of a YYYY-MM-DD date: a month-stamped record is in a period its month overlaps. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`
}

/** Counts of codes, every code of `known` present (0 when none), then any others met, in the order met. */
export function codeRows(counts: Map<string, number>, known: readonly string[]): { code: string; count: number }[] {
  const rows = known.map((code) => ({ code, count: counts.get(code) ?? 0 }))
  for (const [code, count] of counts) if (!known.includes(code)) rows.push({ code, count })
  return rows
}

export function tally(codes: Iterable<string>, into = new Map<string, number>()): Map<string, number> {
  for (const code of codes) into.set(code, (into.get(code) ?? 0) + 1)
  return into
}

/** The day after a YYYY-MM-DD date: instants are in a period when at or after `from` and before the day after `to`. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

export const result = (
  id: string,
  cds: number[],
  question: RbaQuestion,
  table2: boolean,
  value: MeasureValue,
): MeasureResult => ({
  id,
  cds,
  question,
  table2,
  value,
})

/** The message key of a measure's label (outcomes/messages): `cds91.wemwbs` → reportMeasures.measure.cds91_wemwbs. */
export const measureLabelKey = (id: string) => `reportMeasures.measure.${id.replace('.', '_')}`
