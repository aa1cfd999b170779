import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import type { DB } from '../../../platform/db/schema.js'
import { loadDemoPostcodes } from '../../postcodes/demo.js'
import { orukValidator } from './oruk-schemas.js'

/*
 * Issue 4 §5, "How it will be checked": every /oruk endpoint validates against the official ORUK 3.0 schemas
 * (Ajv 2020-12, strict: false, ajv-formats, the vendored schemas under their absolute URLs), only active and
 * published services appear, and a postcode search orders by distance.
 */

// Cyswllt taxonomy (migration 0010).
const TAXONOMY = 'b91865dc-96b5-5d96-99c8-d72c35f0f1dd'
const GREEN = 'c6a229d9-8b7e-5372-b81f-11337a33774c'
const PHYSICAL = '7d5ba34d-a08a-54dc-b243-323360c38094'
const CREATIVE = '26f07186-7e62-56c3-8f61-ac206687f277'
const SOCIAL = '867896e6-e1b0-5191-b550-53afe0759db6'

const id = {
  cardiffOrg: randomUUID(),
  bangorOrg: randomUUID(),
  greenGym: randomUUID(),
  choir: randomUUID(),
  inactive: randomUUID(),
  unpublished: randomUUID(),
  cityCentre: randomUUID(),
  roath: randomUUID(),
  bangor: randomUUID(),
  salGymCentre: randomUUID(),
  salGymRoath: randomUUID(),
  salChoir: randomUUID(),
  salInactive: randomUUID(),
  salUnpublished: randomUUID(),
  contact: randomUUID(),
}

const places = {
  cityCentre: { latitude: 51.4817, longitude: -3.1795 },
  roath: { latitude: 51.489, longitude: -3.163 },
  bangor: { latitude: 53.228, longitude: -4.129 },
}
const CF10_1AA = { latitude: 51.4816, longitude: -3.1791 }

