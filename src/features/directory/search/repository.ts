import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { nearestLocations } from '../distance.js'
import type { Origin, SearchQuery } from './query.js'

type Db = Kysely<DB>

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)
const textArray = (values: readonly string[]) => sql<string[]>`array[${sql.join(values.map((v) => sql`${v}`))}]::text[]`

/**
 * The directory search as one SQL statement (pure: it only builds the query). Only active, published services.
 * Words match the trigram index on `search_text` two ways (word similarity `search_text %> q`, which finds a few words
 * inside a long text — written with the column on the left, so the GIN index applies — and ILIKE for a substring) and rank by the better of whole-text and word similarity. The whole-text
 * similarity operator `%` is deliberately not used: on PGlite with a data directory on disk it sometimes matches
 * nothing and then leaves the embedded database unable to answer any further query (docs/adr/0006).
 * Distance comes from the locations inside an `earth_box` around the origin (which the gist index on
 * `ll_to_earth(latitude, longitude)` answers), the nearest location of each service; services with no physical
 * location (phone or online only) are kept, after the located ones.
 *
 * Speed at national size (docs/directory-search.md, "Performance"): word similarity is computed once per matching
 * service (a lateral subquery, kept from being inlined by `offset 0`, since the planner would otherwise repeat it),
 * and the whole-text similarity only when it could win: it never exceeds trigrams(q) / `search_trigrams`
 * (see `rankSql`). The page's timetable days come in the same statement, evaluated after the limit.
 */
export function buildSearch(db: Db, query: SearchQuery, origin: Origin | null) {
  const words = query.normalised
  const radiusMetres = query.radiusKm * 1000

  let q = db
    .with('near', (qb) => nearestLocations(qb, origin, radiusMetres))
    .selectFrom('services')
    .leftJoin('near', 'near.service_id', 'services.id')
    .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
    .innerJoinLateral(sql<{ ws: number }>`(select ${words ? sql`word_similarity(${words}, services.search_text)` : sql`0::real`} as ws offset 0)`.as('w'), (join) => join.onTrue())
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
    .select((words ? rankSql(words) : sql<number>`0`).as('rank'))
    .select(sql<string>`count(*) over ()`.as('total'))
    .select(sql<(string | null)[]>`array(select s.byday from schedules s where s.service_id = services.id)`.as('bydays'))
    .where('services.status', '=', 'active')
    .where('services.published', '=', true)

  if (words) {
    q = q.where(sql<boolean>`(services.search_text %> ${words} or services.search_text ilike ${`%${escapeLike(words)}%`})`)
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
 * The rank of a service for `words`: greatest(similarity(search_text, q), word_similarity(q, search_text)), as issue
 * 4 defined it, with `w.ws` the word similarity already computed. pg_trgm's similarity is |Q ∩ T| / |Q ∪ T| over the
 * distinct trigrams Q of the words and T of the text, so it is at most |Q| / |T| (`search_trigrams`); when word
 * similarity is at least that, it is the greater and similarity is skipped. The product is taken in float8, where a
 * real times an integer is exact, so the shortcut never picks a different value from greatest(…).
 */
export function rankSql(words: string) {
  return sql<number>`case when w.ws::float8 * services.search_trigrams >= coalesce(array_length(show_trgm(${words}), 1), 0) then w.ws else greatest(similarity(services.search_text, ${words}), w.ws) end`
}

export type SearchRow = Awaited<ReturnType<ReturnType<typeof buildSearch>['execute']>>[number]

export interface SearchPage {
  total: number
  rows: (Omit<SearchRow, 'total' | 'metres' | 'rank' | 'bydays'> & { metres: number | null; rank: number; bydays: string[] })[]
}

export async function searchServices(db: Db, query: SearchQuery, origin: Origin | null): Promise<SearchPage> {
  const rows = await buildSearch(db, query, origin).execute()
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

/** The categories (taxonomy terms) of the social prescribing taxonomy, for the filter. */
export function categoryTerms(db: Db) {
  return db.selectFrom('taxonomy_terms').select(['id', 'code', 'name', 'name_cy']).where('code', 'is not', null).orderBy('name').execute()
}

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
