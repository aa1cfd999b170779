import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { nearestLocations } from '../distance.js'
import { keptPerDirectoryVersion } from '../version.js'
import type { Origin, SearchQuery } from './query.js'
import { FUZZY_MIN_LENGTH, likeEscape, MAX_MATCHES_PER_WORD, queryWords, type WordMatches } from './words.js'

type Db = Kysely<DB>

const textArray = (values: readonly string[]) => sql<string[]>`array[${sql.join(values.map((v) => sql`${v}`))}]::text[]`

/**
 * The directory search as one SQL statement (pure: it only builds the query), given the directory words each query
 * word matched (`matchWords`, one small query before it; pass [] when there are no words). Only active, published services.
 * Words (docs/adr/0009-word-search.md): a service is found when, for every query word, its `search_words` hold one of
 * the words that query word matched — exact lookups that the GIN index on `search_words` answers, one `&&` per query
 * word — and ranks by the mean over the query words of the best similarity among the matches it has (`rankSql`). The
 * fuzzy part (misspellings) happened on the few thousand distinct words, not on each service's long text.
 * Distance comes from the locations inside an `earth_box` around the origin (which the gist index on
 * `location_earth(latitude, longitude)` answers), the nearest location of each service; services with no physical
 * location (phone or online only) are kept, after the located ones. The page's timetable days come in the same
 * statement, evaluated after the limit.
 */
export function buildSearch(db: Db, query: SearchQuery, origin: Origin | null, matched: readonly WordMatches[]) {
  const radiusMetres = query.radiusKm * 1000
  const words = query.normalised !== ''

  let q = db
    .with('near', (qb) => nearestLocations(qb, origin, radiusMetres))
    .selectFrom('services')
    .leftJoin('near', 'near.service_id', 'services.id')
    .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
    .select([
      'services.id',
      'services.name',
      'services.name_cy',
      'services.description',
      'services.description_cy',
      'services.capacity_status',
      'services.waiting_list_weeks',
      'services.capacity_confirmed_at',
      'services.last_verified_at',
      'services.welsh_provision',
      'services.free_or_low_cost',
      'services.attending_types',
      'o.name as organisation_name',
      'o.name_cy as organisation_name_cy',
      'near.metres',
    ])
    .select((words ? rankSql(matched) : sql<number>`0`).as('rank'))
    .select(sql<string>`count(*) over ()`.as('total'))
    .select(sql<(string | null)[]>`array(select s.byday from schedules s where s.service_id = services.id)`.as('bydays'))
    .where('services.status', '=', 'active')
    .where('services.published', '=', true)

  if (words) {
    // Every query word must be found; a query word that matched no directory word (or no words at all) finds nothing.
    if (matched.length === 0 || matched.some((m) => m.matches.length === 0)) q = q.where(sql<boolean>`false`)
    for (const { matches } of matched) if (matches.length) q = q.where(sql<boolean>`services.search_words && ${textArray(matches.map((m) => m.word))}`)
  }
  if (query.category) {
    const code = query.category
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('attributes as a')
          .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
          .select(sql`1`.as('one'))
          .whereRef('a.link_id', '=', 'services.id')
          .where('a.link_type', '=', 'service')
          .where('tt.code', '=', code),
      ),
    )
  }
  if (query.lifeStage) q = q.where(sql<boolean>`services.life_stages @> ${textArray([query.lifeStage])}`)
  if (query.welsh.length) q = q.where('services.welsh_provision', 'in', query.welsh)
  if (query.access.length) q = q.where(sql<boolean>`services.accessibility_features @> ${textArray(query.access)}`)
  if (query.attending.length) q = q.where(sql<boolean>`services.attending_types && ${textArray(query.attending)}`)
  if (query.freeOnly) q = q.where('services.free_or_low_cost', '=', true)
  if (query.days.length) {
    const days = query.days
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('schedules as s')
          .select(sql`1`.as('one'))
          .whereRef('s.service_id', '=', 'services.id')
          .where(sql<boolean>`string_to_array(upper(replace(s.byday, ' ', '')), ',') && ${textArray(days)}`),
      ),
    )
  }
  if (origin) {
    // Within the radius, or nowhere in particular (services reached by phone or online).
    q = q.where((eb) =>
      eb.or([
        eb('near.service_id', 'is not', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('service_at_locations as sal2')
              .innerJoin('locations as l2', 'l2.id', 'sal2.location_id')
              .select(sql`1`.as('one'))
              .whereRef('sal2.service_id', '=', 'services.id')
              .where('l2.latitude', 'is not', null),
          ),
        ),
      ]),
    )
  }

  if (query.sort === 'distance' && origin) q = q.orderBy(sql`near.metres asc nulls last`).orderBy(sql`"rank" desc`)
  else q = q.orderBy(sql`"rank" desc`).orderBy(sql`near.metres asc nulls last`)
  return q.orderBy('services.name').orderBy('services.id').limit(query.perPage).offset((query.page - 1) * query.perPage)
}

/**
 * The rank of a service: the mean, over the query words, of the best similarity among that word's matches the service
 * has (words.ts `rankOf` is the reference). Each query word's matches come best first, so the first one the service
 * has is its best. Similarities are pg_trgm's similarity() of query word and directory word: 1 for the word itself.
 */
