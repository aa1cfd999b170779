import type { Kysely } from 'kysely'
import { lastContactByEpisode } from '../src/features/caseload/last-contact.js'
import { caseloadRows } from '../src/features/caseload/repository.js'
import { DEFAULT_WITHIN_KM, PAGE_LIMIT, suggestionsFor } from '../src/features/directory/matching/present.js'
import { parseListQuery } from '../src/features/directory/oruk-api/query.js'
import { listServices } from '../src/features/directory/oruk-api/repository.js'
import { parseSearch } from '../src/features/directory/search/query.js'
import { buildSearch, categoryTerms, matchWords } from '../src/features/directory/search/repository.js'
import { walesToday } from '../src/features/follow-ups/rules.js'
import { consentHistory } from '../src/features/person-record/consents.js'
import { findPerson, linkedRecords, timeline } from '../src/features/person-record/person-queries.js'
import { locate } from '../src/features/referrals/repository.js'
import type { Audience, ReportFilter } from '../src/features/reports/contract.js'
import { ReportCache } from '../src/features/reports/engine/cache.js'
import { buildReport } from '../src/features/reports/engine/report.js'
import type { DB } from '../src/platform/db/schema.js'
import type { Fixtures } from './fixtures.js'
import { nearSearch, ORUK_PER_PAGE, searches } from './scenarios.js'
import { latency, type Latency } from './stats.js'

/**
 * The floor of each read scenario: the same database work its route does, through the feature's own query
 * functions, timed directly in the bench process (no HTTP, no templates). Run while the server is stopped, since
 * PGlite lets one process hold its folder. What is parsed or looked up once per request outside the main query (the
 * search's category list and postcode) is done before timing, so the search floor is its raw query, as issue 9's
 * "within 2× of its raw query" means.
 */
export type Floor = Latency & { query: string }

type Db = Kysely<DB>

/**
 * Each of `runs` calls of `work` timed on its own, after one untimed; with `concurrency` above one, that many callers
 * share the runs, each starting its next as soon as its last is done (as the route's connections do).
 */
async function time(runs: number, work: (i: number) => Promise<unknown>, concurrency = 1): Promise<Latency> {
  await work(0)
  const times: number[] = []
  let next = 0
  const caller = async () => {
    for (let i = next++; i < runs; i = next++) {
      const t0 = performance.now()
      await work(i)
      times.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, caller))
  return latency(times)
}

async function searchFloor(db: Db, raw: Record<string, string>, runs: number, concurrency = 1): Promise<Floor> {
  const codes = (await categoryTerms(db)).map((c) => c.code ?? '')
  const { query, errors } = parseSearch(raw, codes)
  if (errors.length)
    throw new Error(`the bench's search ${JSON.stringify(raw)} is not valid: ${errors.map((e) => e.field).join(', ')}`)
  let origin = null
  if (query.postcode) {
    const place = await locate(db, query.postcode, null)
    if (place.latitude !== null && place.longitude !== null)
      origin = { latitude: place.latitude, longitude: place.longitude }
  }
  return {
    // Both round trips: the query words' matches in directory_words, then the statement (docs/adr/0009-word-search.md).
    ...(await time(
      runs,
      async () => buildSearch(db, query, origin, await matchWords(db, query.normalised)).execute(),
      concurrency,
    )),
    query: 'matchWords + buildSearch (directory/search/repository.ts)',
  }
}

export interface FloorInputs {
  fixtures: Fixtures
  /** The filter and audience the report API answered with, per RBA scenario. */
  reports: Record<string, { filter: ReportFilter; audience: Audience }>
}

/**
 * The searches' floors again with as many callers at once as the route had connections (`db` needs a pool that
 * large): the raw query under the same concurrency, which the route's p95 at ten connections can fairly be set
 * beside; the one-at-a-time floor stays what the target is judged by.
 */
