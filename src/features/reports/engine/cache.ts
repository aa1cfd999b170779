import { sql, type Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import type { Audience, ReportFilter, ReportResult } from '../contract.js'
import { MonthCache } from './months.js'

/**
 * Built reports kept in this process and served again while the database's report data version (migration 0036)
 * has not moved (issue 9; ADR 0008). A report is a pure function of its filter, its audience and the data it reads;
 * the filter is already the one the actor may see (forced to their organisation or areas by access.ts), so the key is
 * the filter and audience as computed, and the version says the data is the same. Every process keeps its own entries
 * and checks them against the shared version, so several processes on one database never serve one another's stale
 * reports. Reads are still audited by the caller, cached or not.
 */
export class ReportCache {
  private readonly entries = new Map<string, { version: string; result: ReportResult }>()
  private readonly building = new Map<string, { version: string; result: Promise<ReportResult> }>()
  /** How many reports were built for this cache (not served from it or from a build under way). */
  builds = 0
  /** The month parts of the builds for this cache (months.ts): what a build after a change need not compute again. */
  readonly months = new MonthCache()

  constructor(private readonly capacity = 100) {}

  get(key: string, version: string): ReportResult | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.version !== version) {
      this.entries.delete(key)
      return undefined
    }
    // Most recently used last, so the oldest is the first to go when full.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.result
  }

  /**
   * Keeps `result`, frozen (deeply): every reader is given the same object, and a change to it would throw rather than
   * show in another reader's report. Freezing replaced a copy for each reader: at national size a copy of the
   * all-Wales report took about 2 ms of each warm read's 3.7 (issue 9).
   */
  set(key: string, version: string, result: ReportResult): void {
    this.entries.delete(key)
    this.entries.set(key, { version, result: deepFreeze(result) })
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }

  /**
   * A build of this report at this version already under way in this process, if any: a caller waits for it rather
   * than building the same report again. At national size a cold all-Wales report takes tens of seconds; ten readers
   * arriving after one change each built it (issue 9 bench: 3.4 GB resident and timeouts).
   */
  underWay(key: string, version: string): Promise<ReportResult> | undefined {
    const entry = this.building.get(key)
    return entry?.version === version ? entry.result.then(deepFreeze) : undefined
  }

  /** Records a build under way until it settles. */
  track(key: string, version: string, result: Promise<ReportResult>): void {
    this.builds++
    this.building.set(key, { version, result })
    const done = () => {
      if (this.building.get(key)?.result === result) this.building.delete(key)
    }
    result.then(done, done)
  }

  get size(): number {
    return this.entries.size
  }
}

/** Freezes `value` and everything it holds; a frozen report is shared by its readers (ReportCache). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  // What it holds first, so that a frozen object is one whose contents are frozen too.
  for (const inner of Object.values(value)) deepFreeze(inner)
  return Object.freeze(value)
}

/** The key of a report: exactly the filter computed (codes in the order given, as the result echoes them) and audience. */
export function reportCacheKey(filter: ReportFilter, audience: Audience): string {
  const where = Object.entries(filter.where)
    .filter(([, codes]) => codes !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
  return JSON.stringify([filter.from, filter.to, where, audience])
}

/** The report data version now (migration 0036): a new number whenever anything a report reads has changed. */
export async function reportDataVersion(db: Kysely<DB>): Promise<string> {
  const result = await sql<{ version: string | number }>`select version from report_data_version`.execute(db)
  return String(result.rows[0]?.version ?? '')
}

const caches = new WeakMap<Kysely<DB>, ReportCache>()

/** The cache of the reports built over this database handle (one per server process and database). */
export function reportCacheOf(db: Kysely<DB>): ReportCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = new ReportCache()
    caches.set(db, cache)
  }
  return cache
}
