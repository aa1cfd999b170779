import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { MeasureResult, ReportFilter } from './contract.js'
import type { MonthParts } from './engine/months.js'

/**
 * A report is put together from measure modules (reports/measures/*.ts, service-returns, …), each owning the
 * measures of some Core Data Set statements. The engine (reports/engine/report.ts) asks every module in
 * `measureModules` (reports/measures/index.ts) for its measures and orders them: Table 2 first, then by question.
 */
export interface ReportContext {
  db: Kysely<DB>
  filter: ReportFilter
  /**
   * `report_referral_facts` with the filter's dimensions applied (not its period: each measure says which date puts
   * a row in the period — received_on for referrals, episode_ended_on for outcomes, and so on). Join on
   * referral_id, episode_id or person_id.
   */
  facts: () => SelectQueryBuilder<DB, 'report_referral_facts', object>
  /**
   * True when the filter names no dimension (all of Wales): every referral is in scope, so a module reads its own
   * period's rows without joining `facts()` (issue 9: at national size that join hashed all 1.25M referral facts for
   * each measure). Exact because, once refreshed, every referral has its facts row, and so every episode, contact,
   * connection and outcome row of a referral has one (scope.ts).
   */
  unfiltered: boolean
  /**
   * The month parts a build with a cache reads and keeps (engine/months.ts, ADR 0019): passes whose parts add up
   * month by month take unchanged months from it. Absent, every pass reads its whole period in one statement.
   */
  months?: MonthParts | undefined
}

export interface MeasureModule {
  name: string
  /**
   * Bring this module's own aggregates (if it keeps any) up to date for these referrals' episodes. Called by the
   * refresh in the same transaction that rewrites their `report_referral_facts` rows.
   */
  refresh?: (db: Kysely<DB>, referralIds: readonly string[]) => Promise<void>
  compute: (context: ReportContext) => Promise<MeasureResult[]>
  /**
   * The same measures as `compute`, in parts the build may run at once on two connections (engine/lanes.ts): each
   * part reads only through its context, and together they return what `compute` does.
   */
  parts?: ((context: ReportContext) => Promise<MeasureResult[]>)[]
}

/** A module's `compute` from its `parts`: each part in turn, on the one context. */
export function computeParts(parts: MeasureModule['parts'] & object): MeasureModule['compute'] {
  return async (context) => {
    const measures: MeasureResult[] = []
    for (const part of parts) measures.push(...(await part(context)))
    return measures
  }
}
