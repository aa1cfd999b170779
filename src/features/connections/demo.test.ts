import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { loadDemoData } from '../demo/demo-data.js'
import { loadDemoReferrals } from '../demo/demo-referrals.js'
import { loadDemoServices } from '../directory/demo/load.js'
import { loadDemoPostcodes } from '../postcodes/demo.js'
import { nextStatuses } from './lifecycle.js'
import { assetConnections } from './repository.js'

for (const kind of databaseKinds()) {
  describe(`demo connections (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
      await loadDemoData(t.database.db, 'a-demo-password-for-tests')
      await loadDemoPostcodes(t.database.db)
      await loadDemoServices(t.database.db)
      await loadDemoReferrals(t.database.db)
    })
    after(() => t.dispose())

    it('connect an accepted demo person to the demo asset’s services in several states, each step a lawful move', async () => {
      const db = t.database.db
      const rows = await db.selectFrom('connections').select(['id', 'kind', 'status', 'need_to_know', 'first_attended_at']).orderBy('created_at').execute()
      assert.deepEqual(rows.map((r) => `${r.kind}:${r.status}`), ['referral:attending', 'referral:waitlisted', 'signpost:signposted'])
      assert.deepEqual(Object.keys(rows[0]?.need_to_know ?? {}).sort(), ['ageBand', 'contactMethods', 'language', 'name', 'note'])
      assert.deepEqual(rows[2]?.need_to_know, {})
      for (const row of rows) {
        const events = await db.selectFrom('connection_events').select(['from_status', 'to_status', 'side']).where('connection_id', '=', row.id).orderBy('at').execute()
        let attended = false
        for (const e of events.slice(1)) {
          assert.ok(nextStatuses({ status: e.from_status ?? 'suggested', kind: row.kind, attendedBefore: attended }, e.side).includes(e.to_status), `${e.from_status} → ${e.to_status}`)
          attended ||= e.to_status === 'first_attended'
        }
      }
      assert.equal((await db.selectFrom('information_sharing_log').select('id').execute()).length, 2)
      const shed = await db.selectFrom('organisations').select('id').where('name', '=', 'Aberystwyth Community Shed').executeTakeFirstOrThrow()
      assert.equal((await assetConnections(db, shed.id)).length, 2)
    })
  })
}
