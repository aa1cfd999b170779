import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_PER_PAGE, parseListQuery } from './query.js'
import { email, omitEmpty, organization, page, serviceBasic } from './serialise.js'

describe('omitEmpty', () => {
  it('drops null, undefined, empty strings, arrays and objects at every depth, keeping required empty fields', () => {
    const input = {
      id: 'x',
      name: 'A',
      description: '',
      email: null,
      url: '',
      age: 0,
      free: false,
      tags: [],
      nested: { a: null, b: [] },
      list: [{ id: 'y', note: '' }, null],
      address: { address_1: 'High St', state_province: '' },
    }
    const copy = structuredClone(input)
    assert.deepEqual(omitEmpty(input), {
      id: 'x',
      name: 'A',
      description: '',
      age: 0,
      free: false,
      list: [{ id: 'y' }],
      address: { address_1: 'High St', state_province: '' },
    })
    assert.deepEqual(input, copy, 'the input is left alone')
  })
})

describe('page', () => {
  it('builds the standard envelope', () => {
    assert.deepEqual(page(['a'], 3, 2, 2), {
      total_items: 3,
      total_pages: 2,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
      contents: ['a'],
    })
    assert.deepEqual(page([], 0, 1, 50), {
      total_items: 0,
      total_pages: 0,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    })
  })
})

describe('parseListQuery', () => {
  it('defaults to page 1 of 50', () => {
    const parsed = parseListQuery({})
    assert.ok(parsed.ok)
    assert.deepEqual(Object.fromEntries(Object.entries(parsed.value).filter(([, v]) => v !== undefined)), {
      page: 1,
      perPage: 50,
    })
  })
  it('reads every filter', () => {
    const parsed = parseListQuery({
      page: '2',
      per_page: String(MAX_PER_PAGE),
      search: ' choir ',
      organization_id: 'C6A229D9-8B7E-5372-B81F-11337A33774C',
      modified_after: '2026-01-01',
      postcode: 'CF10 1AA',
      proximity: '1500.5',
      format: 'json',
    })
    assert.ok(parsed.ok)
    assert.equal(parsed.value.page, 2)
    assert.equal(parsed.value.perPage, 200)
    assert.equal(parsed.value.search, 'choir')
    assert.equal(parsed.value.organizationId, 'c6a229d9-8b7e-5372-b81f-11337a33774c')
    assert.equal(parsed.value.modifiedAfter?.toISOString(), '2026-01-01T00:00:00.000Z')
    assert.equal(parsed.value.proximity, 1500.5)
  })
  it('refuses what it cannot read, naming the parameter', () => {
    const fields = (query: Record<string, unknown>) => {
      const parsed = parseListQuery(query)
      return parsed.ok ? [] : parsed.errors.map((e) => e.field)
    }
    assert.deepEqual(fields({ per_page: '201' }), ['per_page'])
    assert.deepEqual(fields({ page: '1e3' }), ['page'])
    assert.deepEqual(fields({ taxonomy_term_id: 'green' }), ['taxonomy_term_id'])
    assert.deepEqual(fields({ latitude: '90.1', longitude: '0' }), ['latitude'])
    assert.deepEqual(fields({ latitude: '10', longitude: '180.5' }), ['longitude'])
    assert.deepEqual(fields({ proximity: '100' }), ['proximity'])
    assert.deepEqual(fields({ top_only: 'yes' }), ['top_only'])
    assert.deepEqual(fields({ modified_after: '2026-13-45' }), ['modified_after'])
  })
})

describe('email', () => {
  it('sends an address without the spaces and full stop around it, and leaves out what is not one', () => {
    assert.equal(email(' hello@example.org'), 'hello@example.org')
    assert.equal(email('\u200bhello@example.org'), 'hello@example.org')
    assert.equal(email('hello@example.org. '), 'hello@example.org')
    assert.equal(email('first.last+tag@mail.example.org'), 'first.last+tag@mail.example.org')
    for (const bad of [null, '', 'not-an-email', 'a b@example.org', 'hello@example', 'hello@@example.org'])
      assert.equal(email(bad), undefined, String(bad))
  })
})

describe('serviceBasic and organization', () => {
  it('send the Welsh name and description where an entry has none in English (ORUK has one name)', () => {
    const row = { id: 's', directory_organisation_id: 'o', name: '', name_cy: 'Côr Cymunedol', description: null, description_cy: 'Canu bob wythnos', status: 'active', last_modified: new Date('2026-11-01T10:00:00Z'), assured_date: null }
    const service = serviceBasic(row as unknown as Parameters<typeof serviceBasic>[0])
    assert.equal(service.name, 'Côr Cymunedol')
    assert.equal(service.description, 'Canu bob wythnos')
    const english = serviceBasic({ ...row, name: 'Community Choir', description: 'Singing' } as unknown as Parameters<typeof serviceBasic>[0])
    assert.equal(english.name, 'Community Choir')
    assert.equal(english.description, 'Singing')
    const org = organization({ id: 'o', name: ' ', name_cy: 'Menter Iaith', description: '', description_cy: 'Hybu’r Gymraeg' } as unknown as Parameters<typeof organization>[0])
    assert.equal(org.name, 'Menter Iaith')
    assert.equal(org.description, 'Hybu’r Gymraeg')
  })
})
