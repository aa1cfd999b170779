import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { activityReturnJson, serviceReturnJson } from './api.js'
import { findActivityReturn, findServiceReturn } from './repository.js'

for (const kind of databaseKinds()) {
  describe(`service returns: pages and API (${kind})`, () => {
    let t: TestApp
    let lead: Agent
    before(async () => {
      t = await startTestApp(kind)
      lead = new Agent(t.app)
      await lead.signIn('teamlead')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const returns = () => db().selectFrom('service_returns').selectAll().execute()
    const orgId = async (name: string) => (await db().selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
    const refusals = async (action: string) => (await db().selectFrom('audit_events').select('id').where('action', '=', action).where('outcome', '=', 'refused').execute()).length

    it('enters a year on the page, shows it, and refuses an overlapping quarter with a clear message', async () => {
      const form = await lead.get('/service-returns/new')
      assert.equal(form.statusCode, 200)
      const saved = await lead.submit('/service-returns', {
        'periodFrom-day': '1', 'periodFrom-month': '4', 'periodFrom-year': '2025',
        'periodTo-day': '31', 'periodTo-month': '3', 'periodTo-year': '2026',
        runningCosts: '£36,500', staffHeadcount: '5', staffFte: '3.5', fundingContinues: 'yes',
      })
      assert.equal(saved.statusCode, 303, saved.body)
      const list = await lead.get('/service-returns')
      assert.match(list.body, /1 April 2025 – 31 March 2026/)
      assert.match(list.body, /£36,500.00/)
      const welsh = new Agent(t.app)
      await welsh.signIn('teamlead')
      assert.match((await welsh.get('/service-returns?lng=cy')).body, /Ffurflenni’r gwasanaeth[\s\S]*£36,500.00/)
      await lead.get('/service-returns/new')
      const clash = await lead.submit('/service-returns', {
        'periodFrom-day': '1', 'periodFrom-month': '1', 'periodFrom-year': '2026',
        'periodTo-day': '31', 'periodTo-month': '3', 'periodTo-year': '2026',
      })
      assert.equal(clash.statusCode, 409)
      assert.match(clash.body, /already has a return for 2025-04-01 to 2026-03-31/)
      assert.equal((await returns()).length, 1, 'nothing written')
      const audited = await db().selectFrom('audit_events').select('id').where('action', '=', 'service_return.create').execute()
      assert.equal(audited.length, 1)
    })

    it('refuses bad figures on the page (400) and in the API (422), writing nothing', async () => {
      await lead.get('/service-returns/new')
      const page = await lead.submit('/service-returns', { 'periodFrom-day': '1', 'periodFrom-month': '4', 'periodFrom-year': '2024', 'periodTo-day': '30', 'periodTo-month': '6', 'periodTo-year': '2024', runningCosts: '10.999', satisfactionRespondents: '2', satisfactionSatisfied: '3' })
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /govuk-error-summary/)
      assert.match(page.body, /at most two decimal places/)
      const api = await lead.api('POST', '/api/v1/service-returns', { periodFrom: '2024-06-30', periodTo: '2024-04-01', volunteers: -2 })
      assert.equal(api.statusCode, 422)
      assert.match(api.headers['content-type'] as string, /application\/problem\+json/)
      assert.deepEqual((api.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ['periodTo', 'volunteers'])
      assert.equal((await returns()).length, 1)
    })

    it('enters and corrects a quarter in the API, keeping the previous version', async () => {
      const created = await lead.api('POST', '/api/v1/service-returns', { periodFrom: '2024-04-01', periodTo: '2024-06-30', runningCosts: '9100.10', volunteers: 4 })
      assert.equal(created.statusCode, 201, created.body)
      const body = created.json() as { id: string; runningCosts: string; runningCostsPence: number; version: number }
      assert.equal(body.runningCosts, '9100.10')
      assert.equal(body.runningCostsPence, 910_010)
      assert.equal(created.headers.location, `/api/v1/service-returns/${body.id}`)
      // The documented response schema serialises the answer: every field the JSON shape has must survive it.
      const stored = await findServiceReturn(db(), body.id)
      assert.deepEqual(created.json(), JSON.parse(JSON.stringify(serviceReturnJson(stored as NonNullable<typeof stored>))))
      const put = await lead.api('PUT', `/api/v1/service-returns/${body.id}`, { periodFrom: '2024-04-01', periodTo: '2024-06-30', runningCosts: 9200, volunteers: 6 })
      assert.equal(put.statusCode, 200, put.body)
      assert.equal((put.json() as { version: number }).version, 2)
      const one = await lead.api('GET', `/api/v1/service-returns/${body.id}`)
      const detail = one.json() as { volunteers: number; versions: { version: number; figures: { volunteers: number; runningCosts: number } }[] }
      assert.equal(detail.volunteers, 6)
      assert.deepEqual(detail.versions.map((v) => [v.version, v.figures.volunteers, v.figures.runningCosts]), [[1, 4, 910_010]])
      const listed = await lead.api('GET', '/api/v1/service-returns')
      assert.equal((listed.json() as { serviceReturns: unknown[] }).serviceReturns.length, 2)
      const page = await lead.get(`/service-returns/${body.id}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Version 1, saved/)
      assert.match(page.body, /value="9200.00"/)
    })

    it('refuses another organisation’s return (403 page, 404 API), audited; practitioners read but do not enter', async () => {
      const gwynedd = await orgId('Gwynedd Community Link')
      const other = await db().insertInto('service_returns').values({ organisation_id: gwynedd, period_from: '2025-04-01', period_to: '2025-06-30', volunteers: 2 }).returning('id').executeTakeFirstOrThrow()
      const before = await refusals('service_return.update')
      assert.equal((await lead.get(`/service-returns/${other.id}`)).statusCode, 403)
      assert.equal((await lead.api('PUT', `/api/v1/service-returns/${other.id}`, { periodFrom: '2025-04-01', periodTo: '2025-06-30' })).statusCode, 404)
      assert.equal((await lead.api('GET', `/api/v1/service-returns/${other.id}`)).statusCode, 404)
      assert.equal(await refusals('service_return.update'), before + 2)
      assert.equal(await refusals('service_return.view'), 1)
      const row = await db().selectFrom('service_returns').select('volunteers').where('id', '=', other.id).executeTakeFirstOrThrow()
      assert.equal(row.volunteers, 2, 'unchanged')
      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      assert.equal((await practitioner.get('/service-returns')).statusCode, 200)
      assert.equal((await practitioner.get('/service-returns/new')).statusCode, 403)
      assert.equal((await practitioner.api('POST', '/api/v1/service-returns', { periodFrom: '2023-04-01', periodTo: '2023-06-30' })).statusCode, 403)
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      assert.equal((await commissioner.api('GET', '/api/v1/service-returns')).statusCode, 403)
    })

    it('takes an activity’s figures from the asset managing it, and refuses a service it does not manage', async () => {
      const shed = await orgId('Aberystwyth Community Shed')
      const dirOrg = randomUUID()
      await db().insertInto('directory_organisations').values({ id: dirOrg, name: 'Shed directory entry', managed_by_organisation_id: shed }).execute()
      const own = randomUUID()
      const notOwn = randomUUID()
      await db().insertInto('services').values([{ id: own, name: 'Shed Thursdays', status: 'active', directory_organisation_id: dirOrg }, { id: notOwn, name: 'Someone else’s choir', status: 'active' }]).execute()
      const asset = new Agent(t.app)
      await asset.signIn('asset')
      const form = await asset.get('/service-returns/activities/new')
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Shed Thursdays/)
      assert.doesNotMatch(form.body, /Someone else/)
      const refused = await asset.api('POST', '/api/v1/activity-returns', { serviceId: notOwn, periodFrom: '2025-04-01', periodTo: '2025-06-30', runningCosts: 100 })
      assert.equal(refused.statusCode, 422)
      const saved = await asset.submit('/service-returns/activities', { serviceId: own, 'periodFrom-day': '1', 'periodFrom-month': '4', 'periodFrom-year': '2025', 'periodTo-day': '30', 'periodTo-month': '6', 'periodTo-year': '2025', runningCosts: '1200', usersCompletedTraining: '3' })
      assert.equal(saved.statusCode, 303, saved.body)
      const rows = await db().selectFrom('activity_returns').selectAll().execute()
      assert.deepEqual(rows.map((r) => [r.service_id, r.organisation_id, Number(r.running_costs_pence), r.users_completed_training]), [[own, shed, 120_000, 3]])
      assert.equal((await lead.api('GET', `/api/v1/activity-returns/${rows[0]?.id}`)).statusCode, 404, 'the provider cannot read the asset’s return')
      assert.equal((await lead.get('/service-returns/activities')).statusCode, 200)
      const id = rows[0]?.id as string
      const clash = await asset.api('POST', '/api/v1/activity-returns', { serviceId: own, periodFrom: '2025-06-01', periodTo: '2025-08-31' })
      assert.equal(clash.statusCode, 409)
      assert.equal((clash.json() as { code: string }).code, 'period_overlaps')
      const corrected = await asset.api('PUT', `/api/v1/activity-returns/${id}`, { periodFrom: '2025-04-01', periodTo: '2025-06-30', runningCosts: '1250.75', usersCompletedTraining: 4 })
      assert.equal(corrected.statusCode, 200, corrected.body)
      const detail = (await asset.api('GET', `/api/v1/activity-returns/${id}`)).json() as { runningCostsPence: number; version: number; versions: { version: number; figures: { runningCosts: number } }[] }
      assert.deepEqual([detail.runningCostsPence, detail.version, detail.versions.map((v) => [v.version, v.figures.runningCosts])], [125_075, 2, [[1, 120_000]]])
      const stored = await findActivityReturn(db(), id)
      const { versions, ...current } = detail as typeof detail & { versions: unknown[] }
      assert.deepEqual(current, JSON.parse(JSON.stringify(activityReturnJson(stored as NonNullable<typeof stored>))))
      assert.deepEqual(Object.keys(versions[0] as object).sort(), ['changedAt', 'changedBy', 'figures', 'version'])
      const edit = await asset.get(`/service-returns/activities/${id}`)
      assert.match(edit.body, /value="1250.75"/)
    })
  })
}
