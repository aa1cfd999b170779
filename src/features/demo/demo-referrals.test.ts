import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { loadDemoPostcodes } from '../postcodes/demo.js'
import { loadDemoData } from './demo-data.js'
import { loadDemoReferrals } from './demo-referrals.js'

for (const kind of databaseKinds()) {
  describe(`demo referrals (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
      await loadDemoData(t.database.db, 'a-demo-password-for-tests')
      await loadDemoPostcodes(t.database.db)
    })
    after(() => t.dispose())

    it('covers every triage state and several routes for both providers, once', async () => {
      assert.equal(await loadDemoReferrals(t.database.db), 8)
      assert.equal(await loadDemoReferrals(t.database.db), 0)
      const db = t.database.db
      const states = await db.selectFrom('referrals').select('status').distinct().execute()
      assert.deepEqual(states.map((s) => s.status).sort(), ['accepted', 'declined', 'received', 'unable_to_contact'])
      const routes = await db.selectFrom('referrals').select('route').distinct().execute()
      assert.ok(routes.length >= 5)
      const orgs = await db.selectFrom('referrals').select('organisation_id').distinct().execute()
      assert.equal(orgs.length, 2)
      const episodes = await db.selectFrom('episodes').select('id').execute()
      assert.equal(episodes.length, 2)
    })
  })
}
