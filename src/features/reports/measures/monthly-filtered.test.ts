import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import type { DB } from '../../../platform/db/schema.js'
import { runSynth } from '../../synth/run.js'
import type { ReportFilter, ReportResult } from '../contract.js'
import { ReportCache } from '../engine/cache.js'
import { filterCodes } from '../engine/dimensions.js'
import { MonthCache } from '../engine/months.js'
import { buildReport, monthPartsOf } from '../engine/report.js'

/*
 * Month parts of filtered reports (issue 9, ADR 0028): a report for one provider, area, team or group of people keeps
 * its months as a report for all of Wales does, and must give what a build from nothing gives after a change, and
 * also after a referral moves into or out of its filter without any of its dated rows being written (migration 0056).
 */

const withoutTime = (r: ReportResult) => ({ ...r, refreshedAt: '' })

/** Every (dimension, code) version of migration 0056: `dimension=code` → version. */
async function filterVersions(db: Kysely<DB>): Promise<Map<string, string>> {
  const result = await sql<{ pair: string; version: string }>`select dimension || '=' || code as pair,
    version::text as version from report_filter_versions`.execute(db)
  return new Map(result.rows.map((r) => [r.pair, r.version]))
}

const moved = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([pair, version]) => before.get(pair) !== version).map(([pair]) => pair).sort()

