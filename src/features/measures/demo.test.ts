import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { loadJourneyDemo } from '../demo/load-all.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadMeasureDemo, swemwbsAnswers } from './demo.js'

describe('demo SWEMWBS answers', () => {
  it('add up to the raw score asked for, each 1–5', () => {
    for (const raw of [7, 19, 23, 35]) {
      const answers = Object.values(swemwbsAnswers(raw)) as number[]
      assert.equal(answers.length, 7)
      assert.equal(answers.reduce((a, b) => a + b, 0), raw)
      assert.ok(answers.every((a) => a >= 1 && a <= 5))
    }
  })
})

for (const kind of databaseKinds()) {
  describe(`demo measures (${kind})`, () => {
    let t: TestApp
    let loaded = 0
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      await loadJourneyDemo(db)
      loaded = await loadMeasureDemo(db)
    })
    after(() => t.close())

    it('gives the journey’s episodes baseline and follow-up measures with realistic change, once', async () => {
      const db = t.app.deps.database.db
      assert.ok(loaded > 20, String(loaded))
      assert.equal(await loadMeasureDemo(db), 0)
      const rows = await db.selectFrom('measures as m').select(['m.person_id', 'm.instrument_id', 'm.occasion', 'm.status', 'm.scores', 'm.taken_on']).where('m.instrument_id', '=', 'swemwbs').execute()
      assert.ok(rows.every((r) => r.status === 'complete' && r.scores?.scores.metric?.value !== null && r.taken_on))
      const byPerson = new Map<string, { baseline?: number; later?: number }>()
      for (const r of rows) {
        const entry = byPerson.get(r.person_id) ?? {}
        entry[r.occasion === 'baseline' ? 'baseline' : 'later'] = r.scores?.scores.metric?.value as number
        byPerson.set(r.person_id, entry)
      }
      const changes = [...byPerson.values()].filter((e) => e.later !== undefined).map((e) => (e.later as number) - (e.baseline as number))
      assert.ok(changes.length >= 4, `follow-ups: ${changes.length}`)
      assert.ok(changes.filter((c) => c >= 1 && c <= 5).length > changes.length / 2, changes.join(', '))
      assert.ok(changes.some((c) => c <= 0), 'some unchanged or worse')
      assert.ok(changes.every((c) => c > -3 && c < 6), changes.join(', '))
      const ons4 = await db.selectFrom('measures as m').select('m.id').where('m.instrument_id', '=', 'ons4').execute()
      const ucla = await db.selectFrom('measures as m').select('m.id').where('m.instrument_id', '=', 'ucla3_ons').execute()
      assert.ok(ons4.length > 0 && ucla.length > 0)
    })

    it('shows a demo person’s charts on their page, in English and Welsh', async () => {
      const db = t.app.deps.database.db
      const person = await db.selectFrom('measures as m').select('m.person_id').where('m.occasion', 'in', ['follow_up', 'exit']).orderBy('m.person_id').executeTakeFirstOrThrow()
      for (const lang of ['en', 'cy'] as const) {
        const agent = new Agent(t.app, lang)
        await agent.signIn('practitioner')
        const page = await agent.get(`/people/${person.person_id}`)
        assert.equal(page.statusCode, 200)
        assert.ok((page.body.match(/<svg [^>]*class="app-measure-chart"/g) ?? []).length >= 5, 'SWEMWBS and the four ONS4 charts')
        assert.match(page.body, lang === 'cy' ? /Newid o / : /Change from /)
      }
    })
  })
}
