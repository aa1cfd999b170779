import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadSupervisionDemo } from './demo.js'

for (const kind of databaseKinds()) {
  describe(`supervision demo (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    it('loads two sessions for Rhian with Siân as supervisor, once; the note is Rhian’s and Siân’s only', async () => {
      const db = t.app.deps.database.db
      assert.equal(await loadSupervisionDemo(db), 2)
      assert.equal(await loadSupervisionDemo(db), 0, 'a restart adds nothing')
      const actions = await db.selectFrom('supervision_actions').select('status').orderBy('status').execute()
      assert.deepEqual(actions.map((a) => a.status), ['done', 'open'])
      assert.equal((await db.selectFrom('supervision_reflections').selectAll().execute()).length, 1)
      const rhian = new Agent(t.app)
      await rhian.signIn('practitioner')
      const list = await rhian.get('/supervision')
      assert.match(list.body, /Arrange a debrief with the safeguarding lead/)
      const session = (await db.selectFrom('supervision_sessions').select('id').orderBy('held_on', 'desc').executeTakeFirstOrThrow()).id
      assert.match((await rhian.get(`/supervision/${session}`)).body, /Talking through the safeguarding concern/)
      const sian = new Agent(t.app)
      await sian.signIn('teamlead')
      assert.match((await sian.get(`/supervision/${session}`)).body, /Talking through the safeguarding concern/, 'Siân is the supervisor')
    })
  })
}
