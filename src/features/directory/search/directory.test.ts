import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoPostcodes } from '../../postcodes/demo.js'
import { loadDemoServices } from '../demo/load.js'
import { uuidV5 } from '../demo/uuid.js'

interface ApiPage {
  total: number
  pages: number
  perPage: number
  results: { id: string; name: string; nameCy: string | null; distanceKm: number | null; welshProvision: string | null; freeOrLowCost: boolean | null; attendingTypes: string[]; nextDay: string | null }[]
}

const canAChwmni = uuidV5('service/can-a-chwmni')
const rowing = uuidV5('service/cardiff-bay-rowing')

for (const kind of databaseKinds()) {
  describe(`directory search (${kind})`, () => {
    let t: TestApp
    let agent: Agent
    const api = async (query: string): Promise<ApiPage> => {
      const response = await agent.get(`/api/v1/services${query}`)
      assert.equal(response.statusCode, 200, response.body)
      return response.json<ApiPage>()
    }
    before(async () => {
      t = await startTestApp(kind)
      await loadDemoPostcodes(t.app.deps.database.db)
      await loadDemoServices(t.app.deps.database.db)
      agent = new Agent(t.app)
    })
    after(() => t.close())

    it('loads at least 60 demo services once, with every category, some full, some on a waiting list and some stale', async () => {
      const db = t.app.deps.database.db
      assert.equal(await loadDemoServices(db), 0)
      const all = await api('?perPage=100')
      assert.ok(all.total >= 60, `only ${all.total}`)
      const terms = await db.selectFrom('taxonomy_terms').select('code').execute()
      for (const { code } of terms) {
        const page = await api(`?category=${code}`)
        assert.ok(page.total > 0, `no service in ${code}`)
      }
      const services = await db.selectFrom('services').select(['capacity_status', 'last_verified_at', 'capacity_confirmed_at', 'welsh_provision']).execute()
      for (const status of ['places_available', 'limited', 'full', 'waiting_list']) assert.ok(services.some((s) => s.capacity_status === status), status)
      const sixMonthsAgo = Date.now() - 183 * 86_400_000
      assert.ok(services.some((s) => s.last_verified_at && new Date(s.last_verified_at).getTime() < sixMonthsAgo))
      assert.ok(services.some((s) => s.welsh_provision === 'welsh_medium') && services.some((s) => s.welsh_provision === 'english_only'))
    })

    it('finds the Welsh-medium service whose name has accents by a search without them', async () => {
      const page = await api('?q=can%20a%20chwmni')
      assert.equal(page.results[0]?.id, canAChwmni)
      assert.equal(page.results[0]?.nameCy, 'Cân a Chwmni Caernarfon')
      const walking = await api('?q=grwp%20cerdded')
      assert.equal(walking.results[0]?.nameCy, 'Grŵp Cerdded Llangefni')
      const accented = await api(`?q=${encodeURIComponent('Grŵp Cerdded')}`)
      assert.equal(accented.results[0]?.nameCy, 'Grŵp Cerdded Llangefni')
    })

    it('still finds a service when a word is misspelt', async () => {
      const page = await api('?q=befrending')
      assert.ok(page.total > 0)
      assert.ok(page.results.every((r) => /Befriending/.test(r.name)), page.results.map((r) => r.name).join(', '))
      const swim = await api('?q=sea%20swiming')
      assert.ok(swim.results.some((r) => /Sea Swimmers/.test(r.name)))
    })

    it('orders a postcode search by distance, nearest first', async () => {
      const page = await api('?postcode=CF10%201AA&within=50')
      assert.ok(page.total > 5)
      const distances = page.results.map((r) => r.distanceKm).filter((d): d is number => d !== null)
      assert.ok(distances.length > 5)
      assert.deepEqual(distances, [...distances].sort((a, b) => a - b))
      assert.ok((distances[0] ?? 99) < 5)
      // Nothing located further than the distance asked for.
      assert.ok(distances.every((d) => d <= 50))
      const byLatLon = await api('?lat=53.134&lon=-4.204&within=10&q=can%20a%20chwmni')
      assert.equal(byLatLon.results[0]?.id, canAChwmni)
    })

    it('narrows the results with each filter', async () => {
      const all = (await api('')).total
      const checks: [string, (r: ApiPage['results'][number]) => boolean][] = [
        ['?category=blue', () => true],
        ['?lifeStage=young_people', () => true],
        ['?welsh=welsh_medium', (r) => r.welshProvision === 'welsh_medium'],
        ['?access=bsl&access=parking', () => true],
        ['?free=yes', (r) => r.freeOrLowCost === true],
        ['?day=SU', () => true],
        ['?attending=online', (r) => r.attendingTypes.includes('online')],
      ]
      for (const [query, holds] of checks) {
        const page = await api(`${query}&perPage=100`)
        assert.ok(page.total > 0 && page.total < all, `${query}: ${page.total} of ${all}`)
        assert.ok(page.results.every(holds), query)
      }
      const sunday = await api('?day=SU&perPage=100')
      assert.ok(sunday.results.every((r) => r.nextDay === 'SU' || r.nextDay === 'SA'))
    })

    it('never shows inactive or unpublished services, in search or on their page', async () => {
      const db = t.app.deps.database.db
      const walks = uuidV5('service/cardiff/walks')
      const before = await api('?q=cardiff%20health%20walks')
      assert.ok(before.results.some((r) => r.id === walks))
      await db.updateTable('services').set({ status: 'inactive' }).where('id', '=', walks).execute()
      await db.updateTable('services').set({ published: false }).where('id', '=', canAChwmni).execute()
      try {
        assert.ok(!(await api('?q=cardiff%20health%20walks')).results.some((r) => r.id === walks))
        assert.ok(!(await api('?q=can%20a%20chwmni')).results.some((r) => r.id === canAChwmni))
        assert.equal((await agent.get(`/directory/services/${walks}`)).statusCode, 404)
        assert.equal((await agent.get(`/directory/services/${canAChwmni}`)).statusCode, 404)
      } finally {
        await db.updateTable('services').set({ status: 'active' }).where('id', '=', walks).execute()
        await db.updateTable('services').set({ published: true }).where('id', '=', canAChwmni).execute()
      }
    })

    it('refuses bad coordinates and other bad input with a 400 problem listing the errors', async () => {
      for (const query of ['?lat=95&lon=0', '?lat=51&lon=200', '?lat=51', '?lat=abc&lon=1', '?sort=distance', '?category=nope', '?page=0', '?postcode=XYZ']) {
        const response = await agent.get(`/api/v1/services${query}`)
        assert.equal(response.statusCode, 400, query)
        assert.match(String(response.headers['content-type']), /application\/problem\+json/)
        const problem = response.json<{ code: string; errors: { field: string; message: string }[] }>()
        assert.equal(problem.code, 'validation_failed')
        assert.ok(problem.errors.length > 0)
      }
      const page = await agent.get('/directory?lat=95&lon=0')
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /Latitude must be a number between -90 and 90/)
      assert.equal((await api('?perPage=1000')).perPage, 100)
    })

    it('shows the search page and results in English, with distance from a district centre', async () => {
      const response = await agent.get('/directory?q=sea+swimmers&postcode=CF62&within=50')
      assert.equal(response.statusCode, 200)
      assert.match(response.body, /<h1 class="govuk-heading-xl">Find community support<\/h1>/)
      assert.match(response.body, /Barry Sea Swimmers/)
      assert.match(response.body, /About [\d.]+ km from the centre of CF62/)
      assert.match(response.body, /govuk-tag/)
      assert.match(response.body, /Next session: /)
      const empty = await agent.get('/directory')
      assert.equal(empty.statusCode, 200)
      assert.match(empty.body, /name="category"/)
    })

    it('shows the search page in Welsh, with the English name and a note when the Welsh is missing', async () => {
      const cy = new Agent(t.app, 'cy')
      const response = await cy.get('/directory?q=rowing')
      assert.equal(response.statusCode, 200)
      assert.match(response.body, /<html lang="cy"/)
      assert.match(response.body, /Dod o hyd i gymorth yn y gymuned/)
      assert.match(response.body, /Cardiff Bay Community Rowing/)
      assert.match(response.body, /Ddim ar gael yn Gymraeg/)
      const choir = await cy.get('/directory?q=can+a+chwmni')
      assert.match(choir.body, /Cân a Chwmni Caernarfon/)
    })

    it('shows a service page with what a practitioner needs, in English and Welsh', async () => {
      const en = await agent.get(`/directory/services/${canAChwmni}`)
      assert.equal(en.statusCode, 200)
      for (const text of ['Song and Company Caernarfon', 'What it offers', 'Who it is for', 'Capacity last confirmed', 'Every Tuesday, 14:00 to 16:00', 'Step-free access', 'How to access or refer', 'Welsh-medium', 'Safeguarding policy', 'DBS checks', 'Neuadd y Dref']) assert.ok(en.body.includes(text), text)
      const cy = await new Agent(t.app, 'cy').get(`/directory/services/${canAChwmni}`)
      assert.equal(cy.statusCode, 200)
      for (const text of ['Cân a Chwmni Caernarfon', 'Beth mae’n ei gynnig', 'Bob dydd Mawrth, 14:00 tan 16:00', 'Cyfrwng Cymraeg', 'Mynediad heb risiau']) assert.ok(cy.body.includes(text), text)
      const rowingCy = await new Agent(t.app, 'cy').get(`/directory/services/${rowing}`)
      assert.match(rowingCy.body, /Ddim ar gael yn Gymraeg: dangosir yn Saesneg/)
    })

    it('flags stale entries on the service page, and answers 404 for an unknown service', async () => {
      const db = t.app.deps.database.db
      const old = new Date(Date.now() - 300 * 86_400_000)
      await db.updateTable('services').set({ last_verified_at: old, capacity_confirmed_at: old }).where('id', '=', rowing).execute()
      const page = await agent.get(`/directory/services/${rowing}`)
      assert.match(page.body, /Not verified for over 6 months/)
      assert.match(page.body, /Capacity not confirmed for over 30 days/)
      assert.equal((await agent.get('/directory/services/00000000-0000-4000-8000-000000000000')).statusCode, 404)
      assert.equal((await agent.get('/directory/services/not-an-id')).statusCode, 404)
    })

    it('links to the directory from the start page and the practitioner menu', async () => {
      assert.match((await new Agent(t.app).get('/')).body, /href="\/directory"/)
      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      assert.match(practitioner.last?.body ?? '', /href="\/directory"/)
    })
  })
}
