import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { loadJourneyDemo } from '../demo/load-all.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadClosingOutcomesDemo } from './closing-outcomes-demo.js'

for (const kind of databaseKinds()) {
  describe(`demo: what the closed episodes' people said changed (${kind})`, () => {
    let t: TestApp
    let loaded = 0
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      await loadJourneyDemo(db)
      loaded = await loadClosingOutcomesDemo(db)
    })
    after(() => t.close())

    it('answers for Peter and Lowri, none for Kevin, once, and the person page shows them', async () => {
      const db = t.app.deps.database.db
      assert.equal(loaded, 2)
      assert.equal(await loadClosingOutcomesDemo(db), 0, 'a second load adds nothing')
      const rows = await db
        .selectFrom('episode_closing_outcomes as o')
        .innerJoin('people as p', 'p.id', 'o.person_id')
        .innerJoin('episodes as e', 'e.id', 'o.episode_id')
        .select(['p.given_name', 'o.medication', 'o.carers_assessment', 'e.status'])
        .orderBy('p.given_name')
        .execute()
      assert.deepEqual(rows, [
        { given_name: 'Lowri', medication: 'no_change', carers_assessment: 'yes', status: 'closed' },
        { given_name: 'Peter', medication: 'reduced', carers_assessment: null, status: 'closed' },
      ])
      const peter = await db.selectFrom('people').select('id').where('given_name', '=', 'Peter').executeTakeFirstOrThrow()
      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      const page = await practitioner.get(`/people/${peter.id}`)
      assert.match(page.body, /Medication or prescriptions<\/dt><dd class="govuk-summary-list__value">Reduced/)
    })
  })
}
