import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import type { DB } from '../../../platform/db/schema.js'
import { runSynth } from '../../synth/run.js'
import type { ReportFilter, ReportResult } from '../contract.js'
import { ReportCache } from '../engine/cache.js'
import { connectionColumns, contactColumns } from '../engine/facts-sql.js'
import { monthRanges, percentileOfHistogram } from '../engine/months.js'
import { MONTH_TABLES } from '../engine/tables-read.js'
import { buildReport } from '../engine/report.js'
import { themeCodes } from '../../directory/matching/themes.js'
import { SOCIAL_PRESCRIBING_TAXONOMY } from './journey-people.js'

/*
 * Month parts (issue 9, ADR 0019; with a filter, monthly-filtered.test.ts): a report built with a cache adds its largest passes up from calendar months, each
 * kept while its month's version (migration 0049) stays; built without one, each pass reads its whole period in one
 * statement. The two must give the same report, before and after a change, and after a change only the changed
 * months may be computed again.
 */

const withoutTime = (r: ReportResult) => ({ ...r, refreshedAt: '' })
/**
 * The statements that keep month parts in a report with no filter: the passes of pathway.ts (two),
 * pathway-activities.ts, experience.ts, closing-outcomes.ts, outcomes.ts, journey-people.ts (travel) and
 * sustainability.ts (two); and the month sets (monthly-set.ts) of pathway.ts (people referred, episodes started),
 * pathway-activities.ts (people connected), journey-people.ts (circumstances, language of choice) and journey.ts
 * (conversations, plans, attainment, own words); the episodes transferred (journey-people.ts) and the equity
 * tables' counts (engine/equity.ts).
 */
const MONTHLY_PASSES = 20
/** Of those, the ones that read the directory's green and blue settings: journey-people.ts and sustainability.ts. */
const DIRECTORY_PASSES = 2
/**
 * The tables with month triggers each statement reads (ADR 0022): the month cache finds them from the statements' SQL
 * (engine/tables-read.ts); this is the same list written out, so that a change to a statement's tables is seen here.
 */
const STATEMENT_TABLES: Record<string, string[]> = {
  attainment: ['connections', 'plan_goal_scores', 'plan_goals'],
  'carbon-trips': ['connections'],
  circumstances: ['report_referral_facts'],
  'closing-outcomes': ['episode_closing_outcomes', 'report_referral_facts'],
  'connected-people': ['report_connection_facts'],
  connections: ['report_connection_facts'],
  conversations: ['what_matters_conversations'],
  episodes: ['report_contact_facts', 'report_referral_facts'],
  equity: ['report_referral_facts'],
  experience: ['connection_events', 'experience_replies', 'experience_service_ratings', 'report_contact_facts'],
  'green-blue': ['connections'],
  'language-of-choice': ['report_contact_facts'],
  outcomes: ['report_measure_administrations', 'report_outcome_pairs'],
  'own-words': ['own_words_outcomes'],
  plans: ['action_plans'],
  referrals: ['report_referral_facts'],
  'referred-people': ['report_referral_facts'],
  'started-episodes': ['report_referral_facts'],
  transferred: ['report_referral_facts'],
  travel: ['connections'],
}

/** Every (table, month) version: `table|YYYY-MM-01` → version (migration 0055). */
async function monthVersions(db: Kysely<DB>): Promise<Map<string, string>> {
  const result = await sql<{ source: string; month: string; version: string }>`select source, month::text as month,
    version::text as version from report_month_versions`.execute(db)
  return new Map(result.rows.map((r) => [`${r.source}|${r.month}`, r.version]))
}

/** The (table, month) pairs whose version moved. */
const changedPairs = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([pair, version]) => before.get(pair) !== version).map(([pair]) => pair).sort()

/** The months any table's version moved in. */
const changedMonths = (before: Map<string, string>, after: Map<string, string>) =>
  [...new Set(changedPairs(before, after).map((pair) => pair.split('|')[1] as string))].sort()

