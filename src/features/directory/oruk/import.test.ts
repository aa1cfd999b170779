import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import { importOruk, OrukImportError, type OrukImportReport } from './import.js'
import { entities } from './normalise.js'

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples')
const sample = (name: string) => path.join(samples, name)

const tables = entities
async function tableCounts(t: TestDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of tables) {
    const row = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

const total = (report: OrukImportReport, what: 'created' | 'updated' | 'unchanged' | 'skipped') =>
  Object.values(report.counts).reduce((sum, c) => sum + c[what], 0)

for (const kind of databaseKinds()) {
  describe(`import-oruk (${kind})`, () => {
    let t: TestDatabase
    let dir: string
    before(async () => {
      t = await openTestDatabase(kind)
      dir = mkdtempSync(path.join(tmpdir(), 'cyswllt-oruk-'))
    })
    after(async () => {
      await t.dispose()
      rmSync(dir, { recursive: true, force: true })
    })
    const write = (name: string, content: unknown) => {
      const file = path.join(dir, name)
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
      return file
    }

    it('refuses malformed files with the path of each bad field and writes nothing', async () => {
      const before = await tableCounts(t)
      const page = JSON.parse(readFileSync(sample('service_list.json'), 'utf8'))
      const full = JSON.parse(readFileSync(sample('service_full.json'), 'utf8'))
      const cases: [unknown, RegExp][] = [
        ['{"contents": [', /\$: not valid JSON/],
        [{ hello: 'world' }, /\$: is not an Open Referral UK file/],
        [{ contents: 'nope' }, /contents: must be a list/],
        [{ ...page, contents: [...page.contents, 42] }, /contents\[1\]: must be an object/],
        [{ ...page, contents: [{ ...page.contents[0], id: undefined }] }, /contents\[0\]\.id: is required/],
        [{ ...page, contents: [{ ...page.contents[0], name: undefined }] }, /contents\[0\]\.name: is required/],
        [
          { ...page, contents: [{ ...page.contents[0], status: 'open' }] },
          /contents\[0\]\.status: must be one of active/,
        ],
        [
          { ...page, contents: [{ ...page.contents[0], assured_date: '2024-02-30' }] },
          /contents\[0\]\.assured_date: must be a date/,
        ],
        // The official 3.0 example as published: latitude 100 (longitude 101 is on the earth).
        [full, /\$\.service_at_locations\[0\]\.location\.latitude: must be between -90 and 90/],
        [
          {
            ...full,
            service_at_locations: [
              {
                ...full.service_at_locations[0],
                location: { ...full.service_at_locations[0].location, latitude: 51, longitude: 181 },
              },
            ],
          },
          /\$\.service_at_locations\[0\]\.location\.longitude: must be between -180 and 180/,
        ],
        [{ ...full, schedules: [{ id: 'x', opens_at: '25:00' }] }, /\$\.schedules\[0\]\.opens_at: must be a time/],
        [{ ...full, contacts: {} }, /\$\.contacts: must be a list/],
      ]
      for (const [content, expected] of cases) {
        const file = write('bad.json', content)
        await assert.rejects(importOruk(t.database.db, file), (error: unknown) => {
          assert.ok(error instanceof OrukImportError, String(error))
          assert.match(error.message, expected)
          assert.match(error.message, /nothing was written/)
          return true
        })
      }
      // 20 services, the 13th with a location far off the earth: the path names it.
      const many = {
        total_items: 20,
        contents: Array.from({ length: 20 }, (_, i) => ({
          id: `svc-${i}`,
          name: `Service ${i}`,
          status: 'active',
          service_at_locations: [
            { id: `sal-${i}`, location: { id: `loc-${i}`, latitude: i === 12 ? 91 : 51.5, longitude: -3.2 } },
          ],
        })),
      }
      await assert.rejects(
        importOruk(t.database.db, write('many.json', many)),
        /contents\[12\]\.service_at_locations\[0\]\.location\.latitude: must be between -90 and 90/,
      )
      assert.deepEqual(await tableCounts(t), before)
    })

    it('--dry-run reports what it would do and writes nothing', async () => {
      const before = await tableCounts(t)
      const report = await importOruk(t.database.db, sample('north-lincolnshire-council.json'), { dryRun: true })
      assert.equal(report.dryRun, true)
      assert.equal(report.counts.services.created, 738)
      assert.deepEqual(await tableCounts(t), before)
    })

    it('imports the ORUK 3.0 examples (the full ones with their coordinates corrected), then finds them unchanged', async () => {
      const list = await importOruk(t.database.db, sample('service_list.json'))
      assert.equal(list.counts.services.created, 1)
      assert.equal(list.counts.directory_organisations.created, 1)
      for (const name of ['service_list.json', 'organization_list.json']) {
        const report = await importOruk(t.database.db, sample(name))
        assert.equal(total(report, 'created') + total(report, 'updated'), 0, name)
        assert.equal(report.counts.directory_organisations.unchanged, 1)
        assert.deepEqual(report.notes, [
          `directory_organisations d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610: parent_organisation_id cd09a387-91f4-4555-94ec-e799c35344cd is neither in the file nor in the directory; left empty`,
        ])
      }
      for (const name of ['service_full.json', 'organization_full.json']) {
        const data = readFileSync(sample(name), 'utf8')
          .replace('"latitude": 100', '"latitude": 51.48')
          .replace('"longitude": 101', '"longitude": -3.18')
        const file = write(name, data)
        const first = await importOruk(t.database.db, file)
        assert.equal(first.counts.services.skipped, 0)
        const second = await importOruk(t.database.db, file)
        assert.equal(total(second, 'created') + total(second, 'updated'), 0, name)
      }
      const service = await t.database.db
        .selectFrom('services')
        .selectAll()
        .where('id', '=', 'ac148810-d857-441c-9679-408f346de14b')
        .executeTakeFirstOrThrow()
      assert.equal(service.directory_organisation_id, 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610')
      assert.match(
        service.search_text,
        /^community counselling counselling services provided .* example organization inc\.$/,
      )
      assert.equal(Number(service.minimum_age), 12)
      const location = await t.database.db
        .selectFrom('locations')
        .selectAll()
        .where('id', '=', '3a19ff88-4620-4d17-9830-ac1d859eb5d5')
        .executeTakeFirstOrThrow()
      assert.equal(location.external_identifier_type, 'UPRN')
      assert.equal(location.latitude, 51.48)
      const attribute = await t.database.db
        .selectFrom('attributes')
        .innerJoin('taxonomy_terms', 'taxonomy_terms.id', 'attributes.taxonomy_term_id')
        .innerJoin('taxonomies', 'taxonomies.id', 'taxonomy_terms.taxonomy_id')
        .select([
          'attributes.link_id',
          'attributes.link_type',
          'taxonomy_terms.name',
          'taxonomy_terms.parent_id',
          'taxonomies.name as taxonomy',
        ])
        .executeTakeFirstOrThrow()
      assert.deepEqual(attribute, {
        link_id: 'ac148810-d857-441c-9679-408f346de14b',
        link_type: 'service',
        name: 'name',
        parent_id: null,
        taxonomy: 'taxonomy',
      })
      for (const table of [
        'schedules',
        'contacts',
        'cost_options',
        'service_areas',
        'service_languages',
        'accessibility',
        'fundings',
        'addresses',
        'service_at_locations',
      ] as const) {
        const count = await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
        assert.equal(Number(count.n), 1, table)
      }
    })

    it('imports the North Lincolnshire v1 feed (738 services), and a second import changes nothing', async () => {
      const first = await importOruk(t.database.db, sample('north-lincolnshire-council.json'))
      assert.match(first.format, /ORUK v1/)
      assert.deepEqual(first.counts.services, { created: 738, updated: 0, unchanged: 0, skipped: 0 })
      assert.equal(first.counts.directory_organisations.created, 239)
      assert.ok(first.counts.attributes.created > 400)
      const afterFirst = await tableCounts(t)
      const second = await importOruk(t.database.db, sample('north-lincolnshire-council.json'))
      assert.equal(total(second, 'created'), 0)
      assert.equal(total(second, 'updated'), 0)
      assert.equal(second.counts.services.unchanged, 738)
      assert.equal(total(second, 'unchanged'), total(first, 'created'))
      assert.deepEqual(await tableCounts(t), afterFirst)
      const audience = await t.database.db
        .selectFrom('taxonomy_terms')
        .innerJoin('taxonomies', 'taxonomies.id', 'taxonomy_terms.taxonomy_id')
        .select(['taxonomy_terms.code', 'taxonomies.name'])
        .where('taxonomies.name', '=', 'Target audience')
        .execute()
      assert.ok(audience.length > 10)
    })

    it('imports the Bristol v1 feed: 819 entries, 817 services; the blank one and the repeated id are skipped with reasons', async () => {
      const report = await importOruk(t.database.db, sample('bristol-council.json'))
      assert.deepEqual(report.counts.services, { created: 817, updated: 0, unchanged: 0, skipped: 2 })
      const skips = report.skipped.filter((s) => s.entity === 'services')
      assert.deepEqual(skips, [
        { entity: 'services', path: '[0]', reason: 'no name' },
        { entity: 'services', path: '[810]', reason: 'the id is repeated; the first, at [373], is kept' },
      ])
      const yoga = await t.database.db
        .selectFrom('services')
        .select('name')
        .where('id', '=', '2af617e5-4532-bebe-1036-ffdf2e93ce55')
        .executeTakeFirstOrThrow()
      assert.equal(yoga.name, 'Fishponds Yoga for Fitness & Wellbeing')
    })

    it("links a service to Cyswllt's own taxonomy terms by id, and skips an attribute whose term is nowhere", async () => {
      const file = write('terms.json', {
        id: 'e1f0c2a4-3b1d-4c55-9f00-0000000000bb',
        name: 'Gardd Gymunedol',
        status: 'active',
        attributes: [
          { id: 'e1f0c2a4-3b1d-4c55-9f00-0000000000b1', taxonomy_term_id: 'c6a229d9-8b7e-5372-b81f-11337a33774c' },
          { id: 'e1f0c2a4-3b1d-4c55-9f00-0000000000b2', taxonomy_term: { id: 'e1f0c2a4-3b1d-4c55-9f00-0000000000b9' } },
        ],
      })
      const report = await importOruk(t.database.db, file)
      assert.equal(report.counts.attributes.created, 1)
      assert.equal(report.counts.attributes.skipped, 1)
      assert.match(
        report.skipped.find((s) => s.entity === 'attributes')?.reason ?? '',
        /taxonomy term e1f0c2a4-3b1d-4c55-9f00-0000000000b9 is neither in the file nor in the directory/,
      )
      const linked = await t.database.db
        .selectFrom('attributes')
        .innerJoin('taxonomy_terms', 'taxonomy_terms.id', 'attributes.taxonomy_term_id')
        .select(['taxonomy_terms.code', 'attributes.link_type'])
        .where('attributes.link_id', '=', 'e1f0c2a4-3b1d-4c55-9f00-0000000000bb')
        .execute()
      assert.deepEqual(linked, [{ code: 'green', link_type: 'service' }])
    })

    it('updates what changed and keeps what Cyswllt added', async () => {
      const file = write('one.json', {
        id: 'e1f0c2a4-3b1d-4c55-9f00-0000000000aa',
        name: 'Cerdded Iach',
        description: 'Teithiau cerdded',
        status: 'active',
      })
      assert.equal((await importOruk(t.database.db, file)).counts.services.created, 1)
      await t.database.db
        .updateTable('services')
        .set({ welsh_provision: 'welsh_medium' })
        .where('id', '=', 'e1f0c2a4-3b1d-4c55-9f00-0000000000aa')
        .execute()
      write('one.json', {
        id: 'e1f0c2a4-3b1d-4c55-9f00-0000000000aa',
        name: 'Cerdded Iach Ŵyl',
        description: 'Teithiau cerdded',
        status: 'active',
      })
      const report = await importOruk(t.database.db, file)
      assert.deepEqual(report.counts.services, { created: 0, updated: 1, unchanged: 0, skipped: 0 })
      const row = await t.database.db
        .selectFrom('services')
        .select(['name', 'search_text', 'welsh_provision'])
        .where('id', '=', 'e1f0c2a4-3b1d-4c55-9f00-0000000000aa')
        .executeTakeFirstOrThrow()
      assert.deepEqual(row, {
        name: 'Cerdded Iach Ŵyl',
        search_text: 'cerdded iach wyl teithiau cerdded',
        welsh_provision: 'welsh_medium',
      })
    })
  })
}
