import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { type EarthPoint, earthPoint } from '../earth.js'

type Db = Kysely<DB> | Transaction<DB>

/**
 * What matching reads of the directory on every person page, kept per database until the directory version moves
 * (migrations 0035, 0045: every directory table moves it, in the change's own transaction; issue 9):
 *
 * - `placeless`: the services with no place (no location with a latitude: reached by phone, online or anywhere),
 *   active and published, with every category they are in. Matching suggests them wherever the person lives, so every
 *   view read the same rows (about a tenth of the directory, 2,246 services at 25,000).
 * - `categories`: every active, published service's categories (taxonomy codes, in order), and `places`: the points
 *   of their locations (a few megabytes at 25,000 services). The services near a person are measured from these in
 *   memory (repository.ts, earth.ts: as the database measures), and only the themed ones among them read from the
 *   database: in a city, 4,000–9,000 locations lie within 25 km, and finding, measuring and grouping them was a
 *   statement of 65 ms (median; 130 ms p95) on every view at national size.
 *
 * The version and, when it moved, the rows are read through the caller's transaction, so on PGlite (one connection)
 * nothing waits for a second one, and what is kept is never older than the version it is kept under. `database` only
 * says whose directory it is: each database (tests open several in one process) keeps its own.
 */
export interface KeptDirectory {
  placeless: PlacelessRow[]
  categories: Map<string, string[]>
  places: { serviceIds: string[]; points: EarthPoint[] }
}

const kept = new WeakMap<object, { version: string; directory: Promise<KeptDirectory> }>()

export type PlacelessRow = Awaited<ReturnType<typeof readPlaceless>>[number]

export async function keptDirectory(database: object, trx: Db): Promise<KeptDirectory> {
  const { version } = await trx.selectFrom('directory_versions').select('version').executeTakeFirstOrThrow()
  const had = kept.get(database)
  if (had?.version === String(version)) return had.directory
  const directory = readDirectory(trx)
  kept.set(database, { version: String(version), directory })
  directory.catch(() => {
    if (kept.get(database)?.directory === directory) kept.delete(database)
  })
  return directory
}

async function readDirectory(trx: Db): Promise<KeptDirectory> {
  const placeless = await readPlaceless(trx)
  const rows = await trx
    .selectFrom('attributes as a')
    .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
    .innerJoin('services as s', 's.id', 'a.link_id')
    .select(['a.link_id as id', sql<string[]>`array_agg(distinct tt.code order by tt.code)`.as('codes')])
    .where('a.link_type', '=', 'service')
    .where('tt.code', 'is not', null)
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .groupBy('a.link_id')
    .execute()
  const located = await trx
    .selectFrom('service_at_locations as sal')
    .innerJoin('locations as l', 'l.id', 'sal.location_id')
    .innerJoin('services as s', 's.id', 'sal.service_id')
    .select(['sal.service_id', 'l.latitude', 'l.longitude'])
    .where('l.latitude', 'is not', null)
    .where('l.longitude', 'is not', null)
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .execute()
  return {
    placeless,
    categories: new Map(rows.map((r) => [r.id, r.codes])),
    places: {
      serviceIds: located.map((r) => r.service_id),
      points: located.map((r) => earthPoint(Number(r.latitude), Number(r.longitude))),
    },
  }
}

/** The service columns matching reads of a candidate (`s` is the service), here and in repository.ts. */
export const candidateColumns = [
  's.id',
  's.name',
  's.name_cy',
  's.status',
  's.published',
  's.accessibility_features',
  's.welsh_provision',
  's.life_stages',
  's.minimum_age',
  's.maximum_age',
  's.capacity_status',
  's.waiting_list_weeks',
  's.attending_types',
] as const

function readPlaceless(trx: Db) {
  return trx
    .selectFrom('services as s')
    .select([
      ...candidateColumns,
      sql<string[]>`array(select distinct tt.code from attributes a join taxonomy_terms tt on tt.id = a.taxonomy_term_id
        where a.link_type = 'service' and a.link_id = s.id order by tt.code)`.as('categories'),
      sql<number | null>`null::float8`.as('metres'),
      sql<boolean>`false`.as('located'),
    ])
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .where(
      sql<boolean>`not exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id
        where sal.service_id = s.id and l.latitude is not null)`,
    )
    .orderBy('s.id')
    .execute()
}
