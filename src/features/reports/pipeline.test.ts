import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import type { DB } from '../../platform/db/schema.js'
import { buildReport } from './engine/report.js'
import { refreshReportFacts } from './engine/refresh.js'
import { buildMeasureData, MARCH, report } from './measures/testing.js'

/*
 * The whole pipeline on the outcome, experience and journey modules' hand-built data set (measures/testing.ts, every
 * number asserted in outcomes.test.ts and journey.test.ts): those tests write report_referral_facts by hand; here the
 * rows are thrown away and rebuilt by the engine's refresh from the case tables, and the report is put together by
 * buildReport, as the pages and the API do. Every measure the modules give must come out the same, Table 2's
 * (#94, #72, #70, #80, #108, #91, #82, #87, #93) among them.
 */
for (const kind of databaseKinds()) {
  describe(`the report pipeline reproduces the hand-built answers (${kind})`, () => {
    let t: TestDatabase
    let db: Kysely<DB>
    before(async () => {
      t = await openTestDatabase(kind)
      db = t.database.db
      await buildMeasureData(db)
    })
    after(() => t.dispose())

    it('gives the same measures from facts rebuilt by the refresh as from the hand-written facts', async () => {
      const expected = await report(db, MARCH)
      await db.deleteFrom('report_referral_facts').execute()
      await refreshReportFacts(db, { full: true })
      const organisations = [...new Set((await db.selectFrom('report_referral_facts').select('organisation_id').execute()).map((r) => r.organisation_id))]
      assert.equal(organisations.length, 2, 'both hand-built providers have facts again')
      const built = await buildReport(db, { ...MARCH, where: { organisation: organisations } }, 'organisation')
      const byId = new Map(built.measures.map((m) => [m.id, m]))
      const table2 = new Set([94, 72, 70, 80, 108, 91, 82, 87, 93])
      let table2Seen = 0
      for (const [id, want] of expected) {
        const got = byId.get(id)
        assert.ok(got, `${id} is in the built report`)
        assert.deepEqual(got.value, want.value, `${id} has the hand-built answer`)
        assert.deepEqual(got.cds, want.cds, `${id} answers the same statements`)
        if (got.table2 && got.cds.some((n) => table2.has(n))) table2Seen += 1
      }
      assert.ok(table2Seen >= table2.size, `every Table 2 measure of these modules was compared (${table2Seen})`)
    })
  })
}
