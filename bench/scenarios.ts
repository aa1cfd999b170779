import type { Fixtures } from './fixtures.js'
import type { LoadRequest, LoadResult } from './load.js'
import type { Latency } from './stats.js'

/**
 * The scenarios of issue 9, as data: what each requests and who it signs in as. The runner (run.ts) loads each over
 * HTTP; floor.ts runs the same query directly; writes.ts and page-weight.ts hold the scenarios that need more than
 * one request shape. A scenario whose data is missing is skipped with the reason, never run on nothing.
 */
export type Who = 'anonymous' | 'practitioner' | 'commissioner'

export interface ReadScenario {
  name: string
  title: string
  who: Who
  /** The i-th request; a reason string instead when the data it needs is missing. */
  request: ((i: number) => LoadRequest) | string
  /**
   * The share of --requests and --warmup it sends: a report read is hundreds of times the work of a page, and a
   * tenth of the requests is enough for a stable p95 of it.
   */
  share?: number
  /**
   * Requests per second on average, sent whatever the server does (paced.ts), instead of as fast as --connections
   * connections allow: the latency at an expected load rather than at saturation (ADR 0024).
   */
  rate?: number
}

export interface ScenarioResult {
  name: string
  title: string
  /** Why it did not run (its data is missing, or not chosen with --scenario). */
  skipped?: string
  failed: boolean
  /** Why it failed: errors, or writes without their audit rows. */
  problems: string[]
  load?: LoadResult
  /** Cold samples: one timed request each, after a data change. */
  samples?: Latency
  floor?: Latency & { query: string }
  /** route p95 / floor p95 */
  floorRatio?: number
  /** The floor with as many callers at once as the route had connections (searches, above one connection). */
  floorConcurrent?: Latency & { query: string }
  /** route p95 / concurrent floor p95 */
  floorConcurrentRatio?: number
  detail?: Record<string, unknown>
}

/** The report period of the RBA scenarios: the last year of the synthetic data. */
export function reportYear(until: string): { from: string; to: string } {
  const to = new Date(`${until}T00:00:00Z`)
  const from = new Date(to)
  from.setUTCFullYear(from.getUTCFullYear() - 1)
  from.setUTCDate(from.getUTCDate() + 1)
  return { from: from.toISOString().slice(0, 10), to: until }
}

export const ORUK_PER_PAGE = 50

export const searches = {
  words: { q: 'walking group' },
  welsh: { q: 'grŵp cerdded' },
} as const

/** The query string of the words + category + distance search, or why it cannot run. */
export function nearSearch(f: Fixtures): Record<string, string> | string {
  if (!f.postcode) return 'no postcode in the database to search from'
  return { q: 'walking', ...(f.category ? { category: f.category } : {}), postcode: f.postcode, within: '25' }
}

/**
 * The person page's busy-hour rate (ADR 0024): DESIGN §8's 100,000 referrals a year, at a generous 50 person-page
 * views each (a view before and after each of 6–12 contacts, triage, What Matters, the plan, connections, measures,
 * follow-ups, closing), is 5 million views a year, 2,500 an hour over 2,000 working hours, 0.7 a second; a busy hour
 * three times that is 2 a second, and this rate ten times that: as if each of Wales's 2,000 practitioners opened a
 * person page every 100 seconds.
 */
export const PERSON_BUSY_RATE = 20

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString()

export function readScenarios(f: Fixtures, until: string, rate: number = PERSON_BUSY_RATE): ReadScenario[] {
  const year = reportYear(until)
  const near = nearSearch(f)
  const orukPages = Math.max(1, Math.min(500, Math.ceil(f.counts.services / ORUK_PER_PAGE)))
  const noPractitioner = 'no account practitioner-1@synth.example'
  return [
    {
      name: 'search-words',
      title: 'Directory search, words',
      who: 'anonymous',
      request: () => ({ path: `/directory?${qs(searches.words)}` }),
    },
    {
      name: 'search-words-welsh',
      title: 'Directory search, Welsh words',
      who: 'anonymous',
      request: () => ({ path: `/directory?${qs(searches.welsh)}`, headers: { 'accept-language': 'cy' } }),
    },
    {
      name: 'search-near',
      title: 'Directory search, words + category + distance',
      who: 'anonymous',
      request: typeof near === 'string' ? near : () => ({ path: `/directory?${qs(near)}` }),
    },
    {
      name: 'search-api',
      title: 'Directory search API (JSON), words',
      who: 'anonymous',
      request: () => ({ path: `/api/v1/services?${qs(searches.words)}` }),
    },
    // Pages 1, 2, 3 … round the whole directory, so the bench reads every part of it, not one cached page.
    {
      name: 'oruk-services',
      title: `ORUK /services paging (${orukPages} pages)`,
      who: 'anonymous',
      request: (i) => ({ path: `/oruk/services?page=${(i % orukPages) + 1}` }),
    },
    {
      name: 'caseload',
      title: 'Caseload page (practitioner-1)',
      who: 'practitioner',
      request: f.practitioner ? () => ({ path: '/caseload' }) : noPractitioner,
    },
    {
      name: 'person',
      title: 'Person page, full timeline',
      who: 'practitioner',
      request: f.person
        ? () => ({ path: `/people/${f.person?.id}` })
        : 'practitioner-1 has no open episode (the people stage wrote none)',
    },
    {
      name: 'person-busy-hour',
      title: `Person page, full timeline, ${rate} a second`,
      who: 'practitioner',
      request: f.person
        ? () => ({ path: `/people/${f.person?.id}` })
        : 'practitioner-1 has no open episode (the people stage wrote none)',
      rate,
    },
    {
      name: 'rba-provider-warm',
      title: 'RBA report, one provider, a year, warm',
      who: 'practitioner',
      request: f.practitioner ? () => ({ path: `/api/v1/reports/rba?${qs(year)}` }) : noPractitioner,
      share: 0.1,
    },
    {
      name: 'rba-wales-warm',
      title: 'RBA report, all of Wales, a year, warm',
      who: 'commissioner',
      request: f.commissioner
        ? () => ({ path: `/api/v1/reports/rba?${qs(year)}` })
        : 'no account commissioner-8@synth.example',
      share: 0.1,
    },
  ]
}

/** Every scenario name, for --scenario and for the smoke test's check that none is missing. */
export const scenarioNames = [
  'search-words',
  'search-words-welsh',
  'search-near',
  'search-api',
  'oruk-services',
  'caseload',
  'person',
  'person-busy-hour',
  'rba-provider-warm',
  'rba-wales-warm',
  'rba-provider-cold',
  'rba-wales-cold',
  'self-referral-writes',
  'api-referral-writes',
  'page-weight',
  'server-memory',
] as const
