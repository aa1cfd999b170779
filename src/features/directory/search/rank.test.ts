import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoPostcodes } from '../../postcodes/demo.js'
import { loadDemoServices } from '../demo/load.js'
import { searchText } from '../search-text.js'
import { parseSearch } from './query.js'
import { buildSearch, matchWords, searchServices } from './repository.js'
import { queryWords, rankOf } from './words.js'

/*
 * Word search on short text (issue 9, docs/adr/0009-word-search.md). This replaces issue 9's first rank test, which
 * pinned issue 4's rank (greatest(similarity, word_similarity) over the whole search_text): the rule is now that every
 * query word must match one of the service's words, and the rank is the mean of the best matches (words.ts rankOf).
 * These tests check the statement against that rule for every demo service, and that the words stay up to date.
 */
const searches = ['grwp cerdded', 'comunity garden', 'walking group', 'cafe', 'côr', 'a', 'men sheds', 'xyzzy', 'gardd gymunedol caerdydd', 'can a chwmni', 'befrending']

for (const kind of databaseKinds()) {
  describe(`directory word search (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      await loadDemoPostcodes(t.app.deps.database.db)
      await loadDemoServices(t.app.deps.database.db)
    })
    after(() => t.close())

    it('keeps search_words as search_text split into words, and every word in directory_words, after edits too', async () => {
      const db = t.app.deps.database.db
      const one = await db.selectFrom('services').select('id').orderBy('id').executeTakeFirstOrThrow()
      await db.updateTable('services').set({ search_text: searchText('Gardd Gymunedol Newydd-sbon', 'Zwîff') }).where('id', '=', one.id).execute()
      const services = await db.selectFrom('services').select(['search_text', 'search_words']).execute()
      for (const s of services) assert.deepEqual(s.search_words, s.search_text.split(/[^a-z0-9]+/).filter((w) => w !== ''))
      const known = new Set((await db.selectFrom('directory_words').select('word').execute()).map((r) => r.word))
      for (const s of services) for (const w of s.search_words) assert.ok(known.has(w), w)
      assert.ok(known.has('sbon') && known.has('zwiff'))
    })

    it('finds exactly the services the rule picks, ranked by it', async () => {
      const db = t.app.deps.database.db
      const services = await db.selectFrom('services').select(['id', 'search_words']).where('status', '=', 'active').where('published', '=', true).execute()
      for (const words of searches) {
        const { query } = parseSearch({ q: words, perPage: '100' }, [])
        const matched = await matchWords(db, query.normalised)
        assert.deepEqual(
          matched.map((m) => m.word),
          queryWords(query.normalised),
        )
        const expected = services.flatMap((s) => {
          const rank = rankOf(matched, s.search_words)
          return rank === null ? [] : [[s.id, rank.toFixed(9)]]
        })
        const found = await buildSearch(db, query, null, matched).execute()
        assert.deepEqual(found.map((r) => [r.id, Number(r.rank).toFixed(9)]).sort(), expected.sort(), words)
        for (let i = 1; i < found.length; i++) assert.ok(Number(found[i - 1]?.rank) >= Number(found[i]?.rank), words)
        if (found.length) assert.equal(Number(found[0]?.total), expected.length, words)
        assert.equal((await searchServices(db, query, null)).total, expected.length, words)
      }
    })

    it('finds through one misspelt word, missing accents and a Welsh phrase, and nothing for a word no service has', async () => {
      const db = t.app.deps.database.db
      const names = async (q: string) => {
        const { query } = parseSearch({ q, perPage: '100' }, [])
        return (await searchServices(db, query, null)).rows.map((r) => `${r.name} / ${r.name_cy ?? ''}`)
      }
      assert.match((await names('comunity garden'))[0] ?? '', /Community Garden/i)
      assert.match((await names('grwp cerdded'))[0] ?? '', /Grŵp Cerdded/)
      assert.match((await names('Côr'))[0] ?? '', /Côr|Choir/)
      assert.deepEqual(await names('xyzzy'), [])
      assert.deepEqual(await names('walking xyzzy'), [])
      assert.deepEqual(await names('&&'), [])
    })
  })
}
