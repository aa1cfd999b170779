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
const kept = new WeakMap<object, { version: string; rows: Promise<PlacelessRow[]> }>()

export type PlacelessRow = Awaited<ReturnType<typeof readPlaceless>>[number]

export async function placelessServices(database: object, trx: Db): Promise<PlacelessRow[]> {
  const { version } = await trx.selectFrom('directory_versions').select('version').executeTakeFirstOrThrow()
  const had = kept.get(database)
  if (had?.version === String(version)) return had.rows
  const rows = readPlaceless(trx)
  kept.set(database, { version: String(version), rows })
  rows.catch(() => {
    if (kept.get(database)?.rows === rows) kept.delete(database)
  })
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
