import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mapId, normaliseOruk, ORUK_ID_NAMESPACE, plainText, uuidV5 } from './normalise.js'

/** An ORUK v1 full service as v1 APIs served it (GET /services/{id}), with v1's names for everything. */
const v1Service = {
  id: 'b2c9a3b0-6a0e-4c1e-8d55-0f4a1b2c3d4e',
  name: 'Clwb Cinio Llanrug',
  description: 'Cinio a chwmni bob dydd Mercher',
  url: 'https://example.org/clwb',
  email: 'clwb@example.org',
  status: 'active',
  fees: '£3 a meal',
  organization: {
    id: 'org-77',
    name: 'Menter Môn',
    description: 'Community enterprise',
    url: 'https://example.org',
    logo: '',
    uri: '',
  },
  eligibilitys: [{ id: 'el-1', eligibility: 'Older people', minimum_age: 60, maximum_age: null }],
  regular_schedules: [
    {
      id: 'rs-1',
      opens_at: '12:00',
      closes_at: '14:00',
      byday: 'WE',
      freq: 'WEEKLY',
      interval: 1,
      valid_from: '2024-01-03',
      until: '2024-12-31',
    },
  ],
  service_taxonomys: [
    { id: 'st-1', taxonomy: { id: 'tx-99', name: 'Lunch clubs', vocabulary: 'esd-service-types', parent: null } },
  ],
  cost_options: [{ id: 'co-1', option: 'Meal', amount: '3.00', amount_description: 'per meal' }],
  contacts: [
    { id: 'c-1', name: 'Siân', title: 'Organiser', phones: [{ id: 'p-1', number: '01248 000000', language: 'Welsh' }] },
  ],
  languages: [{ id: 'lang-1', language: 'Welsh' }],
  service_areas: [
    {
      id: 'sa-1',
      service_area: 'Gwynedd',
      extent: null,
      uri: 'http://statistics.data.gov.uk/id/statistical-geography/W06000002',
    },
  ],
  fundings: [{ id: 'f-1', source: 'Lottery' }],
  service_at_locations: [
    {
      id: 'sal-1',
      location: {
        id: 'loc-1',
        name: 'Neuadd Goffa',
        latitude: '53.14',
        longitude: -4.2,
        physical_addresses: [
          {
            id: 'pa-1',
            address_1: 'Stryd Fawr',
            city: 'Llanrug',
            state_province: 'Gwynedd',
            postal_code: 'LL55 4AA',
            country: 'GB',
          },
        ],
        accessibility_for_disabilities: [{ id: 'acc-1', accessibility: 'Step-free entrance' }],
      },
      regular_schedules: [{ id: 'rs-2', opens_at: '12:00:00', closes_at: '13:30', byday: 'WE' }],
    },
  ],
  pc_targetAudience: [{ id: 'Older People', audienceType: 'Older People' }],
}

