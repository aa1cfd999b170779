/**
 * The performance targets of issue 9 (DESIGN §8), in one place. They are set for a 2-core machine with PostgreSQL
 * at full size; on other sizes and databases the bench still says whether each was met, as information.
 * Each names the scenario it judges and the figure it reads from that scenario's result.
 */
export interface Target {
  scenario: string
  /** The figure compared: latency p95, requests per second, route p95 over floor p95, or the server's peak memory. */
  metric: 'p95Ms' | 'requestsPerSecond' | 'floorRatio' | 'maxRssMb'
  /** at most (≤) or at least (≥) */
  bound: 'max' | 'min'
  value: number
  text: string
}

export const TARGETS: readonly Target[] = [
  { scenario: 'search-words', metric: 'p95Ms', bound: 'max', value: 30, text: 'directory search (words) p95 ≤ 30 ms' },
  {
    scenario: 'search-words',
    metric: 'floorRatio',
    bound: 'max',
    value: 2,
    text: 'directory search (words) p95 ≤ 2× its raw query at the same concurrency',
  },
  {
    scenario: 'search-words-welsh',
    metric: 'p95Ms',
    bound: 'max',
    value: 30,
    text: 'directory search (Welsh words) p95 ≤ 30 ms',
  },
  {
    scenario: 'search-words-welsh',
    metric: 'floorRatio',
    bound: 'max',
    value: 2,
    text: 'directory search (Welsh words) p95 ≤ 2× its raw query at the same concurrency',
  },
  {
    scenario: 'search-near',
    metric: 'p95Ms',
    bound: 'max',
    value: 30,
    text: 'directory search (words, category, distance) p95 ≤ 30 ms',
  },
  {
    scenario: 'search-near',
    metric: 'floorRatio',
    bound: 'max',
    value: 2,
    text: 'directory search (words, category, distance) p95 ≤ 2× its raw query at the same concurrency',
  },
  {
    scenario: 'oruk-services',
    metric: 'requestsPerSecond',
    bound: 'min',
    value: 1500,
    text: 'ORUK /services ≥ 1,500 requests/s',
  },
  { scenario: 'caseload', metric: 'p95Ms', bound: 'max', value: 50, text: 'caseload page p95 ≤ 50 ms' },
  // At the busy-hour rate, not at ten connections' saturation (ADR 0024); the `person` scenario gives its throughput.
  {
    scenario: 'person-busy-hour',
    metric: 'p95Ms',
    bound: 'max',
    value: 60,
    text: 'person page p95 ≤ 60 ms at 20 views a second',
  },
  { scenario: 'rba-wales-cold', metric: 'p95Ms', bound: 'max', value: 1500, text: 'all-Wales RBA year, cold ≤ 1.5 s' },
  { scenario: 'rba-wales-warm', metric: 'p95Ms', bound: 'max', value: 150, text: 'all-Wales RBA year, warm ≤ 150 ms' },
  {
    scenario: 'self-referral-writes',
    metric: 'requestsPerSecond',
    bound: 'min',
    value: 300,
    text: 'self-referral writes with audit ≥ 300/s',
  },
  {
    scenario: 'api-referral-writes',
    metric: 'requestsPerSecond',
    bound: 'min',
    value: 300,
    text: 'API referral writes with audit ≥ 300/s',
  },
  {
    scenario: 'server-memory',
    metric: 'maxRssMb',
    bound: 'max',
    value: 300,
    text: 'server resident memory under load ≤ 300 MB',
  },
]

export interface TargetOutcome extends Target {
  actual: number | null
  /** null when the scenario did not run or has no such figure. */
  met: boolean | null
}

export function judge(figures: Record<string, Partial<Record<Target['metric'], number | null>>>): TargetOutcome[] {
  return TARGETS.map((t) => {
    const actual = figures[t.scenario]?.[t.metric] ?? null
    const met = actual === null ? null : t.bound === 'max' ? actual <= t.value : actual >= t.value
    return { ...t, actual, met }
  })
}