async function insertFixture(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('directory_organisations')
    .values([
      {
        id: id.cardiffOrg,
        name: 'Cardiff Community Gardens',
        name_cy: 'Gerddi Cymunedol Caerdydd',
        description: 'Community gardening across Cardiff',
        description_cy: 'Garddio cymunedol ar draws Caerdydd',
        email: 'hello@cardiffgardens.example',
        website: 'https://cardiffgardens.example',
      },
      {
        id: id.bangorOrg,
        name: 'Bangor Arts Collective',
        name_cy: 'Cydweithfa Gelfyddydol Bangor',
        email: null,
        website: 'not a url',
      },
    ])
    .execute()
  const service = (over: {
    id: string
    org: string
    name: string
    name_cy: string
    search: string
    status?: 'active' | 'inactive'
    published?: boolean
  }) => ({
    id: over.id,
    directory_organisation_id: over.org,
    name: over.name,
    name_cy: over.name_cy,
    description: `${over.name}: a weekly session for adults.`,
    description_cy: `${over.name_cy}: sesiwn wythnosol i oedolion.`,
    status: over.status ?? 'active',
    published: over.published ?? true,
    search_text: over.search,
    last_modified: '2026-10-01T09:00:00Z',
  })
  await db
    .insertInto('services')
    .values([
      {
        ...service({
          id: id.greenGym,
          org: id.cardiffOrg,
          name: 'Cardiff Green Gym',
          name_cy: 'Campfa Werdd Caerdydd',
          search: 'cardiff green gym campfa werdd caerdydd gardening',
        }),
        url: 'https://cardiffgardens.example/green-gym',
        email: 'gym@cardiffgardens.example',
        minimum_age: '18',
        assured_date: '2026-09-30',
        fees: 'Free',
        alert: '',
      },
      {
        ...service({
          id: id.choir,
          org: id.bangorOrg,
          name: 'Bangor Community Choir',
          name_cy: 'Côr Cymunedol Bangor',
          search: 'bangor community choir cor cymunedol bangor singing',
        }),
        url: '',
        email: 'not-an-email',
      },
      service({
        id: id.inactive,
        org: id.cardiffOrg,
        name: 'Closed Allotment Club',
        name_cy: 'Clwb Rhandiroedd Caeedig',
        search: 'closed allotment club',
        status: 'inactive',
      }),
      service({
        id: id.unpublished,
        org: id.bangorOrg,
        name: 'Draft Pottery Class',
        name_cy: 'Dosbarth Crochenwaith Drafft',
        search: 'draft pottery class',
        published: false,
      }),
    ])
    .execute()
  await db
    .insertInto('locations')
    .values([
      {
        id: id.cityCentre,
        name: 'City Centre Community Garden',
        name_cy: 'Gardd Gymunedol Canol y Ddinas',
        ...places.cityCentre,
        directory_organisation_id: id.cardiffOrg,
      },
      { id: id.roath, name: 'Roath Park Allotments', ...places.roath, directory_organisation_id: id.cardiffOrg },
      { id: id.bangor, name: 'Neuadd Gymunedol Bangor', ...places.bangor, directory_organisation_id: id.bangorOrg },
    ])
    .execute()
  await db
    .insertInto('addresses')
    .values([
      {
        id: randomUUID(),
        location_id: id.cityCentre,
        address_1: '1 Heol y Frenhines',
        city: 'Cardiff',
        postal_code: 'CF10 1AB',
        region: 'Cardiff',
      },
      {
        id: randomUUID(),
        location_id: id.roath,
        address_1: 'Lake Road West',
        city: 'Cardiff',
        postal_code: 'CF23 5PG',
      },
      {
        id: randomUUID(),
        location_id: id.bangor,
        address_1: '12 Stryd Fawr',
        city: 'Bangor',
        postal_code: 'LL57 1YY',
        region: 'Gwynedd',
      },
    ])
    .execute()
  await db
    .insertInto('accessibility')
    .values({ id: randomUUID(), location_id: id.bangor, description: 'Step-free entrance and hearing loop' })
    .execute()
  await db
    .insertInto('service_at_locations')
    .values([
      { id: id.salGymCentre, service_id: id.greenGym, location_id: id.cityCentre },
      { id: id.salGymRoath, service_id: id.greenGym, location_id: id.roath },
      { id: id.salChoir, service_id: id.choir, location_id: id.bangor },
      { id: id.salInactive, service_id: id.inactive, location_id: id.cityCentre },
      { id: id.salUnpublished, service_id: id.unpublished, location_id: id.bangor },
    ])
    .execute()
  await db
    .insertInto('schedules')
    .values([
      {
        id: randomUUID(),
        service_id: id.greenGym,
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TU,TH',
        opens_at: '10:00',
        closes_at: '12:30',
        description: 'Tuesdays and Thursdays, 10am to 12:30pm',
        description_cy: 'Dydd Mawrth a dydd Iau',
        valid_from: '2026-01-01',
      },
      {
        id: randomUUID(),
        service_at_location_id: id.salChoir,
        freq: 'weekly',
        byday: 'WE',
        opens_at: '19:00',
        closes_at: '21:00',
        description: 'Wednesday evenings',
      },
    ])
    .execute()
  await db
    .insertInto('contacts')
    .values({
      id: id.contact,
      service_id: id.greenGym,
      name: 'Sam Jones',
      title: 'Volunteer coordinator',
      email: 'sam@cardiffgardens.example',
    })
    .execute()
  await db
    .insertInto('phones')
    .values([
      { id: randomUUID(), contact_id: id.contact, number: '029 2000 0000', description: 'Mobile' },
      { id: randomUUID(), service_id: id.choir, number: '01248 000000' },
    ])
    .execute()
  await db
    .insertInto('cost_options')
    .values({ id: randomUUID(), service_id: id.greenGym, option: 'Everyone', amount: '0', amount_description: 'Free' })
    .execute()
  await db
    .insertInto('service_areas')
    .values({ id: randomUUID(), service_id: id.greenGym, name: 'Cardiff', local_authority_code: 'W06000015' })
    .execute()
  await db
    .insertInto('service_languages')
    .values([
      { id: randomUUID(), service_id: id.choir, name: 'Welsh', code: 'cy' },
      { id: randomUUID(), service_id: id.choir, name: 'English', code: 'en' },
    ])
    .execute()
  await db
    .insertInto('fundings')
    .values({ id: randomUUID(), service_id: id.greenGym, source: 'National Lottery Community Fund' })
    .execute()
  await db
    .insertInto('attributes')
    .values([
      { id: randomUUID(), link_id: id.greenGym, link_type: 'service', taxonomy_term_id: GREEN },
      { id: randomUUID(), link_id: id.greenGym, link_type: 'service', taxonomy_term_id: PHYSICAL },
      { id: randomUUID(), link_id: id.choir, link_type: 'service', taxonomy_term_id: CREATIVE },
      { id: randomUUID(), link_id: id.inactive, link_type: 'service', taxonomy_term_id: GREEN },
      { id: randomUUID(), link_id: id.unpublished, link_type: 'service', taxonomy_term_id: CREATIVE },
      { id: randomUUID(), link_id: id.bangorOrg, link_type: 'organization', taxonomy_term_id: SOCIAL },
    ])
    .execute()
}

