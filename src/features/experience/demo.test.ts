import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { loadJourneyDemo } from '../demo/load-all.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadExperienceDemo } from './demo.js'

for (const kind of databaseKinds()) {
  describe(`demo: the person's voice (${kind})`, () => {
    let t: TestApp
    let loaded = 0
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      await loadJourneyDemo(db)
      loaded = await loadExperienceDemo(db)
    })
    after(() => t.close())

    it('records own words, and survey replies named and anonymous for closed episodes, once', async () => {
      const db = t.app.deps.database.db
      assert.ok(loaded >= 6, String(loaded))
      assert.equal(await loadExperienceDemo(db), 0, 'a second load adds nothing')
      const replies = await db.selectFrom('experience_replies as r').select(['r.anonymous', 'r.person_id', 'r.episode_id', 'r.invitation_id', 'r.received_at']).execute()
      assert.equal(replies.length, 2)
      const anonymous = replies.find((r) => r.anonymous)
      assert.ok(anonymous && anonymous.person_id === null && anonymous.episode_id === null && anonymous.invitation_id === null && anonymous.received_at === null)
      assert.ok(replies.some((r) => !r.anonymous && r.person_id))
      const waiting = await db.selectFrom('experience_invitations as i').select('i.id').where('i.replied', '=', false).execute()
      assert.ok(waiting.length >= 1, 'one survey still waiting for a reply')

      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      const summary = await practitioner.api('GET', '/api/v1/experience/summary')
      assert.equal(summary.statusCode, 200, summary.body)
      const body = summary.json()
      assert.equal(body.replies, 2, summary.body)
      assert.equal(body.anonymousReplies, 1)
      assert.equal(body.comments.length, 1, 'the named reply’s comment; an anonymous reply’s never')
    })
  })
}
