import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'

/*
 * Month parts (issue 9, ADR 0019): the additive parts of a report's largest passes, kept per calendar month and per
 * filter, so that a year's report after a change computes only the months whose facts changed (migration 0049 keeps
 * a version per month). These are the pure pieces: splitting a period into months, adding parts together, and the
 * median and 90th percentile of a histogram of days, exactly as PostgreSQL's percentile_cont computes them.
 */

/** One aggregate row of a pass: `key` names the part, `code` the breakdown's code (null for a count or a day). */
export interface PassRow {
  key: string
  code: string | null
  n: number
  median: number | null
  p90: number | null
}

export interface MonthRange {
  /** The first day of the calendar month (YYYY-MM-DD), the key of its version. */
  month: string
  from: string
  to: string
}

const lastDayOfMonth = (month: string): string => {
  const d = new Date(`${month}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + 1, 0)
  return d.toISOString().slice(0, 10)
}

const nextMonth = (month: string): string => {
  const d = new Date(`${month}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + 1, 1)
  return d.toISOString().slice(0, 10)
}

/** The period from..to (YYYY-MM-DD, from ≤ to) as calendar months, the first and last cut to the period. */
export function monthRanges(from: string, to: string): MonthRange[] {
  const ranges: MonthRange[] = []
  for (let month = `${from.slice(0, 7)}-01`; month <= to; month = nextMonth(month)) {
    const last = lastDayOfMonth(month)
    ranges.push({ month, from: from > month ? from : month, to: to < last ? to : last })
  }
  return ranges
}

/**
 * percentile_cont(p) of the values a histogram (value → how many) holds: the value at position p × (n − 1) of the
 * sorted values, counting from 0, interpolated linearly between the two nearest ranks, with PostgreSQL's own
 * arithmetic (float8_lerp: lo + (hi − lo) × fraction), so the result is the same double. Null when it is empty.
 */
export function percentileOfHistogram(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const values = [...histogram.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b)
  const n = values.reduce((sum, [, count]) => sum + count, 0)
  if (n === 0) return null
  const position = p * (n - 1)
  const first = Math.floor(position)
  const second = Math.ceil(position)
  const at = (rank: number): number => {
    let seen = 0
    for (const [value, count] of values) {
      seen += count
      if (rank < seen) return value
    }
    return (values.at(-1) as [number, number])[0]
  }
  const lo = at(first)
  const hi = at(second)
  return lo + (hi - lo) * (position - first)
}

/**
 * Adds the rows of several months' passes: counts and breakdowns summed by key and code; the parts named in
 * `durations` (rows of day → count) turned into one row of n, median and 90th percentile, as a duration part of one
 * statement over the whole period gives them.
 */
export function addPassRows(months: readonly (readonly PassRow[])[], durations: ReadonlySet<string>): PassRow[] {
  const sums = new Map<string, PassRow>()
  const histograms = new Map<string, Map<number, number>>()
  for (const rows of months)
    for (const row of rows) {
      if (durations.has(row.key)) {
        const histogram = histograms.get(row.key) ?? new Map<number, number>()
        histograms.set(row.key, histogram)
        const day = Number(row.code)
        histogram.set(day, (histogram.get(day) ?? 0) + row.n)
        continue
      }
      // A breakdown's null code and a code of the same text are different rows, as they are in one statement.
      const id = `${row.key}\u0000${row.code === null ? '\u0001' : row.code}`
      const sum = sums.get(id)
      if (sum) sum.n += row.n
      else sums.set(id, { ...row, median: null, p90: null })
    }
  const rows = [...sums.values()]
  for (const key of durations) {
    const histogram = histograms.get(key) ?? new Map<number, number>()
    const n = [...histogram.values()].reduce((sum, count) => sum + count, 0)
    rows.push({ key, code: null, n, median: percentileOfHistogram(histogram, 0.5), p90: percentileOfHistogram(histogram, 0.9) })
  }
  return rows
}

/**
 * The month parts computed in this process, each valid while the versions of its month (migrations 0049, 0055) for the
 * tables its statement read are the ones it was computed at. Kept beside the built reports (cache.ts), most recently
 * used last; `capacity` entries at most (a year of one filter is twelve per pass).
 */
export class MonthCache {
  /** A month's part: a pass's rows (PassRow[]) or a set statement's groups of keys (monthly-set.ts). */
  private readonly entries = new Map<string, { tables: readonly string[]; version: string; part: unknown }>()
  /** Month parts computed (not found here): what a test or the bench reads to see that only changed months were. */
  computed = 0
  /** The filters built before in this process (their codes' key), most recently used last (ADR 0028). */
  private readonly filters = new Set<string>()

  constructor(private readonly capacity = 2000) {}

