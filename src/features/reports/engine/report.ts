import { type Kysely, sql, type Transaction } from 'kysely'
import { readersOf } from '../../../platform/db/database.js'
import type { DB } from '../../../platform/db/schema.js'
import type { Audience, Dimension, EquityTable, MeasureResult, ReportFilter, ReportResult } from '../contract.js'
import { rbaQuestions } from '../contract.js'
import { measureModules } from '../measures/index.js'
import type { ReportContext } from '../modules.js'
import { suppress } from '../suppression.js'
import { type ReportCache, reportCacheKey, reportDataVersion } from './cache.js'
import { dimensionColumns, filterCodes } from './dimensions.js'
import { equityTables } from './equity.js'
import { type BuildTask, runTasks } from './lanes.js'
import { type MonthCache, type MonthParts, readMonthVersions } from './months.js'
import { refreshReportFacts } from './refresh.js'

export { dimensionColumns } from './dimensions.js'

/** `report_referral_facts` with the filter's dimensions applied (not its period). */
export function filteredFacts(db: Kysely<DB>, filter: ReportFilter): ReportContext['facts'] {
  return () => {
    let query = db.selectFrom('report_referral_facts')
    for (const [dimension, codes] of Object.entries(filter.where) as [Dimension, string[] | undefined][]) {
      if (!codes || codes.length === 0) continue
      const column = dimensionColumns[dimension]
      if (column === 'wimd_quintile') {
        const quintiles = codes.map(Number).filter((n) => Number.isInteger(n))
        query =
          quintiles.length === 0
            ? query.where((eb) => eb.lit(false))
            : query.where('report_referral_facts.wimd_quintile', 'in', quintiles)
      } else query = query.where(`report_referral_facts.${column}`, 'in', codes)
    }
    return query
  }
}

/** The context every measure module reads: the filtered facts, and whether the filter names any dimension. */
export function reportContext(db: Kysely<DB>, filter: ReportFilter, months?: MonthParts): ReportContext {
  const unfiltered = Object.values(filter.where).every((codes) => !codes || codes.length === 0)
  return { db, filter, facts: filteredFacts(db, filter), unfiltered, months }
}

/** Table 2 of the Core Standards (CS §115): its measures first, in its order, under its three questions. */
const table2Order: Record<string, number[]> = {
  how_much: [122, 123, 36, 51, 112],
  how_well: [94, 109, 72, 70, 80, 108, 91],
  better_off: [82, 87, 93],
}

export function orderMeasures(measures: MeasureResult[]): MeasureResult[] {
  const key = (m: MeasureResult): [number, number, number, number] => {
    const question = rbaQuestions.indexOf(m.question)
    const first = m.cds[0] ?? 1000
    if (m.table2) {
      const at = (table2Order[m.question] ?? []).indexOf(first)
      return [0, question, at < 0 ? 99 : at, first]
    }
    return [1, question, first, 0]
  }
  return [...measures].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)]
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number)
    return a.id.localeCompare(b.id)
  })
}

/**
 * Puts a report together: brings the aggregates up to date, asks every measure module, orders the measures
 * (Table 2 first), adds the equity tables, and suppresses for aggregate audiences. With a `cache` (the API's and
 * the pages', cache.ts), a report built while the report data version stayed the same is kept, and served again
 * until the version moves.
 */
export async function buildReport(
  db: Kysely<DB>,
  filter: ReportFilter,
  audience: Audience,
  cache?: ReportCache,
  options: BuildOptions = {},
): Promise<ReportResult> {
  const refreshed = await refreshReportFacts(db)
  // A second lane reads the data committed before the build: not what this transaction has just refreshed in it.
  const readers = refreshed.referrals > 0 && db.isTransaction ? undefined : (options.readers ?? readersOf(db))
  const compute = () => computeReport(db, filter, audience, readers, cache?.months)
  if (!cache) return compute()
  const key = reportCacheKey(filter, audience)
  const before = await reportDataVersion(db)
  const kept = cache.get(key, before)
  if (kept) return kept
  const underWay = cache.underWay(key, before)
  if (underWay) {
    // The same report at the same version, being built for another request: the same result, computed once. If
    // that build fails (its request's transaction, say), this request builds its own.
    const shared = await underWay.catch(() => undefined)
    if (shared) return shared
  }
  const build = compute()
  cache.track(key, before, build)
  const result = await build
  // Kept only if nothing a report reads changed while it was being built: versions only grow, so the same number
  // before and after means every query above saw the data of that version.
  if ((await reportDataVersion(db)) === before) cache.set(key, before, result)
  return result
}

