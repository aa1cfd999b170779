import type { CodeCount, EquityRow, EquityTable, MeasureResult, MeasureValue, Num, ReportResult, Stat } from './contract.js'

/**
 * Small-number suppression for aggregate audiences (issue 7 §6, DESIGN §7): the one place it happens, for pages,
 * API and exports alike. The rule, written out in docs/reports.md:
 * - Primary: a count of 1–4 becomes '<5'; 0 and 5 or more stay.
 * - Secondary: where cells add up to a total (an additive breakdown and its total; a scale's distribution and its n;
 *   carbon's rows by mode and its connections; each column of an equity table and its total row), a group with
 *   exactly one hidden cell would let a reader subtract it back, so the next smallest non-zero shown cell of the
 *   group is hidden too ('suppressed'); repeated until no group has exactly one hidden cell (an equity row's cells
 *   are in their column's group and, for paired/improved, in the row's share).
 * - A share: the numerator is hidden when 1–4, and also when denominator − numerator is 1–4 (the complement);
 *   the percentage is null when either is hidden. A scale's positive count and a change's improved count are
 *   shares of their n and paired.
 * - A funnel: stages are not additive, but a stage whose drop from the stage before is 1–4 tells how many dropped
 *   out, so it is hidden like a share's complement.
 * - Statistics on 1–4 people (medians, means, CIs, money per person, carbon over 1–4 connections) are null; a change
 *   with 1–4 paired keeps only paired '<5'.
 * Values already hidden (the function is idempotent) count as hidden and reveal nothing.
 */
export function suppress(result: ReportResult): ReportResult {
  return {
    ...result,
    measures: result.measures.map(suppressMeasure),
    equity: result.equity.map(suppressEquity),
  }
}

/** 1–4: a count that would single people out. */
export const isSmall = (n: number): boolean => n >= 1 && n <= 4

/** A cell being suppressed: `raw` is the number when it is known (null when it arrived already hidden). */
interface Cell {
  raw: number | null
  out: Num
}

const cell = (n: Num): Cell => (typeof n === 'number' ? { raw: n, out: isSmall(n) ? '<5' : n } : { raw: null, out: n })
const hidden = (c: Cell): boolean => typeof c.out === 'string'
const hide = (c: Cell): boolean => {
  if (hidden(c)) return false
  c.out = 'suppressed'
  return true
}
/** A number worked out from cells is given only when none of them is hidden. */
const unless = (stat: Stat, ...cells: Cell[]): Stat => (cells.some(hidden) ? null : stat)

/** The share rule: hide the numerator when the complement (denominator − numerator) is 1–4. */
function complement(numerator: Cell, denominator: Cell): boolean {
  if (numerator.raw === null || denominator.raw === null) return false
  return isSmall(denominator.raw - numerator.raw) ? hide(numerator) : false
}

/** Secondary suppression: no group (cells that add up, total included) may have exactly one hidden cell. */
function secondary(groups: Cell[][], also: () => boolean = () => false): void {
  for (let changed = true; changed; ) {
    changed = also()
    for (const group of groups) {
      if (group.filter(hidden).length !== 1) continue
      const next = group
        .filter((c) => !hidden(c) && c.raw !== null && c.raw > 0)
        .sort((a, b) => (a.raw as number) - (b.raw as number))[0]
      if (next && hide(next)) changed = true
    }
  }
}

const rowsOf = (rows: CodeCount[]) => rows.map((r) => ({ code: r.code, c: cell(r.count) }))
const backToRows = (rows: { code: string; c: Cell }[]): CodeCount[] => rows.map((r) => ({ code: r.code, count: r.c.out }))

export function suppressValue(value: MeasureValue): MeasureValue {
  switch (value.kind) {
    case 'count':
      return { kind: 'count', count: cell(value.count).out }
    case 'share': {
      const numerator = cell(value.numerator)
      const denominator = cell(value.denominator)
      complement(numerator, denominator)
      return { kind: 'share', numerator: numerator.out, denominator: denominator.out, percent: unless(value.percent, numerator, denominator) }
    }
    case 'duration': {
      const n = cell(value.n)
      return { ...value, n: n.out, median: unless(value.median, n), p90: unless(value.p90, n) }
    }
    case 'breakdown': {
      const total = cell(value.total)
      const rows = rowsOf(value.rows)
      if (value.additive) secondary([[total, ...rows.map((r) => r.c)]])
      return { ...value, total: total.out, rows: backToRows(rows) }
    }
    case 'funnel': {
      const stages = rowsOf(value.stages)
      stages.forEach((stage, i) => {
        const before = stages[i - 1]
        if (before) complement(stage.c, before.c)
      })
      return { kind: 'funnel', stages: backToRows(stages) }
    }
    case 'change': {
      const paired = cell(value.paired)
      const lost = cell(value.lost)
      if (hidden(paired)) {
        return { ...value, paired: paired.out, lost: lost.out, meanChange: null, ciLow: null, ciHigh: null, improved: 'suppressed', improvedPercent: null }
      }
      const improved = cell(value.improved)
      complement(improved, paired)
      return { ...value, paired: paired.out, lost: lost.out, improved: improved.out, improvedPercent: unless(value.improvedPercent, improved) }
    }
    case 'scale': {
      const n = cell(value.n)
      const positive = cell(value.positive)
      const rows = rowsOf(value.rows)
      complement(positive, n)
      secondary([[n, ...rows.map((r) => r.c)]])
      return {
        kind: 'scale',
        n: n.out,
        mean: unless(value.mean, n),
        positive: positive.out,
        positivePercent: unless(value.positivePercent, n, positive),
        rows: backToRows(rows),
      }
    }
    case 'money': {
      if (value.per === null) return value
      const per = cell(value.per)
      return { kind: 'money', pence: unless(value.pence, per), per: per.out }
    }
    case 'carbon': {
      const connections = cell(value.connections)
      const rows = rowsOf(value.rows)
      secondary([[connections, ...rows.map((r) => r.c)]])
      return { ...value, kgCo2e: unless(value.kgCo2e, connections), connections: connections.out, rows: backToRows(rows) }
    }
    case 'not_available':
      return value
  }
}

const suppressMeasure = (measure: MeasureResult): MeasureResult => ({ ...measure, value: suppressValue(measure.value) })

const countColumns = ['referrals', 'engaged', 'completed', 'paired', 'improved'] as const
type CountColumn = (typeof countColumns)[number]
type CellRow = { source: EquityRow; cells: Record<CountColumn, Cell> }

/**
 * An equity table: each count column adds up over the rows to the total row (a group each), and improved is a share
 * of paired within a row. The rate per 1,000 goes with the referrals it is worked out from; population figures are
 * published estimates, not people in the service, and stay.
 */
export function suppressEquity(table: EquityTable): EquityTable {
  const toCells = (row: EquityRow): CellRow => ({
    source: row,
    cells: Object.fromEntries(countColumns.map((c) => [c, cell(row[c])])) as Record<CountColumn, Cell>,
  })
  const rows = table.rows.map(toCells)
  const total = toCells(table.total)
  const all = [...rows, total]
  const groups = countColumns.map((column) => all.map((r) => r.cells[column]))
  secondary(groups, () => all.map((r) => complement(r.cells.improved, r.cells.paired)).some(Boolean))
  const back = (r: CellRow): EquityRow => ({
    ...r.source,
    ...(Object.fromEntries(countColumns.map((c) => [c, r.cells[c].out])) as Record<CountColumn, Num>),
    ratePer1000: unless(r.source.ratePer1000, r.cells.referrals),
  })
  return { dimension: table.dimension, rows: rows.map(back), total: back(total) }
}
