/**
 * Profiling the RBA report at national size (issue 9; docs/performance.md "RBA report at national size").
 * Run against a throwaway database only — it writes synthetic organisations and report facts:
 *
 *   createdb cyswllt_rba
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cyswllt_rba npx tsx bench/report-scale.ts fill [--episodes 1000000]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cyswllt_rba npx tsx bench/report-scale.ts time [--runs 5]
 *
 * (without DATABASE_URL: PGlite in DATA_DIR; `migrate` brings a filled database up to date). `fill` applies the migrations, runs the synth organisations stage and
 * fills the report fact tables directly (report-scale-fill.ts); `time` builds the report for the national
 * commissioner (all of Wales) and for provider 1, for the last twelve months of the data: the first build of each
 * in a fresh process ("cold": nothing in the report cache, database buffers as they are), then `--runs` more
 * (warm: served from the report cache, engine/cache.ts, as the API and pages do);
 * `profile` times each measure module and the equity tables on their own.
 */
import { sql } from 'kysely'
import { audit } from '../src/platform/audit/audit.js'
import { openDatabase } from '../src/platform/db/database.js'
import { migrate } from '../src/platform/db/migrate.js'
import { reportCacheOf } from '../src/features/reports/engine/cache.js'
import { equityTables } from '../src/features/reports/engine/equity.js'
import { buildReport, reportContext } from '../src/features/reports/engine/report.js'
import { measureModules } from '../src/features/reports/measures/index.js'
import type { ReportContext } from '../src/features/reports/modules.js'
import { refreshReportFacts } from '../src/features/reports/engine/refresh.js'
import type { ReportFilter } from '../src/features/reports/contract.js'
import { createSynthFunctions, id } from '../src/features/synth/random.js'
import { DEFAULT_UNTIL, planSynth } from '../src/features/synth/plan.js'
import { organisationsStage } from '../src/features/synth/stages/organisations.js'
import { fillReportFacts } from './report-scale-fill.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const command = args[0]
const plan = planSynth({ episodes: option('episodes', 1_000_000), services: 25_000, seed: 1, until: DEFAULT_UNTIL, password: 'synthetic-password' })
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '/tmp/report-scale' })
const db = database.db
const log = (line: string) => process.stderr.write(`${line}\n`)

/** The last twelve months of the data. */
function lastYear(): { from: string; to: string } {
  const fromDate = new Date(`${plan.until}T00:00:00Z`)
  fromDate.setUTCFullYear(fromDate.getUTCFullYear() - 1)
  fromDate.setUTCDate(fromDate.getUTCDate() + 1)
  return { from: fromDate.toISOString().slice(0, 10), to: plan.until }
}

/** The national commissioner (no areas: all of Wales) and provider 1, by the organisations stage's id contract. */
async function scenarioIds(): Promise<{ national: string; provider: string }> {
  await createSynthFunctions(db)
  const ids = await sql<{ national: string; provider: string }>`select ${sql.raw(id(plan.seed, 'commissioner_org', '8'))}::text as national,
    ${sql.raw(id(plan.seed, 'provider', '1'))}::text as provider`.execute(db)
  return ids.rows[0] as { national: string; provider: string }
}

if (command === 'fill') {
  await migrate(database)
  await createSynthFunctions(db)
  await sql`delete from report_dirty_referrals`.execute(db)
  log(`organisations: ${JSON.stringify(await organisationsStage.run({ db, plan, log }))}`)
  const started = performance.now()
  await fillReportFacts(db, plan, log)
  await sql`analyze`.execute(db)
  log(`filled in ${((performance.now() - started) / 1000).toFixed(0)} s`)
} else if (command === 'migrate') {
  // Brings a filled database's schema up to date. Its facts were written directly, not from case records, so the
  // referrals a migration queues for the refresh are dropped from the queue (the refresh would find no case
  // records and delete their facts).
  await migrate(database)
  await sql`delete from report_dirty_referrals`.execute(db)
} else if (command === 'time') {
  const { from, to } = lastYear()
  const { national, provider } = await scenarioIds()
  const scenarios: { name: string; filter: ReportFilter; audience: 'aggregate' | 'organisation'; organisation: string }[] = [
    { name: 'all of Wales, a year', filter: { from, to, where: {} }, audience: 'aggregate', organisation: national },
    { name: 'one provider, a year', filter: { from, to, where: { organisation: [provider] } }, audience: 'organisation', organisation: provider },
  ]
  const runs = option('runs', 5)
  for (const scenario of scenarios) {
    const times: number[] = []
    for (let i = 0; i <= runs; i++) {
      const started = performance.now()
      // As the API does it: refresh, then build and audit in one transaction.
      await refreshReportFacts(db)
      const report = await db.transaction().execute(async (trx) => {
        const built = await buildReport(trx, scenario.filter, scenario.audience, reportCacheOf(db))
        await audit(trx, { actorUserId: null, organisationId: scenario.organisation, requestId: null, clientAddress: null }, {
          action: 'report.view',
          recordType: 'report',
          detail: { report: 'rba', bench: true },
        })
        return built
      })
      times.push(performance.now() - started)
      if (i === 0) log(`${scenario.name}: ${report.measures.length} measures, referrals ${JSON.stringify(report.measures.find((m) => m.id === 'cds45')?.value)}`)
    }
    const warm = times.slice(1).sort((a, b) => a - b)
    log(`${scenario.name}: first ${times[0]?.toFixed(0)} ms; then median ${warm[Math.floor(warm.length / 2)]?.toFixed(0)} ms, min ${warm[0]?.toFixed(0)} ms, max ${warm.at(-1)?.toFixed(0)} ms (${runs} runs)`)
  }
} else if (command === 'profile') {
  // Each module's compute on its own, for the national and the provider report: where a cold report's time goes.
  const { from, to } = lastYear()
  const { provider } = await scenarioIds()
  for (const where of [{}, { organisation: [provider] }]) {
    const filter: ReportFilter = { from, to, where }
    const context: ReportContext = reportContext(db, filter)
    for (const module of measureModules) {
      const started = performance.now()
      await module.compute(context)
      log(`${Object.keys(where).length ? 'provider' : 'wales'} ${module.name}: ${(performance.now() - started).toFixed(0)} ms`)
    }
    const started = performance.now()
    await equityTables(context)
    log(`${Object.keys(where).length ? 'provider' : 'wales'} equity: ${(performance.now() - started).toFixed(0)} ms`)
  }
} else {
  log('usage: report-scale.ts fill [--episodes N] | time [--runs N]')
  process.exitCode = 64
}
await database.close()
