import { pathToFileURL } from 'node:url'
import { sql } from 'kysely'
import { DEFAULT_UNTIL } from '../src/features/synth/plan.js'
import { BenchUsageError, type BenchOptions, parseBenchArgs } from './args.js'
import { openBenchDatabase, pgliteDir, prepareDatabase } from './database.js'
import { dataCounts, pickFixtures, type DataCounts, type Fixtures } from './fixtures.js'
import { type FloorInputs, measureConcurrentFloors, measureFloors } from './floor.js'
import { runLoad } from './load.js'
import { runPaced } from './paced.js'
import { pageWeight, type PageWeight } from './page-weight.js'
import { type BenchResults, gitState, machine, markdown, readResults, resultsFile, writeResults } from './report.js'
import { PERSON_BUSY_RATE, readScenarios, reportYear, type ScenarioResult, scenarioNames } from './scenarios.js'
import { sampleMemory, startServer } from './server.js'
import { BENCH_PASSWORD } from './database.js'
import { type Browser, signIn } from './session.js'
import { judge } from './targets.js'
import { apiReferralWrites, coldReports, selfReferralWrites } from './writes.js'

/**
 * `npm run bench` (issue 9; docs/performance.md): builds or reuses the bench database with the synthetic data set,
 * picks what the scenarios need, starts the real service on loopback, runs every scenario over HTTP, stops it,
 * measures each read scenario's floor directly against the database, checks every write left its audit row, and
 * writes bench/results/<date>-<db>-<size>.json with a Markdown summary.
 */
