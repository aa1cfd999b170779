/**
 * The directory search's raw queries and the ORUK /services page query, timed directly against the database (the
 * floor the HTTP numbers are compared with; issue 9). Run after bench/explain-directory-search.ts has filled a
 * throwaway PostgreSQL database with 25,000 services:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cyswllt_explain npx tsx bench/time-directory-search.ts [runs]
 *
 * Each scenario runs a few times to warm up, then `runs` times (default 50) one after another; it prints the median,
 * the 95th percentile and the rows found, as Markdown.
 */
import { sql } from 'kysely'
import { listServices } from '../src/features/directory/oruk-api/repository.js'
import { parseSearch } from '../src/features/directory/search/query.js'
import { buildSearch, matchWords, searchServices } from '../src/features/directory/search/repository.js'
import { openPostgres } from '../src/platform/db/database.js'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('Set DATABASE_URL to the database bench/explain-directory-search.ts filled.')
  process.exit(64)
}
const runs = Number(process.argv[2] ?? 50)
const database = openPostgres(url, 2)
const db = database.db

const codes = (await db.selectFrom('taxonomy_terms').select('code').where('code', 'is not', null).execute()).map((r) => r.code ?? '')
const cardiff = { latitude: 51.4816, longitude: -3.1791 }
const searches: { title: string; raw: Record<string, unknown>; origin: typeof cardiff | null }[] = [
  { title: 'Words, English (`walking group`)', raw: { q: 'walking group' }, origin: null },
  { title: 'Words, Welsh without accents (`grwp cerdded`)', raw: { q: 'grwp cerdded' }, origin: null },
  { title: 'Words, one misspelt (`comunity garden`)', raw: { q: 'comunity garden' }, origin: null },
  { title: 'Words + category + 10 km of CF10 1AA', raw: { q: 'walk', category: 'physical_activity', postcode: 'CF10 1AA', within: '10', sort: 'distance' }, origin: cardiff },
  { title: 'Category + 25 km of CF10 1AA', raw: { category: 'green', postcode: 'CF10 1AA', within: '25' }, origin: cardiff },
]

async function time(run: () => Promise<number>): Promise<{ median: number; p95: number; found: number }> {
  let found = 0
  for (let i = 0; i < 3; i++) found = await run()
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    await run()
    ms.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  ms.sort((a, b) => a - b)
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] ?? 0
  return { median: at(0.5), p95: at(0.95), found }
}

const services = Number((await sql<{ n: string }>`select count(*) as n from services`.execute(db)).rows[0]?.n)
console.log(`Raw queries, ${services} services, ${runs} runs each\n`)
console.log('| Query | Median ms | p95 ms | Found |\n|---|---:|---:|---:|')
const row = (title: string, r: { median: number; p95: number; found: number }) => console.log(`| ${title} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.found} |`)
for (const s of searches) {
  const { query, errors } = parseSearch(s.raw, codes)
  if (errors.length) throw new Error(`${s.title}: ${JSON.stringify(errors)}`)
  // The raw query: the word lookup in directory_words, then the one search statement (docs/adr/0009-word-search.md).
  row(`search statement: ${s.title}`, await time(async () => Number((await buildSearch(db, query, s.origin, await matchWords(db, query.normalised)).execute())[0]?.total ?? 0)))
  row(`searchServices: ${s.title}`, await time(async () => (await searchServices(db, query, s.origin)).total))
}
for (const page of [1, 250]) {
  row(`ORUK listServices page ${page} of 50`, await time(async () => (await listServices(db, {}, { page, perPage: 50 })).total))
}
await database.close()
