import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { runSynth, SynthRefused, type SynthReport } from './run.js'
import { verifyForeignKeys } from './verify.js'

const options = { episodes: 150, services: 40, seed: 5, until: '2026-11-30', password: 'synthetic-password-1' }
const count = async (test: TestDatabase, table: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.id(table)}`.execute(test.database.db)).rows[0]?.n)

for (const kind of databaseKinds()) {
  describe(`runSynth, the whole load (${kind})`, () => {
    let test: TestDatabase
    let report: SynthReport
    before(async () => {
      test = await openTestDatabase(kind)
      report = await runSynth(test.database.db, options)
    })
    after(() => test?.dispose())

    it('writes every stage and says how many rows per second', () => {
      assert.deepEqual(
        report.stages.map((s) => s.stage),
        ['organisations and accounts', 'directory', 'people', 'journey'],
      )
      for (const stage of report.stages) {
        assert.ok(stage.total > 0, `${stage.stage} wrote rows`)
        assert.ok(stage.rowsPerSecond > 0)
      }
      assert.equal(report.totalRows, report.stages.reduce((a, s) => a + s.total, 0))
    })

    it('loads with checks skipped but breaks no foreign key', async () => {
      assert.deepEqual(await verifyForeignKeys(test.database.db), [])
    })

    it('puts back every index it dropped and every trigger it switched off', async () => {
      const indexes = await sql<{ n: number }>`select count(*)::int as n from pg_indexes
        where tablename in ('support_contacts', 'measures', 'episodes', 'people', 'services')`.execute(test.database.db)
      assert.ok(Number(indexes.rows[0]?.n) >= 15)
      const off = await sql<{ n: number }>`select count(*)::int as n from pg_trigger
        where not tgisinternal and tgname like 'report\_dirty\_%' and tgenabled = 'D'`.execute(test.database.db)
      assert.equal(Number(off.rows[0]?.n), 0)
      await sql`drop schema synth`.execute(test.database.db).then(
        () => assert.fail('the synth schema should be gone'),
        () => {},
      )
    })

    it('leaves the report aggregates complete and the queue empty', async () => {
      assert.equal(await count(test, 'report_referral_facts'), await count(test, 'referrals'))
      assert.equal(await count(test, 'report_dirty_referrals'), 0)
      // The triggers work again after the load: a change queues its referral.
      await sql`update episodes set level_of_support = level_of_support where id = (select min(id::text)::uuid from episodes)`.execute(
        test.database.db,
      )
      assert.equal(await count(test, 'report_dirty_referrals'), 1)
    })

    it('refuses a second load into a database that now holds people, writing nothing', async () => {
      const people = await count(test, 'people')
      await assert.rejects(runSynth(test.database.db, options), SynthRefused)
      assert.equal(await count(test, 'people'), people)
    })
  })
}
