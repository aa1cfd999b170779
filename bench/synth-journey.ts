/*
 * Times the journey stage of `synth` alone (issue 9; docs/performance.md "Synthetic support journey"), over the
 * journey's own stand-in for the people stage (src/features/synth/journey/testing.ts), on a fresh test database:
 *
 *   node --import tsx bench/synth-journey.ts pglite 2000
 *   TEST_DATABASE_URL=postgres://… node --import tsx bench/synth-journey.ts postgres 50000
 *
 * Prints the rows written per table and rows per second. The database is dropped at the end.
 */
import { sql } from 'kysely'
import { openTestDatabase } from '../test/support/databases.js'
import { buildJourneyFixture } from '../src/features/synth/journey/testing.js'
import { journeyStage } from '../src/features/synth/stages/journey.js'
import { setReportTriggers } from '../src/features/synth/run.js'

async function main(): Promise<void> {
  const kind = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres'
  const episodes = Number(process.argv[3] ?? 2000)
  const test = await openTestDatabase(kind)
  try {
    const db = test.database.db
    const t0 = performance.now()
    const ctx = await buildJourneyFixture(db, episodes)
    console.log(`fixture: ${episodes} episodes in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    ctx.log = (line) => console.log(line)
    // As runSynth does: no report-refresh queueing while loading.
    await setReportTriggers(db, false)
    const t1 = performance.now()
    const rows = await journeyStage.run(ctx)
    const seconds = (performance.now() - t1) / 1000
    const total = Object.values(rows).reduce((a, b) => a + b, 0)
    for (const [table, n] of Object.entries(rows)) console.log(`${table.padEnd(28)} ${String(n).padStart(10)}`)
    console.log(`journey: ${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s) on ${kind}`)
    const statuses = await sql<{
      status: string
      n: number
    }>`select status, count(*)::int as n from connections group by 1 order by 2 desc`.execute(db)
    console.log(statuses.rows.map((r) => `${r.status} ${r.n}`).join(', '))
  } finally {
    await test.dispose()
  }
}

await main()
