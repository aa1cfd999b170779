import { type Kysely, type Selectable, sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'

/* Small helpers the ORUK reads share. */

export type Db = Kysely<DB>

export interface Paging {
  page: number
  perPage: number
}

/** Ids (read from the database, so only hex and hyphens) as one `uuid[]` parameter, for `= any(…)`. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

export const likeEscape = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`)

export const offset = (paging: Paging) => (paging.page - 1) * paging.perPage

/** The lists whose rows are sent as they are, by name: organisations and taxonomies. */
type NamedTable = 'directory_organisations' | 'taxonomies'

/**
 * One page of a table's rows by name (then id), those whose name contains `search` if it is given, and how many
 * such rows there are in all: the count and the page, run together.
 */
export async function pageByName<T extends NamedTable>(
  db: Db,
  table: T,
  search: string | undefined,
  paging: Paging,
): Promise<{ total: number; rows: Selectable<DB[T]>[] }> {
  let base = db.selectFrom(table as NamedTable)
  if (search) base = base.where('name', 'ilike', `%${likeEscape(search)}%`)
  const [counted, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
    base.selectAll().orderBy('name').orderBy('id').limit(paging.perPage).offset(offset(paging)).execute(),
  ])
  return { total: Number(counted?.count ?? 0), rows: rows as Selectable<DB[T]>[] }
}

export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

export const unique = <T>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
]
