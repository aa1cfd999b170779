import { type RawBuilder, sql } from 'kysely'
import { addPassRows, monthRanges, versionOfTables } from '../engine/months.js'
import { MonthTablesRead } from '../engine/tables-read.js'
import type { ReportContext } from '../modules.js'
import { type PassPart, type PassResult, passOf, passResult, passRows } from './pathway-sql.js'

/**
 * A pass whose parts are additive over the days of its period: every row it counts is in the period by one date,
 * so the period's counts, breakdowns and durations are those of its months added together (ADR 0019). The function
 * gives the pass's slices and parts for a context, whose filter's from..to is the period (or one month of it).
 */
export type MonthlyPass = (context: ReportContext) => { slices: Record<string, RawBuilder<unknown>>; parts: PassPart[] }

/** A duration part as the days it is made of, day → how many: histograms add up month by month, medians do not. */
function asHistogram(part: PassPart): PassPart {
  if (!('days' in part)) return part
  return {
    key: part.key,
    rows: sql`select d.days, count(*) from (select (${part.days})::integer as days from ${part.from}) d
      where d.days is not null group by 1`,
  }
}

/**
 * Each calendar month of the period (the first and last cut to it) as `compute` gives it for that month, in order,
 * each taken from the build's month parts while the month's versions of the tables it read are the ones it was
 * computed at (ADR 0019, 0022), and for a filtered report while its filter's codes' versions are (ADR 0028).
 * Undefined when the build has no month parts (a build with no cache): the caller then reads its whole period at once.
 * `id` names the statement in the cache; `reads.directory`: it reads the directory as well as dated rows, so its
 * months are kept under the directory's version too.
 */
export async function eachMonth<T>(
  context: ReportContext,
  id: string,
  reads: { directory?: boolean },
  compute: (month: ReportContext) => Promise<T>,
): Promise<T[] | undefined> {
  const months = context.months
  if (!months) return undefined
  const parts: T[] = []
  for (const range of monthRanges(context.filter.from, context.filter.to)) {
    // A filtered report's months are its own (ADR 0028): the filter is part of the key.
    const key = JSON.stringify(months.filter ? [id, range.from, range.to, months.filter.key] : [id, range.from, range.to])
    // The month's versions of the tables the statement reads (ADR 0022). A pass that reads the directory is as new as
    // the directory too: a service tagged green moves every month's count. A filtered month is as new as its filter's
    // codes too: a referral whose facts move into or out of the filter moves its rows of every month (migration 0056).
    const versionOf = (tables: readonly string[]) => {
      const month = versionOfTables(months.versions, range.month, tables)
      const directory = reads.directory ? `${month}/${months.directory}` : month
      return months.filter ? `${directory}/${months.filter.version}` : directory
    }
    let part = months.cache.get<T>(key, versionOf)
    if (part === undefined) {
      // A month's rows are a twelfth of a year's: found through indexes, not by scanning whole tables, which PostgreSQL
      // chose for several month statements at its default random_page_cost (4, for spinning disks) and so read the
      // people, goals and connections twelve times over. Measured at national size: a first build 29 → 21 s on one
      // lane. Only for the month's statements (`set local`, then back): whole-period and filtered statements were
      // slower with it.
      if (!months.filter) await sql`set local random_page_cost = 1.1`.execute(context.db)
      // Which month tables the statement reads, from its own SQL as it runs: nobody keeps that list by hand.
      const read = new MonthTablesRead()
      try {
        part = await compute({
          ...context,
          db: context.db.withPlugin(read),
          filter: { ...context.filter, from: range.from, to: range.to },
        })
      } finally {
        await sql`reset random_page_cost`.execute(context.db)
      }
      months.cache.computed++
      // A statement that read no table with month triggers has no version to be kept under: computed every time.
      const tables = [...read.tables].sort()
      if (tables.length > 0 && months.keep) months.cache.set(key, tables, versionOf(tables), part)
    }
    parts.push(part)
  }
  return parts
}

/**
 * Runs an additive pass (`id` names it in the month cache). With the build's month parts (`context.months`), each
 * month is computed by one statement or taken from the cache (`eachMonth`), then the months are added. Otherwise (a
 * build with no cache, as the comparison tools and most tests make) one statement over the whole period, as before:
 * the two give the same result (months.test.ts, monthly-pass.test.ts).
 */
export async function monthlyPassOf(
  context: ReportContext,
  id: string,
  pass: MonthlyPass,
  reads: { directory?: boolean } = {},
): Promise<PassResult> {
  const whole = pass(context)
  const durations = new Set(whole.parts.filter((part) => 'days' in part).map((part) => part.key))
  const months = await eachMonth(context, id, reads, (within) => {
    const { slices, parts } = pass(within)
    return passRows(within, slices, parts.map(asHistogram))
  })
  if (!months) return passOf(context, whole.slices, whole.parts)
  return passResult(addPassRows(months, durations))
}