describe('ORUK v1 → 3.0 mapping', () => {
  const n = normaliseOruk([v1Service])
  const only = <T>(map: Map<string, T>): T => {
    assert.equal(map.size, 1)
    return [...map.values()][0] as T
  }

  it('reads a bare list with v1 fields as ORUK v1 services, without errors or skips', () => {
    assert.deepEqual(n.errors, [])
    assert.deepEqual(n.skipped, [])
    assert.equal(n.format, 'a list of services (ORUK v1)')
  })

  it('maps the service, its organisation (url → website) and eligibility ages; search text is accent-free', () => {
    const orgId = mapId('org-77', 'directory_organisations')
    assert.deepEqual(only(n.rows.directory_organisations), {
      id: orgId,
      name: 'Menter Môn',
      description: 'Community enterprise',
      email: null,
      website: 'https://example.org',
      logo: null,
      uri: null,
      parent_organisation_id: null,
    })
    const service = only(n.rows.services)
    assert.equal(service.id, 'b2c9a3b0-6a0e-4c1e-8d55-0f4a1b2c3d4e')
    assert.equal(service.directory_organisation_id, orgId)
    assert.equal(service.minimum_age, '60')
    assert.equal(service.maximum_age, null)
    assert.equal(service.fees, '£3 a meal')
    assert.equal(service.search_text, 'clwb cinio llanrug cinio a chwmni bob dydd mercher menter mon')
  })

  it('maps regular_schedules to schedules (service and service-at-location), until → valid_to, times with seconds', () => {
    const schedules = [...n.rows.schedules.values()]
    assert.equal(schedules.length, 2)
    const [service, sal] = schedules
    assert.equal(service?.service_id, 'b2c9a3b0-6a0e-4c1e-8d55-0f4a1b2c3d4e')
    assert.equal(service?.opens_at, '12:00:00')
    assert.equal(service?.valid_to, '2024-12-31')
    assert.equal(service?.byday, 'WE')
    assert.equal(sal?.service_id, null)
    assert.equal(sal?.service_at_location_id, mapId('sal-1', 'service_at_locations'))
    assert.equal(sal?.closes_at, '13:30:00')
  })

  it('maps locations with physical_addresses and accessibility_for_disabilities, keeping the v1 location id', () => {
    const location = only(n.rows.locations)
    assert.equal(location.id, mapId('loc-1', 'locations'))
    assert.equal(location.latitude, 53.14)
    assert.equal(location.external_identifier, 'loc-1')
    assert.equal(location.external_identifier_type, 'source_id')
    assert.deepEqual(only(n.rows.addresses), {
      id: mapId('pa-1', 'addresses'),
      location_id: location.id,
      attention: null,
      address_1: 'Stryd Fawr',
      city: 'Llanrug',
      region: null,
      state_province: 'Gwynedd',
      postal_code: 'LL55 4AA',
      country: 'GB',
      address_type: 'physical',
    })
    assert.equal(only(n.rows.accessibility).description, 'Step-free entrance')
    assert.deepEqual(only(n.rows.service_at_locations), {
      id: mapId('sal-1', 'service_at_locations'),
      service_id: v1Service.id,
      location_id: location.id,
    })
  })

  it('maps contacts with phones (and the phone language), languages, service areas, cost options and fundings', () => {
    assert.equal(only(n.rows.contacts).name, 'Siân')
    const phone = only(n.rows.phones)
    assert.equal(phone.number, '01248 000000')
    assert.equal(phone.contact_id, mapId('c-1', 'contacts'))
    const languages = [...n.rows.service_languages.values()]
    assert.deepEqual(
      languages.map((l) => [l.name, l.service_id, l.phone_id]),
      [
        ['Welsh', v1Service.id, null],
        ['Welsh', null, phone.id],
      ],
    )
    assert.equal(only(n.rows.service_areas).name, 'Gwynedd')
    assert.equal(only(n.rows.cost_options).amount, '3')
    assert.equal(only(n.rows.fundings).source, 'Lottery')
  })

  it('turns service_taxonomys, eligibilitys and target audiences into taxonomy terms linked through service attributes', () => {
    const taxonomies = [...n.rows.taxonomies.values()].map((t) => t.name).sort()
    assert.deepEqual(taxonomies, ['Cyswllt import', 'Eligibility', 'Target audience', 'esd-service-types'])
    const terms = [...n.rows.taxonomy_terms.values()]
    assert.deepEqual(terms.map((t) => [t.name, t.code]).sort(), [
      ['Lunch clubs', 'tx-99'],
      ['Older People', 'Older People'],
      ['Older people', 'Older people'],
      ['Source identifier', 'Source identifier'],
    ])
    const attributes = [...n.rows.attributes.values()]
    const forService = attributes.filter((a) => a.link_type === 'service')
    assert.equal(forService.length, 3)
    for (const a of forService) {
      assert.equal(a.link_id, v1Service.id)
      assert.ok(n.rows.taxonomy_terms.has(a.taxonomy_term_id as string))
    }
  })

  it("keeps a non-UUID organisation or service id as the value of a 'Source identifier' attribute", () => {
    const source = [...n.rows.attributes.values()].filter((a) => a.value !== null)
    assert.deepEqual(
      source.map((a) => [a.link_type, a.link_id, a.value]),
      [['organization', mapId('org-77', 'directory_organisations'), 'org-77']],
    )
    const withTextId = normaliseOruk([{ id: 'svc-1', name: 'S', status: 'active' }])
    const attribute = [...withTextId.rows.attributes.values()][0]
    assert.equal(attribute?.link_id, mapId('svc-1', 'services'))
    assert.equal(attribute?.value, 'svc-1')
    assert.equal(withTextId.rows.taxonomy_terms.get(attribute?.taxonomy_term_id as string)?.name, 'Source identifier')
  })

  it('gives the same rows for the same file (deterministic ids)', () => {
    assert.deepEqual(normaliseOruk([v1Service]).rows, n.rows)
  })
})