export async function measureConcurrentFloors(
  db: Db,
  inputs: FloorInputs,
  runs: number,
  concurrency: number,
  only: (name: string) => boolean,
): Promise<Record<string, Floor>> {
  const floors: Record<string, Floor> = {}
  const near = nearSearch(inputs.fixtures)
  const searched: [string, Record<string, string> | string][] = [
    ['search-words', { ...searches.words }],
    ['search-words-welsh', { ...searches.welsh }],
    ['search-near', near],
  ]
  for (const [name, raw] of searched)
    if (only(name) && typeof raw !== 'string') floors[name] = await searchFloor(db, raw, runs, concurrency)
  return floors
}

/** The floor of each scenario that has one; a scenario missing here has no single query to compare with. */
export async function measureFloors(
  db: Db,
  inputs: FloorInputs,
  runs: number,
  only: (name: string) => boolean,
): Promise<Record<string, Floor>> {
  const f = inputs.fixtures
  const floors: Record<string, Floor> = {}
  if (only('search-words')) floors['search-words'] = await searchFloor(db, { ...searches.words }, runs)
  if (only('search-words-welsh')) floors['search-words-welsh'] = await searchFloor(db, { ...searches.welsh }, runs)
  const near = nearSearch(f)
  if (only('search-near') && typeof near !== 'string') floors['search-near'] = await searchFloor(db, near, runs)
  if (only('search-api')) floors['search-api'] = await searchFloor(db, { ...searches.words }, runs)
  if (only('oruk-services')) {
    const pages = Math.max(1, Math.min(500, Math.ceil(f.counts.services / ORUK_PER_PAGE)))
    const timed = await time(runs, (i) => {
      const parsed = parseListQuery({ page: String((i % pages) + 1) })
      if (!parsed.ok) throw new Error('the ORUK page query is not valid')
      return listServices(db, parsed.value, parsed.value)
    })
    floors['oruk-services'] = { ...timed, query: 'listServices (directory/oruk-api/repository.ts)' }
  }
  const p = f.practitioner
  if (only('caseload') && p) {
    const today = walesToday()
    const timed = await time(runs, async () => {
      const rows = await caseloadRows(db, p.organisationId, { practitionerId: p.userId }, today)
      await lastContactByEpisode(
        db,
        rows.map((r) => r.episode_id),
      )
    })
    floors.caseload = { ...timed, query: 'caseloadRows + lastContactByEpisode (caseload)' }
  }
  const person = f.person
  if ((only('person') || only('person-busy-hour')) && person) {
    const timed = await time(runs, async () => {
      const row = await findPerson(db, person.id)
      if (!row) throw new Error('the bench person has gone')
      await Promise.all([consentHistory(db, person.id), timeline(db, person.id), linkedRecords(db, row)])
      // Its suggested services (directory/matching), as the page asks for them, with what matching keeps of the
      // directory kept between runs as the service keeps it (kept-directory.ts).
      await suggestionsFor(db, row, { withinKm: DEFAULT_WITHIN_KM, limit: PAGE_LIMIT, database: db })
    })
    floors.person = {
      ...timed,
      query:
        'findPerson + consentHistory + timeline + linkedRecords + suggestionsFor (person-record, directory/matching; the journey sections need a request and are not in it)',
    }
    // The same page at its busy-hour rate (ADR 0024) has the same floor.
    floors['person-busy-hour'] = floors.person
  }
  for (const [name, report] of Object.entries(inputs.reports)) {
    if (!only(name)) continue
    // A warm read is what the route does with its cache: the report data version, then the report kept for it
    // (cache.ts), after one untimed build. Without the cache the floor was a whole build (seconds), and the route's
    // warm p95 over it printed as 0.
    const cache = name.endsWith('-warm') ? new ReportCache() : undefined
    // Fewer runs: a report is many queries, and the floor of a warm read needs no more to be stable.
    const timed = await time(Math.max(5, Math.ceil(runs / 10)), () =>
      buildReport(db, report.filter, report.audience, cache),
    )
    floors[name] = {
      ...timed,
      query: cache ? 'buildReport with a report cache, warm (reports/engine/report.ts, cache.ts)' : 'buildReport (reports/engine/report.ts)',
    }
  }
  return floors
}
