import assert from 'node:assert/strict'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoPostcodes } from '../../postcodes/demo.js'
import { loadDemoServices } from '../demo/load.js'
import { importOruk } from '../oruk/import.js'
import { orukValidator } from './oruk-schemas.js'

/*
 * Issue 4, "How it will be checked": every /oruk endpoint, on the demo directory and on the two real council feeds
 * imported with import-oruk, validates against the official ORUK 3.0 schemas. oruk-api.test.ts checks behaviour on a
 * small fixture; this file checks the shapes on real-sized data, sampling a handful of ids of each kind.
 */

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'oruk', 'samples')
const schemaFor = orukValidator()
const CF10_1AA = 'CF10%201AA'

type Body = Record<string, unknown> & { contents?: Record<string, unknown>[]; total_items?: number }

/** A few items spread over a list: the first, the last and some between. */
function spread<T>(items: T[], count = 5): T[] {
  if (items.length <= count) return items
  const step = (items.length - 1) / (count - 1)
  return [...new Set(Array.from({ length: count }, (_, i) => items[Math.round(i * step)] as T))]
}

/** Requests every /oruk endpoint and validates each response; returns the URLs that failed, with the schema errors. */
async function checkEveryEndpoint(t: TestApp, label: string): Promise<void> {
  const failures: string[] = []
  const get = async (url: string, schema: string): Promise<Body> => {
    const response = await t.app.inject({ method: 'GET', url })
    if (response.statusCode !== 200) {
      failures.push(`${url}: ${response.statusCode} ${response.body.slice(0, 300)}`)
      return {}
    }
    const body = response.json() as Body
    const validate = schemaFor(schema)
    if (!validate(body))
      failures.push(`${url} is not a valid ${schema}: ${JSON.stringify(validate.errors?.slice(0, 5))}`)
    return body
  }
  const ids = (body: Body) => (body.contents ?? []).map((item) => String(item.id))

  await get('/oruk/', 'api_details')

  // Services: every page of the whole list at the largest page size, then the filters and a few by id.
  const firstPage = await get('/oruk/services?per_page=200', 'service_list')
  const totalServices = Number(firstPage.total_items ?? 0)
  assert.ok(totalServices > 0, `${label}: no services listed`)
  const serviceIds = ids(firstPage)
  for (let page = 2; page <= Math.ceil(totalServices / 200); page++)
    serviceIds.push(...ids(await get(`/oruk/services?per_page=200&page=${page}`, 'service_list')))
  assert.equal(serviceIds.length, totalServices, `${label}: paging lost services`)
  await get('/oruk/services', 'service_list')
  await get('/oruk/services?per_page=7&page=3', 'service_list')
  for (const words of ['club', 'support', 'gr\u0175p', 'cymorth'])
    await get(`/oruk/services?search=${encodeURIComponent(words)}`, 'service_list')
  await get('/oruk/services?modified_after=2000-01-01T00:00:00Z', 'service_list')
  await get('/oruk/services?modified_after=2999-01-01', 'service_list')

  const services = await Promise.all(spread(serviceIds, 6).map((id) => get(`/oruk/services/${id}`, 'service')))
  // A plain check, not Ajv's type guard: a service that fails it still has its id for the message.
  const withDefinitions = schemaFor('service_with_definitions')
  const valid = (value: unknown): boolean => withDefinitions(value)
  for (const service of services)
    if (!valid(service))
      failures.push(
        `/oruk/services/${String(service.id)} is not a valid service_with_definitions: ${JSON.stringify(withDefinitions.errors?.slice(0, 5))}`,
      )

  // Organisations, with the services filtered by each.
  const organisations = await get('/oruk/organizations?per_page=200', 'organization_list')
  assert.ok(Number(organisations.total_items) > 0, `${label}: no organisations listed`)
  await get('/oruk/organizations?search=council', 'organization_list')
  for (const id of spread(ids(organisations), 4)) {
    await get(`/oruk/organizations/${id}`, 'organization')
    await get(`/oruk/services?organization_id=${id}`, 'service_list')
  }

  // Taxonomies and terms, and services filtered by terms in use.
  const taxonomies = await get('/oruk/taxonomies', 'taxonomy_list')
  for (const id of spread(ids(taxonomies), 3)) {
    await get(`/oruk/taxonomies/${id}`, 'taxonomy')
    await get(`/oruk/taxonomy_terms?taxonomy_id=${id}`, 'taxonomy_term_list')
  }
  const terms = await get('/oruk/taxonomy_terms?per_page=200', 'taxonomy_term_list')
  await get('/oruk/taxonomy_terms?top_only=true', 'taxonomy_term_list')
  const usedTerms = new Set<string>()
  for (const service of services)
    for (const attribute of (service.attributes as { taxonomy_term_id?: string }[] | undefined) ?? [])
      if (attribute.taxonomy_term_id) usedTerms.add(attribute.taxonomy_term_id)
  for (const id of spread([...usedTerms, ...ids(terms)], 5)) {
    await get(`/oruk/taxonomy_terms/${id}`, 'taxonomy_term')
    await get(`/oruk/services?taxonomy_term_id=${id}`, 'service_list')
  }

  // Services at locations: the list, from a postcode and a point within a proximity, and a few by id.
  const sals = await get('/oruk/service_at_locations?per_page=200', 'service_at_location_list')
  await get(`/oruk/service_at_locations?postcode=${CF10_1AA}`, 'service_at_location_list')
  await get(`/oruk/service_at_locations?postcode=${CF10_1AA}&proximity=50000`, 'service_at_location_list')
  await get('/oruk/service_at_locations?latitude=51.45&longitude=-2.59&proximity=20000', 'service_at_location_list')
  await get(
    '/oruk/service_at_locations?latitude=53.58&longitude=-0.65&proximity=30000&per_page=20&page=2',
    'service_at_location_list',
  )
  for (const id of spread(ids(sals), 5)) await get(`/oruk/service_at_locations/${id}`, 'service_at_location')

  assert.deepEqual(failures, [], `${label}: ${failures.length} responses failed:\n${failures.join('\n')}`)
}

for (const kind of databaseKinds()) {
  describe(`Open Referral UK API on real data (${kind})`, () => {
    let demo: TestApp
    let feeds: TestApp
    before(async () => {
      demo = await startTestApp(kind)
      await loadDemoPostcodes(demo.app.deps.database.db)
      assert.equal(await loadDemoServices(demo.app.deps.database.db), 72)
      feeds = await startTestApp(kind)
      await loadDemoPostcodes(feeds.app.deps.database.db)
      for (const feed of ['bristol-council.json', 'north-lincolnshire-council.json'])
        await importOruk(feeds.app.deps.database.db, path.join(samples, feed))
    })
    after(async () => {
      await demo?.close()
      await feeds?.close()
    })

    it('validates every endpoint on the demo directory', async () => {
      await checkEveryEndpoint(demo, 'demo directory')
    })

    it('validates every endpoint on the imported Bristol and North Lincolnshire feeds', async () => {
      await checkEveryEndpoint(feeds, 'council feeds')
    })
  })
}
