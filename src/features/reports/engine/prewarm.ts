import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { audit } from '../../../platform/audit/audit.js'
import type { ReportFilter } from '../contract.js'
import { addYears, financialYearStart, parsePeriod, walesToday } from '../filters-period.js'
import { reportCacheOf } from './cache.js'
import { buildReport } from './report.js'

/**
 * The reports a server builds for itself when it starts (ADR 0021): the all-Wales report a national commissioner
 * opens by default (this financial year to today, as parsePeriod gives it with no dates asked for) and the last whole
 * financial year. Their month parts are shared with every unfiltered report over the same months, whatever its
 * audience. Pure: `today` is passed in.
 */
export function prewarmFilters(today: string): ReportFilter[] {
  const period = parsePeriod({}, today)
  if (!period.ok) return []
  const thisYear = financialYearStart(today)
  // Financial years run 1 April to 31 March.
  const lastYear = { from: addYears(thisYear, -1), to: `${thisYear.slice(0, 4)}-03-31` }
  return [
    { from: period.from, to: period.to, where: {} },
    { from: lastYear.from, to: lastYear.to, where: {} },
  ]
}

export interface PrewarmOutcome {
  reports: number
  /** Months computed (month parts and sets, ADR 0019–0020), not taken from the cache. */
  months: number
  milliseconds: number
}

/**
 * Builds the prewarm reports into the server's report cache, one after another, so that the first commissioner after
 * a restart does not wait for a year of month parts (15–18 s at national size, docs/performance.md). Nobody sees what
 * it builds; its reads of the report facts are audited as the server's own (`report.prewarm`, no actor), one row per
 * report, after the build as a person's read is. A failure is the caller's to log: the cache is only ever an
 * optimisation.
 */
export async function prewarmReports(db: Kysely<DB>, now: Date = new Date()): Promise<PrewarmOutcome> {
  const cache = reportCacheOf(db)
  const started = performance.now()
  const computedBefore = cache.months.computed
  const filters = prewarmFilters(walesToday(now))
  for (const filter of filters) {
    await buildReport(db, filter, 'aggregate', cache)
    await audit(
      db,
      { actorUserId: null, organisationId: null, requestId: null, clientAddress: null },
      { action: 'report.prewarm', recordType: 'report', detail: { via: 'server', filter, audience: 'aggregate' } },
    )
  }
  return {
    reports: filters.length,
    months: cache.months.computed - computedBefore,
    milliseconds: Math.round(performance.now() - started),
  }
}
