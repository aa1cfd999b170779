import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import type { ReportFilter, ReportResult } from '../contract.js'
import { ReportCache, reportCacheKey, reportCacheOf, reportDataVersion } from './cache.js'
import { buildPathwayFixture } from './fixture.js'
import { prewarmReports } from './prewarm.js'
import { buildReport } from './report.js'

const report = (count: number): ReportResult => ({
  filter: { from: '2021-01-01', to: '2021-12-31', where: {} },
  audience: 'organisation',
  refreshedAt: '2021-12-31T00:00:00.000Z',
  measures: [{ id: 'cds45', cds: [45], question: 'how_much', table2: false, value: { kind: 'count', count } }],
  equity: [],
})

describe('report cache (issue 9, ADR 0008)', () => {
  it('serves an entry only at the version it was built at', () => {
    const cache = new ReportCache()
    cache.set('k', '7', report(3))
    assert.deepEqual(cache.get('k', '7'), report(3))
    assert.equal(cache.get('k', '8'), undefined)
    // A newer version drops the entry: it can never be right again, versions only grow.
    assert.equal(cache.get('k', '7'), undefined)
  })

  it('hands out one frozen report, so a caller changing its report throws instead of changing what is kept', () => {
    const cache = new ReportCache()
    cache.set('k', '1', report(3))
    const first = cache.get('k', '1')
    assert.equal(cache.get('k', '1'), first)
    assert.throws(() => first?.measures.pop(), TypeError)
    const measure = first?.measures[0]
    assert.throws(() => {
      if (measure?.value.kind === 'count') (measure.value as { count: number }).count = 4
    }, TypeError)
    assert.throws(() => {
      ;(first as { audience: string }).audience = 'aggregate'
    }, TypeError)
    assert.deepEqual(cache.get('k', '1'), report(3))
  })

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new ReportCache(2)
    cache.set('a', '1', report(1))
    cache.set('b', '1', report(2))
    cache.get('a', '1')
    cache.set('c', '1', report(3))
    assert.equal(cache.size, 2)
    assert.equal(cache.get('b', '1'), undefined)
    assert.ok(cache.get('a', '1'))
  })

  it('keys by period, dimensions and audience', () => {
    const filter: ReportFilter = { from: '2021-01-01', to: '2021-12-31', where: { sex: ['female'], route: ['self'] } }
    assert.equal(
      reportCacheKey(filter, 'aggregate'),
      reportCacheKey({ ...filter, where: { route: ['self'], sex: ['female'] } }, 'aggregate'),
    )
    assert.notEqual(reportCacheKey(filter, 'aggregate'), reportCacheKey(filter, 'organisation'))
    assert.notEqual(reportCacheKey(filter, 'aggregate'), reportCacheKey({ ...filter, to: '2021-12-30' }, 'aggregate'))
    assert.notEqual(
      reportCacheKey(filter, 'aggregate'),
      reportCacheKey({ ...filter, where: { sex: ['female'] } }, 'aggregate'),
    )
  })
})

for (const kind of databaseKinds()) {
  describe(`report cache over a database (${kind})`, () => {
    let t: TestApp
    let f: Awaited<ReturnType<typeof buildPathwayFixture>>
    const db = () => t.app.deps.database.db
    const filter = (): ReportFilter => ({
      from: '2021-01-01',
      to: '2021-12-31',
      where: { organisation: [f.organisationId] },
    })
    const withoutTime = (r: ReportResult) => ({ ...r, refreshedAt: '' })
    before(async () => {
      t = await startTestApp(kind)
      f = await buildPathwayFixture(db())
    })
    after(() => t.close())

    it('prewarm (ADR 0021): keeps the default reports and their months for the first readers, and audits each as the server’s own read', async () => {
      const cache = reportCacheOf(db())
      const outcome = await prewarmReports(db(), new Date('2021-12-31T12:00:00Z'))
      assert.equal(outcome.reports, 2)
      assert.ok(outcome.months >= 21, `months computed: ${outcome.months}`)
      const builds = cache.builds
      const computed = cache.months.computed

      // The commissioner's default report is served as built; a calendar year over the same months computes none.
      const opened = await buildReport(db(), { from: '2021-04-01', to: '2021-12-31', where: {} }, 'aggregate', cache)
      assert.equal(cache.builds, builds)
      const calendar = await buildReport(db(), { from: '2021-01-01', to: '2021-12-31', where: {} }, 'aggregate', cache)
      assert.equal(cache.builds, builds + 1)
      assert.equal(cache.months.computed, computed)
      assert.deepEqual(
        { ...calendar, refreshedAt: '' },
        {
          ...(await buildReport(db(), { from: '2021-01-01', to: '2021-12-31', where: {} }, 'aggregate')),
          refreshedAt: '',
        },
      )
      assert.ok(opened.measures.length > 0)

      const audited = await db()
        .selectFrom('audit_events')
        .select(['actor_user_id', 'record_type', 'detail'])
        .where('action', '=', 'report.prewarm')
        .execute()
      assert.equal(audited.length, 2)
      assert.ok(audited.every((row) => row.actor_user_id === null && row.record_type === 'report'))
    })

    it('gives the same report as building without a cache, and serves it again while nothing changes', async () => {
      const cache = new ReportCache()
      const fresh = await buildReport(db(), filter(), 'organisation')
      const first = await buildReport(db(), filter(), 'organisation', cache)
      assert.deepEqual(withoutTime(first), withoutTime(fresh))
      assert.equal(cache.size, 1)
      const again = await buildReport(db(), filter(), 'organisation', cache)
      // The kept report, built once: the same moment of refresh.
      assert.equal(again.refreshedAt, first.refreshedAt)
    })

    it('builds a report once for requests that ask for it while it is being built', async () => {
      const cache = new ReportCache()
      const [one, two, three] = await Promise.all(
        [1, 2, 3].map(() => buildReport(db(), filter(), 'organisation', cache)),
      )
      assert.equal(cache.builds, 1)
      assert.deepEqual(two, one)
      assert.deepEqual(three, one)
      assert.equal(one?.refreshedAt, two?.refreshedAt)
    })

    it('builds again once a case record the report reads changes (queued, refreshed, version moved)', async () => {
      const cache = new ReportCache()
      const before = await buildReport(db(), filter(), 'organisation', cache)
      const version = await reportDataVersion(db())
      await sql`update people set sex = 'male' where id = ${f.people.p1}`.execute(db())
      const after = await buildReport(db(), filter(), 'organisation', cache)
      assert.notEqual(await reportDataVersion(db()), version)
      assert.notEqual(after.refreshedAt, before.refreshedAt)
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter(), 'organisation')))
    })

    it('moves the version on a write to a table the refresh does not cover (population, returns)', async () => {
      const version = await reportDataVersion(db())
      await sql`delete from population_estimates where false`.execute(db())
      assert.notEqual(await reportDataVersion(db()), version)
    })
  })
}
