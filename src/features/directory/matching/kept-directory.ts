import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { earthPoint } from '../earth.js'

type Db = Kysely<DB> | Transaction<DB>

/**
 * What matching reads of the directory on every person page, kept per database until the directory version moves
 * (migrations 0035, 0045: every directory table moves it, in the change's own transaction; issue 9):
 *
 * - `placeless`: the services with no place (no location with a latitude: reached by phone, online or anywhere),
 *   active and published, with every category they are in. Matching suggests them wherever the person lives, so every
 *   view read the same rows (about a tenth of the directory, 2,246 services at 25,000).
 * - `services`: every active, published service in a category, with its categories (taxonomy codes, in order), and
 *   `places`: the points of their locations (about 1 MB of typed arrays at 25,000 services). The services near a
 *   person are measured from these in memory (repository.ts, earth.ts: as the database measures), and only the
 *   themed ones among them read from the database: in a city, 4,000–9,000 locations lie within 25 km, and finding,
 *   measuring and grouping them was a statement of 65 ms (median; 130 ms p95) on every view at national size.
 *
 * The version and, when it moved, the rows are read through the caller's transaction, so on PGlite (one connection)
 * nothing waits for a second one, and what is kept is never older than the version it is kept under. `database` only
 * says whose directory it is: each database (tests open several in one process) keeps its own.
 */
export interface KeptDirectory {
  placeless: PlacelessRow[]
  /** Each placeless service's index in `services`, or -1 for one in no category (never suggested). */
  placelessService: Int32Array
  /** The taxonomy codes any kept service is in; a code's index here is how `services.codes` names it. */
  codes: string[]
  /**
   * The active, published services in a category, by index: their ids, and each one's codes (indexes into `codes`,
   * in code order) from `starts[i]` to `starts[i + 1]`.
   */
  services: { ids: string[]; starts: Uint32Array; codes: Uint16Array }
  /** Every located place of those services (a service may have several): its service's index and its point. */
  places: { service: Int32Array; x: Float64Array; y: Float64Array; z: Float64Array }
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
  return keep(placeless, rows, located)
}

/**
 * The kept form of the rows: codes and services by index, places as typed arrays. On every view matching sifts all
 * the places (22,562 at national size) and tests each service's categories against the person's themes; as objects,
 * strings and arrays that was a sixth of the person page's time in the server under load (issue 9).
 */
export function keep(
  placeless: PlacelessRow[],
  rows: readonly { id: string; codes: string[] }[],
  located: readonly { service_id: string; latitude: string | number | null; longitude: string | number | null }[],
): KeptDirectory {
  const codeIndex = new Map<string, number>()
  const codes: string[] = []
  const indexOf = (code: string) => {
    let found = codeIndex.get(code)
    if (found === undefined) {
      found = codes.length
      codes.push(code)
      codeIndex.set(code, found)
    }
    return found
  }
  const serviceIndex = new Map<string, number>()
  const ids: string[] = []
  const starts = new Uint32Array(rows.length + 1)
  const serviceCodes = new Uint16Array(rows.reduce((sum, r) => sum + r.codes.length, 0))
  let at = 0
  rows.forEach((r, i) => {
    serviceIndex.set(r.id, i)
    ids.push(r.id)
    starts[i] = at
    for (const code of r.codes) serviceCodes[at++] = indexOf(code)
  })
  starts[rows.length] = at
  // Places of services in no category can never be suggested: they are left out.
  const kept = located.filter((r) => serviceIndex.has(r.service_id))
  const places = {
    service: new Int32Array(kept.length),
    x: new Float64Array(kept.length),
    y: new Float64Array(kept.length),
    z: new Float64Array(kept.length),
  }
  kept.forEach((r, i) => {
    const point = earthPoint(Number(r.latitude), Number(r.longitude))
    places.service[i] = serviceIndex.get(r.service_id) as number
    places.x[i] = point.x
    places.y[i] = point.y
    places.z[i] = point.z
  })
  const placelessService = Int32Array.from(placeless, (r) => serviceIndex.get(r.id) ?? -1)
  return { placeless, placelessService, codes, services: { ids, starts, codes: serviceCodes }, places }
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