export function rankSql(matched: readonly WordMatches[]) {
  const terms = matched
    .filter((m) => m.matches.length)
    .map(({ matches }) => sql`case ${sql.join(matches.map((m) => sql`when ${m.word}::text = any(services.search_words) then ${m.similarity}::float8`), sql` `)} else 0 end`)
  if (terms.length === 0) return sql<number>`0::float8`
  return sql<number>`(${sql.join(terms, sql` + `)}) / ${terms.length}::float8`
}

/**
 * The directory words each word of the query stands for (one small query over `directory_words`, a few thousand
 * rows): for words of FUZZY_MIN_LENGTH letters or more, those word-similar to it (`word %> w`, pg_trgm's word
 * similarity ≥ 0.6, so one or two letters wrong still match, as does a word it begins) or containing it; shorter
 * words only themselves. At most MAX_MATCHES_PER_WORD each, the most similar first. The bare `%` operator is not used
 * (docs/adr/0006).
 */
export async function matchWords(db: Db, normalised: string): Promise<WordMatches[]> {
  const words = queryWords(normalised)
  if (words.length === 0) return []
  const parts = words.map((w, n) => {
    const where = w.length >= FUZZY_MIN_LENGTH ? sql`word %> ${w} or word like ${`%${likeEscape(w)}%`}` : sql`word = ${w}`
    return sql`(select ${n}::int as n, word, similarity(${w}, word)::float8 as sim from directory_words where ${where}
      order by sim desc, word limit ${MAX_MATCHES_PER_WORD})`
  })
  const { rows } = await sql<{ n: number; word: string; sim: number }>`${sql.join(parts, sql` union all `)}`.execute(db)
  return words.map((word, n) => ({
    word,
    matches: rows.filter((r) => Number(r.n) === n).map((r) => ({ word: r.word, similarity: Number(r.sim) })),
  }))
}

export type SearchRow = Awaited<ReturnType<ReturnType<typeof buildSearch>['execute']>>[number]

export interface SearchPage {
  total: number
  rows: (Omit<SearchRow, 'total' | 'metres' | 'rank' | 'bydays'> & { metres: number | null; rank: number; bydays: string[] })[]
}

export async function searchServices(db: Db, query: SearchQuery, origin: Origin | null): Promise<SearchPage> {
  const matched = query.normalised ? await matchWords(db, query.normalised) : []
  if (query.normalised && (matched.length === 0 || matched.some((m) => m.matches.length === 0))) return { total: 0, rows: [] }
  const rows = await buildSearch(db, query, origin, matched).execute()
  const total = rows.length ? Number(rows[0]?.total) : 0
  return {
    total,
    rows: rows.map(({ total: _total, ...row }) => ({
      ...row,
      metres: row.metres === null || row.metres === undefined ? null : Number(row.metres),
      rank: Number(row.rank),
      bydays: row.bydays.map((b) => b ?? ''),
    })),
  }
}

/**
 * The categories (taxonomy terms) of the social prescribing taxonomy, for the filter: read once per directory
 * version (taxonomy terms move it, migration 0045), not on every search. Shared between requests: not to be changed.
 */
export const categoryTerms = keptPerDirectoryVersion((db: Db) =>
  db.selectFrom('taxonomy_terms').select(['id', 'code', 'name', 'name_cy']).where('code', 'is not', null).orderBy('name').execute(),
)

/** Everything the service page shows, or undefined when there is no such active, published service. */
export async function loadService(db: Db, id: string) {
  const service = await db
    .selectFrom('services')
    .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
    .selectAll('services')
    .select(['o.name as organisation_name', 'o.name_cy as organisation_name_cy', 'o.website as organisation_website'])
    .where('services.id', '=', id)
    .where('services.status', '=', 'active')
    .where('services.published', '=', true)
    .executeTakeFirst()
  if (!service) return undefined
  const [locations, schedules, contacts, phones, costs, categories, languages] = await Promise.all([
    db
      .selectFrom('service_at_locations as sal')
      .innerJoin('locations as l', 'l.id', 'sal.location_id')
      .leftJoin('addresses as a', 'a.location_id', 'l.id')
      .select(['l.id', 'l.name', 'l.name_cy', 'l.latitude', 'l.longitude', 'a.address_1', 'a.city', 'a.postal_code'])
      .where('sal.service_id', '=', id)
      .orderBy('l.name')
      .execute(),
    db.selectFrom('schedules').select(['byday', 'freq', 'opens_at', 'closes_at', 'description', 'description_cy', 'attending_type']).where('service_id', '=', id).execute(),
    db.selectFrom('contacts').select(['id', 'name', 'title', 'email']).where('service_id', '=', id).orderBy('name').execute(),
    db.selectFrom('phones').select(['contact_id', 'number', 'description']).where('service_id', '=', id).orderBy('number').execute(),
    db.selectFrom('cost_options').select(['option', 'amount', 'amount_description']).where('service_id', '=', id).execute(),
    db
      .selectFrom('attributes as a')
      .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
      .select(['tt.code', 'tt.name', 'tt.name_cy'])
      .where('a.link_id', '=', id)
      .where('a.link_type', '=', 'service')
      .orderBy('tt.name')
      .execute(),
    db.selectFrom('service_languages').select(['name', 'code']).where('service_id', '=', id).orderBy('code').execute(),
  ])
  return { service, locations, schedules, contacts, phones, costs, categories, languages }
}

export type ServiceRecord = NonNullable<Awaited<ReturnType<typeof loadService>>>