export async function runBench(
  options: BenchOptions,
  log: (line: string) => void = console.log,
): Promise<{ file: string; results: BenchResults }> {
  const startedAt = new Date().toISOString()
  const only = (name: string) => options.scenarios.length === 0 || options.scenarios.includes(name)
  const unknown = options.scenarios.filter((s) => !(scenarioNames as readonly string[]).includes(s))
  if (unknown.length)
    throw new BenchUsageError(`Unknown scenario ${unknown.join(', ')}. Scenarios: ${scenarioNames.join(', ')}.`)

  const data = await prepareDatabase(options, (line) => log(line))
  let fixtures: Fixtures
  let version: string
  {
    const database = await openBenchDatabase(options)
    try {
      version = (await sql<{ v: string }>`select version() as v`.execute(database.db)).rows[0]?.v ?? 'unknown'
      fixtures = await pickFixtures(database.db)
    } finally {
      await database.close()
    }
  }
  const before = fixtures.counts
  log(
    `bench: ${before.services} services, ${before.people} people, ${before.episodes} episodes, ${before.supportContacts} support contacts, ${before.referrals} referrals`,
  )

  const until = DEFAULT_UNTIL
  const year = reportYear(until)
  const results: ScenarioResult[] = []
  const floorInputs: FloorInputs = { fixtures, reports: {} }
  const pages: PageWeight[] = []
  const written = { self: 0, api: 0 }
  const server = await startServer(
    options.db === 'postgres' ? { databaseUrl: options.databaseUrl } : { dataDir: pgliteDir(options) },
  )
  log(`bench: server ${server.url} (pid ${server.pid})`)
  const memory = sampleMemory(server.pid)
  let peak: { maxRssMb: number | null; samples: number }
  // Each scenario's own highest resident memory, and the server's before the first (signed in, nothing read).
  const byScenario: Record<string, number | null> = {}
  const record = (result: ScenarioResult) => {
    results.push(result)
    byScenario[result.name] = memory.window()
  }
  try {
    const browsers: Partial<Record<'practitioner' | 'commissioner', Browser>> = {}
    if (fixtures.practitioner)
      browsers.practitioner = await signIn(server.url, fixtures.practitioner.email, BENCH_PASSWORD)
    if (fixtures.commissioner)
      browsers.commissioner = await signIn(server.url, fixtures.commissioner.email, BENCH_PASSWORD)
    byScenario.start = memory.window()
    const cookieOf = (who: string) =>
      who === 'anonymous' ? '' : (browsers[who as 'practitioner' | 'commissioner']?.cookieHeader() ?? '')

    for (const s of readScenarios(fixtures, until, options.rate)) {
      if (!only(s.name)) continue
      if (typeof s.request === 'string') {
        record(skipped(s.name, s.title, s.request, log))
        continue
      }
      const request = s.request
      const cookie = cookieOf(s.who)
      const result = await attempt(s.name, s.title, log, async () => {
        const share = s.share ?? 1
        if (s.name.endsWith('-warm')) {
          // A warm scenario measures reports already built. At national size the first build takes tens of seconds,
          // so without this one request, untimed and alone, the warm-up's concurrent requests would each build it
          // and time out, and the measured ones would queue behind them.
          const primed = performance.now()
          const first = await fetch(server.url + request(0).path, { headers: cookie ? { cookie } : {} })
          await first.arrayBuffer()
          if (!first.ok) throw new Error(`${s.name}: the first report read answered ${first.status}`)
          log(`${s.name}: first build, untimed, ${((performance.now() - primed) / 1000).toFixed(1)} s`)
        }
        const withCookie = (i: number) => {
          const r = request(i)
          return { ...r, headers: { ...(cookie ? { cookie } : {}), ...r.headers } }
        }
        const requests = Math.max(options.connections, Math.ceil(options.requests * share))
        const warmup = Math.ceil(options.warmup * share)
        const load = s.rate
          ? await runPaced({ url: server.url, rate: s.rate, requests, warmup, request: withCookie, seed: options.seed })
          : await runLoad({ url: server.url, requests, warmup, connections: options.connections, request: withCookie })
        return {
          load,
          problems: load.errors
            ? [`${load.errors} of ${load.n} responses were not 200: ${JSON.stringify(load.statuses)}`]
            : [],
        }
      })
      if (s.name.startsWith('rba-') && !result.failed) {
        const response = await fetch(server.url + request(0).path, { headers: { cookie } })
        const body = (await response.json()) as {
          filter: FloorInputs['reports'][string]['filter']
          audience: FloorInputs['reports'][string]['audience']
        }
        floorInputs.reports[s.name] = { filter: body.filter, audience: body.audience }
      }
      record(result)
    }

    for (const [name, title, who] of [
      ['rba-provider-cold', 'RBA report, one provider, a year, cold', 'practitioner'],
      ['rba-wales-cold', 'RBA report, all of Wales, a year, cold', 'commissioner'],
    ] as const) {
      if (!only(name)) continue
      if (!fixtures.referrer || !browsers[who]) {
        record(
          skipped(
            name,
            title,
            !fixtures.referrer ? 'no account referrer-1@synth.example to make the data change' : `no ${who} account`,
            log,
          ),
        )
        continue
      }
      const token = fixtures.referrer.token
      record(
        await attempt(name, title, log, async () => {
          const cold = await coldReports(
            server.url,
            token,
            cookieOf(who),
            `/api/v1/reports/rba?${new URLSearchParams(year)}`,
            options.cold,
            1_000_000 + written.api,
          )
          written.api += cold.written
          return { samples: cold.samples, problems: cold.failures }
        }),
      )
    }

    if (only('page-weight')) {
      const list: [string, string, string][] = [
        ['Home', '/', ''],
        ['Directory search', '/directory?q=walking+group', ''],
        ...(fixtures.service
          ? [['Service page', `/directory/services/${fixtures.service.id}`, ''] as [string, string, string]]
          : []),
        ['Sign in', '/sign-in', ''],
        ...(browsers.practitioner
          ? [['Caseload', '/caseload', cookieOf('practitioner')] as [string, string, string]]
          : []),
        ...(fixtures.person
          ? [['Person page', `/people/${fixtures.person.id}`, cookieOf('practitioner')] as [string, string, string]]
          : []),
        ...(browsers.practitioner
          ? [['Reports', `/reports?${new URLSearchParams(year)}`, cookieOf('practitioner')] as [string, string, string]]
          : []),
      ]
      const problems: string[] = []
      for (const [page, path, cookie] of list) {
        const weight = await pageWeight(server.url, page, path, cookie)
        if (weight.status !== 200) problems.push(`${page} answered ${weight.status}`)
        pages.push(weight)
      }
      const missing = [
        !fixtures.service && 'a service page (no services)',
        !fixtures.person && 'a person page (no person)',
      ].filter(Boolean)
      record({
        name: 'page-weight',
        title: 'Page weight of the main pages',
        failed: problems.length > 0,
        problems,
        detail: { pages: pages.length, ...(missing.length ? { notMeasured: missing } : {}) },
      })
      log(
        `bench: page-weight: ${pages.map((p) => `${p.page} ${(p.total.raw / 1024).toFixed(0)} kB (${((p.total.transferred ?? 0) / 1024).toFixed(0)} kB sent)`).join(', ')}${missing.length ? ` (not measured: ${missing.join(', ')})` : ''}`,
      )
    }

    if (only('self-referral-writes'))
      record(
        await attempt('self-referral-writes', 'Self-referral form submissions (writes with audit)', log, async () => {
          const run = await selfReferralWrites(
            server.url,
            options.writes,
            Math.min(options.warmup, 20),
            options.connections,
          )
          written.self += run.written
          return {
            load: run.load,
            problems: run.load.errors
              ? [`${run.load.errors} sends were not 303: ${JSON.stringify(run.load.statuses)}`]
              : [],
            detail: { draftsPreparedInSeconds: run.prepareSeconds },
          }
        }),
      )
    if (only('api-referral-writes')) {
      if (!fixtures.referrer)
        record(
          skipped(
            'api-referral-writes',
            'API referral writes (with audit)',
            'no account referrer-1@synth.example',
            log,
          ),
        )
      else {
        const token = fixtures.referrer.token
        record(
          await attempt('api-referral-writes', 'API referral writes (with audit)', log, async () => {
            const run = await apiReferralWrites(
              server.url,
              token,
              options.writes,
              Math.min(options.warmup, 20),
              options.connections,
            )
            written.api += run.written
            return {
              load: run.load,
              problems: run.load.errors
                ? [`${run.load.errors} writes were not 201: ${JSON.stringify(run.load.statuses)}`]
                : [],
            }
          }),
        )
      }
    }
  } finally {
    peak = memory.stop()
    await server.stop()
  }
  results.push({
    name: 'server-memory',
    title: 'Server resident memory under load',
    failed: false,
    problems: [],
    detail: { ...peak },
  })
  log(`bench: server resident memory, highest: ${peak.maxRssMb ?? 'not measured'} MB (${peak.samples} samples)`)
  log(
    `bench: server resident memory, highest by scenario: ${Object.entries(byScenario)
      .map(([name, mb]) => `${name} ${mb ?? '—'}`)
      .join(', ')} (MB)`,
  )

  let after: DataCounts
  {
    const database = await openBenchDatabase(options)
    try {
      log('bench: floors (the same queries, directly)…')
      const floors = await measureFloors(
        database.db,
        floorInputs,
        options.floorRuns,
        (name) => only(name) && results.some((r) => r.name === name && !r.skipped && !r.failed),
      )
      for (const r of results) {
        const floor = floors[r.name]
        if (!floor) continue
        r.floor = floor
        const p95 = r.load?.p95Ms ?? r.samples?.p95Ms
        if (p95 !== undefined && floor.p95Ms > 0) r.floorRatio = Math.round((p95 / floor.p95Ms) * 10) / 10
        log(
          `bench: floor ${r.name}: median ${floor.medianMs} ms, p95 ${floor.p95Ms} ms; route p95 / floor p95 = ${r.floorRatio ?? '—'}`,
        )
      }
      // On PostgreSQL with more than one connection, the searches' raw queries again at that many at once (PGlite
      // answers one statement at a time, so there the one-at-a-time floor is already the whole story).
      if (options.db === 'postgres' && options.connections > 1) {
        const concurrent = await measureConcurrentFloors(
          database.db,
          floorInputs,
          options.floorRuns,
          options.connections,
          (name) => only(name) && results.some((r) => r.name === name && !r.skipped && !r.failed && r.load),
        )
        for (const r of results) {
          const floor = concurrent[r.name]
          const p95 = r.load?.p95Ms
          if (!floor || p95 === undefined) continue
          r.floorConcurrent = floor
          if (floor.p95Ms > 0) r.floorConcurrentRatio = Math.round((p95 / floor.p95Ms) * 10) / 10
          log(
            `bench: floor ${r.name} at ${options.connections} at once: median ${floor.medianMs} ms, p95 ${floor.p95Ms} ms; route p95 / that floor's p95 = ${r.floorConcurrentRatio ?? '—'}`,
          )
        }
      }
      after = await dataCounts(database.db)
    } finally {
      await database.close()
    }
  }
  verifyAudit(results, before, after, written)

  const figures: Record<string, Record<string, number | null>> = { 'server-memory': { maxRssMb: peak.maxRssMb } }
  for (const r of results) {
    if (r.skipped || r.failed || r.name === 'server-memory') continue
    // The person page's target is set at its busy-hour rate; at another (--rate) the figure is only information.
    if (r.name === 'person-busy-hour' && (options.rate ?? PERSON_BUSY_RATE) !== PERSON_BUSY_RATE) continue
    const l = r.load ?? r.samples
    figures[r.name] = {
      p95Ms: l?.p95Ms ?? null,
      requestsPerSecond: r.load?.requestsPerSecond ?? null,
      // Like with like (ADR 0024): the route against its raw query at the same concurrency where that was measured
      // (PostgreSQL, more than one connection), else against the raw query one at a time.
      floorRatio: r.floorConcurrentRatio ?? r.floorRatio ?? null,
    }
  }
  const { markdown: _markdown, databaseUrl: _url, ...shown } = options
  const output: BenchResults = {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(options.db, version),
    git: gitState(),
    options: { ...shown, database: options.db === 'postgres' ? 'PostgreSQL' : 'PGlite' },
    data: { reused: data.reused, synth: data.synth, before, after },
    scenarios: results,
    pageWeight: pages,
    memory: { ...peak, byScenario },
    targets: judge(figures),
  }
  const file = resultsFile(options.resultsDir, startedAt, options.db, options.size)
  writeResults(file, output)
  return { file, results: output }
}