for (const kind of databaseKinds()) {
  describe(`month parts of filtered reports (${kind})`, () => {
    let test: TestDatabase
    const db = () => test.database.db
    let organisation: string
    const year = (where: ReportFilter['where']): ReportFilter => ({ from: '2025-12-01', to: '2026-11-30', where })
    /** The same report built from nothing: every pass over its whole period, no cache. */
    const fromNothing = async (filter: ReportFilter) => withoutTime(await buildReport(db(), filter, 'organisation'))
    /** A new report data version, as after a change outside any month: a kept report is built again, from kept months. */
    const touch = () => sql`update report_data_version set version = version + 1`.execute(db())
    /** Builds each filter's report twice: the first reads whole periods, the second keeps every month (ADR 0028). */
    async function keepMonths(cache: ReportCache, filters: ReportFilter[]) {
      for (const filter of filters) await buildReport(db(), filter, 'organisation', cache)
      await touch()
      for (const filter of filters) await buildReport(db(), filter, 'organisation', cache)
    }

    before(async () => {
      test = await openTestDatabase(kind)
      await runSynth(db(), { episodes: 300, services: 40, seed: 12, until: '2026-11-30', password: 'synthetic-password-1' })
      const largest = await sql<{ id: string }>`select organisation_id as id from report_referral_facts
        group by 1 order by count(*) desc, 1 limit 1`.execute(db())
      organisation = largest.rows[0]?.id as string
    })
    after(() => test?.dispose())

    it("reads whole periods at a filter's first build, then keeps it by month, and a build with no change computes nothing", async () => {
      const cache = new ReportCache()
      const filter = year({ organisation: [organisation] })
      const first = await buildReport(db(), filter, 'organisation', cache)
      assert.deepEqual(withoutTime(first), await fromNothing(filter))
      assert.equal(cache.months.computed, 0, 'no month at the first build')
      await touch()
      assert.deepEqual(withoutTime(await buildReport(db(), filter, 'organisation', cache)), withoutTime(first))
      assert.ok(cache.months.computed >= 12)
      // A month part of a filter is its own: the same months of all of Wales are computed, not taken from the provider's.
      const computed = cache.months.computed
      await buildReport(db(), year({}), 'organisation', cache)
      assert.ok(cache.months.computed >= computed + 12)
      await touch()
      const again = cache.months.computed
      assert.deepEqual(withoutTime(await buildReport(db(), filter, 'organisation', cache)), withoutTime(first))
      assert.equal(cache.months.computed, again, 'every month taken as kept')
    })

    it('moves the old and the new code of a dimension that changes, and nothing for the same values', async () => {
      const row = await sql<{ referral_id: string; sex: string }>`select referral_id, sex from report_referral_facts
        where sex in ('female', 'male') order by referral_id limit 1`.execute(db())
      const referral = row.rows[0]
      assert.ok(referral)
      const other = referral.sex === 'female' ? 'male' : 'female'
      let before = await filterVersions(db())
      await sql`update report_referral_facts set refreshed_at = now() where referral_id = ${referral.referral_id}`.execute(db())
      assert.deepEqual(moved(before, await filterVersions(db())), [], 'a rewrite with the same values moves nothing')
      before = await filterVersions(db())
      await sql`update report_referral_facts set sex = ${other} where referral_id = ${referral.referral_id}`.execute(db())
      assert.deepEqual(moved(before, await filterVersions(db())), [`sex=female`, `sex=male`])
      before = await filterVersions(db())
      await sql`update report_referral_facts set sex = ${referral.sex} where referral_id = ${referral.referral_id}`.execute(db())
      assert.deepEqual(moved(before, await filterVersions(db())), [`sex=female`, `sex=male`])
      // An episode given to a referral that had none moves nothing: its rows are new and move their own months.
      const waiting = await sql<{ referral_id: string; episode_id: string | null }>`select referral_id, episode_id
        from report_referral_facts where episode_id is not null order by referral_id limit 1`.execute(db())
      const accepted = waiting.rows[0]
      assert.ok(accepted)
      await sql`update report_referral_facts set episode_id = null where referral_id = ${accepted.referral_id}`.execute(db())
      before = await filterVersions(db())
      await sql`update report_referral_facts set episode_id = ${accepted.episode_id} where referral_id = ${accepted.referral_id}`.execute(db())
      assert.deepEqual(moved(before, await filterVersions(db())), [])
      // Another person moves every filter's months ('*').
      before = await filterVersions(db())
      await sql`update report_referral_facts set person_id = person_id where referral_id = ${accepted.referral_id}`.execute(db())
      assert.deepEqual(moved(before, await filterVersions(db())), [])
      const someone = await sql<{ id: string }>`select person_id as id from report_referral_facts
        where referral_id <> ${accepted.referral_id} order by referral_id limit 1`.execute(db())
      const own = await sql<{ id: string }>`select person_id as id from report_referral_facts where referral_id = ${accepted.referral_id}`.execute(db())
      await sql`update report_referral_facts set person_id = ${someone.rows[0]?.id} where referral_id = ${accepted.referral_id}`.execute(db())
      await sql`update report_referral_facts set person_id = ${own.rows[0]?.id} where referral_id = ${accepted.referral_id}`.execute(db())
      assert.deepEqual(moved(before, await filterVersions(db())), ['*=*'])
    })

    it("after a person's sex is corrected, a report of either sex gives what a build from nothing gives", async () => {
      const cache = new ReportCache()
      const female = year({ sex: ['female'] })
      const male = year({ sex: ['male'] })
      const provider = year({ organisation: [organisation] })
      await keepMonths(cache, [female, male, provider])
      // Someone referred before the period, with contacts in several of its months: none of them is written again.
      const found = await sql<{ person_id: string; sex: string }>`select f.person_id, f.sex from report_referral_facts f
        join report_contact_facts k on k.referral_id = f.referral_id
        where f.sex in ('female', 'male') and f.received_on < '2025-12-01' and f.organisation_id <> ${organisation}
          and k.occurred_on between '2025-12-01' and '2026-11-30'
        group by 1, 2 having count(distinct date_trunc('month', k.occurred_on)) >= 2
        order by 1 limit 1`.execute(db())
      const person = found.rows[0]
      assert.ok(person, 'a person referred before the period with contacts in two of its months or more')
      await sql`update people set sex = ${person.sex === 'female' ? 'male' : 'female'} where id = ${person.person_id}`.execute(db())
      for (const filter of [female, male]) {
        const computed = cache.months.computed
        const after = await buildReport(db(), filter, 'organisation', cache)
        assert.deepEqual(withoutTime(after), await fromNothing(filter), JSON.stringify(filter.where))
        assert.ok(cache.months.computed - computed >= 12, 'every month of the filter computed again')
      }
      // Another provider's report computes again only the months its referral's rewritten facts row has dates in
      // (every filtered statement reads the facts), not all twelve.
      const dated = await sql<{ months: number }>`select count(distinct date_trunc('month', d.day))::integer as months from (
          select received_on as day from report_referral_facts where person_id = ${person.person_id}
          union select episode_started_on from report_referral_facts where person_id = ${person.person_id}
          union select episode_ended_on from report_referral_facts where person_id = ${person.person_id}) d
        where d.day between '2025-12-01' and '2026-11-30'`.execute(db())
      const computed = cache.months.computed
      assert.deepEqual(withoutTime(await buildReport(db(), provider, 'organisation', cache)), await fromNothing(provider))
      const perMonth = 20
      assert.ok(cache.months.computed - computed <= perMonth * (dated.rows[0]?.months ?? 0), `${cache.months.computed - computed} month parts computed`)
    })

    it('after an episode is reallocated, the reports of both practitioners give what a build from nothing gives', async () => {
      const cache = new ReportCache()
      const found = await sql<{ episode_id: string; practitioner_id: string }>`select e.id as episode_id, e.practitioner_id
        from episodes e join support_contacts k on k.episode_id = e.id
        where e.practitioner_id is not null and k.occurred_at between '2025-12-01' and '2026-11-30'
        group by 1, 2 having count(distinct date_trunc('month', k.occurred_at)) >= 2 order by 1 limit 1`.execute(db())
      const episode = found.rows[0]
      assert.ok(episode, 'an allocated episode with contacts in two months of the period')
      const colleague = await sql<{ id: string }>`select u.id from users u
        where u.organisation_id = (select organisation_id from episodes where id = ${episode.episode_id})
          and u.id <> ${episode.practitioner_id}
          and exists (select 1 from episodes o where o.practitioner_id = u.id)
        order by u.id limit 1`.execute(db())
      const other = colleague.rows[0]?.id
      assert.ok(other, 'another practitioner of the same provider')
      const filters = [year({ practitioner: [episode.practitioner_id] }), year({ practitioner: [other] })]
      await keepMonths(cache, filters)
      const computed = cache.months.computed
      await sql`update episodes set practitioner_id = ${other} where id = ${episode.episode_id}`.execute(db())
      for (const filter of filters)
        assert.deepEqual(withoutTime(await buildReport(db(), filter, 'organisation', cache)), await fromNothing(filter))
      assert.ok(cache.months.computed - computed >= 24, 'every month of both practitioners computed again')
    })

    it('takes kept months but keeps none it computes while a referral waits for the refresh', async () => {
      const filter = year({ organisation: [organisation] })
      const referral = await sql<{ id: string }>`select id from referrals order by id limit 1`.execute(db())
      await sql`insert into report_dirty_referrals (referral_id) values (${referral.rows[0]?.id}) on conflict do nothing`.execute(db())
      try {
        const queued = await monthPartsOf(db(), new MonthCache(), filter, 'months')
        assert.equal(queued?.keep, false)
        assert.equal(queued?.filter?.key, JSON.stringify(filterCodes(filter.where)))
        // A report with no filter does not depend on which referrals pass one.
        assert.equal((await monthPartsOf(db(), new MonthCache(), year({})))?.keep, true)
      } finally {
        await sql`delete from report_dirty_referrals`.execute(db())
      }
      assert.equal((await monthPartsOf(db(), new MonthCache(), filter, 'months'))?.keep, true)
      // A filter's first build in a process has no month parts at all.
      assert.equal(await monthPartsOf(db(), new MonthCache(), filter), undefined)
    })

    it('names each code once, in one order, a WIMD quintile as its number', () => {
      assert.deepEqual(filterCodes({ sex: ['male', 'female', 'male'], wimd_quintile: ['03'], organisation: ['b', 'a'] }), [
        ['organisation_id', 'a'],
        ['organisation_id', 'b'],
        ['sex', 'female'],
        ['sex', 'male'],
        ['wimd_quintile', '3'],
      ])
      assert.deepEqual(filterCodes({}), [])
    })
  })
}
