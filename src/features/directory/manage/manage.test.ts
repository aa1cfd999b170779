import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoPostcodes } from '../../postcodes/demo.js'
import { searchText } from '../search-text.js'

const DAY = 86_400_000

/** Two directory organisations: one managed by the demo asset organisation, one by another organisation. */
async function fixture(t: TestApp) {
  const db = t.app.deps.database.db
  await loadDemoPostcodes(db)
  const assetUser = await db.selectFrom('users').select('organisation_id').where('email', '=', 'asset@demo.cyswllt.test').executeTakeFirstOrThrow()
  const other = await db.selectFrom('organisations').select('id').where('id', '<>', assetUser.organisation_id).orderBy('name').executeTakeFirstOrThrow()
  const ownOrg = randomUUID()
  const otherOrg = randomUUID()
  const now = new Date()
  await db
    .insertInto('directory_organisations')
    .values([
      { id: ownOrg, name: 'Aber Shed Collective', managed_by_organisation_id: assetUser.organisation_id, created_at: now, updated_at: now },
      { id: otherOrg, name: 'Elsewhere Walkers', managed_by_organisation_id: other.id, created_at: now, updated_at: now },
    ])
    .execute()
  const service = (id: string, org: string, name: string, verifiedDaysAgo: number | null, capacityDaysAgo: number | null) => ({
    id,
    directory_organisation_id: org,
    name,
    name_cy: null,
    description: `${name} description`,
    capacity_status: 'places_available' as const,
    last_verified_at: verifiedDaysAgo === null ? null : new Date(now.getTime() - verifiedDaysAgo * DAY),
    capacity_confirmed_at: capacityDaysAgo === null ? null : new Date(now.getTime() - capacityDaysAgo * DAY),
    search_text: searchText(name),
    created_at: now,
    last_modified: now,
  })
  const own = randomUUID()
  const foreign = randomUUID()
  await db
    .insertInto('services')
    .values([service(own, ownOrg, 'Shed Mornings', 10, 40), service(foreign, otherOrg, 'Hill Walkers', 300, 5)])
    .execute()
  return { ownOrg, otherOrg, own, foreign, assetOrganisationId: assetUser.organisation_id }
}

const validEntry = (organisationId: string) => ({
  name: 'Repair Café Aber',
  nameCy: 'Caffi Trwsio Aber',
  description: 'Bring broken things; we fix them together.',
  descriptionCy: 'Dewch â phethau wedi torri; rydym yn eu trwsio gyda’n gilydd.',
  directoryOrganisationId: organisationId,
  categories: ['green', 'social'],
  howToAccess: 'open_access',
  capacityStatus: 'waiting_list',
  waitingListWeeks: '3',
  welshProvision: 'bilingual',
  lifeStages: ['adults', 'older_people'],
  accessibilityFeatures: ['step_free'],
  attendingTypes: ['in_person'],
  minimumAge: '16',
  maximumAge: '99',
  freeOrLowCost: 'yes',
  safeguardingPolicy: 'yes',
  dbsChecks: 'no',
  day1: 'SA',
  opens1: '10:00',
  closes1: '12:30',
  email: 'hello@repair.example',
  phone: '01970 123456',
  website: 'https://repair.example',
  address1: '1 Stryd y Bont',
  city: 'Aberystwyth',
  postcode: 'SY23 3WZ',
  published: 'yes',
  status: 'active',
})

