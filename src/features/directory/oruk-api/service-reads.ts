import { directoryVersion } from '../version.js'
import type { OrukCache } from './cache.js'
import type { ListQuery } from './query.js'
import { basicServicesById, findService, listServices, unfiltered, visibleServiceIds } from './repository.js'
import type { Db } from './rows.js'
import { omitEmpty, type OrukObject, page } from './serialise.js'

/*
 * The /oruk/services reads as finished response bodies, through the cache (cache.ts): each body is kept whole, as
 * the bytes sent, under the directory version it was read at. A page of the unfiltered list not yet kept is a slice
 * of the kept id order, read by id (no walk past the earlier pages). The bodies are the same bytes the uncached
 * reads give (service-reads.test.ts).
 */

const json = (body: OrukObject | ReturnType<typeof page>) => Buffer.from(JSON.stringify(body))

export function serviceReads(db: Db, cache: OrukCache) {
  /** A page of every visible service, or undefined when the directory moved under the read (then read it directly). */
  async function wholeListPage(version: string, q: ListQuery): Promise<Buffer | undefined> {
    const ids = await cache.visibleIds(version, () => visibleServiceIds(db))
    const start = (q.page - 1) * q.perPage
    const pageIds = ids.slice(start, start + q.perPage)
    const read = await basicServicesById(db, pageIds)
    const contents: OrukObject[] = []
    for (const id of pageIds) {
      const service = read.get(id)
      if (!service) return undefined
      contents.push(omitEmpty(service))
    }
    return json(page(contents, ids.length, q.page, q.perPage))
  }

  async function listed(version: string, q: ListQuery): Promise<Buffer> {
    if (unfiltered(q)) {
      const body = await wholeListPage(version, q)
      if (body !== undefined) return body
    }
    const { total, contents } = await listServices(db, q, q)
    return json(page(contents.map(omitEmpty), total, q.page, q.perPage))
  }

  return {
    async list(q: ListQuery): Promise<Buffer> {
      const version = await directoryVersion(db)
      const key = `services?${JSON.stringify(q)}`
      const kept = cache.get(version, key)
      if (kept !== undefined) return kept
      const body = await listed(version, q)
      cache.set(version, key, body)
      return body
    },

    /** One visible service in full, or undefined. */
    async one(id: string): Promise<Buffer | undefined> {
      const version = await directoryVersion(db)
      const key = `services/${id}`
      const kept = cache.get(version, key)
      if (kept !== undefined) return kept
      const service = await findService(db, id)
      if (!service) return undefined
      const body = json(omitEmpty(service))
      cache.set(version, key, body)
      return body
    },
  }
}
