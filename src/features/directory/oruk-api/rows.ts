import { type Kysely, sql } from 'kysely'
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
