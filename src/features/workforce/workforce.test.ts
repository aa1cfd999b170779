import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import type { Actor } from '../../platform/access/policy.js'
import { personJson, trainingJson } from './api.js'
import { buildWorkforceReport, workforceScope } from './dataset.js'
import { loadWorkforceDemo } from './demo.js'
import { findStaff, trainingOf } from './repository.js'
import { staffDetailOf, today as todayInWales } from './service.js'


for (const kind of databaseKinds()) {
  describe(`workforce record and dataset (${kind})`, () => {
    let t: TestApp
    let lead: Agent
    const ids: Record<string, string> = {}
    before(async () => {
      t = await startTestApp(kind)
      const users = await t.app.deps.database.db.selectFrom('users').select(['id', 'email']).execute()
      for (const u of users) ids[u.email.split('@')[0]!] = u.id
      lead = new Agent(t.app)
      await lead.signIn('teamlead')
    })
    after(() => t.close())
    const db = () => t.app.deps.database.db
    const audits = async (action: string, outcome: 'success' | 'refused' = 'success') =>
      (await db().selectFrom('audit_events').select('id').where('action', '=', action).where('outcome', '=', outcome).execute()).length
    /** The JSON a handler builds, as it reads once serialised: what the API answers when its response schema keeps everything. */
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown
    const personNow = async (userId: string) => asJson(personJson(await staffDetailOf(db(), (await findStaff(db(), userId))!, todayInWales())))
    const organisationOf = async (userId: string) => (await findStaff(db(), userId))!.organisationId

    it('loads the demo once: an overdue and a due-soon DBS check are flagged at the top of /workforce', async () => {
      assert.equal(await loadWorkforceDemo(db()), 13)
      assert.equal(await loadWorkforceDemo(db()), 0, 'a second load adds nothing')
      const page = await lead.get('/workforce')
      assert.equal(page.statusCode, 200, page.body)
      const reminders = page.body.slice(page.body.indexOf('id="reminders"'), page.body.indexOf('id="staff"'))
      assert.match(reminders, /Siân Team Lead<\/a>: overdue since/)
      assert.match(reminders, /Nia Safeguarding Lead<\/a>: due for renewal by/)
      assert.doesNotMatch(reminders, /Rhian Practitioner/)
      // Training hours this calendar year: the demo's sessions are dated relative to today (6 h 40 days ago, 2 h 20 days ago).
      const today = new Date().toISOString().slice(0, 10)
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
      const hours = (daysAgo(40) >= `${today.slice(0, 4)}-01-01` ? 6 : 0) + (daysAgo(20) >= `${today.slice(0, 4)}-01-01` ? 2 : 0)
      assert.match(page.body, new RegExp(`data-user="${ids.practitioner}"[\\s\\S]*?Community connector[\\s\\S]*?0.8[\\s\\S]*?Intermediate \\(3\\)[\\s\\S]*?data-dbs="in_date"[\\s\\S]*?>${hours}</td>`))
      assert.equal(await audits('workforce_record.list'), 1)
    })

    it('shows the page in Welsh', async () => {
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('teamlead')
      const page = await welsh.get('/workforce')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Gwiriadau DBS i’w hadnewyddu/)
      assert.match(page.body, /Canolradd \(3\)/)
      const person = await welsh.get(`/workforce/people/${ids.teamlead}`)
      assert.match(person.body, /Yn hwyr/)
      const report = await welsh.get('/workforce/report')
      assert.equal(report.statusCode, 200)
      assert.match(report.body, /Set ddata’r gweithlu/)
    })

    it('writes a record through the API, derives FTE, and refuses bad input with specific messages, writing nothing', async () => {
      const bad = await lead.api('PUT', `/api/v1/workforce/people/${ids.practitioner}`, { jobTitle: 'Connector', setting: 'space', contractedHours: 70, startDate: '2024-01-01', welshSkill: 'fluent' })
      assert.equal(bad.statusCode, 422, bad.body)
      assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['setting', 'contractedHours', 'welshSkill'])
      assert.match(bad.body, /Contracted hours must be between 0 and 60 a week/)
      const before = await db().selectFrom('workforce_records').select('job_title').where('user_id', '=', ids.practitioner!).executeTakeFirstOrThrow()
      assert.equal(before.job_title, 'Community connector')
      const ok = await lead.api('PUT', `/api/v1/workforce/people/${ids.practitioner}`, { jobTitle: 'Senior connector', setting: 'other', settingNote: 'GP cluster hub', contractedHours: 22.5, startDate: '2024-01-01', welshSkill: 'advanced' })
      assert.equal(ok.statusCode, 200, ok.body)
      assert.equal(ok.json().record.fte, 0.6)
      assert.equal(ok.json().record.setting, 'other')
      // The documented response schema serialises the answer: every field the handler builds must survive it.
      assert.deepEqual(ok.json(), await personNow(ids.practitioner!))
      const read = await lead.api('GET', `/api/v1/workforce/people/${ids.practitioner}`)
      assert.equal(read.statusCode, 200, read.body)
      assert.deepEqual(read.json(), await personNow(ids.practitioner!))
      assert.deepEqual((await lead.api('GET', `/api/v1/workforce/people/${ids.safeguarding}`)).json(), await personNow(ids.safeguarding!))
      assert.equal(read.json().dbsChecks.length, 1)
      assert.equal(read.json().training.length, 2)
      const future = await lead.api('POST', `/api/v1/workforce/people/${ids.practitioner}/dbs-checks`, { level: 'enhanced', checkedOn: '2999-01-01' })
      assert.equal(future.statusCode, 422)
      assert.match(future.body, /The date of the check must be today or in the past/)
      const levels = await lead.api('POST', `/api/v1/workforce/people/${ids.practitioner}/dbs-checks`, { level: 'platinum', checkedOn: '2025-01-01' })
      assert.equal(levels.statusCode, 422)
      assert.equal((await db().selectFrom('dbs_checks').select('id').where('user_id', '=', ids.practitioner!).execute()).length, 1, 'nothing written')
      const training = await lead.api('POST', '/api/v1/workforce/training', { kind: 'attended', userId: ids.practitioner, title: 'Future', heldOn: '2999-01-01', hours: 300 })
      assert.equal(training.statusCode, 422)
      assert.deepEqual(training.json().errors.map((e: { field: string }) => e.field), ['heldOn', 'hours'])
    })

    it('keeps other organisations’ staff out (404 API, 403 page, audited) and practitioners to their own record', async () => {
      const other = ids.practitioner2!
      const api = await lead.api('GET', `/api/v1/workforce/people/${other}`)
      assert.equal(api.statusCode, 404)
      const put = await lead.api('PUT', `/api/v1/workforce/people/${other}`, { jobTitle: 'X', setting: 'housing', contractedHours: 10, startDate: '2024-01-01', welshSkill: 'none' })
      assert.equal(put.statusCode, 404)
      const page = await lead.get(`/workforce/people/${other}`)
      assert.equal(page.statusCode, 403)
      const training = await lead.api('POST', '/api/v1/workforce/training', { kind: 'attended', userId: other, title: 'Sneaky', heldOn: '2025-01-01', hours: 1 })
      assert.equal(training.statusCode, 404)
      assert.equal(await audits('workforce_record.view', 'refused'), 2)
      assert.equal(await audits('workforce_record.update', 'refused'), 1)
      assert.equal(await audits('training_record.create', 'refused'), 1)
      assert.equal((await db().selectFrom('workforce_records').select('id').where('user_id', '=', other).execute()).length, 0)

      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      assert.equal((await practitioner.get(`/workforce/people/${ids.practitioner}`)).statusCode, 200)
      assert.equal((await practitioner.get(`/workforce/people/${ids.teamlead}`)).statusCode, 403)
      assert.equal((await practitioner.get('/workforce')).statusCode, 403)
      assert.equal((await practitioner.api('PUT', `/api/v1/workforce/people/${ids.practitioner}`, {})).statusCode, 403)
      const mine = await practitioner.api('GET', '/api/v1/workforce/training')
      assert.deepEqual(mine.json().training.map((r: { title: string }) => r.title).sort(), ['Motivational interviewing', 'Recording the Core Data Set'])
      assert.deepEqual(mine.json(), asJson({ training: (await trainingOf(db(), { userId: ids.practitioner! })).map(trainingJson) }))
      const all = await lead.api('GET', '/api/v1/workforce/training')
      assert.equal(all.statusCode, 200, all.body)
      assert.deepEqual(all.json(), asJson({ training: (await trainingOf(db(), { organisationIds: [await organisationOf(ids.teamlead!)] })).map(trainingJson) }))
      assert.ok(all.json().training.some((r: { kind: string; attendees: number | null }) => r.kind === 'delivered' && r.attendees === 9))
      const newcomer = new Agent(t.app)
      await newcomer.signIn('practitioner2')
      const own = await newcomer.api('GET', `/api/v1/workforce/people/${ids.practitioner2}`)
      assert.equal(own.statusCode, 200, own.body)
      assert.equal(own.json().record, null, 'no record yet')
      assert.deepEqual(own.json(), await personNow(ids.practitioner2!))
    })

    it('reports exact numbers to the team lead and only suppressed aggregates, no names, to the commissioner', async () => {
      // The twelve months to today, so the demo's relative dates all fall inside whatever the date.
      const to = new Date().toISOString().slice(0, 10)
      const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`
      const exact = await lead.api('GET', `/api/v1/workforce/report?from=${from}&to=${to}`)
      assert.equal(exact.statusCode, 200, exact.body)
      const m = (body: { measures: { id: string; value: unknown }[] }, id: string) => body.measures.find((x) => x.id === id)?.value
      assert.equal(exact.json().audience, 'organisation')
      assert.deepEqual(m(exact.json(), 'cds28'), { kind: 'count', count: 3 })
      assert.deepEqual(m(exact.json(), 'cds26'), { kind: 'share', numerator: 2, denominator: 3, percent: 66.7 })
      assert.deepEqual(m(exact.json(), 'cds8'), { kind: 'count', count: 2 })
      assert.deepEqual(m(exact.json(), 'cds7'), { kind: 'count', count: 1 })
      assert.deepEqual(m(exact.json(), 'cds29'), { kind: 'count', count: 14 })
      const status = m(exact.json(), 'cds26.dbs_status') as { rows: { code: string; count: number }[] }
      assert.deepEqual(status.rows, [{ code: 'in_date', count: 1 }, { code: 'due_soon', count: 1 }, { code: 'overdue', count: 1 }, { code: 'no_check', count: 0 }])
      // The same result as the dataset builds it (refreshedAt is the moment it was built).
      const built = async (actor: Actor, body: { refreshedAt: string }) => asJson({ ...(await buildWorkforceReport(db(), (await workforceScope(db(), actor))!, from, to)), refreshedAt: body.refreshedAt })
      const actorOf = async (userId: string, role: 'team_lead' | 'commissioner') => ({ userId, organisationId: await organisationOf(userId), roles: [role] }) as unknown as Actor
      assert.deepEqual(exact.json(), await built(await actorOf(ids.teamlead!, 'team_lead'), exact.json()))

      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      const agg = await commissioner.api('GET', `/api/v1/workforce/report?from=${from}&to=${to}`)
      assert.equal(agg.statusCode, 200, agg.body)
      assert.equal(agg.json().audience, 'aggregate')
      assert.deepEqual(m(agg.json(), 'cds28'), { kind: 'count', count: '<5' })
      assert.deepEqual(m(agg.json(), 'cds29'), { kind: 'count', count: 14 })
      assert.deepEqual(agg.json(), await built(await actorOf(ids.commissioner!, 'commissioner'), agg.json()))
      assert.doesNotMatch(agg.body, /Rhian|Siân|Nia|@demo/)
      const page = await commissioner.get('/workforce/report')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /&lt;5/)
      assert.doesNotMatch(page.body, /Rhian|Siân|Nia Safeguarding/)
      assert.equal((await commissioner.get('/workforce')).statusCode, 303, 'commissioners land on the dataset')
      assert.equal((await commissioner.get(`/workforce/people/${ids.practitioner}`)).statusCode, 403)
      const csv = await commissioner.get('/workforce/report.csv')
      assert.equal(csv.statusCode, 200)
      assert.match(csv.headers['content-type'] as string, /text\/csv/)
      assert.match(csv.body, /<5/)
      assert.doesNotMatch(csv.body, /Rhian|Siân/)
      const xlsx = await lead.get('/workforce/report.xlsx')
      assert.equal(xlsx.statusCode, 200)
      assert.ok(await audits('workforce_report.view') >= 5)
      const badPeriod = await lead.api('GET', '/api/v1/workforce/report?from=2026-02-30')
      assert.equal(badPeriod.statusCode, 422)
    })

    it('adds training, a DBS check and volunteers through the pages, with errors shown on the page', async () => {
      await lead.get('/workforce/training')
      const bad = await lead.submit('/workforce/training', { kind: 'attended', userId: ids.practitioner!, title: 'Soon', 'heldOn-day': '1', 'heldOn-month': '1', 'heldOn-year': '2999', hours: '2', status: 'completed' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /govuk-error-summary/)
      assert.match(bad.body, /Completed training must be dated today or in the past/)
      const ok = await lead.submit('/workforce/training', { kind: 'delivered', attendees: '6', title: 'Data basics', 'heldOn-day': '1', 'heldOn-month': '1', 'heldOn-year': '2025', hours: '2', status: 'completed', dataCollection: 'yes', competenceAreaIds: ['6.1'] })
      assert.equal(ok.statusCode, 303, ok.body)
      await lead.get(`/workforce/people/${ids.teamlead}`)
      const dbs = await lead.submit(`/workforce/people/${ids.teamlead}/dbs-checks`, { level: 'enhanced_barred', 'checkedOn-day': '1', 'checkedOn-month': '11', 'checkedOn-year': '2026', renewalMonths: '36' })
      assert.equal(dbs.statusCode, 303, dbs.body)
      const after = await lead.get('/workforce')
      assert.doesNotMatch(after.body.slice(after.body.indexOf('id="reminders"'), after.body.indexOf('id="staff"')), /Siân Team Lead/)
      await lead.get('/workforce/volunteers')
      const vol = await lead.submit('/workforce/volunteers', { 'periodFrom-day': '1', 'periodFrom-month': '4', 'periodFrom-year': '2026', 'periodTo-day': '30', 'periodTo-month': '6', 'periodTo-year': '2026', volunteers: 'ten', volunteerHours: '5' })
      assert.equal(vol.statusCode, 400)
      assert.match(vol.body, /The number of volunteers must be a whole number/)
    })
  })
}