export interface BuildOptions {
  /**
   * The database's readers' pool (platform/db/database.ts), for a build inside a caller's transaction: the build then
   * reads on that transaction and one reader's connection at once (lanes.ts, ADR 0016). Found by itself when the build
   * is given the database rather than a transaction.
   */
  readers?: Kysely<DB> | undefined
}

/**
 * The month parts a build reads and keeps, with the versions its snapshot sees (engine/months.ts). None for the first
 * build of a filter in this process (`firstOfFilter`, ADR 0028): it reads each statement's whole period instead.
 */
export async function monthPartsOf(
  db: Kysely<DB>,
  cache: MonthCache,
  filter: ReportFilter,
  firstOfFilter: 'whole' | 'months' = 'whole',
): Promise<MonthParts | undefined> {
  const codes = filterCodes(filter.where)
  const key = JSON.stringify(codes)
  if (codes.length > 0 && !cache.seenBefore(key) && firstOfFilter === 'whole') return undefined
  const { versions, directory, filterVersion, queued } = await readMonthVersions(db, filter.from, filter.to, codes)
  if (codes.length === 0) return { cache, versions, directory, keep: true }
  return { cache, versions, directory, filter: { key, version: filterVersion }, keep: !queued }
}

async function computeReport(
  db: Kysely<DB>,
  filter: ReportFilter,
  audience: Audience,
  readers: Kysely<DB> | undefined,
  monthCache: MonthCache | undefined,
): Promise<ReportResult> {
  // PostgreSQL JIT-compiles a statement whose estimated cost passes jit_above_cost, which every pass over a year of
  // all of Wales does: 0.2–0.45 s of compiling per statement at national size, more than the queries save by it. Off
  // for the build's transaction only (`set local`): the API builds inside its own; the pages call without one, so the
  // build gets one here (it was left with JIT on). PGlite has no JIT and takes the setting as is.
  // Its own transaction reads one snapshot throughout (REPEATABLE READ), the one a second lane imports.
  if (!db.isTransaction)
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => computeReport(trx, filter, audience, readers, monthCache))
  await sql`set local jit = off`.execute(db)
  // Every month's version as this snapshot sees it: the month parts of this build are those of these versions
  // (ADR 0019), and for a filtered report those of its codes too (ADR 0028).
  const months = monthCache ? await monthPartsOf(db, monthCache, filter) : undefined
  const refreshedAt = new Date().toISOString()
  // Every module's parts and the equity tables, in the modules' order: the two lanes each take the next one left.
  const parts = measureModules.flatMap((module) => module.parts ?? [module.compute])
  const tasks: BuildTask<MeasureResult[] | EquityTable[]>[] = [
    ...parts.map((part) => (lane: Kysely<DB>) => part(reportContext(lane, filter, months))),
    (lane: Kysely<DB>) => equityTables(reportContext(lane, filter, months)),
  ]
  const done = await runTasks(db as Transaction<DB>, readers, tasks)
  const measures = done.slice(0, parts.length).flat() as MeasureResult[]
  const equity = done[parts.length] as EquityTable[]
  // CDS #16, results-based accountability: the report itself, answering the three questions with these measures.
  measures.push({
    id: 'cds16',
    cds: [16],
    question: 'how_much',
    table2: false,
    value: { kind: 'count', count: measures.length },
  })
  const result: ReportResult = { filter, audience, refreshedAt, measures: orderMeasures(measures), equity }
  return audience === 'aggregate' ? suppress(result) : result
}
