import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoServices } from '../demo/load.js'
import { listServices, visibleServiceCount } from './repository.js'

/* The ORUK list keeps its unfiltered count until services change (migration 0035's version): it must never be stale. */
for (const kind of databaseKinds()) {
  describe(`ORUK visible service count (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      await loadDemoServices(t.app.deps.database.db)
    })
    after(() => t.close())

    const counted = async () => {
      const { rows } = await sql<{ n: string }>`select count(*) as n from services where status = 'active' and published`.execute(t.app.deps.database.db)
      return Number(rows[0]?.n)
    }

    it('follows every change to services, in and out of transactions', async () => {
      const db = t.app.deps.database.db
      const first = await visibleServiceCount(db)
      assert.equal(first, await counted())
      assert.equal((await listServices(db, {}, { page: 1, perPage: 5 })).total, first)

      const one = await db.selectFrom('services').select('id').where('status', '=', 'active').where('published', '=', true).orderBy('id').executeTakeFirstOrThrow()
      await db.updateTable('services').set({ published: false }).where('id', '=', one.id).execute()
      assert.equal(await visibleServiceCount(db), first - 1)
      assert.equal((await listServices(db, {}, { page: 1, perPage: 5 })).total, first - 1)

      await db.transaction().execute(async (tx) => {
        await tx.updateTable('services').set({ published: true }).where('id', '=', one.id).execute()
        // Inside the transaction the change is visible to it, and the count kept outside is not used for it.
        assert.equal(await visibleServiceCount(tx), first)
      })
      assert.equal(await visibleServiceCount(db), first)

      await db.deleteFrom('services').where('id', '=', one.id).execute()
      assert.equal(await visibleServiceCount(db), first - 1)
      assert.equal(await visibleServiceCount(db), await counted())
    })

    it('pages in name order with the page chosen from the index, same as sorting them all', async () => {
      const db = t.app.deps.database.db
      const all = await db.selectFrom('services').select('id').where('status', '=', 'active').where('published', '=', true).orderBy('name').orderBy('id').execute()
      const paged: string[] = []
      for (let page = 1; paged.length < all.length; page++) {
        const { contents } = await listServices(db, {}, { page, perPage: 7 })
        assert.ok(contents.length > 0)
        paged.push(...contents.map((c) => String(c.id)))
      }
      assert.deepEqual(paged, all.map((r) => r.id))
    })
  })
}
