import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { brotliDecompressSync } from 'node:zlib'
import { sql } from 'kysely'
import { Agent } from '../../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { headlineOf, type InstrumentId } from '../../instruments/contract.js'
import { itemIdsOf } from '../../instruments/definitions.js'
import type { MeasureValue, ReportResult } from '../contract.js'
import { buildPathwayFixture } from './fixture.js'
import { buildReport } from './report.js'
import { refreshReportFacts } from './refresh.js'
import { importPopulation, type PopulationRow } from '../../population/import.js'

type Fixture = Awaited<ReturnType<typeof buildPathwayFixture>>

const valueOf = (report: ReportResult, id: string): MeasureValue => {
  const found = report.measures.find((m) => m.id === id)
  assert.ok(found, `measure ${id} is in the report`)
  return found.value
}
const rowsOf = (report: ReportResult, id: string) => {
  const value = valueOf(report, id)
  assert.equal(value.kind, 'breakdown', id)
  return value.kind === 'breakdown' ? Object.fromEntries(value.rows.map((r) => [r.code, r.count])) : {}
}

for (const kind of databaseKinds()) {
  describe(`report engine: pathway measures, incremental refresh, API (${kind})`, () => {
    let t: TestApp
    let f: Fixture
    let report: ReportResult
    const db = () => t.app.deps.database.db
    const year2021 = () => ({ from: '2021-01-01', to: '2021-12-31', where: { organisation: [f.organisationId] } })
    before(async () => {
      t = await startTestApp(kind)
      f = await buildPathwayFixture(db())
      report = await buildReport(db(), year2021(), 'organisation')
    })
    after(() => t.close())

    it('refreshes every queued referral, then the queue is empty', async () => {
      const queued = await db().selectFrom('report_dirty_referrals').select('referral_id').execute()
      assert.equal(queued.length, 0)
      const facts = await db()
        .selectFrom('report_referral_facts')
        .selectAll()
        .where('organisation_id', '=', f.organisationId)
        .orderBy('received_on')
        .execute()
      assert.equal(facts.length, 5)
      const r1 = facts.find((x) => x.referral_id === f.referrals.r1)
      assert.deepEqual(
        r1 && [
          r1.age_band,
          r1.local_authority_code,
          r1.health_board_code,
          r1.rpb_code,
          r1.wimd_quintile,
          r1.prior_referrals,
          r1.first_contact_on,
          r1.first_seen_on,
          r1.last_seen_on,
          r1.contacts_attended,
          r1.levels,
          r1.escalated_to_holistic,
        ],
        [
          '35-44',
          'W06000015',
          'W11000029',
          'cardiff-and-vale',
          2,
          1,
          '2021-02-05',
          '2021-02-15',
          '2021-05-20',
          2,
          ['holistic', 'signposting'],
          true,
        ],
      )
    })

    it('referrals: received, accepted, routes, channels, roles, reasons, inappropriate, first time, before', () => {
      assert.deepEqual(valueOf(report, 'cds45'), { kind: 'count', count: 4 })
      assert.deepEqual(valueOf(report, 'cds44'), { kind: 'share', numerator: 2, denominator: 4, percent: 50 })
      assert.deepEqual(rowsOf(report, 'cds41'), { housing: 2, primary_care: 1, self: 1 })
      assert.deepEqual(rowsOf(report, 'cds52'), { practitioner: 2, professional_form: 1, self_referral_form: 1 })
      assert.deepEqual(rowsOf(report, 'cds48'), { gp: 1, self: 1, not_recorded: 1, 'housing officer': 1 })
      assert.deepEqual(rowsOf(report, 'cds51'), { loneliness: 2, housing: 2, money: 1 })
      const reasons = valueOf(report, 'cds51')
      assert.ok(reasons.kind === 'breakdown' && reasons.total === 4 && !reasons.additive)
      assert.deepEqual(rowsOf(report, 'cds49'), { out_of_area: 1 })
      assert.deepEqual(valueOf(report, 'cds25'), { kind: 'count', count: 1 })
      assert.deepEqual(rowsOf(report, 'cds40'), { '0': 1, '1': 1 })
    })

    it('demographics of the people referred, each once (#36, #31)', () => {
      assert.deepEqual(rowsOf(report, 'cds36.age_band'), { '0-17': 1, '35-44': 1, '65-74': 1 })
      assert.deepEqual(rowsOf(report, 'cds36.sex'), { female: 1, male: 1, not_recorded: 1 })
      assert.deepEqual(rowsOf(report, 'cds36.language'), { en: 2, cy: 1 })
      assert.deepEqual(rowsOf(report, 'cds36.wimd_quintile'), { '2': 1, '5': 1, not_recorded: 1 })
      assert.deepEqual(rowsOf(report, 'cds31'), { no: 1, yes: 1, not_recorded: 1 })
    })

    it('waiting times: median and 90th percentile by percentile_cont', () => {
      assert.deepEqual(valueOf(report, 'cds47'), { kind: 'duration', n: 2, median: 6.5, p90: 8.5, unit: 'days' })
      assert.deepEqual(valueOf(report, 'cds105'), { kind: 'duration', n: 2, median: 11.5, p90: 13.5, unit: 'days' })
      assert.deepEqual(valueOf(report, 'cds46'), { kind: 'duration', n: 2, median: 6.5, p90: 8.5, unit: 'days' })
      assert.deepEqual(valueOf(report, 'cds104'), { kind: 'duration', n: 1, median: 5, p90: 5, unit: 'days' })
    })

    it('episodes: What Matters, people, contacts, lengths, levels, endings', () => {
      assert.deepEqual(valueOf(report, 'cds122'), { kind: 'share', numerator: 1, denominator: 2, percent: 50 })
      assert.deepEqual(valueOf(report, 'cds111'), { kind: 'count', count: 2 })
      assert.deepEqual(valueOf(report, 'cds24'), { kind: 'count', count: 3 })
      assert.deepEqual(valueOf(report, 'cds115'), { kind: 'duration', n: 1, median: 94, p90: 94, unit: 'days' })
      assert.deepEqual(valueOf(report, 'cds115.appointments'), { kind: 'count', count: 2 })
      assert.deepEqual(valueOf(report, 'cds116'), { kind: 'duration', n: 1, median: 120, p90: 120, unit: 'days' })
      assert.deepEqual(valueOf(report, 'cds117'), { kind: 'duration', n: 1, median: 129, p90: 129, unit: 'days' })
      assert.deepEqual(valueOf(report, 'cds21'), { kind: 'count', count: 1 })
      assert.deepEqual(valueOf(report, 'cds22'), { kind: 'count', count: 0 })
      assert.deepEqual(valueOf(report, 'cds23'), { kind: 'count', count: 2 })
      assert.deepEqual(valueOf(report, 'cds30'), { kind: 'count', count: 1 })
      assert.deepEqual(valueOf(report, 'cds107'), { kind: 'share', numerator: 0, denominator: 1, percent: 0 })
      assert.deepEqual(valueOf(report, 'cds101'), { kind: 'share', numerator: 1, denominator: 1, percent: 100 })
      assert.deepEqual(valueOf(report, 'cds102'), { kind: 'share', numerator: 0, denominator: 1, percent: 0 })
    })

    it('connections: funnel, attended, categories by area, forms, organisations, asset referrals, endings, lengths', () => {
      assert.deepEqual(valueOf(report, 'funnel'), {
        kind: 'funnel',
        stages: [
          { code: 'signposted', count: 4 },
          { code: 'referred', count: 3 },
          { code: 'accepted', count: 2 },
          { code: 'attended', count: 2 },
          { code: 'completed', count: 1 },
        ],
      })
      assert.deepEqual(valueOf(report, 'cds123'), { kind: 'share', numerator: 2, denominator: 2, percent: 100 })
      assert.deepEqual(valueOf(report, 'cds109'), { kind: 'share', numerator: 2, denominator: 4, percent: 50 })
      assert.deepEqual(rowsOf(report, 'cds112'), { green: 2, creative: 2, social: 2 })
      assert.deepEqual(rowsOf(report, 'cds112.W06000015'), { green: 1, creative: 1, social: 1 })
      assert.deepEqual(rowsOf(report, 'cds112.W06000014'), { green: 1, creative: 1, social: 1 })
      assert.deepEqual(rowsOf(report, 'cds120'), { green: 2, creative: 2, social: 2 })
      assert.deepEqual(rowsOf(report, 'cds121'), { referral: 2, signpost: 1, supported_introduction: 1 })
      assert.deepEqual(rowsOf(report, 'cds119'), { group: 2, online: 2 })
      assert.deepEqual(rowsOf(report, 'cds118'), { [f.directoryOrganisationId]: 2, not_recorded: 2 })
      assert.deepEqual(valueOf(report, 'cds43'), { kind: 'count', count: 2 })
      assert.deepEqual(valueOf(report, 'cds42'), { kind: 'share', numerator: 1, denominator: 2, percent: 50 })
      assert.deepEqual(valueOf(report, 'cds100'), { kind: 'count', count: 1 })
      assert.deepEqual(valueOf(report, 'cds103'), { kind: 'count', count: 0 })
      assert.deepEqual(valueOf(report, 'cds106'), { kind: 'count', count: 1 })
      assert.deepEqual(valueOf(report, 'cds86'), { kind: 'count', count: 2 })
      assert.deepEqual(valueOf(report, 'cds113'), { kind: 'duration', n: 1, median: 60, p90: 60, unit: 'days' })
      assert.deepEqual(valueOf(report, 'cds114'), { kind: 'duration', n: 2, median: 44, p90: 64, unit: 'days' })
    })

    it('answers every statement the coverage plan gives the engine', () => {
      const owned = [
        122, 123, 36, 51, 112, 41, 52, 48, 45, 44, 111, 25, 31, 24, 115, 116, 117, 21, 22, 30, 107, 23, 40, 49, 121,
        119, 120, 118, 43, 42, 109, 100, 103, 102, 101, 106, 113, 114, 86, 47, 105, 46, 104, 16,
      ]
      const answered = new Set(report.measures.flatMap((m) => m.cds))
      assert.deepEqual(
        owned.filter((n) => !answered.has(n)),
        [],
      )
      for (const n of [122, 123, 36, 51, 112, 109])
        assert.ok(
          report.measures.some((m) => m.cds.includes(n) && m.table2),
          `#${n} in Table 2`,
        )
    })

    it('orders Table 2 first under its questions, and adds the equity tables', () => {
      const table2 = report.measures.filter((m) => m.table2)
      assert.deepEqual(report.measures.slice(0, table2.length), table2)
      assert.equal(report.measures[0]?.id, 'cds122')
      const age = report.equity.find((e) => e.dimension === 'age_band')
      assert.deepEqual(
        age?.rows.map((r) => [r.code, r.referrals, r.engaged, r.completed, r.paired, r.ratePer1000]),
        [
          ['0-17', 1, 1, 0, 0, null],
          ['35-44', 1, 1, 1, 0, null],
          ['65-74', 2, 0, 0, 0, null],
        ],
      )
      assert.deepEqual([age?.total.referrals, age?.total.engaged, age?.total.completed], [4, 2, 1])
      assert.deepEqual(
        report.equity.map((e) => e.dimension),
        ['wimd_quintile', 'age_band', 'sex', 'ethnicity', 'disability', 'language', 'local_authority'],
      )
    })

    it('a dimension filter narrows every measure', async () => {
      const cardiff = await buildReport(
        db(),
        { ...year2021(), where: { organisation: [f.organisationId], local_authority: ['W06000015'] } },
        'organisation',
      )
      assert.deepEqual(valueOf(cardiff, 'cds45'), { kind: 'count', count: 1 })
      assert.deepEqual(rowsOf(cardiff, 'cds121'), { referral: 1, signpost: 1 })
    })

    it('one new contact queues only its referral, and the report changes', async () => {
      const before = await db()
        .selectFrom('report_referral_facts')
        .select(['referral_id', 'refreshed_at'])
        .where('organisation_id', '=', f.organisationId)
        .execute()
      await db()
        .insertInto('support_contacts')
        .values({
          person_id: f.people.p2,
          episode_id: f.episodes.e2,
          organisation_id: f.organisationId,
          occurred_at: new Date('2021-03-07T10:00:00Z'),
          mode: 'phone',
          duration_minutes: 20,
          with_whom: ['person'],
          contact_type: 'follow_up',
          did_not_attend: false,
          language: 'en',
        })
        .execute()
      const queued = await db().selectFrom('report_dirty_referrals').select('referral_id').execute()
      assert.deepEqual(
        queued.map((q) => q.referral_id),
        [f.referrals.r2],
      )
      assert.deepEqual(await refreshReportFacts(db()), { referrals: 1, batches: 1 })
      const afterwards = await db()
        .selectFrom('report_referral_facts')
        .select(['referral_id', 'refreshed_at'])
        .where('organisation_id', '=', f.organisationId)
        .execute()
      for (const row of afterwards) {
        const was = before.find((b) => b.referral_id === row.referral_id)
        assert.equal(
          row.refreshed_at.getTime() === was?.refreshed_at.getTime(),
          row.referral_id !== f.referrals.r2,
          'only R2 was rewritten',
        )
      }
      const changed = await buildReport(db(), year2021(), 'organisation')
      assert.deepEqual(valueOf(changed, 'cds105'), { kind: 'duration', n: 2, median: 10, p90: 13.2, unit: 'days' })
      assert.deepEqual(valueOf(changed, 'cds24'), { kind: 'count', count: 4 })
    })

    it('equity: paired and improved on SWEMWBS, and a WEMWBS baseline alone is not paired', async () => {
      const measure = async (
        episodeId: string,
        personId: string,
        id: InstrumentId,
        occasion: 'baseline' | 'exit',
        answer: number,
        on: string,
      ) => {
        const answers = Object.fromEntries(itemIdsOf(id).map((item) => [item, answer]))
        await db()
          .insertInto('measures')
          .values({
            person_id: personId,
            episode_id: episodeId,
            organisation_id: f.organisationId,
            instrument_id: id,
            occasion,
            mode: 'with_practitioner',
            status: 'complete',
            answers: JSON.stringify(answers),
            scores: JSON.stringify(headlineOf(id, answers)),
            taken_on: on,
            completed_at: new Date(`${on}T10:00:00Z`),
          })
          .execute()
      }
      await measure(f.episodes.e1, f.people.p1, 'swemwbs', 'baseline', 2, '2021-02-15')
      await measure(f.episodes.e1, f.people.p1, 'swemwbs', 'exit', 4, '2021-06-01')
      await measure(f.episodes.e2, f.people.p2, 'wemwbs', 'baseline', 3, '2021-03-10')
      const queued = await db()
        .selectFrom('report_dirty_referrals')
        .select('referral_id')
        .orderBy('referral_id')
        .execute()
      assert.deepEqual(
        queued.map((q) => q.referral_id),
        [f.referrals.r1, f.referrals.r2].sort(),
      )
      const changed = await buildReport(db(), year2021(), 'organisation')
      const age = changed.equity.find((e) => e.dimension === 'age_band')
      assert.deepEqual(
        age?.rows.map((r) => [r.code, r.paired, r.improved]),
        [
          ['0-17', 0, 0],
          ['35-44', 1, 1],
          ['65-74', 0, 0],
        ],
      )
    })

    it('a full refresh rebuilds the same facts', async () => {
      const outcome = await refreshReportFacts(db(), { full: true })
      const referrals = Number((await sql<{ n: number }>`select count(*) as n from referrals`.execute(db())).rows[0]?.n)
      assert.equal(outcome.referrals, referrals)
      const again = await buildReport(db(), year2021(), 'organisation')
      assert.deepEqual(valueOf(again, 'cds24'), { kind: 'count', count: 4 })
    })

    it('API: the report as JSON, audited; a bad period is 400 problem+json', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const ok = await agent.get('/api/v1/reports/rba?from=2021-01-01&to=2021-12-31')
      assert.equal(ok.statusCode, 200, ok.body)
      const body = JSON.parse(ok.body) as ReportResult
      assert.ok(body.measures.some((m) => m.id === 'cds45'))
      // The JSON carries the report whole: the same as buildReport for the same filter (the stub filter: own organisation).
      const direct = await buildReport(db(), body.filter, 'organisation')
      assert.deepEqual({ ...body, refreshedAt: '' }, JSON.parse(JSON.stringify({ ...direct, refreshedAt: '' })))
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      const aggregate = await commissioner.get('/api/v1/reports/rba?from=2021-01-01&to=2021-12-31')
      assert.equal(aggregate.statusCode, 200, aggregate.body)
      assert.equal((JSON.parse(aggregate.body) as ReportResult).audience, 'aggregate')
      const audits = await db()
        .selectFrom('audit_events')
        .select(['record_type', 'detail'])
        .where('action', '=', 'report.view')
        .execute()
      assert.equal(audits.length, 2)
      assert.equal(audits[0]?.record_type, 'report')
      for (const query of ['from=2021-12-31&to=2021-01-01', 'from=2021-02-30&to=2021-12-31', 'to=2021-12-31']) {
        const bad = await agent.get(`/api/v1/reports/rba?${query}`)
        assert.equal(bad.statusCode, 400, query)
        assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
        assert.ok((JSON.parse(bad.body) as { errors: unknown[] }).errors.length > 0)
      }
      assert.equal(
        (await db().selectFrom('audit_events').select('id').where('action', '=', 'report.view').execute()).length,
        2,
      )
    })

    it('API: a kept report is sent as the same JSON, compressed once, and audited each time, until its data changes', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const url = '/api/v1/reports/rba?from=2021-01-01&to=2021-12-31'
      const audits = async () =>
        (await db().selectFrom('audit_events').select('id').where('action', '=', 'report.view').execute()).length
      const audited = await audits()
      const first = await agent.get(url)
      const second = await agent.get(url)
      assert.equal(second.statusCode, 200)
      assert.match(String(second.headers['content-type']), /^application\/json/)
      // The kept report's JSON: the same moment of refresh, byte for byte.
      assert.equal(second.body, first.body)
      const compressed = await agent.get(url, { 'accept-encoding': 'br' })
      assert.equal(compressed.headers['content-encoding'], 'br')
      assert.equal(brotliDecompressSync(compressed.rawPayload).toString(), first.body)
      assert.equal(await audits(), audited + 3)

      const { sex } = await db()
        .selectFrom('people')
        .select('sex')
        .where('id', '=', f.people.p1)
        .executeTakeFirstOrThrow()
      await sql`update people set sex = ${sex === 'male' ? 'female' : 'male'} where id = ${f.people.p1}`.execute(db())
      const changed = await agent.get(url)
      assert.equal(changed.statusCode, 200)
      assert.notEqual(
        (JSON.parse(changed.body) as ReportResult).refreshedAt,
        (JSON.parse(first.body) as ReportResult).refreshedAt,
      )
      assert.equal(await audits(), audited + 4)
      // As it was, for the tests after this one.
      await sql`update people set sex = ${sex} where id = ${f.people.p1}`.execute(db())
    })

    it('rates per 1,000: by age band over the areas the organisation serves, once mid-year estimates are loaded', async () => {
      await db()
        .insertInto('organisation_areas')
        .values([
          { organisation_id: f.organisationId, local_authority_code: 'W06000015' },
          { organisation_id: f.organisationId, local_authority_code: 'W06000014' },
        ])
        .execute()
      const estimate = (
        localAuthorityCode: string,
        ageBand: PopulationRow['ageBand'],
        population: number,
      ): PopulationRow => ({ year: 2021, localAuthorityCode, ageBand, sex: 'all', population })
      const estimates = [
        estimate('W06000015', '0-17', 1000),
        estimate('W06000014', '0-17', 1000),
        estimate('W06000015', '35-44', 2500),
        estimate('W06000014', '35-44', 1500),
        estimate('W06000015', '65-74', 600),
        estimate('W06000014', '65-74', 400),
        // Anglesey is not an area of this provider: its people are not in the denominator.
        estimate('W06000001', '0-17', 100000),
      ]
      await importPopulation(db(), estimates, estimates.length)
      const rated = await buildReport(db(), year2021(), 'organisation')
      const age = rated.equity.find((e) => e.dimension === 'age_band')
      // 1 referral of 2,000 children, 1 of 4,000 aged 35-44 (0.25, shown to one decimal), 2 of 1,000 aged 65-74.
      assert.deepEqual(
        age?.rows.map((r) => [r.code, r.referrals, r.population, r.ratePer1000]),
        [
          ['0-17', 1, 2000, 0.5],
          ['35-44', 1, 4000, 0.3],
          ['65-74', 2, 1000, 2],
        ],
      )
      assert.deepEqual([age?.total.population, age?.total.ratePer1000], [7000, 0.6])
    })

    it('the team filter follows a practitioner moved to another team: the move queues the referrals they hold', async () => {
      const user = await db()
        .insertInto('users')
        .values({ organisation_id: f.organisationId, email: `engine-team-${Date.now()}@x.test`, name: 'Team Test' })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db().updateTable('episodes').set({ practitioner_id: user.id }).where('id', '=', f.episodes.e1).execute()
      await refreshReportFacts(db())
      const team = await db()
        .insertInto('teams')
        .values({ organisation_id: f.organisationId, name: 'North' })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db().updateTable('users').set({ team_id: team.id }).where('id', '=', user.id).execute()
      const queued = await db().selectFrom('report_dirty_referrals').select('referral_id').execute()
      const e1 = await db()
        .selectFrom('episodes')
        .select('referral_id')
        .where('id', '=', f.episodes.e1)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        queued.map((q) => q.referral_id),
        [e1.referral_id],
      )
      const byTeam = await buildReport(
        db(),
        { ...year2021(), where: { organisation: [f.organisationId], team: [team.id] } },
        'organisation',
      )
      const received = byTeam.measures.find((m) => m.id === 'cds45')?.value
      assert.deepEqual(received, { kind: 'count', count: 1 })
    })
  })
}