/** Every successful write must have written its referral and its audit row: compare the counts before and after. */
function verifyAudit(
  results: ScenarioResult[],
  before: DataCounts,
  after: DataCounts,
  written: { self: number; api: number },
): void {
  const check = (name: string, kind: 'self' | 'api') => {
    const r = results.find((s) => s.name === name)
    if (!r || r.skipped) return
    const audits = after.referralAudits[kind] - before.referralAudits[kind]
    const referrals = after.referralsByChannel[kind] - before.referralsByChannel[kind]
    r.detail = { ...r.detail, successfulWrites: written[kind], auditRowsWritten: audits, referralsWritten: referrals }
    if (audits !== written[kind] || referrals !== written[kind]) {
      r.failed = true
      r.problems.push(
        `${written[kind]} writes answered success, but ${referrals} referrals and ${audits} audit rows were written`,
      )
    }
  }
  check('self-referral-writes', 'self')
  // The API scenario's count includes the writes the cold report samples made.
  check('api-referral-writes', 'api')
}

function skipped(name: string, title: string, reason: string, log: (line: string) => void): ScenarioResult {
  log(`bench: ${name}: skipped: ${reason}`)
  return { name, title, skipped: reason, failed: false, problems: [] }
}

async function attempt(
  name: string,
  title: string,
  log: (line: string) => void,
  run: () => Promise<Partial<ScenarioResult> & { problems: string[] }>,
): Promise<ScenarioResult> {
  let result: ScenarioResult
  try {
    const outcome = await run()
    result = { name, title, ...outcome, failed: outcome.problems.length > 0 }
  } catch (error) {
    result = { name, title, failed: true, problems: [(error as Error).message] }
  }
  const l = result.load ?? result.samples
  log(
    `bench: ${name}: ${l ? `median ${l.medianMs} ms, p95 ${l.p95Ms} ms, mean ${l.meanMs} ms` : ''}${result.load ? `, ${result.load.requestsPerSecond} req/s, ${result.load.errors} errors` : ''}${result.failed ? ` FAILED: ${result.problems.join('; ')}` : ''}`,
  )
  return result
}

async function main(argv: string[]): Promise<void> {
  const options = parseBenchArgs(argv)
  if (options.markdown) {
    console.log(markdown(readResults(options.markdown)))
    return
  }
  const { file, results } = await runBench(options)
  console.log(`\n${markdown(results)}\n\nResults: ${file}`)
  if (results.scenarios.some((s) => s.failed)) process.exitCode = 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  main(process.argv.slice(2)).catch((error: unknown) => {
    // A refusal or a failure the bench explains is a sentence for the operator; anything else keeps its stack.
    console.error(error instanceof Error && !process.env.BENCH_DEBUG ? `npm run bench: ${error.message}` : error)
    process.exitCode = error instanceof BenchUsageError ? 64 : 1
  })
