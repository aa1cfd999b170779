import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds, openTestDatabase } from '../../../test/support/databases.js'
import type { DB } from '../../platform/db/schema.js'
import { orukValidator } from '../directory/oruk-api/oruk-schemas.js'
import { searchText } from '../directory/search-text.js'
import { activities } from './directory/activities.js'
import { places } from './directory/places.js'
import { lowCost } from './directory/reference.js'
import { planSynth, DEFAULT_UNTIL } from './plan.js'
import { createSynthFunctions } from './random.js'
import { DIRECTORY_TABLES, directoryStage } from './stages/directory.js'
import { organisationsStage } from './stages/organisations.js'

/*
 * Issue 9: the directory stage of `synth` at a small size (300 services), on PGlite and PostgreSQL. The synthetic
 * services must be served by the directory search and the Open Referral UK API exactly as entered ones are.
 */
const plan = planSynth({
  episodes: 1_000,
  services: 300,
  seed: 11,
  until: DEFAULT_UNTIL,
  password: 'synthetic-password',
})
/** The stage's bulk tables and the organisations it writes first. */
const TABLES = ['directory_organisations', ...DIRECTORY_TABLES]
const schemaFor = orukValidator()
const visible = sql<boolean>`services.status = 'active' and services.published`

async function runStages(
  db: Kysely<DB>,
  stages = [organisationsStage, directoryStage],
): Promise<Record<string, number>> {
  await createSynthFunctions(db)
  let rows: Record<string, number> = {}
  for (const stage of stages) rows = { ...rows, ...(await stage.run({ db, plan, log: () => {} })) }
  return rows
}

/** One md5 per directory table over all its rows in id order: equal hashes, equal contents. */
async function tableHashes(db: Kysely<DB>): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {}
  for (const table of TABLES) {
    const result = await sql<{
      hash: string
    }>`select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) as hash from ${sql.table(table)} t`.execute(db)
    hashes[table] = result.rows[0]?.hash ?? ''
  }
  return hashes
}

describe('synthetic directory vocabulary', () => {
  it('has at least forty activities, each with one to three categories and text in both languages', () => {
    assert.ok(activities.length >= 40, `${activities.length} activities`)
    assert.equal(new Set(activities.map((a) => a.key)).size, activities.length)
    for (const a of activities) {
      assert.ok(a.categories.length >= 1 && a.categories.length <= 3, a.key)
      assert.ok(a.name.includes('{town}') && a.nameCy.includes('{tref}'), a.key)
      assert.ok(a.description && a.descriptionCy, a.key)
    }
  })
  it('names the post town of every district, in both languages, with an authority', () => {
    assert.equal(places.length, 201)
    assert.equal(new Set(places.map((p) => p.outcode)).size, 201)
    for (const p of places) assert.match(p.localAuthorityCode, /^W06\d{6}$/, p.outcode)
    assert.equal(new Set(places.map((p) => p.localAuthorityCode)).size, 22)
  })
  it('counts free, suggested donations and up to £3 as free or low cost', () => {
    assert.equal(lowCost(undefined), true)
    assert.equal(lowCost('Suggested donation £2 a session'), true)
    assert.equal(lowCost('£3 a session, first month free'), true)
    assert.equal(lowCost('£4.50 for lunch'), false)
    assert.equal(lowCost('£5 a session'), false)
  })
})