/** How many month statements of a year's build must be computed again after these versions moved. */
function recomputed(before: Map<string, string>, after: Map<string, string>, filter: ReportFilter): number {
  const moved = new Set(changedPairs(before, after))
  let n = 0
  for (const tables of Object.values(STATEMENT_TABLES))
    for (const { month } of monthRanges(filter.from, filter.to)) if (tables.some((t) => moved.has(`${t}|${month}`))) n++
  return n
}

for (const kind of databaseKinds()) {
  describe(`month parts of the report (${kind})`, () => {
    let test: TestDatabase
    const db = () => test.database.db
    let organisation: string
    let localAuthority: string
    const periods = (): ReportFilter[] => [
      { from: '2025-12-01', to: '2026-11-30', where: {} },
      { from: '2024-01-17', to: '2025-03-09', where: {} },
      { from: '2025-06-01', to: '2026-05-31', where: { organisation: [organisation] } },
      { from: '2025-02-11', to: '2026-01-20', where: { local_authority: [localAuthority] } },
      { from: '2023-01-01', to: '2026-11-30', where: { age_band: ['65-74', '75-84'], sex: ['female'] } },
      { from: '2026-03-14', to: '2026-03-14', where: {} },
    ]
    before(async () => {
      test = await openTestDatabase(kind)
      await runSynth(db(), { episodes: 300, services: 40, seed: 11, until: '2026-11-30', password: 'synthetic-password-1' })
      const largest = await sql<{ id: string }>`select organisation_id as id from report_referral_facts
        group by 1 order by count(*) desc, 1 limit 1`.execute(db())
      organisation = largest.rows[0]?.id as string
      const area = await sql<{ code: string }>`select local_authority_code as code from report_referral_facts
        where local_authority_code is not null group by 1 order by count(*) desc, 1 limit 1`.execute(db())
      localAuthority = area.rows[0]?.code as string
    })
    after(() => test?.dispose())

    it('gives the report one statement per pass gives, for whole and cut months, with and without filters', async () => {
      const cache = new ReportCache()
      for (const filter of periods()) {
        const whole = await buildReport(db(), filter, 'organisation')
        const computed = cache.months.computed
        let monthly = await buildReport(db(), filter, 'organisation', cache)
        assert.deepEqual(withoutTime(monthly), withoutTime(whole), `${filter.from}..${filter.to} ${JSON.stringify(filter.where)}`)
        if (Object.keys(filter.where).length > 0) {
          // A filter's first build reads whole periods; its next, month by month (ADR 0028).
          assert.equal(cache.months.computed, computed, JSON.stringify(filter.where))
          await sql`update report_data_version set version = version + 1`.execute(db())
          monthly = await buildReport(db(), filter, 'organisation', cache)
          assert.deepEqual(withoutTime(monthly), withoutTime(whole), `${filter.from}..${filter.to} ${JSON.stringify(filter.where)}`)
        }
        assert.ok(cache.months.computed > computed, JSON.stringify(filter.where))
      }
    })

    it('keeps each month statement under the tables with month triggers its SQL reads (ADR 0022)', async () => {
      const cache = new ReportCache()
      const filter: ReportFilter = { from: '2026-03-01', to: '2026-03-31', where: {} }
      await buildReport(db(), filter, 'organisation', cache)
      const read = Object.fromEntries(
        Object.keys(STATEMENT_TABLES).map((id) => [id, cache.months.tablesOf(JSON.stringify([id, filter.from, filter.to]))]),
      )
      assert.deepEqual(read, STATEMENT_TABLES)
      assert.equal(cache.months.size, MONTHLY_PASSES)
      // The tables the cache looks for are those with month triggers (migrations 0049–0052, 0055).
      const triggered = await sql<{ table: string }>`select distinct c.relname::text as table from pg_trigger g
        join pg_class c on c.oid = g.tgrelid
        where g.tgname = 'report_month_versions_insert' and c.relnamespace = current_schema()::regnamespace
        order by 1`.execute(db())
      assert.deepEqual(triggered.rows.map((r) => r.table), [...MONTH_TABLES])
    })

    it('moves the versions of the months a rewritten row had and has, and of no other', async () => {
      const row = await sql<{ id: string; ended: string | null; created: string; attended: string | null }>`
        select connection_id as id, ended_on::text as ended, created_on::text as created, first_attended_on::text as attended
        from report_connection_facts where created_on between '2025-01-01' and '2025-01-31' and ended_on is not null
        order by connection_id limit 1`.execute(db())
      const connection = row.rows[0]
      assert.ok(connection, 'a connection made in January 2025 that has ended')
      const before = await monthVersions(db())
      await sql`update report_connection_facts set ended_on = '2026-07-15' where connection_id = ${connection.id}`.execute(db())
      const months = (...days: (string | null)[]) => [...new Set(days.filter((d) => d !== null).map((d) => `${d.slice(0, 7)}-01`))].sort()
      assert.deepEqual(changedMonths(before, await monthVersions(db())), months(connection.created, connection.ended, connection.attended, '2026-07-15'))
      // Put back by the refresh, as any change would be.
      await sql`insert into report_dirty_referrals (referral_id) select referral_id from report_connection_facts
        where connection_id = ${connection.id}`.execute(db())
    })

    it("moves the months of a connection's UTC and UK days itself, before any refresh (migration 0051)", async () => {
      const row = await sql<{ id: string; at: Date; created: string; attended: string | null }>`select c.id, c.created_at as at,
          (c.created_at at time zone 'UTC')::date::text as created,
          (c.first_attended_at at time zone 'Europe/London')::date::text as attended
        from connections c where c.created_at between '2024-03-01' and '2024-03-31' order by c.id limit 1`.execute(db())
      const connection = row.rows[0]
      assert.ok(connection, 'a connection made in March 2024')
      const before = await monthVersions(db())
      // 23:30 UTC on the last day of July is already 1 August in the UK (summer time): both months move.
      await sql`update connections set created_at = '2026-07-31T23:30:00Z' where id = ${connection.id}`.execute(db())
      const months = (...days: (string | null)[]) => [...new Set(days.filter((d) => d !== null).map((d) => `${d.slice(0, 7)}-01`))].sort()
      assert.deepEqual(changedMonths(before, await monthVersions(db())), months(connection.created, connection.attended, '2026-07-31', '2026-08-01'))
      await sql`update connections set created_at = ${connection.at} where id = ${connection.id}`.execute(db())
    })

    it('after a change, computes again only the changed months, and gives the report built from nothing', async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      await buildReport(db(), filter, 'organisation', cache)
      // A support contact of a referral received in the period is marked missed: its referral is queued, and the
      // refresh rewrites its facts rows, which moves the months they have dates in.
      const contact = await sql<{ id: string }>`select k.contact_id as id from report_contact_facts k
        join report_referral_facts f on f.referral_id = k.referral_id
        where f.received_on between '2026-03-01' and '2026-03-31' and not k.did_not_attend and k.occurred_on <= '2026-11-30'
        order by k.contact_id limit 1`.execute(db())
      assert.ok(contact.rows[0])
      const before = await monthVersions(db())
      const computed = cache.months.computed
      await sql`update support_contacts set did_not_attend = true where id = ${contact.rows[0].id}`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      const inPeriod = changedMonths(before, await monthVersions(db())).filter((m) => m >= '2025-12-01' && m <= '2026-11-30')
      assert.ok(inPeriod.length > 0 && inPeriod.length < 12, `months changed in the period: ${inPeriod.join(', ')}`)
      assert.equal(cache.months.computed - computed, recomputed(before, await monthVersions(db()), filter))
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
    })

    it("after a contact is recorded, moves its month and its referral's own, not those of the referral's other rows", async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      await buildReport(db(), filter, 'organisation', cache)
      // An open episode whose contacts and connections fall in several months of the period.
      const found = await sql<{ referral_id: string; episode_id: string; person_id: string; organisation_id: string }>`
        select f.referral_id, f.episode_id, f.person_id, f.organisation_id from report_referral_facts f
        join report_contact_facts k on k.referral_id = f.referral_id
        where f.episode_id is not null and f.episode_ended_on is null
        group by 1, 2, 3, 4 having count(distinct date_trunc('month', k.occurred_on)) >= 3
        order by f.referral_id limit 1`.execute(db())
      const episode = found.rows[0]
      assert.ok(episode, 'an open episode with contacts in three months or more')
      const dated = await sql<{ day: string }>`select d.day::text as day from (
          select received_on as day from report_referral_facts where referral_id = ${episode.referral_id}
          union select episode_started_on from report_referral_facts where referral_id = ${episode.referral_id}
          union select episode_ended_on from report_referral_facts where referral_id = ${episode.referral_id}) d
        where d.day is not null`.execute(db())
      const before = await monthVersions(db())
      const computed = cache.months.computed
      await sql`insert into support_contacts (person_id, episode_id, organisation_id, occurred_at, mode, duration_minutes,
          with_whom, contact_type, did_not_attend, language)
        values (${episode.person_id}, ${episode.episode_id}, ${episode.organisation_id}, '2026-11-20T10:00:00Z', 'phone', 20,
          array['person'], 'follow_up', false, 'en')`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      const month = (day: string) => `${day.slice(0, 7)}-01`
      const expected = [...new Set(['2026-11-01', ...dated.rows.map((r) => month(r.day))])].sort()
      assert.deepEqual(changedMonths(before, await monthVersions(db())), expected)
      const inPeriod = expected.filter((m) => m >= '2025-12-01' && m <= '2026-11-30')
      assert.equal(cache.months.computed - computed, recomputed(before, await monthVersions(db()), filter))
      // Not the statements of the months that read neither contacts nor the referral's facts (plans, goals, travel…).
      assert.ok(cache.months.computed - computed < MONTHLY_PASSES * inPeriod.length)
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
    })

    it('upserts every column of the connection and contact facts but the key (one left out would never be rewritten)', async () => {
      const columns = await sql<{ table: string; column: string }>`select table_name as table, column_name as column
        from information_schema.columns
        where table_name in ('report_connection_facts', 'report_contact_facts') and table_schema = current_schema()
        order by ordinal_position`.execute(db())
      const of = (table: string, key: string) =>
        columns.rows.filter((r) => r.table === table && r.column !== key).map((r) => r.column).sort()
      assert.deepEqual(of('report_connection_facts', 'connection_id'), [...connectionColumns].sort())
      assert.deepEqual(of('report_contact_facts', 'contact_id'), [...contactColumns].sort())
    })

    it('after a connection move naming a barrier, computes again only its months (experience, with the facts)', async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      await buildReport(db(), filter, 'organisation', cache)
      const connection = await sql<{ id: string }>`select c.id from connections c where c.episode_id is not null
        and c.kind is not null order by c.id limit 1`.execute(db())
      assert.ok(connection.rows[0])
      const before = await monthVersions(db())
      const computed = cache.months.computed
      await sql`insert into connection_events (connection_id, to_status, side, at, barriers)
        values (${connection.rows[0].id}, 'accepted', 'asset', '2026-05-10T12:00:00Z', array['transport'])`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      const inPeriod = changedMonths(before, await monthVersions(db())).filter((m) => m >= '2025-12-01' && m <= '2026-11-30')
      assert.ok(inPeriod.includes('2026-05-01'), `months changed in the period: ${inPeriod.join(', ')}`)
      assert.equal(cache.months.computed - computed, recomputed(before, await monthVersions(db()), filter))
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
    })

    it('after closing answers change, computes again only the month their episode ended in', async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      await buildReport(db(), filter, 'organisation', cache)
      const closed = await sql<{ episode: string; ended: string }>`select o.episode_id as episode, f.episode_ended_on::text as ended
        from episode_closing_outcomes o join report_referral_facts f on f.episode_id = o.episode_id
        where f.episode_ended_on between '2025-12-01' and '2026-11-30' order by o.episode_id limit 1`.execute(db())
      const episode = closed.rows[0]
      assert.ok(episode, 'an episode closed in the period with closing answers')
      const before = await monthVersions(db())
      const computed = cache.months.computed
      await sql`update episode_closing_outcomes set learnt_skills = case when learnt_skills = 'yes' then 'no' else 'yes' end
        where episode_id = ${episode.episode}`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      const inPeriod = changedMonths(before, await monthVersions(db())).filter((m) => m >= '2025-12-01' && m <= '2026-11-30')
      assert.ok(inPeriod.includes(`${episode.ended.slice(0, 7)}-01`), `months changed in the period: ${inPeriod.join(', ')}`)
      assert.equal(cache.months.computed - computed, recomputed(before, await monthVersions(db()), filter))
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
    })

    it("after a connection's travel changes, computes again only its months (travel and carbon read connections)", async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      const first = await buildReport(db(), filter, 'organisation', cache)
      const row = await sql<{ id: string }>`select c.id from connections c where c.episode_id is not null
        and c.kind is not null and c.travel_mode is not null and c.travel_distance_km < 100
        and c.first_attended_at between '2026-02-01' and '2026-10-31' and c.created_at >= '2025-12-01'
        order by c.id limit 1`.execute(db())
      const connection = row.rows[0]
      assert.ok(connection, 'a connection made and first attended in the period, with its travel')
      const before = await monthVersions(db())
      const computed = cache.months.computed
      await sql`update connections set travel_distance_km = travel_distance_km + 25, travel_mode = 'taxi'
        where id = ${connection.id}`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      const inPeriod = changedMonths(before, await monthVersions(db())).filter((m) => m >= '2025-12-01' && m <= '2026-11-30')
      assert.ok(inPeriod.length > 0 && inPeriod.length < 12, `months changed in the period: ${inPeriod.join(', ')}`)
      assert.equal(cache.months.computed - computed, recomputed(before, await monthVersions(db()), filter))
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
      const carbon = (r: ReportResult) => JSON.stringify(r.measures.find((m) => m.id === 'carbon')?.value)
      assert.notEqual(carbon(after), carbon(first), 'the carbon of the changed trip is counted')
    })

    it('after a service connected to in the period is tagged green, computes again every month of the passes that read the directory', async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      const first = await buildReport(db(), filter, 'organisation', cache)
      const service = await sql<{ id: string }>`select c.service_id as id from connections c
        where c.episode_id is not null and c.kind is not null and c.status <> 'suggested'
          and c.created_at between '2026-01-01' and '2026-10-31'
          and not exists (select 1 from attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id
            where a.link_id = c.service_id and t.code in ('green', 'blue'))
        order by c.service_id limit 1`.execute(db())
      assert.ok(service.rows[0], 'a service connected to in the period with no green or blue setting')
      const before = await monthVersions(db())
      const computed = cache.months.computed
      await sql`insert into attributes (id, link_id, link_type, taxonomy_term_id)
        select gen_random_uuid(), ${service.rows[0].id}, 'service', t.id from taxonomy_terms t
        where t.taxonomy_id = ${SOCIAL_PRESCRIBING_TAXONOMY} and t.code = 'green'`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      assert.deepEqual(changedMonths(before, await monthVersions(db())), [], 'a directory change moves no month')
      assert.equal(cache.months.computed - computed, DIRECTORY_PASSES * 12)
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
      const share = (r: ReportResult) => JSON.stringify(r.measures.find((m) => m.id === 'green_blue')?.value)
      assert.notEqual(share(after), share(first), 'the newly green service counts')
    })

    it("after an episode's connection is completed, computes again the months of its goals' end scores (#83)", async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      const first = await buildReport(db(), filter, 'organisation', cache)
      const row = await sql<{ connection: string; scored: string }>`select c.id as connection, s.recorded_on::text as scored
        from plan_goal_scores s join plan_goals g on g.id = s.goal_id join connections c on c.episode_id = g.episode_id
        where s.occasion = 'end' and s.recorded_on between '2026-01-01' and '2026-10-31' and c.status <> 'completed'
          and not exists (select 1 from connections d where d.episode_id = g.episode_id and d.status = 'completed')
        order by c.id limit 1`.execute(db())
      const found = row.rows[0]
      assert.ok(found, 'an end score in the period of an episode with no completed connection')
      const before = await monthVersions(db())
      const computed = cache.months.computed
      await sql`update connections set status = 'completed' where id = ${found.connection}`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      const inPeriod = changedMonths(before, await monthVersions(db())).filter((m) => m >= '2025-12-01' && m <= '2026-11-30')
      assert.ok(inPeriod.includes(`${found.scored.slice(0, 7)}-01`), `months changed in the period: ${inPeriod.join(', ')}`)
      assert.equal(cache.months.computed - computed, recomputed(before, await monthVersions(db()), filter))
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
      const cds83 = (r: ReportResult) => JSON.stringify(r.measures.find((m) => m.id === 'cds83')?.value)
      assert.notEqual(cds83(after), cds83(first), 'the goal now counts with a completed connection')
    })

    it('after a What Matters conversation is revised in a later month, counts the episode once, as its latest', async () => {
      const filter: ReportFilter = { from: '2025-12-01', to: '2026-11-30', where: {} }
      const cache = new ReportCache()
      await buildReport(db(), filter, 'organisation', cache)
      const row = await sql<{ id: string }>`select w.id from what_matters_conversations w
        where w.completed and w.held_on between '2026-01-01' and '2026-03-31' order by w.id limit 1`.execute(db())
      assert.ok(row.rows[0], 'a conversation held early in the period')
      const before = await monthVersions(db())
      const computed = cache.months.computed
      // A second conversation of the same episode, months later, with other themes: the episode counts once, by it.
      await sql`insert into what_matters_conversations (id, episode_id, person_id, organisation_id, held_on, completed, themes,
          needs_domains, referral_reasons, confirmed_reasons, setting_preference, emerged_issues)
        select gen_random_uuid(), w.episode_id, w.person_id, w.organisation_id, '2026-09-14', true, ${[themeCodes[0]]}::text[],
          w.needs_domains, w.referral_reasons, w.confirmed_reasons, w.setting_preference, 'something new'
        from what_matters_conversations w where w.id = ${row.rows[0].id}`.execute(db())
      const after = await buildReport(db(), filter, 'organisation', cache)
      // September, and the months of the episode's facts, which the refresh rewrites (its referral is queued).
      const inPeriod = changedMonths(before, await monthVersions(db())).filter((m) => m >= '2025-12-01' && m <= '2026-11-30')
      assert.ok(inPeriod.includes('2026-09-01'), `months changed in the period: ${inPeriod.join(', ')}`)
      assert.equal(cache.months.computed - computed, recomputed(before, await monthVersions(db()), filter))
      assert.deepEqual(withoutTime(after), withoutTime(await buildReport(db(), filter, 'organisation')))
    })

    it("gives every month of a table a new version when it is emptied (truncate, the full rebuild's), and no other table's", async () => {
      const before = await monthVersions(db())
      await sql`truncate report_contact_facts`.execute(db())
      const after = await monthVersions(db())
      const contacts = [...before.keys()].filter((pair) => pair.startsWith('report_contact_facts|')).sort()
      assert.ok(contacts.length > 12)
      assert.deepEqual(changedPairs(before, after), contacts)
    })

    it("takes a histogram's median and 90th percentile as PostgreSQL's percentile_cont does, to the last bit", async () => {
      let seed = 7
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed / 2147483648
      }
      for (let trial = 0; trial < 40; trial++) {
        const histogram = new Map<number, number>()
        const size = 1 + Math.floor(random() * 60)
        for (let i = 0; i < size; i++) {
          const day = Math.floor(random() * 400) - 20
          histogram.set(day, (histogram.get(day) ?? 0) + 1 + Math.floor(random() * 5))
        }
        const days = [...histogram].flatMap(([day, count]) => Array.from({ length: count }, () => day))
        const result = await sql<{ median: number; p90: number }>`select percentile_cont(0.5) within group (order by d) as median,
          percentile_cont(0.9) within group (order by d) as p90 from unnest(${days}::integer[]) d`.execute(db())
        assert.equal(percentileOfHistogram(histogram, 0.5), Number(result.rows[0]?.median))
        assert.equal(percentileOfHistogram(histogram, 0.9), Number(result.rows[0]?.p90))
      }
    })
  })
}
