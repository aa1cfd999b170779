import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { makeReferral } from '../../triage/test-referrals.js'
import { addService, CF10 } from './fixture.js'

/*
 * Suggested services and gaps in provision on a small fixture: six services around Cardiff (CF10) and people
 * referred to the Cardiff and Gwynedd providers with known reasons.
 */
for (const kind of databaseKinds()) {
  describe(`suggested services and gaps in provision (${kind})`, () => {
    let t: TestApp
    const ids = { chat: '', walk: '', closed: '', hidden: '', far: '', online: '' }
    let welshSpeaker = ''
    let gwyneddPerson = ''

    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      ids.chat = await addService(db, { name: 'Cardiff Chat Café', nameCy: 'Caffi Sgwrs Caerdydd', categories: ['social'], kmNorth: 2.3, welsh: 'welsh_medium', access: ['step_free'] })
      ids.walk = await addService(db, { name: 'Riverside Walking Group', categories: ['social', 'physical_activity'], kmNorth: 0.8, capacity: 'waiting_list', waitingWeeks: 6 })
      ids.closed = await addService(db, { name: 'Closed Lunch Club', categories: ['social'], kmNorth: 0.5, status: 'inactive' })
      ids.hidden = await addService(db, { name: 'Unpublished Club', categories: ['social'], kmNorth: 0.5, published: false })
      ids.far = await addService(db, { name: 'Faraway Friends', categories: ['social'], kmNorth: 40 })
      ids.online = await addService(db, { name: 'Online Peer Circle', categories: ['peer_support'], kmNorth: null })
      // Cardiff: six people for whom isolation matters (one a Welsh speaker who needs step-free access), five with
      // housing and two carers. Gwynedd: five for whom isolation matters, with nothing near Bangor.
      const first = await makeReferral(t.app, { reasons: ['loneliness_isolation'], language: 'cy', welshOfferMade: 'yes' })
      welshSpeaker = first.personId
      await db.updateTable('people').set({ disability: 'limited_a_lot' }).where('id', '=', welshSpeaker).execute()
      for (let i = 0; i < 5; i++) await makeReferral(t.app, { reasons: ['loneliness_isolation'] })
      for (let i = 0; i < 5; i++) await makeReferral(t.app, { reasons: ['housing'] })
      for (let i = 0; i < 2; i++) await makeReferral(t.app, { reasons: ['carer_support'] })
      for (let i = 0; i < 5; i++) gwyneddPerson = (await makeReferral(t.app, { reasons: ['loneliness_isolation'] }, { provider: 'gwynedd' })).personId
    })
    after(() => t.close())

    it('suggests active, published services near the person with the reasons, in Welsh and English, and audits the read', async () => {
      const db = t.app.deps.database.db
      const cy = new Agent(t.app, 'cy')
      await cy.signIn('practitioner')
      const response = await cy.api('GET', `/api/v1/people/${welshSpeaker}/suggested-services`)
      assert.equal(response.statusCode, 200)
      const body = response.json() as { themes: string[]; accessNeeds: string[]; located: boolean; suggestions: { id: string; name: string; reasonsLine: string; full: boolean; waitingListWeeks: number | null; url: string }[] }
      assert.deepEqual(body.themes, ['reduce_isolation'])
      assert.deepEqual(body.accessNeeds, ['step_free', 'accessible_toilet'])
      assert.equal(body.located, true)
      // The waiting list costs the walking group more than the online circle's lack of a place near by.
      assert.deepEqual(body.suggestions.map((s) => s.id), [ids.chat, ids.online, ids.walk])
      assert.equal(body.suggestions[0]?.name, 'Caffi Sgwrs Caerdydd')
      assert.equal(body.suggestions[0]?.reasonsLine, 'lleihau unigrwydd; cyfrwng Cymraeg; heb risiau; 2.3 km')
      assert.equal(body.suggestions[0]?.url, `/directory/services/${ids.chat}`)
      assert.deepEqual([body.suggestions[2]?.full, body.suggestions[2]?.waitingListWeeks], [true, 6])
      assert.equal(body.suggestions[2]?.reasonsLine, 'lleihau unigrwydd; 0.8 km; rhestr aros o 6 wythnos')
      assert.equal(body.suggestions[1]?.reasonsLine, 'lleihau unigrwydd; ar-lein')

      const en = new Agent(t.app, 'en')
      await en.signIn('practitioner')
      const english = (await en.api('GET', `/api/v1/people/${welshSpeaker}/suggested-services?within=50&limit=4`)).json() as typeof body
      assert.deepEqual(english.suggestions.map((s) => s.id), [ids.chat, ids.online, ids.walk, ids.far])
      assert.equal(english.suggestions[0]?.reasonsLine, 'reduce isolation; Welsh-medium; step-free; 2.3 km')
      assert.equal(english.suggestions[0]?.name, 'Cardiff Chat Café')

      const audits = await db.selectFrom('audit_events').select(['action', 'outcome']).where('record_id', '=', welshSpeaker).where('action', '=', 'person.suggested_services').execute()
      assert.equal(audits.length, 2)
    })

    it('refuses bad within and limit with 400, unknown people with 404, and other organisations and roles', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      for (const query of ['within=0', 'within=201', 'within=ten', 'limit=0', 'limit=51']) {
        const bad = await agent.api('GET', `/api/v1/people/${welshSpeaker}/suggested-services?${query}`)
        assert.equal(bad.statusCode, 400, query)
        assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
        assert.equal((bad.json() as { code: string }).code, 'validation_failed')
      }
      assert.equal((await agent.api('GET', '/api/v1/people/00000000-0000-4000-8000-000000000000/suggested-services')).statusCode, 404)
      assert.equal((await agent.api('GET', '/api/v1/people/not-a-uuid/suggested-services')).statusCode, 404)
      // Another organisation's person: not confirmed to exist, and the refusal is audited.
      assert.equal((await agent.api('GET', `/api/v1/people/${gwyneddPerson}/suggested-services`)).statusCode, 404)
      const refused = await t.app.deps.database.db.selectFrom('audit_events').select('outcome').where('record_id', '=', gwyneddPerson).where('action', '=', 'person.suggested_services').execute()
      assert.deepEqual(refused, [{ outcome: 'refused' }])
      const referrer = new Agent(t.app)
      await referrer.signIn('referrer')
      assert.equal((await referrer.api('GET', `/api/v1/people/${welshSpeaker}/suggested-services`)).statusCode, 403)
    })

    it('shows suggested services on the person page, linked to the directory, in both languages', async () => {
      const cy = new Agent(t.app, 'cy')
      await cy.signIn('practitioner')
      const page = await cy.get(`/people/${welshSpeaker}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Gwasanaethau a awgrymir/)
      assert.ok(page.body.includes(`href="/directory/services/${ids.chat}"`))
      assert.match(page.body, /lleihau unigrwydd; cyfrwng Cymraeg; heb risiau; 2\.3 km/)
      assert.match(page.body, /Rhestr aros/)
      assert.ok(!page.body.includes(ids.closed) && !page.body.includes(ids.hidden) && !page.body.includes(ids.far))
      const en = new Agent(t.app, 'en')
      await en.signIn('practitioner')
      const english = await en.get(`/people/${welshSpeaker}?lng=en`)
      assert.match(english.body, /Suggested services/)
      assert.match(english.body, /reduce isolation; Welsh-medium; step-free; 2\.3 km/)
    })

    it('counts gaps in provision by local authority and theme, suppressing counts under 5', async () => {
      const db = t.app.deps.database.db
      const agent = new Agent(t.app)
      await agent.signIn('commissioner')
      const gaps = async (query = '') => (await agent.api('GET', `/api/v1/directory/gaps${query}`)).json() as { withinKm: number; rows: { localAuthorityCode: string; theme: string; people: number | null; unmet: number | null }[] }
      const row = (body: Awaited<ReturnType<typeof gaps>>, code: string, theme: string) => body.rows.find((r) => r.localAuthorityCode === code && r.theme === theme)
      const ten = await gaps()
      assert.equal(ten.withinKm, 10)
      assert.deepEqual(row(ten, 'W06000015', 'reduce_isolation'), { localAuthorityCode: 'W06000015', localAuthority: 'Cardiff', theme: 'reduce_isolation', themeName: 'Reduce isolation', people: 6, unmet: null })
      assert.deepEqual([row(ten, 'W06000015', 'housing')?.people, row(ten, 'W06000015', 'housing')?.unmet], [5, 5])
      assert.deepEqual([row(ten, 'W06000015', 'caring_role')?.people, row(ten, 'W06000015', 'caring_role')?.unmet], [null, null])
      // The online service does not count as local provision.
      assert.deepEqual([row(ten, 'W06000002', 'reduce_isolation')?.people, row(ten, 'W06000002', 'reduce_isolation')?.unmet], [5, 5])
      // Within 2 km the chat café (2.3 km) no longer counts, and the walking group (0.8 km) does.
      const two = await gaps('?within=2')
      assert.deepEqual(row(two, 'W06000015', 'reduce_isolation')?.unmet, null)
      await db.updateTable('services').set({ status: 'temporarily closed' }).where('id', '=', ids.walk).execute()
      const closed = await gaps('?within=2&la=W06000015')
      assert.deepEqual(closed.rows.map((r) => r.localAuthorityCode), ['W06000015', 'W06000015', 'W06000015'])
      assert.deepEqual(row(closed, 'W06000015', 'reduce_isolation')?.unmet, 6)
      assert.equal(row(await gaps('?within=5&la=W06000015'), 'W06000015', 'reduce_isolation')?.unmet, null)
      await db.updateTable('services').set({ status: 'active' }).where('id', '=', ids.walk).execute()
      for (const query of ['?within=3', '?la=W06999999', '?la=nowhere']) {
        const bad = await agent.api('GET', `/api/v1/directory/gaps${query}`)
        assert.equal(bad.statusCode, 400, query)
        assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
      }
      const audits = await db.selectFrom('audit_events').select('detail').where('action', '=', 'directory.gaps.view').execute()
      assert.equal(audits.length, 4)
    })

    it('shows the gaps page and CSV to those it is for, in both languages, and refuses bad input', async () => {
      const cy = new Agent(t.app, 'cy')
      await cy.signIn('commissioner')
      const page = await cy.get('/directory/gaps?within=10&la=W06000015')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Bylchau yn y ddarpariaeth/)
      assert.match(page.body, /Lleihau unigrwydd/)
      assert.match(page.body, /llai na 5/)
      assert.ok(!/Siân|ap Llŷr/.test(page.body), 'no names')
      const csv = await cy.get('/directory/gaps.csv?within=10&la=W06000015')
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /text\/csv/)
      assert.match(csv.body, /^cod_awdurdod_lleol,awdurdod_lleol,cod_thema,thema,pobl_a_r_thema,pobl_heb_wasanaeth_o_fewn_10_km\r\n/)
      assert.match(csv.body, /W06000015,Caerdydd,housing,Tai,5,5\r\n/)
      assert.match(csv.body, /W06000015,Caerdydd,caring_role,Rôl ofalu,llai na 5,llai na 5\r\n/)
      const en = new Agent(t.app, 'en')
      await en.signIn('teamlead')
      const bad = await en.get('/directory/gaps?within=3&la=W06999999')
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /govuk-error-summary/)
      assert.match(bad.body, /Choose a distance of 2, 5, 10 or 25 km/)
      assert.match(bad.body, /Choose a local authority from the list/)
      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      assert.equal((await practitioner.get('/directory/gaps')).statusCode, 403)
      assert.equal((await new Agent(t.app).api('GET', '/api/v1/directory/gaps')).statusCode, 401)
    })

    // Last, so that the gaps counts above are not changed by this person.
    it('matches on the themes of the latest What Matters conversation when there is one, else on the referral’s reasons', async () => {
      const db = t.app.deps.database.db
      const referral = await makeReferral(t.app, { reasons: ['housing'] })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const themesNow = async () => ((await agent.api('GET', `/api/v1/people/${referral.personId}/suggested-services`)).json() as { themes: string[] }).themes
      assert.deepEqual(await themesNow(), ['housing'])
      // The gaps report counts the same themes (CDS #108): the person moves from housing to isolation and activity.
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      const peopleWith = async (theme: string) =>
        ((await commissioner.api('GET', '/api/v1/directory/gaps?la=W06000015')).json() as { rows: { theme: string; people: number | null }[] }).rows.find((r) => r.theme === theme)?.people ?? 0
      const before = { housing: await peopleWith('housing'), isolation: await peopleWith('reduce_isolation') }
      const episode = await db.insertInto('episodes').values({ person_id: referral.personId, referral_id: referral.referralId, organisation_id: referral.organisationId }).returning('id').executeTakeFirstOrThrow()
      const conversation = (held: string, themes: string[]) => db.insertInto('what_matters_conversations').values({ person_id: referral.personId, episode_id: episode.id, organisation_id: referral.organisationId, completed: true, held_on: held, themes, referral_reasons: ['housing'] }).execute()
      await conversation('2026-01-10', [])
      assert.deepEqual(await themesNow(), ['housing'], 'a conversation that recorded no themes keeps the referral’s')
      await conversation('2026-01-05', ['money_and_debt'])
      await conversation('2026-01-08', ['be_more_active', 'reduce_isolation'])
      assert.deepEqual(await themesNow(), ['reduce_isolation', 'be_more_active'])
      assert.deepEqual({ housing: await peopleWith('housing'), isolation: await peopleWith('reduce_isolation') }, { housing: before.housing - 1, isolation: before.isolation + 1 })
    })

    // The services with no place are kept per directory version (kept-directory.ts): any change to the directory must
    // show at the next view, on the page and through the API.
    it('follows changes to services with no place at the next request', async () => {
      const db = t.app.deps.database.db
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const suggested = async () =>
        ((await agent.api('GET', `/api/v1/people/${welshSpeaker}/suggested-services?limit=10`)).json() as { suggestions: { id: string }[] }).suggestions.map((s) => s.id)
      assert.ok((await suggested()).includes(ids.online))
      const phone = await addService(db, { name: 'Telephone Befriending', categories: ['social'], kmNorth: null, attending: ['phone'] })
      assert.ok((await suggested()).includes(phone), 'a new service with no place is suggested at once')
      assert.ok((await agent.get(`/people/${welshSpeaker}?lng=en`)).body.includes(`href="/directory/services/${phone}"`))
      await db.updateTable('services').set({ published: false }).where('id', '=', ids.online).execute()
      assert.ok(!(await suggested()).includes(ids.online), 'an unpublished one is not')
      // Given a place near the person, it is suggested with its distance instead.
      const location = randomUUID()
      await db.insertInto('locations').values({ id: location, name: 'Hall', latitude: CF10.latitude, longitude: CF10.longitude }).execute()
      await db.insertInto('service_at_locations').values({ id: randomUUID(), service_id: phone, location_id: location }).execute()
      const placed = ((await agent.api('GET', `/api/v1/people/${welshSpeaker}/suggested-services?limit=10`)).json() as { suggestions: { id: string; reasonsLine: string }[] }).suggestions.find((s) => s.id === phone)
      assert.match(placed?.reasonsLine ?? '', /km/)
    })

    // The categories of the services near a person are kept per directory version too (kept-directory.ts).
    it('follows changes to the categories of services near the person at the next request', async () => {
      const db = t.app.deps.database.db
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const suggested = async () =>
        ((await agent.api('GET', `/api/v1/people/${welshSpeaker}/suggested-services?limit=20`)).json() as { suggestions: { id: string }[] }).suggestions.map((s) => s.id)
      const advice = await addService(db, { name: 'Hall Money Advice', categories: ['money_and_benefits'], kmNorth: 1.2 })
      assert.ok(!(await suggested()).includes(advice), 'a service near by in no category that meets the person’s themes is not suggested')
      const social = await db.selectFrom('taxonomy_terms').select('id').where('code', '=', 'social').executeTakeFirstOrThrow()
      const attribute = randomUUID()
      await db.insertInto('attributes').values({ id: attribute, link_id: advice, link_type: 'service', taxonomy_term_id: social.id }).execute()
      assert.ok((await suggested()).includes(advice), 'put in a category that meets them, it is suggested at once')
      await db.deleteFrom('attributes').where('id', '=', attribute).execute()
      assert.ok(!(await suggested()).includes(advice), 'taken out again, it is not')
    })
  })
}
