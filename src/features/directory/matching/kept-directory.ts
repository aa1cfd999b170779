import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { earthPoint } from '../earth.js'

type Db = Kysely<DB> | Transaction<DB>

/**
 * What matching reads of the directory on every person page, kept per database until the directory version moves
 * (migrations 0035, 0045: every directory table moves it, in the change's own transaction; issue 9):
 *
 * - `services`: every active, published service in a category, with its categories (taxonomy codes, in order), and
 *   `places`: the points of their locations (about 1 MB of typed arrays at 25,000 services). The services near a
 *   person are measured from these in memory (repository.ts, earth.ts: as the database measures): in a city,
 *   4,000–9,000 locations lie within 25 km, and finding, measuring and grouping them was a statement of 65 ms
 *   (median; 130 ms p95) on every view at national size.
 * - `columns`: what matching reads of each of those services (`candidateColumns`), by the same index. Reading the
 *   themed services near the person by id was the page's costliest statement left (about 175 rows with their arrays,
 *   2 ms, at national size), for rows that only change with the version. The arrays and codes that services share are
 *   kept once, so the 25,000 rows cost about the names' strings.
 * - `placeless`: which of them have no place (no location with a latitude: reached by phone, online or anywhere).
 *   Matching suggests them wherever the person lives (about a tenth of the directory, 2,246 services at 25,000).
 *
 * The version and, when it moved, the rows are read through the caller's transaction, so on PGlite (one connection)
 * nothing waits for a second one, and what is kept is never older than the version it is kept under. `database` only
 * says whose directory it is: each database (tests open several in one process) keeps its own.
 */
export interface KeptDirectory {
  /** The taxonomy codes any kept service is in; a code's index here is how `services.codes` names it. */
  codes: string[]
  /**
   * The active, published services in a category, by index: their ids, and each one's codes (indexes into `codes`,
   * in code order) from `starts[i]` to `starts[i + 1]`.
   */
  services: { ids: string[]; starts: Uint32Array; codes: Uint16Array }
  /** Each service's columns as matching reads them, by the same index. */
  columns: ServiceColumns[]
  /** The indexes of the services with no place, in id order. */
  placeless: Int32Array
  /**
   * Every located place of those services (a service may have several): its service's index and its point, in
   * order of z.
   */
  places: { service: Int32Array; x: Float64Array; y: Float64Array; z: Float64Array }
}

const kept = new WeakMap<object, { version: string; directory: Promise<KeptDirectory> }>()

export type ServiceColumns = Awaited<ReturnType<typeof readColumns>>[number]

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
  const columns = await readColumns(trx)
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
  return keep(columns, rows, located, placeless)
}

/**
 * The kept form of the rows: codes and services by index, places as typed arrays. On every view matching sifts all
 * the places (22,562 at national size) and tests each service's categories against the person's themes; as objects,
 * strings and arrays that was a sixth of the person page's time in the server under load (issue 9).
 */
export function keep(
  columns: readonly ServiceColumns[],
  categorised: readonly { id: string; codes: string[] }[],
  located: readonly { service_id: string; latitude: string | number | null; longitude: string | number | null }[],
  placeless: readonly { id: string }[],
): KeptDirectory {
  // The statements that read these run one after another, each seeing what had committed when it started: a service
  // made active between the columns and the categories has categories and no columns. It is left out; its change moved
  // the version, so the next view reads the directory again.
  const byId = new Map(columns.map((c) => [c.id, c]))
  const rows = categorised.filter((r) => byId.has(r.id))
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
  // Places of services in no category can never be suggested: they are left out. The rest are kept in order of z
  // (south to north), so matching looks only at the band of them whose z is within the distance of the person's.
  const kept = located
    .filter((r) => serviceIndex.has(r.service_id))
    .map((r) => ({ service: serviceIndex.get(r.service_id) as number, point: earthPoint(Number(r.latitude), Number(r.longitude)) }))
    .sort((a, b) => a.point.z - b.point.z)
  const places = {
    service: new Int32Array(kept.length),
    x: new Float64Array(kept.length),
    y: new Float64Array(kept.length),
    z: new Float64Array(kept.length),
  }
  kept.forEach(({ service, point }, i) => {
    places.service[i] = service
    places.x[i] = point.x
    places.y[i] = point.y
    places.z[i] = point.z
  })
  const shared = sharing()
  const keptColumns = ids.map((id) => shared(byId.get(id) as ServiceColumns))
  const placelessIndexes = Int32Array.from(
    placeless.map((r) => serviceIndex.get(r.id)).filter((i): i is number => i !== undefined),
  )
  return { codes, services: { ids, starts, codes: serviceCodes }, columns: keptColumns, placeless: placelessIndexes, places }
}

/**
 * The same arrays and codes once for every service that has them: a few hundred distinct lists of accessibility
 * features, life stages and ways of attending among 25,000 services, each otherwise an array of its own.
 */
function sharing(): (row: ServiceColumns) => ServiceColumns {
  const lists = new Map<string, string[]>()
  const texts = new Map<string, string>()
  const list = (value: string[]) => {
    const key = value.join('\u0000')
    const found = lists.get(key)
    if (found) return found
    lists.set(key, value)
    return value
  }
  const text = <T extends string | null>(value: T): T => {
    if (value === null) return value
    const found = texts.get(value)
    if (found !== undefined) return found as T
    texts.set(value, value)
    return value
  }
  return (row) => ({
    ...row,
    status: text(row.status),
    accessibility_features: list(row.accessibility_features),
    welsh_provision: text(row.welsh_provision),
    life_stages: list(row.life_stages),
    minimum_age: text(row.minimum_age),
    maximum_age: text(row.maximum_age),
    capacity_status: text(row.capacity_status),
    attending_types: list(row.attending_types),
  })
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

/** The candidate columns of every active, published service (those in no category are dropped by keep). */
function readColumns(trx: Db) {
  return trx
    .selectFrom('services as s')
    .select([...candidateColumns])
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .execute()
}

/** The active, published services with no place to measure from, by id. */
function readPlaceless(trx: Db) {
  return trx
    .selectFrom('services as s')
    .select('s.id')
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .where(
      sql<boolean>`not exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id
        where sal.service_id = s.id and l.latitude is not null)`,
    )
    .orderBy('s.id')
    .execute()
}
