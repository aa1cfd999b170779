import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadStandardsDemo } from './demo.js'

for (const kind of databaseKinds()) {
  describe(`demo: Core Standards self-assessment (${kind})`, () => {
    let t: TestApp
    let loaded = 0
    before(async () => {
      t = await startTestApp(kind)
      loaded = await loadStandardsDemo(t.app.deps.database.db)
    })
    after(() => t.close())

    it('loads one complete assessment for the Cardiff provider with three actions, once', async () => {
      const db = t.app.deps.database.db
      assert.equal(loaded, 1 + 51 + 3)
      assert.equal(await loadStandardsDemo(db), 0, 'a second load adds nothing')
      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      const page = await lead.get('/standards-assessment')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Complete/)
      assert.match(page.body, /Open actions: 2/)
      // Welsh language: §80–84 alternate partly / not started from index 32: 32 partly, 33 not, 34 partly, 35 not, 36 partly.
      assert.match(page.body, /Welsh language<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>3<\/td>\s*<td[^>]*>2<\/td>\s*<td[^>]*>1<\/td>/)
    })
  })
}