  /**
   * The part kept under `key` if `versionOf` gives, for the tables its statement read, the version it was computed at;
   * the caller knows its type by the key's statement.
   */
  get<T>(key: string, versionOf: (tables: readonly string[]) => string): T | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    if (entry.version !== versionOf(entry.tables)) return undefined
    this.entries.set(key, entry)
    return entry.part as T
  }

  /** The tables a kept part's statement read (what a test reads to check them). */
  tablesOf(key: string): readonly string[] | undefined {
    return this.entries.get(key)?.tables
  }

  set(key: string, tables: readonly string[], version: string, part: unknown): void {
    this.entries.delete(key)
    this.entries.set(key, { tables, version, part })
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }

  get size(): number {
    return this.entries.size
  }

  /**
   * Whether a report with this filter was built before in this process, and remembers that it now has been. A filter's
   * first build reads each statement's whole period and keeps no month parts (ADR 0028): computing twelve months costs
   * about three times as much, which pays only for a filter that is looked at again after a change.
   */
  seenBefore(filter: string): boolean {
    const seen = this.filters.delete(filter)
    this.filters.add(filter)
    while (this.filters.size > this.capacity) {
      const oldest = this.filters.values().next().value
      if (oldest === undefined) break
      this.filters.delete(oldest)
    }
    return seen
  }
}

/** What a build reads month parts with: the cache, and every month's versions as the build's snapshot sees them. */
export interface MonthParts {
  cache: MonthCache
  /**
   * Month (YYYY-MM-01) → table → version (migration 0055); a table with no row for a month has never had a row with
   * a date in it written ('0').
   */
  versions: ReadonlyMap<string, ReadonlyMap<string, string>>
  /**
   * The directory's version (migrations 0035, 0045) in the same snapshot: a pass that reads the directory (the green
   * and blue settings of the services connected to) keeps its months under it as well as under its tables'.
   */
  directory: string
  /**
   * A filtered build's filter (ADR 0028): its `key`, part of every month part's key, and the `version` of the codes
   * it names (migration 0056), which every month part of it is kept under as well. Absent with no filter.
   */
  filter?: { key: string; version: string } | undefined
  /**
   * Whether the month parts computed in this build may be kept. Not when a filtered build's snapshot still has
   * referrals queued for the refresh: their facts may not yet say which filters they pass, and when the refresh
   * writes them the first time nothing moves (ADR 0028). Such a build still takes the months it finds kept.
   */
  keep: boolean
}

/** A month's version for a statement that read these tables: theirs, in the order given, joined. */
export function versionOfTables(versions: MonthParts['versions'], month: string, tables: readonly string[]): string {
  const ofMonth = versions.get(month)
  return tables.map((table) => ofMonth?.get(table) ?? '0').join(',')
}

/**
 * The versions of the months of from..to and the directory's, read in the build's transaction (so in the snapshot its
 * reads see), in one statement; for a filtered build (`codes`, from `filterCodes`), also the versions of the filter's
 * codes (migration 0056) and whether any referral is queued for the refresh, in the same statement, so that the three
 * agree.
 */
export async function readMonthVersions(
  db: Kysely<DB>,
  from: string,
  to: string,
  codes: readonly (readonly [string, string])[] = [],
): Promise<{ versions: Map<string, Map<string, string>>; directory: string; filterVersion: string; queued: boolean }> {
  const filtered =
    codes.length === 0
      ? sql``
      : sql`union all select 'filter', dimension || '=' || code, version from report_filter_versions
          where dimension = '*' or (dimension, code) in (${sql.join(codes.map(([column, code]) => sql`(${column}::text, ${code}::text)`))})
        union all (select 'queued', null, 0 from report_dirty_referrals limit 1)`
  const result = await sql<{ source: string | null; month: string | Date | null; version: string | number }>`
    select source, month::text as month, version from report_month_versions
    where month between ${`${from.slice(0, 7)}-01`}::date and ${to}::date
    union all select null, null, version from directory_versions
    ${filtered}`.execute(db)
  const versions = new Map<string, Map<string, string>>()
  let directory = '0'
  const filter: string[] = []
  let queued = false
  for (const r of result.rows) {
    if (r.source === 'queued') queued = true
    else if (r.source === 'filter') filter.push(`${String(r.month)}:${String(r.version)}`)
    else if (r.month === null || r.source === null) directory = String(r.version)
    else {
      const month = String(r.month).slice(0, 10)
      let ofMonth = versions.get(month)
      if (!ofMonth) versions.set(month, (ofMonth = new Map()))
      ofMonth.set(r.source, String(r.version))
    }
  }
  return { versions, directory, filterVersion: filter.sort().join(','), queued }
}
