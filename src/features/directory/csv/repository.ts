import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { searchText } from '../search-text.js'
import { accessibilityFeatures, attendingTypes, lifeStages } from '../schema.js'
import { type CsvService, type ScheduleEntry, sortSchedule } from './layout.js'

/*
 * Reading services as CSV rows and writing CSV rows back (see docs/directory-csv.md for what each column maps to).
 * A row carries the service's first phone, its first location with that location's first address, and its weekly
 * or monthly timetable entries that have days and times; other phones, locations and timetable entries are kept.
 */

/** Cyswllt's social prescribing taxonomy (migration 0010): the `categories` column holds its term codes. */
export const CYSWLLT_TAXONOMY = 'b91865dc-96b5-5d96-99c8-d72c35f0f1dd'

export async function categoryTerms(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('taxonomy_terms')
    .select(['id', 'code'])
    .where('taxonomy_id', '=', CYSWLLT_TAXONOMY)
    .where('code', 'is not', null)
    .execute()
  return new Map(rows.map((r) => [r.code as string, r.id]))
}

const hhmm = (time: string | null) => (time ? time.slice(0, 5) : '')

/** A timetable entry a CSV cell can say: days, opening and closing times, weekly or monthly, every time. */
function asEntry(row: {
  freq: string | null
  interval: number | null
  byday: string | null
  opens_at: string | null
  closes_at: string | null
}): ScheduleEntry | null {
  const freq = (row.freq ?? 'WEEKLY').toUpperCase()
  if (
    !row.byday ||
    !row.opens_at ||
    !row.closes_at ||
    !['WEEKLY', 'MONTHLY'].includes(freq) ||
    (row.interval ?? 1) !== 1
  )
    return null
  return {
    freq: freq as ScheduleEntry['freq'],
    byday: row.byday.toUpperCase(),
    opensAt: hhmm(row.opens_at),
    closesAt: hhmm(row.closes_at),
  }
}

/** Lists in the order of their allowed values, as the CSV reader gives them: order is not a change. */
const inOrder = (allowed: readonly string[], values: readonly string[]) => [
  ...allowed.filter((a) => values.includes(a)),
  ...values.filter((v) => !allowed.includes(v)),
]
const toDate = (value: Date | string | null) => (value === null ? null : new Date(value))
const toNumber = (value: string | number | null) => (value === null || value === '' ? null : Number(value))