type Body = Record<string, unknown> & { contents?: Record<string, unknown>[] }

/** Paths of every null, empty string (outside required fields) or empty array/object in a response. */
function emptyPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path]
  if (Array.isArray(value))
    return value.length
      ? value.flatMap((v, i) => emptyPaths(v, `${path}[${i}]`))
      : path.endsWith('.contents')
        ? []
        : [path]
  if (typeof value === 'object') {
    const entries = Object.entries(value as object)
    return entries.length ? entries.flatMap(([k, v]) => emptyPaths(v, `${path}.${k}`)) : [path]
  }
  if (value === '' && !/\.(description|state_province)$/.test(path)) return [path]
  return []
}

function metres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2
  return 2 * 6371000 * Math.asin(Math.sqrt(h))
}

const schemaFor = orukValidator()

for (const kind of databaseKinds()) {
  describe(`Open Referral UK API (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      await loadDemoPostcodes(t.app.deps.database.db)
      await insertFixture(t.app.deps.database.db)
    })
    after(() => t.close())

    /** GETs an /oruk URL, checks CORS and the media type, and validates the body against `schema` when it is 200. */
    async function get(url: string, schema?: string, status = 200): Promise<Body> {
      const response = await t.app.inject({ method: 'GET', url, headers: { origin: 'https://elsewhere.example' } })
      assert.equal(response.statusCode, status, `${url}: ${response.body.slice(0, 500)}`)
      assert.equal(response.headers['access-control-allow-origin'], '*', `${url} has no CORS header`)
      const body = response.json() as Body
      if (status === 200) {
        assert.match(String(response.headers['content-type']), /^application\/json/)
        assert.deepEqual(emptyPaths(body), [], `${url} sends empty fields`)
        if (schema) {
          const validate = schemaFor(schema)
          assert.ok(validate(body), `${url} is not a valid ${schema}: ${JSON.stringify(validate.errors, null, 1)}`)
        }
      } else {
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/)
        assert.equal(body.status, status)
      }
      return body
    }

    const ids = (body: Body) => (body.contents ?? []).map((item) => item.id)
    const envelope = (body: Body) => ({
      total_items: body.total_items,
      total_pages: body.total_pages,
      page_number: body.page_number,
      size: body.size,
      first_page: body.first_page,
      last_page: body.last_page,
      empty: body.empty,
    })

    it('describes itself at GET /oruk/', async () => {
      for (const url of ['/oruk/', '/oruk']) {
        const body = await get(url, 'api_details')
        assert.equal(body.version, 'HSDS-UK-3.0')
        assert.ok(String(body.openapi_url).startsWith('https://'))
      }
    })

    it('lists only active, published services, in English, in the standard page envelope', async () => {
      const body = await get('/oruk/services', 'service_list')
      assert.deepEqual(envelope(body), {
        total_items: 2,
        total_pages: 1,
        page_number: 1,
        size: 2,
        first_page: true,
        last_page: true,
        empty: false,
      })
      assert.deepEqual(ids(body), [id.choir, id.greenGym])
      for (const item of body.contents ?? [])
        assert.ok(schemaFor('service')(item), JSON.stringify(schemaFor('service').errors))
      const [choir, gym] = body.contents ?? []
      assert.equal(choir?.name, 'Bangor Community Choir')
      assert.equal((choir?.organization as Body).name, 'Bangor Arts Collective')
      assert.equal(choir?.email, undefined, 'an e-mail address that is not one is left out')
      assert.equal(gym?.minimum_age, 18)
      assert.equal(gym?.assured_date, '2026-09-30')
      assert.equal(gym?.alert, undefined)
      const text = JSON.stringify(body)
      for (const hidden of ['Closed Allotment Club', 'Draft Pottery Class', 'Côr Cymunedol', 'Campfa Werdd'])
        assert.ok(!text.includes(hidden), `${hidden} appears`)
    })

    it('pages with page and per_page, and refuses per_page over 200', async () => {
      assert.deepEqual(envelope(await get('/oruk/services?per_page=1', 'service_list')), {
        total_items: 2,
        total_pages: 2,
        page_number: 1,
        size: 1,
        first_page: true,
        last_page: false,
        empty: false,
      })
      const second = await get('/oruk/services?per_page=1&page=2', 'service_list')
      assert.deepEqual(envelope(second), {
        total_items: 2,
        total_pages: 2,
        page_number: 2,
        size: 1,
        first_page: false,
        last_page: true,
        empty: false,
      })
      assert.deepEqual(ids(second), [id.greenGym])
      const beyond = await get('/oruk/services?per_page=1&page=3', 'service_list')
      assert.deepEqual(beyond.contents, [])
      assert.equal(beyond.empty, true)
      await get('/oruk/services?per_page=200', 'service_list')
      const refused = await get('/oruk/services?per_page=201', undefined, 400)
      assert.equal(refused.code, 'validation_failed')
      assert.deepEqual(
        (refused.errors as { field: string }[]).map((e) => e.field),
        ['per_page'],
      )
      await get('/oruk/organizations?per_page=500', undefined, 400)
    })

    it('filters services by taxonomy term, organisation, words (without accents) and modification date', async () => {
      assert.deepEqual(ids(await get(`/oruk/services?taxonomy_term_id=${GREEN}`, 'service_list')), [id.greenGym])
      assert.deepEqual(ids(await get(`/oruk/services?taxonomy_term_id=${CREATIVE}`, 'service_list')), [id.choir])
      assert.deepEqual(ids(await get(`/oruk/services?taxonomy_id=${TAXONOMY}`, 'service_list')), [
        id.choir,
        id.greenGym,
      ])
      assert.deepEqual(ids(await get(`/oruk/services?organization_id=${id.bangorOrg}`, 'service_list')), [id.choir])
      assert.deepEqual(ids(await get(`/oruk/services?search=${encodeURIComponent('Côr cymunedol')}`, 'service_list')), [
        id.choir,
      ])
      assert.deepEqual(ids(await get('/oruk/services?search=green%20gym', 'service_list')), [id.greenGym])
      assert.deepEqual(ids(await get('/oruk/services?search=pottery', 'service_list')), [])
      assert.deepEqual(ids(await get('/oruk/services?modified_after=2026-09-01T00:00:00Z', 'service_list')), [
        id.choir,
        id.greenGym,
      ])
      assert.deepEqual(ids(await get('/oruk/services?modified_after=2026-10-02', 'service_list')), [])
    })

    it('refuses bad query values with a 400 problem', async () => {
      for (const query of [
        'page=abc',
        'page=0',
        'per_page=-1',
        'per_page=1.5',
        'organization_id=nope',
        'taxonomy_term_id=123',
        'modified_after=yesterday',
        'page=1&page=2',
      ]) {
        const body = await get(`/oruk/services?${query}`, undefined, 400)
        assert.equal(body.code, 'validation_failed', query)
      }
      for (const query of [
        'latitude=91&longitude=0',
        'latitude=0&longitude=-181',
        'latitude=51.5',
        'proximity=1000',
        'postcode=CF10%201AA&proximity=far',
        'postcode=NOT%20A%20POSTCODE',
        'postcode=ZZ99%209ZZ',
      ]) {
        const body = await get(`/oruk/service_at_locations?${query}`, undefined, 400)
        assert.equal(body.code, 'validation_failed', query)
      }
    })

    it('gives a fully nested service by id', async () => {
      const body = await get(`/oruk/services/${id.greenGym}`, 'service')
      const withDefinitions = schemaFor('service_with_definitions')
      assert.ok(withDefinitions(body), JSON.stringify(withDefinitions.errors))
      assert.equal(body.name, 'Cardiff Green Gym')
      assert.equal((body.organization as Body).id, id.cardiffOrg)
      const sals = body.service_at_locations as Body[]
      assert.deepEqual(sals.map((s) => s.location_id).sort(), [id.cityCentre, id.roath].sort())
      const centre = sals.find((s) => s.location_id === id.cityCentre)?.location as Body
      assert.equal(centre.name, 'City Centre Community Garden')
      assert.deepEqual(
        (centre.addresses as Body[]).map((a) => [a.postal_code, a.country, a.address_type]),
        [['CF10 1AB', 'GB', 'physical']],
      )
      const [timetable] = body.schedules as Body[]
      assert.deepEqual(
        [timetable?.freq, timetable?.byday, timetable?.opens_at, timetable?.description],
        ['WEEKLY', 'TU,TH', '10:00:00', 'Tuesdays and Thursdays, 10am to 12:30pm'],
      )
      const [person] = body.contacts as Body[]
      assert.equal(person?.name, 'Sam Jones')
      assert.deepEqual(
        (person?.phones as Body[]).map((p) => p.number),
        ['029 2000 0000'],
      )
      assert.deepEqual(
        (body.cost_options as Body[]).map((c) => c.amount),
        [0],
      )
      assert.deepEqual(
        (body.service_areas as Body[]).map((a) => a.name),
        ['Cardiff'],
      )
      assert.deepEqual(
        (body.funding as Body[]).map((f) => f.source),
        ['National Lottery Community Fund'],
      )
      const terms = (body.attributes as Body[]).map((a) => (a.taxonomy_term as Body).name).sort()
      assert.deepEqual(terms, ['Green activities', 'Physical activity'])
      assert.ok(!JSON.stringify(body).includes('Gweithgareddau'), 'no Welsh term names')

      const choir = await get(`/oruk/services/${id.choir}`, 'service')
      assert.deepEqual((choir.languages as Body[]).map((l) => l.code).sort(), ['cy', 'en'])
      assert.deepEqual(
        (choir.phones as Body[]).map((p) => p.number),
        ['01248 000000'],
      )
      const [sal] = choir.service_at_locations as Body[]
      assert.deepEqual(
        (sal?.schedules as Body[]).map((s) => s.freq),
        ['WEEKLY'],
      )
      assert.deepEqual(
        ((sal?.location as Body).accessibility as Body[]).map((a) => a.description),
        ['Step-free entrance and hearing loop'],
      )
    })

    it('answers 404 problems for inactive, unpublished, unknown and malformed ids', async () => {
      for (const url of [
        `/oruk/services/${id.inactive}`,
        `/oruk/services/${id.unpublished}`,
        `/oruk/services/${randomUUID()}`,
        '/oruk/services/not-a-uuid',
        `/oruk/service_at_locations/${id.salInactive}`,
        `/oruk/service_at_locations/${id.salUnpublished}`,
        '/oruk/service_at_locations/1',
        `/oruk/organizations/${randomUUID()}`,
        '/oruk/organizations/x',
        `/oruk/taxonomies/${randomUUID()}`,
        '/oruk/taxonomies/x',
        `/oruk/taxonomy_terms/${randomUUID()}`,
        "/oruk/taxonomy_terms/'",
      ]) {
        const body = await get(url, undefined, 404)
        assert.equal(body.code, 'not_found', url)
      }
    })

    it('lists and gives organisations, with only visible services', async () => {
      const list = await get('/oruk/organizations', 'organization_list')
      assert.deepEqual(ids(list), [id.bangorOrg, id.cardiffOrg])
      assert.equal(list.total_items, 2)
      const bangor = (list.contents ?? [])[0] as Body
      assert.equal(bangor.website, undefined, 'a web address that is not one is left out')
      assert.equal(bangor.description, '', 'the required description is sent even when empty')
      const cardiff = await get(`/oruk/organizations/${id.cardiffOrg}`, 'organization')
      assert.deepEqual(
        (cardiff.services as Body[]).map((s) => s.id),
        [id.greenGym],
      )
      const bangorFull = await get(`/oruk/organizations/${id.bangorOrg}`, 'organization')
      assert.deepEqual(
        (bangorFull.services as Body[]).map((s) => s.id),
        [id.choir],
      )
      assert.deepEqual(
        (bangorFull.attributes as Body[]).map((a) => a.taxonomy_term_id),
        [SOCIAL],
      )
      assert.deepEqual(ids(await get('/oruk/organizations?search=arts', 'organization_list')), [id.bangorOrg])
    })

    it('lists and gives taxonomies and taxonomy terms', async () => {
      const taxonomies = await get('/oruk/taxonomies', 'taxonomy_list')
      assert.deepEqual(ids(taxonomies), [TAXONOMY])
      const full = await get(`/oruk/taxonomies/${TAXONOMY}`, 'taxonomy')
      assert.equal((full.taxonomy_terms as Body[]).length, 17)
      const terms = await get('/oruk/taxonomy_terms', 'taxonomy_term_list')
      assert.equal(terms.total_items, 17)
      assert.equal(terms.size, 17)
      for (const term of terms.contents ?? []) assert.ok(schemaFor('taxonomy_term')(term))
      assert.deepEqual(envelope(await get('/oruk/taxonomy_terms?per_page=5&page=4', 'taxonomy_term_list')), {
        total_items: 17,
        total_pages: 4,
        page_number: 4,
        size: 2,
        first_page: false,
        last_page: true,
        empty: false,
      })
      assert.deepEqual(
        ids(await get(`/oruk/taxonomy_terms?taxonomy_id=${TAXONOMY}&search=green`, 'taxonomy_term_list')),
        [GREEN],
      )
      assert.equal((await get(`/oruk/taxonomy_terms?top_only=true`, 'taxonomy_term_list')).total_items, 17)
      const green = await get(`/oruk/taxonomy_terms/${GREEN}`, 'taxonomy_term')
      assert.deepEqual(
        [green.name, green.code, green.taxonomy_id, green.taxonomy],
        ['Green activities', 'green', TAXONOMY, 'Cyswllt social prescribing categories'],
      )
    })

    it('lists services at locations, nearest first from a postcode, within a proximity in metres', async () => {
      const all = await get('/oruk/service_at_locations', 'service_at_location_list')
      assert.deepEqual(new Set(ids(all)), new Set([id.salGymCentre, id.salGymRoath, id.salChoir]))
      assert.equal(all.total_items, 3)

      const byDistance = await get('/oruk/service_at_locations?postcode=cf101aa', 'service_at_location_list')
      assert.deepEqual(ids(byDistance), [id.salGymCentre, id.salGymRoath, id.salChoir])
      const distances = (byDistance.contents ?? []).map((sal) =>
        metres(CF10_1AA, sal.location as { latitude: number; longitude: number }),
      )
      assert.deepEqual(
        distances,
        [...distances].sort((a, b) => a - b),
      )

      const near = await get(
        '/oruk/service_at_locations?postcode=CF10%201AA&proximity=5000',
        'service_at_location_list',
      )
      assert.deepEqual(ids(near), [id.salGymCentre, id.salGymRoath])
      assert.equal(near.total_items, 2)
      assert.deepEqual(
        ids(await get('/oruk/service_at_locations?postcode=CF10%201AA&proximity=100', 'service_at_location_list')),
        [id.salGymCentre],
      )
      assert.deepEqual(
        ids(
          await get(
            `/oruk/service_at_locations?latitude=${places.bangor.latitude}&longitude=${places.bangor.longitude}&proximity=2000`,
            'service_at_location_list',
          ),
        ),
        [id.salChoir],
      )
      assert.deepEqual(
        ids(
          await get(
            `/oruk/service_at_locations?postcode=CF10%201AA&taxonomy_term_id=${CREATIVE}`,
            'service_at_location_list',
          ),
        ),
        [id.salChoir],
      )

      const [first] = near.contents ?? []
      assert.equal((first?.service as Body).name, 'Cardiff Green Gym')
      assert.equal(((first?.location as Body).addresses as Body[])[0]?.city, 'Cardiff')

      const one = await get(`/oruk/service_at_locations/${id.salChoir}`, 'service_at_location')
      assert.equal((one.service as Body).id, id.choir)
      assert.equal((one.location as Body).name, 'Neuadd Gymunedol Bangor')
      assert.deepEqual(
        (one.schedules as Body[]).map((s) => s.description),
        ['Wednesday evenings'],
      )
    })
  })
}
