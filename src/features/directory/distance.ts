import { type QueryCreator, sql } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

/** Where to measure distance from (a located postcode, or a latitude and longitude). */
export interface Origin {
  latitude: number
  longitude: number
}

export const earthAt = (origin: Origin) => sql`location_earth(${origin.latitude}::float8, ${origin.longitude}::float8)`

/**
 * Each service's nearest physical location within `radiusMetres` of the origin, as `(service_id, metres)`: the
 * locations inside an `earth_box` around the origin (answered by the gist index on `location_earth(latitude, longitude)`),
 * then the box's corners cut off with `earth_distance`. Without an origin it is empty. Used as a CTE (`with('near', …)`)
 * by the directory search. Matching measures the same way in memory (earth.ts, matching/kept-directory.ts).
 */
export function nearestLocations(qb: QueryCreator<DB>, origin: Origin | null, radiusMetres: number) {
  return qb
    .selectFrom('locations as l')
    .innerJoin('service_at_locations as sal', 'sal.location_id', 'l.id')
    .select(['sal.service_id'])
    .select(origin ? sql<number>`min(earth_distance(${earthAt(origin)}, location_earth(l.latitude, l.longitude)))`.as('metres') : sql<number>`null::float8`.as('metres'))
    .where('l.latitude', 'is not', null)
    .where('l.longitude', 'is not', null)
    .where(origin ? sql<boolean>`earth_box(${earthAt(origin)}, ${radiusMetres}::float8) @> location_earth(l.latitude, l.longitude)` : sql<boolean>`false`)
    .where(origin ? sql<boolean>`earth_distance(${earthAt(origin)}, location_earth(l.latitude, l.longitude)) <= ${radiusMetres}::float8` : sql<boolean>`true`)
    .groupBy('sal.service_id')
}
