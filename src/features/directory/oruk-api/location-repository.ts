import { sql } from 'kysely'
import { locate } from '../../referrals/repository.js'
import { type OrukObject, schedule } from './serialise.js'
import { basicServices, locationsById, type ServiceFilter, serviceCondition } from './repository.js'
import { type Db, groupBy, offset, type Paging, unique } from './rows.js'

/* Services at locations for the Open Referral UK API, near a point or not; only visible services. */

export interface Point {
  latitude: number
  longitude: number
}

/** The centre of a postcode from the postcode file (or its district's centre), or null when unknown. */
export async function postcodeCentre(db: Db, postcode: string): Promise<Point | null> {
  const place = await locate(db, postcode, null)
  return place.latitude !== null && place.longitude !== null
    ? { latitude: place.latitude, longitude: place.longitude }
    : null
}

export interface Near {
  point: Point
  /** Metres; without it every location with coordinates is listed, nearest first. */
  proximity?: number
}

/**
 * Services at locations, for visible services only. Near a point: only located ones, within `proximity` metres
 * when given (the cube index narrows with earth_box, earth_distance checks the circle), nearest first.
 */
export async function listServiceAtLocations(
  db: Db,
  filter: ServiceFilter,
  near: Near | undefined,
  paging: Paging,
): Promise<{ total: number; contents: OrukObject[] }> {
  const from = near ? sql`location_earth(${near.point.latitude}::float8, ${near.point.longitude}::float8)` : undefined
  const at = sql`location_earth(locations.latitude, locations.longitude)`
  const distance = sql<number>`earth_distance(${from}, ${at})`
  let base = db
    .selectFrom('service_at_locations')
    .innerJoin('locations', 'locations.id', 'service_at_locations.location_id')
    .innerJoin('services', 'services.id', 'service_at_locations.service_id')
    .where(
      'service_at_locations.service_id',
      'in',
      db.selectFrom('services').select('services.id').where(serviceCondition(filter)),
    )
  if (near) {
    base = base.where('locations.latitude', 'is not', null).where('locations.longitude', 'is not', null)
    if (near.proximity !== undefined)
      base = base
        .where(sql<boolean>`earth_box(${from}, ${near.proximity}::float8) @> ${at}`)
        .where(distance, '<=', near.proximity)
  }
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst()
  let ordered = base.select([
    'service_at_locations.id',
    'service_at_locations.service_id',
    'service_at_locations.location_id',
  ])
  ordered = near
    ? ordered.orderBy(distance).orderBy('service_at_locations.id')
    : ordered.orderBy('services.name').orderBy('locations.name').orderBy('service_at_locations.id')
  const rows = await ordered.limit(paging.perPage).offset(offset(paging)).execute()
  return { total: Number(counted?.count ?? 0), contents: await salObjects(db, rows) }
}

async function salObjects(
  db: Db,
  rows: { id: string; service_id: string; location_id: string }[],
): Promise<OrukObject[]> {
  if (!rows.length) return []
  const serviceIds = unique(rows.map((r) => r.service_id))
  const [serviceRows, locations, schedules] = await Promise.all([
    db.selectFrom('services').selectAll().where('id', 'in', serviceIds).execute(),
    locationsById(db, unique(rows.map((r) => r.location_id))),
    db
      .selectFrom('schedules')
      .selectAll()
      .where(
        'service_at_location_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute(),
  ])
  const services = new Map((await basicServices(db, serviceRows)).map((s) => [s.id as string, s]))
  const schedulesOf = groupBy(schedules, (s) => s.service_at_location_id)
  return rows.map((r) => ({
    id: r.id,
    service_id: r.service_id,
    location_id: r.location_id,
    service: services.get(r.service_id),
    location: locations.get(r.location_id),
    schedules: (schedulesOf.get(r.id) ?? []).map(schedule),
  }))
}

export async function findServiceAtLocation(db: Db, id: string): Promise<OrukObject | undefined> {
  const row = await db
    .selectFrom('service_at_locations')
    .select(['service_at_locations.id', 'service_at_locations.service_id', 'service_at_locations.location_id'])
    .where('service_at_locations.id', '=', id)
    .where(
      'service_at_locations.service_id',
      'in',
      db.selectFrom('services').select('services.id').where(serviceCondition({})),
    )
    .executeTakeFirst()
  if (!row) return undefined
  const [sal] = await salObjects(db, [row])
  return sal
}