describe('ids', () => {
  it('keeps UUIDs (lower-cased) and maps other ids to UUID v5 in a fixed namespace', () => {
    assert.equal(mapId('AC148810-D857-441C-9679-408F346DE14B', 'services'), 'ac148810-d857-441c-9679-408f346de14b')
    const mapped = mapId('Homeless', 'taxonomy_terms')
    assert.match(mapped, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.equal(mapped, uuidV5('taxonomy_terms:Homeless', ORUK_ID_NAMESPACE))
    assert.notEqual(mapId('1', 'services'), mapId('1', 'locations'))
  })

  it('computes RFC 4122 UUID v5 (the DNS namespace example)', () => {
    assert.equal(
      uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
  })
})

describe('shapes and bad input', () => {
  it('reads a page of organisations and an organisation with its services', () => {
    const page = normaliseOruk({
      total_items: 1,
      contents: [{ id: 'o1', name: 'Org', description: '', website: 'https://x' }],
    })
    assert.equal(page.format, 'a page of organisations (ORUK 3.0)')
    assert.equal(page.rows.directory_organisations.size, 1)
    const full = normaliseOruk({
      id: 'o1',
      name: 'Org',
      description: '',
      website: 'https://x',
      services: [{ id: 's1', name: 'S', status: 'active' }],
    })
    assert.equal(full.format, 'one organisation (ORUK 3.0)')
    assert.equal([...full.rows.services.values()][0]?.directory_organisation_id, mapId('o1', 'directory_organisations'))
  })

  it('reports every bad field by path', () => {
    const n = normaliseOruk({
      contents: [
        { name: 'No id' },
        { id: 's2', name: ['x'], status: 'active' },
        {
          id: 's3',
          name: 'ok',
          minimum_age: 'old',
          service_at_locations: [{ id: 'x', location: { id: 'l', latitude: -91, location_type: 'boat' } }],
        },
      ],
    })
    assert.deepEqual(n.errors, [
      'contents[0].id: is required',
      'contents[1].name: must be text',
      'contents[2].minimum_age: must be a number',
      'contents[2].service_at_locations[0].location.location_type: must be one of physical, postal, virtual',
      'contents[2].service_at_locations[0].location.latitude: must be between -90 and 90',
    ])
  })

  it('skips, with reasons, a blank service name, an address without a first line and a repeated service id', () => {
    const n = normaliseOruk([
      { id: 's1', name: ' ', status: 'active' },
      {
        id: 's2',
        name: 'Two',
        status: 'active',
        service_at_locations: [
          { id: 'x', location: { id: 'l', addresses: [{ id: 'a', city: 'Bangor', postal_code: 'LL57 1AA' }] } },
        ],
      },
      { id: 's2', name: 'Two again', status: 'active' },
    ])
    assert.deepEqual(n.errors, [])
    assert.deepEqual(n.skipped, [
      { entity: 'services', path: '[0]', reason: 'no name' },
      {
        entity: 'addresses',
        path: '[1].service_at_locations[0].location.addresses[0]',
        reason: 'an address needs address_1, city and postal_code',
      },
      { entity: 'services', path: '[2]', reason: 'the id is repeated; the first, at [1], is kept' },
    ])
  })
})

describe('plainText (search text of HTML descriptions)', () => {
  it('turns tags into spaces and decodes entities', () => {
    assert.equal(
      plainText('<p>Drug &amp; Alcohol&nbsp;support</p><p>Caf&#233; &#x1F600; &bogus;</p>'),
      ' Drug & Alcohol support  Café 😀 &bogus; ',
    )
    assert.equal(plainText(null), null)
  })

  it('is used for services.search_text, which keeps the description as published', () => {
    const n = normaliseOruk([
      { id: 's', name: 'Grŵp', description: '<p>Te &amp; sgwrs</p>', status: 'active', pc_metadata: {} },
    ])
    const service = [...n.rows.services.values()][0]
    assert.equal(service?.description, '<p>Te &amp; sgwrs</p>')
    assert.equal(service?.search_text, 'grwp te & sgwrs')
  })
})
