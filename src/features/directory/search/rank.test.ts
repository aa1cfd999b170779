import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoPostcodes } from '../../postcodes/demo.js'
import { loadDemoServices } from '../demo/load.js'
import { parseSearch } from './query.js'
import { buildSearch } from './repository.js'

/*
 * The search's speed-ups (issue 9) must not change what it finds or the order it ranks in: the rank it computes with
 * the similarity shortcut (rankSql) equals issue 4's greatest(similarity, word_similarity) for every service, and the
 * statement's results equal a plain reference query's, order included.
 */
const searches = ['grwp cerdded', 'comunity garden', 'walking group', 'cafe', 'côr', 'a', 'men sheds', 'xyzzy', 'gardd gymunedol caerdydd']

for (const kind of databaseKinds()) {
  describe(`directory search ranking (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      await loadDemoPostcodes(t.app.deps.database.db)
      await loadDemoServices(t.app.deps.database.db)
    })
    after(() => t.close())

    it('keeps search_trigrams equal to the distinct trigrams of search_text, after edits too', async () => {
      const db = t.app.deps.database.db
      const one = await db.selectFrom('services').select('id').orderBy('id').executeTakeFirstOrThrow()
      await db.updateTable('services').set({ search_text: 'gardd gymunedol newydd' }).where('id', '=', one.id).execute()
      const { rows } = await sql<{ n: string }>`select count(*) as n from services where search_trigrams <> coalesce(array_length(show_trgm(search_text), 1), 0)`.execute(db)
      assert.equal(Number(rows[0]?.n), 0)
      const edited = await db.selectFrom('services').select('search_trigrams').where('id', '=', one.id).executeTakeFirstOrThrow()
      assert.equal(edited.search_trigrams, Number((await sql<{ n: number }>`select array_length(show_trgm('gardd gymunedol newydd'), 1) as n`.execute(db)).rows[0]?.n))
    })

    it('ranks every service exactly as greatest(similarity, word_similarity) would', async () => {
      const db = t.app.deps.database.db
      for (const words of searches) {
        const { rows } = await sql<{ id: string; fast: number; plain: number }>`
          select s.id, case when w.ws::float8 * s.search_trigrams >= coalesce(array_length(show_trgm(${words}), 1), 0) then w.ws
                            else greatest(similarity(s.search_text, ${words}), w.ws) end as fast,
                 greatest(similarity(s.search_text, ${words}), word_similarity(${words}, s.search_text)) as plain
          from services s cross join lateral (select word_similarity(${words}, s.search_text) as ws offset 0) w`.execute(db)
        assert.ok(rows.length > 60)
        for (const row of rows) assert.equal(row.fast, row.plain, `${words}: ${row.id}`)
      }
    })

    it('finds the same services in the same order as the plain statement', async () => {
      const db = t.app.deps.database.db
      for (const words of searches) {
        const { query } = parseSearch({ q: words, perPage: '100' }, [])
        const found = await buildSearch(db, query, null).execute()
        const { rows: plain } = await sql<{ id: string; rank: number; total: string }>`
          select s.id, greatest(similarity(s.search_text, ${query.normalised}), word_similarity(${query.normalised}, s.search_text)) as rank, count(*) over () as total
          from services s
          where s.status = 'active' and s.published and (s.search_text %> ${query.normalised} or s.search_text ilike ${`%${query.normalised}%`})
          order by rank desc, s.name, s.id limit 100`.execute(db)
        assert.deepEqual(
          found.map((r) => [r.id, Number(r.rank), Number(r.total)]),
          plain.map((r) => [r.id, Number(r.rank), Number(r.total)]),
          words,
        )
      }
    })
  })
}
