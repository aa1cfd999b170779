import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { runPopulationImport } from '../../../cli/imports.js'
import { CliError } from '../../../cli/commands.js'
import { episodeFixture } from '../../episodes/testing.js'
import { populationBy } from '../../population/contract.js'
import type { MeasureResult, ReportFilter } from '../contract.js'
import type { ReportContext } from '../modules.js'
import { costsModule } from './costs.js'
import { sustainabilityModule } from './sustainability.js'
import { kgCo2ePerKm } from './sustainability/factors.js'

const GREEN = 'c6a229d9-8b7e-5372-b81f-11337a33774c'
const BLUE = '32c5f59d-a9b3-5e4c-9893-7e798652801f'

for (const kind of databaseKinds()) {
  describe(`costs, carbon, green and blue, population on hand-built data (${kind})`, () => {
    let t: TestApp
    let cardiff: string
    const db = () => t.app.deps.database.db
    const context = (from: string, to: string, where: ReportFilter['where'] = {}): ReportContext => ({
      db: db(),
      filter: { from, to, where },
      facts: () => db().selectFrom('report_referral_facts').where('organisation_id', '=', cardiff),
      // The facts are always Cardiff's, so never the unfiltered path, even when `where` is empty.
      unfiltered: false,
    })
    const byId = (results: MeasureResult[]) => new Map(results.map((r) => [r.id, r.value]))

    before(async () => {
      t = await startTestApp(kind)
      const episodes = [await episodeFixture(t.app), await episodeFixture(t.app), await episodeFixture(t.app)]
      cardiff = episodes[0]?.organisationId as string
      const dates: [string, string | null][] = [
        ['2026-01-10', '2026-03-15'], // open in the period and ended in it
        ['2026-04-20', null], // open in the period
        ['2025-05-01', '2026-02-01'], // ended before the period
      ]
      for (const [i, e] of episodes.entries()) {
        const [started, ended] = dates[i] as [string, string | null]
        await db().insertInto('report_referral_facts').values({ referral_id: e.referralId, episode_id: e.episodeId, person_id: e.personId, organisation_id: e.organisationId, route: 'gp', channel: 'online', received_on: started, status: 'accepted', episode_started_on: started, episode_ended_on: ended }).execute()
      }
      const gwynedd = (await db().selectFrom('organisations').select('id').where('name', '=', 'Gwynedd Community Link').executeTakeFirstOrThrow()).id
      const shed = (await db().selectFrom('organisations').select('id').where('name', '=', 'Aberystwyth Community Shed').executeTakeFirstOrThrow()).id
      await db()
        .insertInto('service_returns')
        .values([
          { organisation_id: cardiff, period_from: '2025-04-01', period_to: '2026-03-31', running_costs_pence: 3_650_000, funding_continues: 'yes', staff_headcount: 5, staff_fte: 3.5, volunteers: 10, practitioners_dbs_checked: 4, staff_trained_data_collection: 3, training_sessions: 2, staff_attending_training: 5, staff_completed_targeted_training: 1, satisfaction_respondents: 4, satisfaction_satisfied: 3 },
          { organisation_id: cardiff, period_from: '2026-04-01', period_to: '2026-06-30', running_costs_pence: 910_000, funding_continues: 'not_known', staff_headcount: 6, staff_fte: 4, volunteers: 12, practitioners_dbs_checked: 5, training_sessions: 1, staff_attending_training: 6, satisfaction_respondents: 5, satisfaction_satisfied: 5 },
          // Another provider, not in scope: never counted.
          { organisation_id: gwynedd, period_from: '2025-04-01', period_to: '2026-03-31', running_costs_pence: 99_999_999, staff_headcount: 50 },
        ])
        .execute()
      const service = async (name: string, term?: string) => {
        const id = randomUUID()
        await db().insertInto('services').values({ id, name: `${name} ${id.slice(0, 4)}`, status: 'active' }).execute()
        if (term) await db().insertInto('attributes').values({ id: randomUUID(), link_id: id, link_type: 'service', taxonomy_term_id: term }).execute()
        return id
      }
      const walks = await service('Health walks', GREEN)
      const swim = await service('Sea swimming', BLUE)
      const choir = await service('Choir')
      const elsewhere = await service('Unconnected')
      await db()
        .insertInto('activity_returns')
        .values([
          { service_id: walks, organisation_id: shed, period_from: '2026-01-01', period_to: '2026-03-31', running_costs_pence: 900_000, users_completed_training: 3, user_training_sessions: 2, users_accessing_training: 7, staff_satisfaction_respondents: 4, staff_satisfaction_satisfied: 2 },
          { service_id: elsewhere, organisation_id: shed, period_from: '2026-01-01', period_to: '2026-03-31', running_costs_pence: 123_456, users_completed_training: 50 },
        ])
        .execute()
      const [one, two, three] = episodes as [(typeof episodes)[0], (typeof episodes)[0], (typeof episodes)[0]]
      const connect = (e: typeof one, serviceId: string, created: string, status: 'attending' | 'suggested', attended: string | null, mode: 'car' | 'bus' | 'walk' | 'other' | null, km: number | null) =>
        db().insertInto('connections').values({ person_id: e.personId, episode_id: e.episodeId, organisation_id: e.organisationId, service_id: serviceId, kind: 'signpost', status, created_at: `${created}T10:00:00Z`, first_attended_at: attended ? `${attended}T12:00:00Z` : null, travel_mode: mode, travel_distance_km: km }).execute()
      await connect(one, walks, '2026-03-05', 'attending', '2026-03-10', 'car', 10)
      await connect(two, choir, '2026-04-21', 'attending', '2026-04-25', 'bus', 5.5)
      await connect(two, choir, '2026-04-21', 'attending', '2026-04-26', 'other', 3)
      await connect(one, swim, '2026-03-01', 'attending', '2026-03-12', 'walk', 2)
      await connect(three, walks, '2025-05-20', 'attending', '2025-06-01', 'car', 100)
      await connect(one, walks, '2026-03-02', 'suggested', null, null, null)
      // 23:30 GMT on 31 March is 00:30 on 1 April in the UK (summer time): April's, not March's.
      await db().insertInto('connections').values({ person_id: one.personId, episode_id: one.episodeId, organisation_id: one.organisationId, service_id: choir, kind: 'signpost', status: 'attending', created_at: '2026-03-20T10:00:00Z', first_attended_at: '2026-03-31T23:30:00Z', travel_mode: 'taxi', travel_distance_km: 4 }).execute()
    })
    after(() => t.close())

    it('pro-rates costs by days of overlap and divides by people supported and episodes ended', async () => {
      const m = byId(await costsModule.compute(context('2026-03-01', '2026-04-30')))
      // The year's 3,650,000p over 365 days: 31 days in March = 310,000p; the quarter's 910,000p over 91 days: 30 = 300,000p.
      assert.deepEqual(m.get('cds10'), { kind: 'money', pence: 610_000, per: null })
      assert.deepEqual(m.get('cds68'), { kind: 'money', pence: 305_000, per: 2 })
      assert.deepEqual(m.get('cds69'), { kind: 'money', pence: 610_000, per: 1 })
      assert.deepEqual(m.get('cds9'), { kind: 'breakdown', total: 1, additive: true, rows: [{ code: 'yes', count: 0 }, { code: 'no', count: 0 }, { code: 'not_known', count: 1 }, { code: 'not_given', count: 0 }] })
      // Stocks from the latest return; flows summed over both.
      assert.deepEqual(m.get('cds28'), { kind: 'count', count: 6 })
      assert.deepEqual(m.get('cds28.fte'), { kind: 'count', count: 4 })
      assert.deepEqual(m.get('cds29'), { kind: 'count', count: 12 })
      assert.deepEqual(m.get('cds26'), { kind: 'share', numerator: 5, denominator: 6, percent: 83.3 })
      assert.deepEqual(m.get('cds5'), { kind: 'not_available', reasonKey: 'serviceReturns.measures.notGiven' })
      assert.deepEqual(m.get('cds7'), { kind: 'count', count: 3 })
      assert.deepEqual(m.get('cds8'), { kind: 'count', count: 11 })
      assert.deepEqual(m.get('cds6'), { kind: 'count', count: 1 })
      assert.deepEqual(m.get('cds15'), { kind: 'share', numerator: 5, denominator: 5, percent: 100 })
      // The walks' 900,000p over 90 days, 31 of them in the period; the unconnected service is not counted.
      assert.deepEqual(m.get('cds11'), { kind: 'money', pence: 310_000, per: null })
      assert.deepEqual(m.get('cds2'), { kind: 'count', count: 3 })
      assert.deepEqual(m.get('cds3'), { kind: 'count', count: 2 })
      assert.deepEqual(m.get('cds4'), { kind: 'count', count: 7 })
      assert.deepEqual(m.get('cds14'), { kind: 'share', numerator: 2, denominator: 4, percent: 50 })
    })

    it('says why when nothing covers the period or the filter splits people', async () => {
      const empty = byId(await costsModule.compute(context('2020-01-01', '2020-12-31')))
      for (const id of ['cds10', 'cds9', 'cds68', 'cds69', 'cds28', 'cds29', 'cds26', 'cds5', 'cds6', 'cds7', 'cds8', 'cds15'])
        assert.deepEqual(empty.get(id), { kind: 'not_available', reasonKey: 'serviceReturns.measures.noReturn' }, id)
      for (const id of ['cds11', 'cds2', 'cds3', 'cds4', 'cds14']) assert.deepEqual(empty.get(id), { kind: 'not_available', reasonKey: 'serviceReturns.measures.noActivityReturn' }, id)
      const byAge = byId(await costsModule.compute(context('2026-03-01', '2026-04-30', { age_band: ['18-24'] })))
      assert.deepEqual(byAge.get('cds10'), { kind: 'not_available', reasonKey: 'serviceReturns.measures.notByPerson' })
      assert.deepEqual(byAge.get('cds68'), { kind: 'not_available', reasonKey: 'serviceReturns.measures.notByPerson' })
    })

    it('estimates travel carbon with the stated factors and the share of green and blue prescribing', async () => {
      const m = byId(await sustainabilityModule.compute(context('2026-03-01', '2026-04-30')))
      // 10 km by car, 5.5 km by bus, 4 km by taxi, 2 km walked, each there and back: 3.32 + 1.13432 + 1.18888 + 0 kg.
      const expected = 10 * 2 * (kgCo2ePerKm.car as number) + 5.5 * 2 * (kgCo2ePerKm.bus as number) + 4 * 2 * (kgCo2ePerKm.taxi as number)
      assert.equal(Math.round(expected * 10) / 10, 5.6)
      const carbon = m.get('carbon')
      assert.ok(carbon?.kind === 'carbon')
      assert.equal(carbon.kgCo2e, 5.6)
      assert.equal(carbon.connections, 4, 'car, bus, taxi and walk; other is listed but not counted')
      assert.equal(carbon.factorYear, 2024)
      assert.deepEqual(carbon.rows.filter((r) => r.count !== 0), [{ code: 'walk', count: 1 }, { code: 'bus', count: 1 }, { code: 'car', count: 1 }, { code: 'taxi', count: 1 }, { code: 'other', count: 1 }])
      assert.deepEqual(m.get('green_blue'), { kind: 'share', numerator: 2, denominator: 5, percent: 40 })
      const march = byId(await sustainabilityModule.compute(context('2026-03-01', '2026-03-31'))).get('carbon')
      assert.ok(march?.kind === 'carbon')
      assert.equal(march.kgCo2e, 3.3, 'the car trip (3.32 kg) and the walk; the taxi belongs to April')
      assert.equal(march.connections, 2)
      const none = byId(await sustainabilityModule.compute(context('2020-01-01', '2020-12-31')))
      assert.deepEqual(none.get('carbon'), { kind: 'not_available', reasonKey: 'serviceReturns.measures.noTravel' })
      assert.deepEqual(none.get('green_blue'), { kind: 'share', numerator: 0, denominator: 0, percent: null })
    })

    it('imports mid-year estimates, replaces a year, refuses a bad file writing nothing, and sums them', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'population-'))
      const good = path.join(dir, 'good.csv')
      await writeFile(good, 'year,local_authority_code,age,population\n2023,W06000015,20,100\n2023,W06000015,22,50\n2023,W06000014,90,7\n2022,W06000015,20,1\n')
      const lines = await runPopulationImport(db(), { command: 'import-population', file: good })
      assert.match(lines[0] as string, /4 rows read, 3 band figures written for 2022, 2023/)
      await runPopulationImport(db(), { command: 'import-population', file: good })
      const count = async () => (await db().selectFrom('population_estimates').select('year').execute()).length
      assert.equal(await count(), 3, 'loading twice leaves the same rows')
      const bad = path.join(dir, 'bad.csv')
      await writeFile(bad, 'year,local_authority_code,age,population\n2024,W06000015,20,100\n2024,W06000015,twenty,1\n')
      await assert.rejects(runPopulationImport(db(), { command: 'import-population', file: bad }), (e: unknown) => e instanceof CliError && /line 3: age "twenty"/.test(e.message))
      assert.equal(await count(), 3, 'nothing written')
      assert.equal((await db().selectFrom('audit_events').select('id').where('action', '=', 'reference.import_population').execute()).length, 2, 'each good load audited, the refused one not')
      assert.deepEqual([...(await populationBy(db(), 'local_authority', { year: 2025 }))].sort(), [['W06000014', 7], ['W06000015', 150]])
      assert.deepEqual([...(await populationBy(db(), 'age_band', { year: 2023, localAuthorityCodes: ['W06000015'] }))], [['18-24', 150]])
      assert.deepEqual([...(await populationBy(db(), 'age_band', { year: 2022 }))], [['18-24', 1]])
      assert.equal((await populationBy(db(), 'age_band', { year: 2010 })).size, 0)
    })
  })
}
