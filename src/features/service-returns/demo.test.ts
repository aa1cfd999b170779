import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { loadJourneyDemo } from '../demo/load-all.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { demoPeriods, loadServiceReturnDemo } from './demo.js'

describe('demo periods', () => {
  it('are the last whole financial year and the current quarter', () => {
    assert.deepEqual(demoPeriods('2026-12-04'), { year: { from: '2025-04-01', to: '2026-03-31' }, quarter: { from: '2026-10-01', to: '2026-12-31' } })
    assert.deepEqual(demoPeriods('2026-02-10'), { year: { from: '2024-04-01', to: '2025-03-31' }, quarter: { from: '2026-01-01', to: '2026-03-31' } })
    assert.deepEqual(demoPeriods('2026-04-01').quarter, { from: '2026-04-01', to: '2026-06-30' })
  })
})

for (const kind of databaseKinds()) {
  describe(`demo: service returns (${kind})`, () => {
    let t: TestApp
    let loaded = 0
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      await loadJourneyDemo(db)
      loaded = await loadServiceReturnDemo(db)
    })
    after(() => t.close())

    it('loads two returns a provider, activity costs and travel distances, once', async () => {
      const db = t.app.deps.database.db
      assert.ok(loaded >= 5, String(loaded))
      assert.equal(await loadServiceReturnDemo(db), 0, 'a second load adds nothing')
      assert.equal((await db.selectFrom('service_returns').select('id').execute()).length, 4)
      const untravelled = await db.selectFrom('connections').select('id').where('travel_distance_km', 'is', null).execute()
      assert.equal(untravelled.length, 0)
      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      const page = await lead.get('/service-returns')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /£184,500.00/)
    })
  })
}