/** Services as CSV rows, by name; only the given ids when `ids` is set. */
export async function loadCsvServices(db: Kysely<DB>, ids?: readonly string[]): Promise<CsvService[]> {
  if (ids && ids.length === 0) return []
  let query = db
    .selectFrom('services')
    .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
    .selectAll('services')
    .select(['o.name as organisation', 'o.name_cy as organisation_cy'])
    .orderBy('services.name')
    .orderBy('services.id')
  if (ids) query = query.where('services.id', 'in', [...ids])
  const services = await query.execute()
  const wanted = services.map((s) => s.id)
  if (wanted.length === 0) return []

  const categories = await db
    .selectFrom('attributes')
    .innerJoin('taxonomy_terms as t', 't.id', 'attributes.taxonomy_term_id')
    .select(['attributes.link_id', 't.code'])
    .where('attributes.link_type', '=', 'service')
    .where('t.taxonomy_id', '=', CYSWLLT_TAXONOMY)
    .where('attributes.link_id', 'in', wanted)
    .execute()
  const phones = await db
    .selectFrom('phones')
    .select(['service_id', 'number'])
    .where('service_id', 'in', wanted)
    .orderBy('id')
    .execute()
  const places = await db
    .selectFrom('service_at_locations as sal')
    .innerJoin('locations as l', 'l.id', 'sal.location_id')
    .select(['sal.service_id', 'l.id as location_id', 'l.latitude', 'l.longitude'])
    .where('sal.service_id', 'in', wanted)
    .orderBy('sal.id')
    .execute()
  const addresses = places.length
    ? await db
        .selectFrom('addresses')
        .select(['location_id', 'address_1', 'city', 'postal_code'])
        .where(
          'location_id',
          'in',
          places.map((p) => p.location_id),
        )
        .orderBy('id')
        .execute()
    : []
  const schedules = await db
    .selectFrom('schedules')
    .select(['service_id', 'freq', 'interval', 'byday', 'opens_at', 'closes_at'])
    .where('service_id', 'in', wanted)
    .execute()

  const first = <T extends { service_id: string | null }>(rows: T[]) => {
    const map = new Map<string, T>()
    for (const row of rows) if (row.service_id && !map.has(row.service_id)) map.set(row.service_id, row)
    return map
  }
  const phoneOf = first(phones)
  const placeOf = first(places)
  const addressOf = new Map<string, (typeof addresses)[number]>()
  for (const a of addresses) if (!addressOf.has(a.location_id)) addressOf.set(a.location_id, a)

  return services.map((s) => {
    const place = placeOf.get(s.id)
    const address = place ? addressOf.get(place.location_id) : undefined
    return {
      id: s.id,
      organisation: s.organisation,
      organisationCy: s.organisation_cy,
      name: s.name,
      nameCy: s.name_cy,
      description: s.description,
      descriptionCy: s.description_cy,
      status: s.status,
      published: s.published,
      howToAccess: s.how_to_access,
      capacityStatus: s.capacity_status,
      waitingListWeeks: s.waiting_list_weeks,
      welshProvision: s.welsh_provision,
      lifeStages: inOrder(lifeStages, s.life_stages),
      accessibilityFeatures: inOrder(accessibilityFeatures, s.accessibility_features),
      attendingTypes: inOrder(attendingTypes, s.attending_types),
      categories: [...new Set(categories.filter((c) => c.link_id === s.id).map((c) => c.code as string))].sort(),
      minimumAge: toNumber(s.minimum_age),
      maximumAge: toNumber(s.maximum_age),
      freeOrLowCost: s.free_or_low_cost,
      safeguardingPolicy: s.safeguarding_policy,
      dbsChecks: s.dbs_checks,
      email: s.email,
      phone: phoneOf.get(s.id)?.number ?? null,
      website: s.url,
      address: address?.address_1 ?? null,
      town: address?.city ?? null,
      postcode: address?.postal_code ?? null,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      schedule: sortSchedule(schedules.filter((r) => r.service_id === s.id).flatMap((r) => asEntry(r) ?? [])),
      lastVerifiedAt: toDate(s.last_verified_at),
      capacityConfirmedAt: toDate(s.capacity_confirmed_at),
    }
  })
}

