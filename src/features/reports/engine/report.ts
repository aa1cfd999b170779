import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import type { Audience, ReportFilter, ReportResult } from '../contract.js'
import { suppress } from '../suppression.js'

/**
 * Puts a report together: brings the aggregates up to date, asks every measure module, orders the measures
 * (Table 2 first), adds the equity tables, and suppresses for aggregate audiences. Stub until the engine lands.
 */
export async function buildReport(db: Kysely<DB>, filter: ReportFilter, audience: Audience): Promise<ReportResult> {
  void db
  const result: ReportResult = { filter, audience, refreshedAt: new Date().toISOString(), measures: [], equity: [] }
  return audience === 'aggregate' ? suppress(result) : result
}
