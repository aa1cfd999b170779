import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

const rowsOn = (body: string) => (body.match(/<tr class="govuk-table__row">/g) ?? []).length - 1

for (const kind of databaseKinds()) {
  describe(`searching the audit trail (${kind})`, () => {
    let t: TestApp
    let admin: Agent
    const db = () => t.app.deps.database.db
    const searches = async () => Number((await db().selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'audit.search').executeTakeFirstOrThrow()).n)

    before(async () => {
      t = await startTestApp(kind)
      admin = new Agent(t.app)
      await admin.signIn('admin')
      // Some history: a refused sign-in, two organisations added, one changed.
      const stranger = new Agent(t.app)
      await stranger.get('/sign-in')
      await stranger.submit('/sign-in', { email: 'practitioner@demo.cyswllt.test', password: 'not the right password' })
      await admin.get('/admin/organisations/new')
      await admin.submit('/admin/organisations', { name: 'Rhyl Community Garden', type: 'asset', localAuthorities: 'W06000004' })
      await admin.submit('/admin/organisations', { name: 'Wrexham Befriending', type: 'asset' })
      const garden = await db().selectFrom('organisations').select('id').where('name', '=', 'Rhyl Community Garden').executeTakeFirstOrThrow()
      await admin.submit(`/admin/organisations/${garden.id}`, { name: 'Rhyl Community Garden', type: 'asset', localAuthorities: ['W06000004', 'W06000003'] })
    })
    after(() => t.close())

    it('shows the newest events first, with who, what, where and from where, and records the search', async () => {
      const before = await searches()
      const page = await admin.get('/admin/audit')
      assert.equal(page.statusCode, 200)
      const first = page.body.indexOf('<code>organisation.update</code>')
      const second = page.body.indexOf('<code>organisation.create</code>')
      assert.ok(first > 0 && second > first, 'newest first')
      assert.match(page.body, /Alys Administrator/)
      assert.match(page.body, /admin@demo.cyswllt.test/)
      assert.match(page.body, /Rhyl Community Garden/)
      assert.match(page.body, /127\.0\.0\.1/)
      assert.match(page.body, /\d{1,2} [A-Z][a-z]+ \d{4}/)
      assert.equal(await searches(), before + 1)
      const [event] = await db().selectFrom('audit_events').selectAll().where('action', '=', 'audit.search').orderBy('id', 'desc').limit(1).execute()
      assert.equal(event?.record_type, 'audit_event')
      assert.deepEqual(event?.detail, { filters: [], page: 1, count: rowsOn(page.body) })
    })

    it('filters by action prefix, record type and id, actor and outcome', async () => {
      const garden = await db().selectFrom('organisations').select('id').where('name', '=', 'Rhyl Community Garden').executeTakeFirstOrThrow()
      const created = await admin.get('/admin/audit?action=organisation.')
      assert.equal(rowsOn(created.body), 3)
      assert.match(created.body, /3 events/)
      const byRecord = await admin.get(`/admin/audit?recordType=organisation&recordId=${garden.id}`)
      assert.equal(rowsOn(byRecord.body), 2)
      const failed = await admin.get('/admin/audit?outcome=failed')
      assert.equal(rowsOn(failed.body), 1)
      assert.match(failed.body, /session\.sign_in/)
      assert.match(failed.body, /No one signed in/)
      const byActor = await admin.get('/admin/audit?actor=ADMIN%40demo.cyswllt.test&action=organisation.create')
      assert.equal(rowsOn(byActor.body), 2)
      const nobody = await admin.get('/admin/audit?actor=practitioner%40demo.cyswllt.test')
      assert.match(nobody.body, /0 events/)
      const like = await admin.get('/admin/audit?action=organisation_')
      assert.match(like.body, /0 events/)
      const [event] = await db().selectFrom('audit_events').selectAll().where('action', '=', 'audit.search').orderBy('id', 'desc').limit(1).execute()
      assert.deepEqual(event?.detail, { filters: ['actionPrefix'], page: 1, count: 0 })
    })

    it('filters by dates, whole days in Wales', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
      const [year, month, day] = today.split('-') as [string, string, string]
      const todayOnly = await admin.get(`/admin/audit?from-day=${day}&from-month=${month}&from-year=${year}&to-day=${day}&to-month=${month}&to-year=${year}&action=organisation.`)
      assert.equal(rowsOn(todayOnly.body), 3)
      const past = await admin.get('/admin/audit?to-day=1&to-month=1&to-year=2020')
      assert.match(past.body, /0 events/)
      const future = await admin.get(`/admin/audit?from-day=1&from-month=1&from-year=${Number(year) + 1}`)
      assert.match(future.body, /0 events/)
    })

    it('shows date errors, keeps the typed values and runs no search', async () => {
      const before = await searches()
      const response = await admin.get('/admin/audit?from-day=30&from-month=2&from-year=2025&to-day=1&to-month=&to-year=2025&action=user.')
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /href="#from-day">The ‘from’ date must be a real date/)
      assert.match(response.body, /href="#to-day">The ‘to’ date must include a day, month and year/)
      assert.match(response.body, /name="from-day" type="text" value="30"/)
      assert.match(response.body, /value="user\."/)
      assert.equal(rowsOn(response.body), -1)
      assert.equal(await searches(), before)
    })

    it('works in Welsh, with times in Welsh', async () => {
      const cy = new Agent(t.app, 'cy')
      await cy.signIn('admin')
      const page = await cy.get('/admin/audit?action=organisation.create')
      assert.match(page.body, /Trywydd archwilio/)
      assert.match(page.body, /2 ddigwyddiad/)
      const months = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr']
      assert.ok(months.some((m) => page.body.includes(m)), 'month in Welsh')
      const bad = await cy.get('/admin/audit?to-day=31&to-month=4&to-year=2025')
      assert.match(bad.body, /Rhaid i&#39;r dyddiad ‘Hyd at’ fod yn ddyddiad go iawn/)
    })

    it('pages 50 events at a time', async () => {
      const values = Array.from({ length: 60 }, (_, i) => ({ action: 'test.bulk', record_type: 'test', record_id: String(i) }))
      await db().insertInto('audit_events').values(values).execute()
      const first = await admin.get('/admin/audit?action=test.bulk')
      assert.equal(rowsOn(first.body), 50)
      assert.match(first.body, /href="\/admin\/audit\?action=test.bulk&amp;page=2"/)
      const second = await admin.get('/admin/audit?action=test.bulk&page=2')
      assert.equal(rowsOn(second.body), 10)
    })
  })
}