for (const kind of databaseKinds()) {
  describe(`directory editing (${kind})`, () => {
    let t: TestApp
    let f: Awaited<ReturnType<typeof fixture>>
    let editor: Agent
    let asset: Agent
    const db = () => t.app.deps.database.db
    const auditCount = async (action: string) => Number((await db().selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n)

    before(async () => {
      t = await startTestApp(kind)
      f = await fixture(t)
      editor = new Agent(t.app)
      await editor.signIn('editor')
      asset = new Agent(t.app)
      await asset.signIn('asset')
    })
    after(() => t.close())

    it('lists every service to editors with flag counts, and only their own to asset users', async () => {
      const page = await editor.get('/directory/manage')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Shed Mornings/)
      assert.match(page.body, /Hill Walkers/)
      assert.match(page.body, /id="count-unverified">1</)
      assert.match(page.body, /id="count-capacity">1</)
      assert.match(page.body, /href="\/directory\/manage\/export.csv"/)
      const stale = await editor.get('/directory/manage?flag=unverified')
      assert.match(stale.body, /Hill Walkers/)
      assert.doesNotMatch(stale.body, /Shed Mornings/)
      const own = await asset.get('/directory/manage')
      assert.match(own.body, /Shed Mornings/)
      assert.doesNotMatch(own.body, /Hill Walkers/)
      assert.doesNotMatch(own.body, /export.csv/)
      const welsh = await new Agent(t.app, 'cy').get('/directory/manage?lng=cy')
      assert.notEqual(welsh.statusCode, 200) // signed out: sent to sign in
    })

    it('creates an entry that search and ORUK see at once, with coordinates from the postcode and an audit', async () => {
      await editor.get('/directory/manage/services/new')
      const saved = await editor.submit('/directory/manage/services/new', validEntry(f.ownOrg))
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000))
      const id = /services\/([0-9a-f-]{36})/.exec(String(saved.headers.location))?.[1] ?? ''
      const row = await db().selectFrom('services').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.waiting_list_weeks, 3)
      assert.ok(row.capacity_confirmed_at)
      assert.match(row.search_text, /caffi trwsio/)
      const location = await db().selectFrom('service_at_locations as sal').innerJoin('locations as l', 'l.id', 'sal.location_id').select(['l.latitude', 'l.longitude']).where('sal.service_id', '=', id).executeTakeFirstOrThrow()
      assert.ok(location.latitude && location.latitude > 52 && location.latitude < 53)
      const search = (await editor.get('/api/v1/services?q=caffi%20trwsio')).json<{ results: { id: string }[] }>()
      assert.equal(search.results[0]?.id, id)
      assert.equal((await editor.get(`/oruk/services/${id}`)).statusCode, 200)
      const audit = await db().selectFrom('audit_events').select(['detail', 'actor_user_id']).where('action', '=', 'directory_service.create').where('record_id', '=', id).executeTakeFirstOrThrow()
      assert.ok(audit.actor_user_id)
      const form = await editor.get(`/directory/manage/services/${id}`)
      assert.match(form.body, /value="SA" selected/)
      assert.match(form.body, /Caffi Trwsio Aber/)
      // Moving to Cardiff with the old coordinates still in the form: the new postcode places it.
      const moved = await editor.submit(`/directory/manage/services/${id}`, { ...validEntry(f.ownOrg), postcode: 'CF10 1AA', latitude: String(location.latitude), longitude: String(location.longitude) })
      assert.equal(moved.statusCode, 303)
      const after = await db().selectFrom('service_at_locations as sal').innerJoin('locations as l', 'l.id', 'sal.location_id').select('l.latitude').where('sal.service_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(after.latitude, 51.4816)
      const update = await db().selectFrom('audit_events').select('detail').where('action', '=', 'directory_service.update').where('record_id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual((typeof update.detail === 'string' ? JSON.parse(update.detail) : update.detail) as unknown, { fields: ['postcode', 'latitude', 'longitude'] })
    })

    it('refuses bad entries in both languages and writes nothing', async () => {
      const before = await db().selectFrom('services').select('id').execute()
      const bad = { ...validEntry(f.ownOrg), name: '', nameCy: '', waitingListWeeks: '105', categories: ['knitting'], postcode: 'NOT A CODE', latitude: '91', longitude: '-3', minimumAge: '40', maximumAge: '20' }
      const en = await editor.submit('/directory/manage/services/new', bad)
      assert.equal(en.statusCode, 400)
      for (const text of ['Enter a name in English or in Welsh', 'from 0 to 104', 'Choose categories from the list', 'Enter a real postcode', 'Latitude must be', 'The oldest age must not be less']) assert.ok(en.body.includes(text), text)
      assert.match(en.body, /govuk-error-summary/)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('editor')
      await welsh.get('/directory/manage/services/new?lng=cy')
      const cy = await welsh.submit('/directory/manage/services/new', bad)
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Rhowch enw yn Saesneg neu yn Gymraeg/)
      assert.match(cy.body, /Rhaid i&#39;r lledred fod yn rhif/)
      const unknown = await editor.submit('/directory/manage/services/new', { ...validEntry(f.ownOrg), postcode: 'ZZ99 9ZZ' })
      assert.equal(unknown.statusCode, 400)
      assert.match(unknown.body, /could not find where that postcode is/)
      assert.equal((await db().selectFrom('services').select('id').execute()).length, before.length)
    })

    it('marks an entry verified, clearing its flag', async () => {
      await editor.get(`/directory/manage/services/${f.foreign}`)
      const done = await editor.submit(`/directory/manage/services/${f.foreign}/verify`, {})
      assert.equal(done.statusCode, 303)
      const row = await db().selectFrom('services').select(['last_verified_at', 'last_verified_by']).where('id', '=', f.foreign).executeTakeFirstOrThrow()
      assert.ok(row.last_verified_at && Date.now() - new Date(row.last_verified_at).getTime() < 60_000)
      assert.ok(row.last_verified_by)
      assert.equal(await auditCount('directory_service.verify'), 1)
    })

    it('lets an asset user update capacity, timetable and contact of their own service at once', async () => {
      const page = await asset.get(`/directory/manage/services/${f.own}/update`)
      assert.equal(page.statusCode, 200)
      const bad = await asset.submit(`/directory/manage/services/${f.own}/update`, { capacityStatus: 'waiting_list', waitingListWeeks: '200', day1: 'MO', opens1: '9', closes1: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /from 0 to 104/)
      const ok = await asset.submit(`/directory/manage/services/${f.own}/update`, { capacityStatus: 'full', day1: 'TU', opens1: '9:30', closes1: '11:00', email: 'shed@example.org', phone: '01970 000111', website: '' })
      assert.equal(ok.statusCode, 303)
      const row = await db().selectFrom('services').select(['capacity_status', 'capacity_confirmed_at', 'email']).where('id', '=', f.own).executeTakeFirstOrThrow()
      assert.equal(row.capacity_status, 'full')
      assert.equal(row.email, 'shed@example.org')
      assert.ok(row.capacity_confirmed_at && Date.now() - new Date(row.capacity_confirmed_at).getTime() < 60_000)
      const schedules = await db().selectFrom('schedules').select(['byday', 'opens_at']).where('service_id', '=', f.own).execute()
      assert.deepEqual(schedules.map((s) => [s.byday, String(s.opens_at).slice(0, 5)]), [['TU', '09:30']])
      const audit = await db().selectFrom('audit_events').select('detail').where('action', '=', 'directory_service.update_live').executeTakeFirstOrThrow()
      assert.match(JSON.stringify(audit.detail), /capacityStatus/)
    })

    it('refuses another organisation’s service to an asset user, and editing to asset users, writing nothing', async () => {
      assert.equal((await asset.get(`/directory/manage/services/${f.foreign}/update`)).statusCode, 403)
      await asset.get(`/directory/manage/services/${f.own}/update`)
      assert.equal((await asset.submit(`/directory/manage/services/${f.foreign}/update`, { capacityStatus: 'full' })).statusCode, 403)
      assert.equal((await asset.submit(`/directory/manage/services/${f.foreign}/proposals`, { name: 'Hijacked' })).statusCode, 403)
      assert.equal((await asset.api('PUT', `/api/v1/directory/services/${f.foreign}/capacity`, { capacityStatus: 'full' })).statusCode, 403)
      assert.equal((await asset.get(`/directory/manage/services/${f.own}`)).statusCode, 403)
      assert.equal((await asset.get(`/directory/manage/services/${randomUUID()}/update`)).statusCode, 404)
      const row = await db().selectFrom('services').select(['capacity_status', 'name']).where('id', '=', f.foreign).executeTakeFirstOrThrow()
      assert.equal(row.capacity_status, 'places_available')
      assert.equal((await db().selectFrom('service_change_proposals').select('id').where('service_id', '=', f.foreign).execute()).length, 0)
    })

    it('takes a proposed description to the editors’ queue; approving applies it and search sees it, rejecting shows the reason', async () => {
      await asset.get(`/directory/manage/services/${f.own}/update`)
      const same = await asset.submit(`/directory/manage/services/${f.own}/proposals`, { name: 'Shed Mornings', nameCy: '', description: 'Shed Mornings description', descriptionCy: '' })
      assert.equal(same.statusCode, 400)
      assert.match(same.body, /Change the name or description before sending/)
      const sent = await asset.submit(`/directory/manage/services/${f.own}/proposals`, { name: 'Shed Mornings', nameCy: 'Boreau yn y Sied', description: 'Woodwork and tea, every week.', descriptionCy: 'Gwaith coed a phaned, bob wythnos.' })
      assert.equal(sent.statusCode, 303)
      // Not live before approval.
      assert.equal((await db().selectFrom('services').select('name_cy').where('id', '=', f.own).executeTakeFirstOrThrow()).name_cy, null)
      const queue = await editor.get('/directory/manage/proposals')
      assert.match(queue.body, /Boreau yn y Sied/)
      const list = (await editor.api('GET', '/api/v1/directory/proposals')).json<{ proposals: { id: string; serviceId: string }[] }>()
      const proposal = list.proposals.find((p) => p.serviceId === f.own)
      assert.ok(proposal)
      const approved = await editor.submit(`/directory/manage/proposals/${proposal.id}/approve`, {})
      assert.equal(approved.statusCode, 303)
      const row = await db().selectFrom('services').select(['name_cy', 'description', 'search_text']).where('id', '=', f.own).executeTakeFirstOrThrow()
      assert.equal(row.name_cy, 'Boreau yn y Sied')
      assert.match(row.search_text, /gwaith coed/)
      assert.equal((await editor.api('POST', `/api/v1/directory/proposals/${proposal.id}/approve`, {})).statusCode, 409)

      await asset.get(`/directory/manage/services/${f.own}/update`)
      await asset.submit(`/directory/manage/services/${f.own}/proposals`, { name: 'Best Shed Ever!!!', nameCy: 'Boreau yn y Sied', description: 'Woodwork and tea, every week.', descriptionCy: 'Gwaith coed a phaned, bob wythnos.' })
      const second = (await editor.api('GET', '/api/v1/directory/proposals')).json<{ proposals: { id: string }[] }>().proposals[0]
      assert.ok(second)
      await editor.get('/directory/manage/proposals')
      const noReason = await editor.submit(`/directory/manage/proposals/${second.id}/reject`, { reason: ' ' })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Say why the change is rejected/)
      assert.equal((await editor.submit(`/directory/manage/proposals/${second.id}/reject`, { reason: 'Please keep the name people know.' })).statusCode, 303)
      const outcome = await asset.get(`/directory/manage/services/${f.own}/update`)
      assert.match(outcome.body, /Please keep the name people know\./)
      assert.match(outcome.body, /Approved/)
      assert.equal(await auditCount('directory_proposal.approve'), 1)
      assert.equal(await auditCount('directory_proposal.reject'), 1)
    })

    it('offers the same operations as JSON with problem+json errors', async () => {
      await editor.get('/directory/manage')
      const json = { ...validEntry(f.otherOrg), waitingListWeeks: 4, minimumAge: 18, maximumAge: null, freeOrLowCost: true, safeguardingPolicy: true, dbsChecks: false, published: true, schedules: [{ day: 'WE', opens: '18:00', closes: '20:00' }], latitude: 51.5, longitude: -3.2 }
      const created = await editor.api('POST', '/api/v1/directory/services', json)
      assert.equal(created.statusCode, 201, created.body)
      const id = created.json<{ id: string }>().id
      const location = await db().selectFrom('service_at_locations as sal').innerJoin('locations as l', 'l.id', 'sal.location_id').select('l.latitude').where('sal.service_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(location.latitude, 51.5)
      const bad = await editor.api('PUT', `/api/v1/directory/services/${id}`, { ...json, name: null, nameCy: null, longitude: 200 })
      assert.equal(bad.statusCode, 400)
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
      const fields = bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)
      assert.ok(fields.includes('name') && fields.includes('longitude'), fields.join())
      const read = await editor.api('GET', `/api/v1/directory/services/${id}`)
      assert.equal(read.statusCode, 200, read.body)
      const entry = read.json<Record<string, unknown>>()
      assert.deepEqual(entry.schedules, [{ day: 'WE', opens: '18:00', closes: '20:00' }])
      assert.equal(entry.waitingListWeeks, 4)
      assert.equal(entry.freeOrLowCost, true)
      assert.equal(entry.postcode, 'SY23 3WZ')
      const updated = await editor.api('PUT', `/api/v1/directory/services/${id}`, { ...entry, name: 'Evening Repair Café' })
      assert.equal(updated.statusCode, 200)
      assert.equal((await db().selectFrom('services').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name, 'Evening Repair Café')
      assert.equal((await editor.api('POST', `/api/v1/directory/services/${id}/verify`, {})).statusCode, 200)
      assert.equal((await editor.api('POST', `/api/v1/directory/services/${randomUUID()}/verify`, {})).statusCode, 404)
      await asset.get('/directory/manage')
      assert.equal((await asset.api('POST', '/api/v1/directory/services', json)).statusCode, 403)
      const capacity = await asset.api('PUT', `/api/v1/directory/services/${f.own}/capacity`, { capacityStatus: 'waiting_list', waitingListWeeks: 6 })
      assert.equal(capacity.statusCode, 200, capacity.body)
      const proposal = await asset.api('POST', `/api/v1/directory/services/${f.own}/proposals`, { name: 'Shed Mornings', nameCy: 'Boreau yn y Sied', description: 'Woodwork, tea and talk.', descriptionCy: null })
      assert.equal(proposal.statusCode, 201, proposal.body)
      const reject = await editor.api('POST', `/api/v1/directory/proposals/${proposal.json<{ id: string }>().id}/reject`, {})
      assert.equal(reject.statusCode, 400)
    })
  })
}
