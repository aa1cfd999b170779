import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'

type Db = Kysely<DB> | Transaction<DB>

/**
 * The services with no place (no location with a latitude: reached by phone, online or anywhere), active and
 * published, with every category they are in. Matching suggests them wherever the person lives, so every person
 * page read the same rows (about a tenth of the directory, 2,246 services at 25,000) on every view (issue 9). They
 * are kept per database until the directory version moves (migrations 0035, 0045: every directory table moves it,
 * in the change's own transaction).
 *
 * The version and, when it moved, the rows are read through the caller's transaction, so on PGlite (one connection)
 * nothing waits for a second one, and what is kept is never older than the version it is kept under. `database` only
 * says whose list it is: each database (tests open several in one process) keeps its own.
 */
const kept = new WeakMap<object, { version: string; rows: Promise<PlacelessRow[]> | null; near: Map<string, Promise<unknown>> }>()

export type PlacelessRow = Awaited<ReturnType<typeof readPlaceless>>[number]

/** The directory's version, read through the caller's transaction (see above). */
export async function directoryVersion(trx: Db): Promise<string> {
  const { version } = await trx.selectFrom('directory_versions').select('version').executeTakeFirstOrThrow()
  return String(version)
}

/** What `database` keeps for the directory at `version`; a newer version starts afresh. */
function keptFor(database: object, version: string) {
  const had = kept.get(database)
  if (had?.version === version) return had
  const entry = { version, rows: null, near: new Map<string, Promise<unknown>>() }
  kept.set(database, entry)
  return entry
}

export function placelessServices(database: object, trx: Db, version: string): Promise<PlacelessRow[]> {
  const entry = keptFor(database, version)
  if (entry.rows) return entry.rows
  const rows = readPlaceless(trx)
  entry.rows = rows
  rows.catch(() => {
    if (entry.rows === rows) entry.rows = null
  })
  return rows
}

/**
 * How many near-candidate lists a database keeps per directory version. Each is one origin, distance and set of
 * categories (a few hundred services at national size, tens of kilobytes), so this bounds it to a few megabytes.
 */
export const NEAR_KEPT = 64

/**
 * The services near a place that are in any of some categories, kept like the placeless list: per database and
 * directory version, keyed by `key` (the origin, the distance and the categories), the least recently used dropped
 * beyond NEAR_KEPT. A person's page suggests services on every view, and a practitioner comes back to the same
 * person's page many times while working (issue 9: this statement was the largest of the page's, about a fifth of its
 * database time at national size). Whatever the directory changes moves its version, so nothing kept is stale.
 */
export function nearServices<T>(database: object, version: string, key: string, read: () => Promise<T>): Promise<T> {
  const { near } = keptFor(database, version)
  const had = near.get(key) as Promise<T> | undefined
  if (had) {
    // Most recently used last: a Map iterates in insertion order.
    near.delete(key)
    near.set(key, had)
    return had
  }
  const rows = read()
  near.set(key, rows)
  rows.catch(() => {
    if (near.get(key) === rows) near.delete(key)
  })
  while (near.size > NEAR_KEPT) near.delete(near.keys().next().value as string)
  return rows
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
