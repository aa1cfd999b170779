/**
 * Query plans for the directory search at national size (issue 4 "Performance"; the plans in docs/directory-search.md
 * come from here). Run against a throwaway PostgreSQL database, never a real one — it adds synthetic services:
 *
 *   createdb cyswllt_explain
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cyswllt_explain npx tsx bench/explain-directory-search.ts [services]
 *
 * It applies the migrations, loads the demo directory, copies the demo services (with their categories, timetables
 * and locations moved to points spread over Wales) until there are `services` of them (default 25,000), analyses the
 * tables, and prints EXPLAIN (ANALYZE, BUFFERS) of the search's scenarios as Markdown.
 */
import { sql } from 'kysely'
import { loadDemoServices } from '../src/features/directory/demo/load.js'
import { parseSearch } from '../src/features/directory/search/query.js'
import { buildSearch, matchWords } from '../src/features/directory/search/repository.js'
import { openPostgres } from '../src/platform/db/database.js'
import { migrate } from '../src/platform/db/migrate.js'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('Set DATABASE_URL to a throwaway PostgreSQL database: this adds thousands of synthetic services to it.')
  process.exit(64)
}
const target = Number(process.argv[2] ?? 25_000)
const database = openPostgres(url, 2)
const db = database.db

await migrate(database)
await loadDemoServices(db)
const demo = await db.selectFrom('services').select(sql<number>`count(*)`.as('n')).where('search_text', 'not like', '%synthetic%').executeTakeFirstOrThrow()
let total = Number((await db.selectFrom('services').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)

// Copy round k of the demo services: ids derived from the original id and k, names and search text marked synthetic,
// one location per copy at a deterministic point inside Wales' bounding box.
for (let k = 1; total < target; k++) {
  await sql`
    insert into services (id, directory_organisation_id, name, name_cy, description, description_cy, status, how_to_access,
      capacity_status, waiting_list_weeks, capacity_confirmed_at, welsh_provision, life_stages, accessibility_features,
      attending_types, free_or_low_cost, last_verified_at, published, search_text)
    select md5(s.id::text || ${k})::uuid, s.directory_organisation_id, s.name || ' ' || ${k}, s.name_cy || ' ' || ${k},
      s.description, s.description_cy, s.status, s.how_to_access, s.capacity_status, s.waiting_list_weeks,
      s.capacity_confirmed_at, s.welsh_provision, s.life_stages, s.accessibility_features, s.attending_types,
      s.free_or_low_cost, s.last_verified_at, s.published, s.search_text || ' synthetic ' || ${k}
    from services s where s.search_text not like '%synthetic%'`.execute(db)
  await sql`
    insert into locations (id, name, latitude, longitude)
    select md5('location' || s.id::text || ${k})::uuid, s.name,
      51.4 + (('x' || substr(md5(s.id::text || ${k} || 'lat'), 1, 8))::bit(32)::bigint % 20000) / 10000.0,
      -5.1 + (('x' || substr(md5(s.id::text || ${k} || 'lon'), 1, 8))::bit(32)::bigint % 24000) / 10000.0
    from services s where s.search_text not like '%synthetic%'`.execute(db)
  await sql`
    insert into service_at_locations (id, service_id, location_id)
    select md5('sal' || s.id::text || ${k})::uuid, md5(s.id::text || ${k})::uuid, md5('location' || s.id::text || ${k})::uuid
    from services s where s.search_text not like '%synthetic%'`.execute(db)
  await sql`
    insert into attributes (id, link_id, link_type, taxonomy_term_id)
    select md5('attr' || a.id::text || ${k})::uuid, md5(a.link_id::text || ${k})::uuid, 'service', a.taxonomy_term_id
    from attributes a join services s on s.id = a.link_id where a.link_type = 'service' and s.search_text not like '%synthetic%'`.execute(db)
  await sql`
    insert into schedules (id, service_id, freq, byday, opens_at, closes_at)
    select md5('schedule' || sc.id::text || ${k})::uuid, md5(sc.service_id::text || ${k})::uuid, sc.freq, sc.byday, sc.opens_at, sc.closes_at
    from schedules sc join services s on s.id = sc.service_id where s.search_text not like '%synthetic%'`.execute(db)
  total += Number(demo.n)
}
await sql`analyze`.execute(db)

const codes = (await db.selectFrom('taxonomy_terms').select('code').where('code', 'is not', null).execute()).map((r) => r.code ?? '')
const cardiff = { latitude: 51.4816, longitude: -3.1791 }
const scenarios: { title: string; raw: Record<string, unknown>; origin: typeof cardiff | null }[] = [
  { title: 'Words (Welsh, no accents)', raw: { q: 'grwp cerdded' }, origin: null },
  { title: 'Words (English, one misspelt)', raw: { q: 'comunity garden' }, origin: null },
  { title: 'Words + category + distance from a postcode, sorted by distance', raw: { q: 'walk', category: 'physical_activity', postcode: 'CF10 1AA', within: '10', sort: 'distance' }, origin: cardiff },
  { title: 'Category + distance only', raw: { category: 'green', postcode: 'CF10 1AA', within: '25' }, origin: cardiff },
]

console.log(`# Directory search plans: ${total} services on PostgreSQL\n`)
for (const scenario of scenarios) {
  const { query, errors } = parseSearch(scenario.raw, codes)
  if (errors.length) throw new Error(`${scenario.title}: ${JSON.stringify(errors)}`)
  const compiled = buildSearch(db, query, scenario.origin, await matchWords(db, query.normalised)).compile()
  const plan = await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off, summary on) ${inline(compiled.sql, compiled.parameters)}`).execute(db)
  console.log(`## ${scenario.title}\n\n\`${JSON.stringify(scenario.raw)}\`\n\n\`\`\`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`)
}
await database.close()

/** EXPLAIN cannot take bind parameters: inline them as literals (this script's own values, never user input). */
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1]
    if (typeof value === 'number') return String(value)
    if (typeof value === 'boolean') return value ? 'true' : 'false'
    if (Array.isArray(value)) return `array[${value.map((v) => `'${String(v).replaceAll("'", "''")}'`).join(',')}]`
    return `'${String(value).replaceAll("'", "''")}'`
  })
}
