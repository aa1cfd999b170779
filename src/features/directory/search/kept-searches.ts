import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { directoryVersion } from '../version.js'
import type { Origin, SearchQuery } from './query.js'
import { type SearchPage, searchServices } from './repository.js'

/** How many different searches (words, filters, place, page) are kept; about 20 services' rows each. */
export const KEPT_SEARCHES = 500

/**
 * Search results kept in the process until the directory version moves (../version.ts; every table a search reads
 * moves it, migrations 0035 and 0045): the same search again is answered without its two statements. Only rows are
 * kept; everything that depends on the day or the reader's language is worked out when the page is made
 * (present.ts). Results are read after the version, so they are never older than the version they are kept under.
 * The most recently used KEPT_SEARCHES are kept. The pages and the API share the rows: they must not change them.
 */
export function keptSearches(db: Kysely<DB>) {
  let version: string | undefined
  const kept = new Map<string, Promise<SearchPage>>()
  return async (query: SearchQuery, origin: Origin | null): Promise<SearchPage> => {
    const now = await directoryVersion(db)
    if (now !== version) {
      version = now
      kept.clear()
    }
    const key = JSON.stringify([query, origin])
    const had = kept.get(key)
    if (had) {
      kept.delete(key)
      kept.set(key, had)
      return had
    }
    const result = searchServices(db, query, origin)
    kept.set(key, result)
    result.catch(() => {
      if (kept.get(key) === result) kept.delete(key)
    })
    for (const oldest of kept.keys()) {
      if (kept.size <= KEPT_SEARCHES) break
      kept.delete(oldest)
    }
    return result
  }
}