/** Writes one row: creates the service (with `service.id`) or brings an existing one into line with the row. */
export async function writeCsvService(
  trx: Kysely<DB>,
  service: CsvService & { id: string },
  exists: boolean,
  terms: ReadonlyMap<string, string>,
  organisations: Map<string, string>,
  now: Date,
): Promise<void> {
  const id = service.id
  let organisationId: string | null = null
  if (service.organisation) {
    const key = service.organisation.toLowerCase()
    organisationId = organisations.get(key) ?? null
    if (!organisationId) {
      organisationId = randomUUID()
      await trx
        .insertInto('directory_organisations')
        .values({
          id: organisationId,
          name: service.organisation,
          name_cy: service.organisationCy,
          created_at: now,
          updated_at: now,
        })
        .execute()
      organisations.set(key, organisationId)
    } else {
      await trx
        .updateTable('directory_organisations')
        .set({ name_cy: service.organisationCy, updated_at: now })
        .where('id', '=', organisationId)
        .where((eb) => eb('name_cy', 'is distinct from', service.organisationCy))
        .execute()
    }
  }
  const columns = {
    directory_organisation_id: organisationId,
    name: service.name,
    name_cy: service.nameCy,
    description: service.description,
    description_cy: service.descriptionCy,
    url: service.website,
    email: service.email,
    status: service.status,
    minimum_age: service.minimumAge === null ? null : String(service.minimumAge),
    maximum_age: service.maximumAge === null ? null : String(service.maximumAge),
    how_to_access: service.howToAccess,
    capacity_status: service.capacityStatus,
    waiting_list_weeks: service.waitingListWeeks,
    capacity_confirmed_at: service.capacityConfirmedAt,
    welsh_provision: service.welshProvision,
    life_stages: service.lifeStages,
    accessibility_features: service.accessibilityFeatures,
    attending_types: service.attendingTypes,
    free_or_low_cost: service.freeOrLowCost,
    safeguarding_policy: service.safeguardingPolicy,
    dbs_checks: service.dbsChecks,
    last_verified_at: service.lastVerifiedAt,
    published: service.published,
    search_text: searchText(
      service.name,
      service.nameCy,
      service.description,
      service.descriptionCy,
      service.organisation,
      service.organisationCy,
    ),
    last_modified: now,
  }
  if (exists) await trx.updateTable('services').set(columns).where('id', '=', id).execute()
  else
    await trx
      .insertInto('services')
      .values({ id, ...columns, created_at: now })
      .execute()

  // The first phone.
  const phone = await trx
    .selectFrom('phones')
    .select(['id', 'number'])
    .where('service_id', '=', id)
    .orderBy('id')
    .executeTakeFirst()
  if (phone && !service.phone) await trx.deleteFrom('phones').where('id', '=', phone.id).execute()
  else if (phone && phone.number !== service.phone)
    await trx
      .updateTable('phones')
      .set({ number: service.phone as string })
      .where('id', '=', phone.id)
      .execute()
  else if (!phone && service.phone)
    await trx.insertInto('phones').values({ id: randomUUID(), service_id: id, number: service.phone }).execute()

  await writePlace(trx, service)

  // Timetable entries the column can say are replaced; the others are kept.
  const schedules = await trx
    .selectFrom('schedules')
    .select(['id', 'freq', 'interval', 'byday', 'opens_at', 'closes_at'])
    .where('service_id', '=', id)
    .execute()
  const sayable = schedules.filter((s) => asEntry(s) !== null).map((s) => s.id)
  if (sayable.length) await trx.deleteFrom('schedules').where('id', 'in', sayable).execute()
  for (const entry of service.schedule)
    await trx
      .insertInto('schedules')
      .values({
        id: randomUUID(),
        service_id: id,
        freq: entry.freq,
        interval: 1,
        byday: entry.byday,
        opens_at: entry.opensAt,
        closes_at: entry.closesAt,
        attending_type: service.attendingTypes[0] ?? null,
      })
      .execute()

  // Categories: links to Cyswllt's taxonomy terms; links to other taxonomies are kept.
  const linked = await trx
    .selectFrom('attributes')
    .select(['attributes.id', 'attributes.taxonomy_term_id'])
    .where('link_id', '=', id)
    .where('link_type', '=', 'service')
    .execute()
  const termIds = new Set(terms.values())
  const wanted = new Set(service.categories.map((code) => terms.get(code) as string))
  const drop = linked.filter((a) => termIds.has(a.taxonomy_term_id) && !wanted.has(a.taxonomy_term_id)).map((a) => a.id)
  if (drop.length) await trx.deleteFrom('attributes').where('id', 'in', drop).execute()
  const have = new Set(linked.map((a) => a.taxonomy_term_id))
  for (const termId of wanted)
    if (!have.has(termId))
      await trx
        .insertInto('attributes')
        .values({ id: randomUUID(), link_id: id, link_type: 'service', taxonomy_term_id: termId })
        .execute()
}

/** The first location and its first address; a row with no place unlinks the service from that location. */
async function writePlace(trx: Kysely<DB>, service: CsvService & { id: string }): Promise<void> {
  const place = await trx
    .selectFrom('service_at_locations')
    .select(['id', 'location_id'])
    .where('service_id', '=', service.id)
    .orderBy('id')
    .executeTakeFirst()
  const hasPlace = service.address !== null || service.latitude !== null
  if (!hasPlace) {
    if (place) await trx.deleteFrom('service_at_locations').where('id', '=', place.id).execute()
    return
  }
  let locationId = place?.location_id
  if (!locationId) {
    locationId = randomUUID()
    await trx
      .insertInto('locations')
      .values({
        id: locationId,
        location_type: 'physical',
        name: service.address ?? service.name,
        latitude: service.latitude,
        longitude: service.longitude,
      })
      .execute()
    await trx
      .insertInto('service_at_locations')
      .values({ id: randomUUID(), service_id: service.id, location_id: locationId })
      .execute()
  } else {
    await trx
      .updateTable('locations')
      .set({ latitude: service.latitude, longitude: service.longitude })
      .where('id', '=', locationId)
      .execute()
  }
  const address = await trx
    .selectFrom('addresses')
    .select('id')
    .where('location_id', '=', locationId)
    .orderBy('id')
    .executeTakeFirst()
  if (service.address && service.town && service.postcode) {
    const values = { address_1: service.address, city: service.town, postal_code: service.postcode }
    if (address) await trx.updateTable('addresses').set(values).where('id', '=', address.id).execute()
    else
      await trx
        .insertInto('addresses')
        .values({ id: randomUUID(), location_id: locationId, ...values })
        .execute()
  } else if (address) await trx.deleteFrom('addresses').where('id', '=', address.id).execute()
}
