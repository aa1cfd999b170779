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

/**
 * How many services one read fetches for a client walking through the whole list (its previous page is kept or on
 * its way): that page and the next ones, up to this many services, in one statement. A harvest of 25,000 services
 * then costs 50 statements instead of 500, and each page's share of the statement's fixed costs (planning, round
 * trips, the pool) a tenth. A client reading one page alone reads only that page.
 */
export const READ_AHEAD_SERVICES = 500

const json = (body: OrukObject | ReturnType<typeof page>) => Buffer.from(JSON.stringify(body))
const keyOf = (q: ListQuery) => `services?${JSON.stringify(q)}`

export function serviceReads(db: Db, cache: OrukCache) {
  /**
   * Pages of every visible service, read together, each kept when read. A page whose services moved under the read
   * (one of them no longer visible) is left undefined: its request reads it directly.
   */
  async function wholeListPages(version: string, q: ListQuery, pageNumbers: number[]): Promise<Map<number, Buffer | undefined>> {
    const ids = await cache.visibleIds(version, () => visibleServiceIds(db))
    const slice = (n: number) => ids.slice((n - 1) * q.perPage, n * q.perPage)
    const read = await basicServicesById(db, pageNumbers.flatMap(slice))
    const bodies = new Map<number, Buffer | undefined>()
    for (const n of pageNumbers) {
      const contents: OrukObject[] = []
      for (const id of slice(n)) {
        const service = read.get(id)
        if (!service) break
        contents.push(omitEmpty(service))
      }
      const body = contents.length === slice(n).length ? json(page(contents, ids.length, n, q.perPage)) : undefined
      if (body !== undefined) cache.set(version, keyOf({ ...q, page: n }), body)
      bodies.set(n, body)
    }
    return bodies
  }

  /**
   * The read of an unfiltered page not kept: the one on its way, or a new one, reading ahead when the client is
   * walking. Decided and noted before the first await, so requests arriving together share reads.
   */
  function wholeListPage(version: string, q: ListQuery): Promise<Buffer | undefined> {
    const key = keyOf(q)
    const onItsWay = cache.reading(version, key)
    if (onItsWay) return onItsWay
    const pageNumbers = [q.page]
    if (q.page > 1 && cache.holds(version, keyOf({ ...q, page: q.page - 1 }))) {
      const ahead = Math.max(1, Math.floor(READ_AHEAD_SERVICES / q.perPage))
      // Pages past the end are empty pages with their envelope, as they would be read alone.
      for (let n = q.page + 1; n < q.page + ahead; n++)
        if (!cache.holds(version, keyOf({ ...q, page: n }))) pageNumbers.push(n)
    }
    const reading = wholeListPages(version, q, pageNumbers)
    for (const n of pageNumbers) {
      cache.read(
        version,
        keyOf({ ...q, page: n }),
        reading.then((bodies) => bodies.get(n)),
      )
    }
    return cache.reading(version, key) ?? reading.then((bodies) => bodies.get(q.page))
  }

  return {
    async list(q: ListQuery): Promise<Buffer> {
      const version = await directoryVersion(db)
      const key = keyOf(q)
      const kept = cache.get(version, key)
      if (kept !== undefined) return kept
      if (unfiltered(q)) {
        const body = await wholeListPage(version, q)
        if (body !== undefined) return body
      }
      const { total, contents } = await listServices(db, q, q)
      const body = json(page(contents.map(omitEmpty), total, q.page, q.perPage))
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
