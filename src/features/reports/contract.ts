/**
 * The reporting contract (issue 7; CS §109–116, DESIGN §7): what a report asks for and what it answers, shared by
 * the engine (reports/engine), the measure modules, the pages and exports, the API and small-number suppression.
 * Numbers leave the engine as plain numbers; `suppress()` (reports/suppression.ts) is the one place that turns them
 * into '<5' or 'suppressed' for aggregate audiences, for pages, API and exports alike.
 */

/** The three Results Based Accountability questions (CS §114). Appendix Five's "What difference?" is better_off. */
export const rbaQuestions = ['how_much', 'how_well', 'better_off'] as const
export type RbaQuestion = (typeof rbaQuestions)[number]

/** What a report can be filtered and broken down by (issue 7 §2, §3). */
export const dimensions = [
  'organisation',
  'team',
  'practitioner',
  'local_authority',
  'health_board',
  'rpb',
  'route',
  'age_band',
  'sex',
  'ethnicity',
  'disability',
  'wimd_quintile',
  'language',
] as const
export type Dimension = (typeof dimensions)[number]

/** Age at referral, in the bands the ONS mid-year estimates are summed to (population import, rates per 1,000). */
export const ageBands = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+'] as const
export type AgeBand = (typeof ageBands)[number]

/** The period is inclusive: `from` and `to` are calendar dates, YYYY-MM-DD. */
export interface ReportFilter {
  from: string
  to: string
  /** Each dimension filters to any of the codes given (ids for organisation, team, practitioner). */
  where: Partial<Record<Dimension, string[]>>
}

/**
 * Who the report is for. `organisation`: a provider's own practitioners and team leads (exact numbers).
 * `aggregate`: commissioners and analysts (suppressed; nothing person-identifiable, no free text).
 */
export type Audience = 'organisation' | 'aggregate'

/** What a count becomes after suppression: '<5' for 1–4, 'suppressed' for a cell hidden so '<5' cannot be undone. */
export type Num = number | '<5' | 'suppressed'
/** A number that is not a count (a median, a percentage, money): null when it cannot be given or is suppressed. */
export type Stat = number | null

export interface CodeCount {
  code: string
  count: Num
}

export type MeasureValue =
  /** How many people, referrals, contacts … */
  | { kind: 'count'; count: Num }
  /** numerator of denominator; the percentage is derived and suppressed with either. */
  | { kind: 'share'; numerator: Num; denominator: Num; percent: Stat }
  /** Waiting times and lengths, in days: median and 90th percentile (issue 7 §2). */
  | { kind: 'duration'; n: Num; median: Stat; p90: Stat; unit: 'days' }
  /**
   * Counts by category. `additive`: every item is in exactly one row, so rows sum to `total` (a suppressed row can be
   * worked out from the total and the others). Not additive: an item may be in several rows (themes, barriers).
   */
  | { kind: 'breakdown'; total: Num; additive: boolean; rows: CodeCount[] }
  /** Connections: signposted → referred → accepted → attended → completed (issue 7 §2). */
  | { kind: 'funnel'; stages: CodeCount[] }
  /** Paired change on one instrument (instruments contract `cohortChange`). */
  | {
      kind: 'change'
      instrumentId: string
      /** People with a baseline and a later score. */
      paired: Num
      /** People with a baseline and no later score. */
      lost: Num
      meanChange: Stat
      ciLow: Stat
      ciHigh: Stat
      /** People whose change meets the published threshold; null threshold when none is published. */
      improved: Num
      improvedPercent: Stat
      threshold: number | null
    }
  /** A five-point (or other) scale: how many answered, the mean and the distribution. */
  | { kind: 'scale'; n: Num; mean: Stat; positive: Num; positivePercent: Stat; rows: CodeCount[] }
  /** Money in pence, with what it is divided by when it is a cost per something. */
  | { kind: 'money'; pence: Stat; per: Num | null }
  /** Estimated travel carbon (issue 7 §4), kg CO2e, with the conversion factors' year. */
  | { kind: 'carbon'; kgCo2e: Stat; connections: Num; factorYear: number; rows: CodeCount[] }
  /** Nothing to compute yet (e.g. no costs entered for the period): the reason is a message key. */
  | { kind: 'not_available'; reasonKey: string }

export interface MeasureResult {
  /** `cds<N>` for a Core Data Set statement (e.g. cds122); otherwise a name (funnel, waiting.first_contact …). */
  id: string
  /** The Appendix Five statement numbers it answers. */
  cds: number[]
  question: RbaQuestion
  /** In Table 2's top measures (CS §115): shown first. */
  table2: boolean
  value: MeasureValue
}

/** One row of an equity breakdown (issue 7 §3): the same counts for each code of a dimension. */
export interface EquityRow {
  code: string
  referrals: Num
  /** People with an accepted referral who had at least one contact. */
  engaged: Num
  /** Closed episodes whose person completed their programme (closing reason goals_met). */
  completed: Num
  /** People paired on any wellbeing instrument, and of those whose change met the threshold. */
  paired: Num
  improved: Num
  /** Mid-year population for the code where loaded (local authority, age band), and referrals per 1,000. */
  population: number | null
  ratePer1000: Stat
}

export interface EquityTable {
  dimension: Dimension
  rows: EquityRow[]
  total: EquityRow
}

export interface ReportResult {
  filter: ReportFilter
  audience: Audience
  /** When the aggregates read were last brought up to date (ISO instant). */
  refreshedAt: string
  /** Table 2's measures first, under their three questions; then every other computed measure. */
  measures: MeasureResult[]
  equity: EquityTable[]
}
