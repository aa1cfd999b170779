import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoServices } from '../demo/load.js'

/*
 * Searches and the category list are kept in the process until the directory changes (kept-searches.ts, ../version.ts):
 * the next search after any change to what a search reads must see it.
 */
interface ApiPage {
  total: number
  results: { id: string; name: string }[]
}

for (const kind of databaseKinds()) {
  describe(`kept directory searches (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      await loadDemoServices(t.app.deps.database.db)
    })
    after(() => t.close())
    const db = () => t.app.deps.database.db
    const api = async (query: string): Promise<ApiPage> => {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/services${query}` })
      assert.equal(response.statusCode, 200, response.body)
      return response.json<ApiPage>()
    }

    it('sees a service leave and come back, and a category given to a service, at the next search', async () => {
      const first = await api('?q=walking&perPage=100')
      assert.ok(first.total > 0)
      assert.deepEqual(await api('?q=walking&perPage=100'), first, 'the same search again gives the same answer')
      const gone = first.results[0]?.id as string
      await db().updateTable('services').set({ published: false }).where('id', '=', gone).execute()
      const without = await api('?q=walking&perPage=100')
      assert.equal(without.total, first.total - 1)
      assert.ok(!without.results.some((r) => r.id === gone))
      await db().updateTable('services').set({ published: true }).where('id', '=', gone).execute()
      assert.deepEqual(await api('?q=walking&perPage=100'), first)

      // A category (taxonomy term) and a service in it: the filter's list and its results follow.
      const taxonomy = await db().selectFrom('taxonomy_terms').select('taxonomy_id').where('code', 'is not', null).executeTakeFirstOrThrow()
      const term = randomUUID()
      const page = async () => (await t.app.inject({ method: 'GET', url: '/directory?category=kept-test' })).body
      assert.doesNotMatch(await page(), /Kept test category/)
      await db().insertInto('taxonomy_terms').values({ id: term, taxonomy_id: taxonomy.taxonomy_id, code: 'kept-test', name: 'Kept test category' }).execute()
      assert.match(await page(), /Kept test category/)
      assert.equal((await api('?category=kept-test')).total, 0)
      await db().insertInto('attributes').values({ id: randomUUID(), link_id: gone, link_type: 'service', taxonomy_term_id: term }).execute()
      assert.deepEqual((await api('?category=kept-test')).results.map((r) => r.id), [gone])
    })

    it('shows a change on the search page too, whose content is kept per search and language', async () => {
      const main = async (lang: 'en' | 'cy') => {
        const response = await t.app.inject({ method: 'GET', url: `/directory?q=walking&perPage=100${lang === 'cy' ? '&lng=cy' : ''}` })
        assert.equal(response.statusCode, 200)
        return /<main[\s\S]*<\/main>/.exec(response.body)?.[0] ?? ''
      }
      const en = await main('en')
      assert.equal(await main('en'), en)
      const cy = await main('cy')
      assert.notEqual(cy, en)
      assert.equal(await main('cy'), cy)
      assert.match(cy, /Dod o hyd i gymorth yn y gymuned/)
      const first = (await api('?q=walking&perPage=100')).results[0] as { id: string; name: string }
      await db().updateTable('services').set({ name: 'Renamed walking club' }).where('id', '=', first.id).execute()
      try {
        assert.match(await main('en'), /Renamed walking club/)
        assert.doesNotMatch(en, /Renamed walking club/)
      } finally {
        await db().updateTable('services').set({ name: first.name }).where('id', '=', first.id).execute()
      }
      assert.equal(await main('en'), en, 'the old name back, the same content')
    })
  })
}
