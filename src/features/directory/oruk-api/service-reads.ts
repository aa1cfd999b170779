import { directoryVersion } from '../version.js'
import type { OrukCache } from './cache.js'
import type { ListQuery } from './query.js'
import { basicServicesById, findService, listServices, unfiltered, visibleServiceIds } from './repository.js'
import type { Db } from './rows.js'
import { omitEmpty, page } from './serialise.js'

/*
 * The /oruk/services reads as finished response bodies, through the cache (cache.ts). A list of every visible service
 * is put together from the kept id order and each service's kept serialisation, so walking the whole directory costs
 * one read per service per directory version; other lists and single services are kept whole. The bodies are the
 * same bytes the uncached path writes (tested in service-reads.test.ts).
 */

/** A page's JSON from its items' JSON: the envelope of `page()` with the items spliced in (`contents` is its last field). */
export function pageBody(items: string[], total: number, pageNumber: number, perPage: number): string {
  const envelope = JSON.stringify({ ...page(items, total, pageNumber, perPage), contents: [] })
  return `${envelope.slice(0, -2)}${items.join(',')}]}`
}

export function serviceReads(db: Db, cache: OrukCache) {
  /** A page of every visible service, or undefined when the directory moved under the read (then read it directly). */
  async function wholeListPage(version: string, q: ListQuery): Promise<string | undefined> {
    const ids = await cache.visibleIds(version, () => visibleServiceIds(db))
    const start = (q.page - 1) * q.perPage
    const pageIds = ids.slice(start, start + q.perPage)
    const items = pageIds.map((id) => cache.get(version, `service:${id}`))
    const missing = pageIds.filter((_id, i) => items[i] === undefined)
    if (missing.length) {
      const read = await basicServicesById(db, missing)
      for (const [i, id] of pageIds.entries()) {
        if (items[i] !== undefined) continue
        const service = read.get(id)
        if (!service) return undefined
        const json = JSON.stringify(omitEmpty(service))
        cache.set(version, `service:${id}`, json)
        items[i] = json
      }
    }
    return pageBody(items as string[], ids.length, q.page, q.perPage)
  }

  return {
    async list(q: ListQuery): Promise<string> {
      const version = await directoryVersion(db)
      if (unfiltered(q)) {
        const body = await wholeListPage(version, q)
        if (body !== undefined) return body
      }
      const key = `services?${JSON.stringify(q)}`
      const kept = cache.get(version, key)
      if (kept !== undefined) return kept
      const { total, contents } = await listServices(db, q, q)
      const body = JSON.stringify(page(contents.map(omitEmpty), total, q.page, q.perPage))
      cache.set(version, key, body)
      return body
    },

    /** One visible service in full, or undefined. */
    async one(id: string): Promise<string | undefined> {
      const version = await directoryVersion(db)
      const key = `service-full:${id}`
      const kept = cache.get(version, key)
      if (kept !== undefined) return kept
      const service = await findService(db, id)
      if (!service) return undefined
      const body = JSON.stringify(omitEmpty(service))
      cache.set(version, key, body)
      return body
    },
  }
}
