import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoServices } from '../demo/load.js'
import { directoryVersion } from '../version.js'
import { OrukCache } from './cache.js'
import { findService, listServices } from './repository.js'
import { omitEmpty, page } from './serialise.js'
import { READ_AHEAD_SERVICES, serviceReads } from './service-reads.js'

/*
 * /oruk/services answers from bodies kept in the process (cache.ts, service-reads.ts): they must be the same bytes
 * the uncached reads give, and any change to the directory (migrations 0035, 0045) must be seen by the next request.
 */
for (const kind of databaseKinds()) {
  describe(`ORUK services through the cache (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      await loadDemoServices(t.app.deps.database.db)
    })
    after(() => t.close())

    const get = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url })
      return { status: response.statusCode, body: response.body, type: response.headers['content-type'] }
    }
    const db = () => t.app.deps.database.db
    const uncachedPage = async (pageNumber: number, perPage: number, search?: string) => {
      const { total, contents } = await listServices(db(), { search }, { page: pageNumber, perPage })
      return JSON.stringify(page(contents.map(omitEmpty), total, pageNumber, perPage))
    }
    const aVisibleService = () =>
      db()
        .selectFrom('services')
        .select(['id', 'directory_organisation_id'])
        .where('status', '=', 'active')
        .where('published', '=', true)
        .where('directory_organisation_id', 'is not', null)
        .orderBy('name')
        .executeTakeFirstOrThrow()

    it('gives the same bytes as the uncached reads, the first time and from the cache', async () => {
      for (let round = 0; round < 2; round++) {
        for (let n = 1; n <= 4; n++) {
          const answer = await get(`/oruk/services?page=${n}&per_page=7`)
          assert.equal(answer.status, 200)
          assert.equal(answer.type, 'application/json; charset=utf-8')
          assert.equal(answer.body, await uncachedPage(n, 7), `page ${n}, round ${round}`)
        }
        assert.equal((await get('/oruk/services?search=walk')).body, await uncachedPage(1, 50, 'walk'))
        const past = await get('/oruk/services?page=1000&per_page=7')
        assert.equal(past.body, await uncachedPage(1000, 7), 'a page past the end is empty, with its envelope')
        const { id } = await aVisibleService()
        assert.equal((await get(`/oruk/services/${id}`)).body, JSON.stringify(omitEmpty((await findService(db(), id)) ?? {})))
      }
    })

    it('reads ahead for a client walking the list, and only then; concurrent requests share the reads', async () => {
      const cache = new OrukCache(10_000_000)
      const reads = serviceReads(db(), cache)
      const q = (n: number) => ({ page: n, perPage: 7 })
      await reads.list(q(5))
      assert.equal(cache.size().entries, 1, 'a page read alone is read alone')
      await reads.list(q(1))
      await reads.list(q(2))
      const ahead = Math.floor(READ_AHEAD_SERVICES / 7)
      assert.equal(cache.size().entries, 1 + ahead, 'page 2 and the pages after it, except page 5, already kept')
      const walked = await Promise.all(Array.from({ length: 2 * ahead }, (_, i) => reads.list(q(ahead + 1 + i))))
      for (const [i, body] of walked.entries()) assert.equal(body.toString(), await uncachedPage(ahead + 1 + i, 7), `page ${ahead + 1 + i}`)
    })

    it('shows a change to a page that was read ahead', async () => {
      await get('/oruk/services?page=1&per_page=2')
      await get('/oruk/services?page=2&per_page=2')
      const third = JSON.parse((await get('/oruk/services?page=3&per_page=2')).body) as { contents: { id: string }[] }
      const id = third.contents[0]?.id as string
      await db().updateTable('services').set({ description: 'Changed after it was read ahead' }).where('id', '=', id).execute()
      const again = JSON.parse((await get('/oruk/services?page=3&per_page=2')).body) as { contents: { id: string; description: string }[] }
      assert.equal(again.contents[0]?.description, 'Changed after it was read ahead')
      assert.equal((await get('/oruk/services?page=3&per_page=2')).body, await uncachedPage(3, 2))
    })

    it('shows a change to a service, its organisation or its children to the next request', async () => {
      const service = await aVisibleService()
      await get('/oruk/services?page=1&per_page=200')
      await get(`/oruk/services/${service.id}`)

      await db().updateTable('services').set({ name: 'AAA first by name' }).where('id', '=', service.id).execute()
      const first = JSON.parse((await get('/oruk/services?page=1&per_page=3')).body) as { contents: { id: string; name: string }[] }
      assert.equal(first.contents[0]?.name, 'AAA first by name')

      await db()
        .updateTable('directory_organisations')
        .set({ name: 'Renamed organisation' })
        .where('id', '=', service.directory_organisation_id as string)
        .execute()
      const renamed = JSON.parse((await get('/oruk/services?page=1&per_page=3')).body) as { contents: { organization?: { name: string } }[] }
      assert.equal(renamed.contents[0]?.organization?.name, 'Renamed organisation')
      const full = JSON.parse((await get(`/oruk/services/${service.id}`)).body) as { organization?: { name: string } }
      assert.equal(full.organization?.name, 'Renamed organisation')

      await db().deleteFrom('schedules').where('service_id', '=', service.id).execute()
      await db().insertInto('schedules').values({ id: randomUUID(), service_id: service.id, byday: 'MO', freq: 'WEEKLY', description: 'Mondays, new' }).execute()
      const withSchedule = JSON.parse((await get(`/oruk/services/${service.id}`)).body) as { schedules?: { description?: string }[] }
      assert.deepEqual(
        withSchedule.schedules?.map((s) => s.description),
        ['Mondays, new'],
      )

      const before = JSON.parse((await get('/oruk/services?per_page=1')).body) as { total_items: number }
      await db().updateTable('services').set({ published: false }).where('id', '=', service.id).execute()
      const after = JSON.parse((await get('/oruk/services?per_page=1')).body) as { total_items: number; contents: { id: string }[] }
      assert.equal(after.total_items, before.total_items - 1)
      assert.notEqual(after.contents[0]?.id, service.id)
      assert.equal((await get(`/oruk/services/${service.id}`)).status, 404)
      await db().updateTable('services').set({ published: true }).where('id', '=', service.id).execute()
    })

    it('does not show a change before it commits, and shows it once it has', async () => {
      const service = await aVisibleService()
      await db()
        .transaction()
        .execute(async (tx) => {
          await tx.updateTable('services').set({ name: 'AAA uncommitted' }).where('id', '=', service.id).execute()
          // PGlite has one connection, held by this transaction: only PostgreSQL can answer a request meanwhile.
          if (kind === 'postgres') {
            const during = JSON.parse((await get('/oruk/services?page=1&per_page=3')).body) as { contents: { name: string }[] }
            assert.notEqual(during.contents[0]?.name, 'AAA uncommitted')
          }
        })
      const later = JSON.parse((await get('/oruk/services?page=1&per_page=3')).body) as { contents: { name: string }[] }
      assert.equal(later.contents[0]?.name, 'AAA uncommitted')
    })

    it('reads the version after the request asks, even while another read of it is on its way', async () => {
      const reading = directoryVersion(db())
      await db().updateTable('directory_versions').set((eb) => ({ version: eb('version', '+', '1') })).execute()
      const now = await db().selectFrom('directory_versions').select('version').executeTakeFirstOrThrow()
      const [, asked] = await Promise.all([reading, directoryVersion(db())])
      assert.equal(asked, String(now.version))
      const together = await Promise.all(Array.from({ length: 20 }, () => directoryVersion(db())))
      assert.deepEqual(new Set(together), new Set([String(now.version)]))
    })
  })
}