for (const kind of databaseKinds()) {
  describe(`synth: the directory stage (${kind})`, () => {
    let t: TestApp
    let rows: Record<string, number>
    const db = () => t.app.deps.database.db
    const get = async <T>(url: string): Promise<T> => {
      const response = await t.app.inject({ method: 'GET', url })
      assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`)
      return response.json<T>()
    }
    before(async () => {
      t = await startTestApp(kind)
      rows = await runStages(db())
    })
    after(() => t.close())

    it('writes the planned organisations and services, and every table a demo service fills', async () => {
      assert.equal(rows.directory_organisations, plan.directoryOrganisations)
      assert.equal(rows.services, plan.services)
      for (const table of TABLES) {
        const counted = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db())
        assert.equal(Number(counted.rows[0]?.n), rows[table], table)
        assert.ok((rows[table] ?? 0) > 0, `${table} has rows`)
      }
      for (const table of ['schedules', 'contacts', 'phones', 'service_areas'] as const)
        assert.equal(rows[table], plan.services, table)
      const odd = await sql<{ n: number }>`select count(*)::int as n from services s where
        (select count(*) from attributes a where a.link_id = s.id and a.link_type = 'service') not between 1 and 3
        or (select count(*) from service_languages l where l.service_id = s.id) <> case s.welsh_provision when 'bilingual' then 2 else 1 end
        or (s.attending_types @> '{in_person}') <> exists (select 1 from service_at_locations sal where sal.service_id = s.id)`.execute(
        db(),
      )
      assert.equal(Number(odd.rows[0]?.n), 0, 'categories, languages and places of meeting agree with each service')
    })

    it('stores search_text exactly as searchText() computes it', async () => {
      const services = await db()
        .selectFrom('services')
        .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
        .select([
          'services.name',
          'services.name_cy',
          'services.description',
          'services.description_cy',
          'services.search_text',
          'o.name as org',
          'o.name_cy as org_cy',
        ])
        .execute()
      assert.equal(services.length, plan.services)
      for (const s of services)
        assert.equal(
          s.search_text,
          searchText(s.name, s.name_cy, s.description, s.description_cy, s.org, s.org_cy),
          s.name,
        )
      assert.ok(
        services.some((s) => s.name_cy === null) && services.some((s) => s.description === null),
        'some lack Welsh text, some an English description',
      )
    })

    it('pages /oruk/services over every visible service, each valid against the ORUK service schema', async () => {
      const expected = await db()
        .selectFrom('services')
        .select(sql<number>`count(*)::int`.as('n'))
        .where(visible)
        .executeTakeFirstOrThrow()
      const seen = new Set<string>()
      type Page = { total_items: number; total_pages: number; last_page: boolean; contents: { id: string }[] }
      for (let page = 1; ; page++) {
        const body = await get<Page>(`/oruk/services?per_page=50&page=${page}`)
        assert.equal(body.total_items, Number(expected.n))
        for (const item of body.contents) {
          assert.ok(schemaFor('service')(item), JSON.stringify(schemaFor('service').errors))
          seen.add(item.id)
        }
        if (body.last_page) break
        assert.ok(page < 20, 'the pages end')
      }
      assert.equal(seen.size, Number(expected.n))
      const one = await get<object>(`/oruk/services/${[...seen][0]}`)
      assert.ok(schemaFor('service_with_definitions')(one) || schemaFor('service')(one), 'a single service validates')
    })

    type ApiPage = {
      total: number
      results: { id: string; name: string; nameCy: string | null; distanceKm: number | null }[]
    }
    for (const [language, words, column, start] of [
      ['English', 'community garden', 'name', '% Community Garden'],
      ['Welsh', 'gardd gymunedol', 'name_cy', 'Gardd Gymunedol %'],
      ['Welsh', 'sied dynion', 'name_cy', 'Sied Dynion %'],
    ] as const) {
      it(`finds a kind of activity by a word search in ${language} ("${words}")`, async () => {
        const expected = await db()
          .selectFrom('services')
          .select('id')
          .where(visible)
          .where(sql.ref(`services.${column}`), 'like', start)
          .execute()
        assert.ok(expected.length > 0, `the data has visible services like ${start}`)
        const body = await get<ApiPage>(`/api/v1/services?q=${encodeURIComponent(words)}&perPage=100`)
        const found = body.results.map((r) => r.id)
        for (const e of expected) assert.ok(found.includes(e.id), `${words} finds ${e.id}`)
        // The best matches are the services of that kind.
        assert.deepEqual(new Set(found.slice(0, expected.length)), new Set(expected.map((e) => e.id)))
      })
    }

    it('finds services of a category near a postcode district, nearest first, as the query itself counts them', async () => {
      const near = await sql<{ outcode: string; code: string }>`select pd.outcode, tt.code
        from services s join service_at_locations sal on sal.service_id = s.id join locations l on l.id = sal.location_id
        join addresses ad on ad.location_id = l.id join postcode_districts pd on pd.outcode = split_part(ad.postal_code, ' ', 1)
        join attributes a on a.link_id = s.id join taxonomy_terms tt on tt.id = a.taxonomy_term_id
        where s.status = 'active' and s.published order by s.id, tt.code limit 1`.execute(db())
      const { outcode, code } = near.rows[0] ?? assert.fail('a located, visible service')
      const counted = await sql<{ n: number }>`select count(*)::int as n from services s
        where s.status = 'active' and s.published
          and exists (select 1 from attributes a join taxonomy_terms tt on tt.id = a.taxonomy_term_id where a.link_id = s.id and tt.code = ${code})
          and (exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id, postcode_districts pd
                       where sal.service_id = s.id and pd.outcode = ${outcode}
                         and earth_distance(location_earth(pd.latitude, pd.longitude), location_earth(l.latitude, l.longitude)) <= 25000)
               or not exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id
                              where sal.service_id = s.id and l.latitude is not null))`.execute(db())
      const body = await get<ApiPage>(`/api/v1/services?postcode=${outcode}&category=${code}&within=25&perPage=100`)
      assert.equal(body.total, Number(counted.rows[0]?.n))
      const distances = body.results.map((r) => r.distanceKm).filter((d): d is number => d !== null)
      assert.ok(distances.length > 0, 'some are located near the district')
      assert.deepEqual(
        distances,
        [...distances].sort((a, b) => a - b),
        'nearest first',
      )
      assert.ok(distances.every((d) => d <= 25))
    })

    if (kind === 'pglite')
      it('gives identical rows for the same seed (hashes of every directory table in a second database)', async () => {
        const other = await openTestDatabase('pglite')
        try {
          await runStages(other.database.db, [directoryStage])
          assert.deepEqual(await tableHashes(other.database.db), await tableHashes(db()))
        } finally {
          await other.dispose()
        }
      })
  })
}
