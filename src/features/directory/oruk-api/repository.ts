import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { locate } from '../../referrals/repository.js'
import {
  type AttributeRow,
  type LanguageRow,
  type LocationRow,
  type OrukObject,
  type ServiceRow,
  type TaxonomyTermRow,
  attribute,
  contact,
  costOption,
  funding,
  language,
  location,
  organization,
  phone,
  schedule,
  serviceArea,
  serviceBasic,
} from './serialise.js'

/*
 * Reads for the Open Referral UK API. Every list reads one page of parents, then each kind of child for the whole
 * page at once (`where service_id in (…)`): the number of queries does not grow with the page size.
 * Only services that are active and published are ever visible, whichever way they are reached.
 */

type Db = Kysely<DB>

export interface ServiceFilter {
  search?: string
  taxonomyTermId?: string
  taxonomyId?: string
  organizationId?: string
  modifiedAfter?: Date
}

export interface Paging {
  page: number
  perPage: number
}

export interface Point {
  latitude: number
  longitude: number
}

/** Words as search_text holds them: lower case, without accents (ŵ = w). */
export function searchWords(search: string): string[] {
  return search
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10)
}

const likeEscape = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`)
const SERVICE_LINK_TYPES = ['service', 'services']

/** The visibility rule and the standard's service filters, as one condition on `services`. */
function serviceCondition(filter: ServiceFilter) {
  return (eb: ExpressionBuilder<DB, 'services'>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [eb('services.status', '=', 'active'), eb('services.published', '=', true)]
    for (const word of searchWords(filter.search ?? ''))
      parts.push(eb('services.search_text', 'like', `%${likeEscape(word)}%`))
    if (filter.organizationId) parts.push(eb('services.directory_organisation_id', '=', filter.organizationId))
    if (filter.modifiedAfter) parts.push(eb('services.last_modified', '>=', filter.modifiedAfter))
    if (filter.taxonomyTermId) {
      const termId = filter.taxonomyTermId
      parts.push(
        eb.exists(
          eb
            .selectFrom('attributes')
            .select('attributes.id')
            .whereRef('attributes.link_id', '=', 'services.id')
            .where('attributes.link_type', 'in', SERVICE_LINK_TYPES)
            .where('attributes.taxonomy_term_id', '=', termId),
        ),
      )
    }
    if (filter.taxonomyId) {
      const taxonomyId = filter.taxonomyId
      parts.push(
        eb.exists(
          eb
            .selectFrom('attributes')
            .innerJoin('taxonomy_terms', 'taxonomy_terms.id', 'attributes.taxonomy_term_id')
            .select('attributes.id')
            .whereRef('attributes.link_id', '=', 'services.id')
            .where('attributes.link_type', 'in', SERVICE_LINK_TYPES)
            .where('taxonomy_terms.taxonomy_id', '=', taxonomyId),
        ),
      )
    }
    return eb.and(parts)
  }
}

const offset = (paging: Paging) => (paging.page - 1) * paging.perPage

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

const unique = <T>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
]

async function organisationsById(db: Db, ids: (string | null)[]) {
  const wanted = unique(ids)
  if (!wanted.length) return new Map<string, OrukObject>()
  const rows = await db.selectFrom('directory_organisations').selectAll().where('id', 'in', wanted).execute()
  return new Map(rows.map((row) => [row.id, organization(row)]))
}

/** One-to-one service fields plus the organisation, for a page of services (two queries). */
async function basicServices(db: Db, rows: ServiceRow[]): Promise<OrukObject[]> {
  const organisations = await organisationsById(
    db,
    rows.map((row) => row.directory_organisation_id),
  )
  return rows.map((row) => ({
    ...serviceBasic(row),
    organization: row.directory_organisation_id ? organisations.get(row.directory_organisation_id) : undefined,
  }))
}

export async function listServices(
  db: Db,
  filter: ServiceFilter,
  paging: Paging,
): Promise<{ total: number; contents: OrukObject[] }> {
  const base = db.selectFrom('services').where(serviceCondition(filter))
  // The page is chosen on the partial index of visible services' (name, id) alone (migrations/0035): skipping to a
  // late page walks index entries, not table rows, and only the page's own rows are read. The count runs alongside
  // (on a second connection when the pool has one).
  const pageIds = base.select('services.id').orderBy('services.name').orderBy('services.id').limit(paging.perPage).offset(offset(paging))
  const [total, rows] = await Promise.all([
    unfiltered(filter) ? visibleServiceCount(db) : base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst().then((c) => Number(c?.count ?? 0)),
    db.selectFrom('services').selectAll('services').where('services.id', 'in', pageIds).orderBy('services.name').orderBy('services.id').execute(),
  ])
  return { total, contents: await basicServices(db, rows) }
}

const unfiltered = (filter: ServiceFilter) => !filter.search?.trim() && !filter.taxonomyTermId && !filter.taxonomyId && !filter.organizationId && !filter.modifiedAfter

/** The last count of visible services for each database, with the directory version it was taken at. */
const visibleCounts = new WeakMap<Db, { version: string; count: number }>()

/**
 * How many services are visible, recounted only when the directory version has moved. The trigger of migration 0035
 * bumps the version in the same transaction as any change to services, and a recount reads count and version in one
 * statement (one snapshot), so a kept count always belongs to the version it is kept under: never stale.
 */
export async function visibleServiceCount(db: Db): Promise<number> {
  const { version } = await db.selectFrom('directory_versions').select('version').executeTakeFirstOrThrow()
  const kept = visibleCounts.get(db)
  if (kept && kept.version === String(version)) return kept.count
  const fresh = await db
    .selectFrom('services')
    .where(serviceCondition({}))
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.selectFrom('directory_versions').select('version').as('version')])
    .executeTakeFirstOrThrow()
  const count = Number(fresh.count)
  visibleCounts.set(db, { version: String(fresh.version), count })
  return count
}

async function attributesFor(db: Db, linkIds: string[], linkTypes: string[]): Promise<Map<string, AttributeRow[]>> {
  if (!linkIds.length) return new Map()
  const rows = await db
    .selectFrom('attributes')
    .innerJoin('taxonomy_terms', 'taxonomy_terms.id', 'attributes.taxonomy_term_id')
    .leftJoin('taxonomies', 'taxonomies.id', 'taxonomy_terms.taxonomy_id')
    .select([
      'attributes.id',
      'attributes.link_id',
      'attributes.link_type',
      'attributes.taxonomy_term_id',
      'attributes.value',
      'taxonomy_terms.taxonomy_id',
      'taxonomy_terms.parent_id',
      'taxonomy_terms.code',
      'taxonomy_terms.name',
      'taxonomy_terms.name_cy',
      'taxonomy_terms.description',
      'taxonomy_terms.description_cy',
      'taxonomy_terms.term_uri',
      'taxonomies.name as taxonomy_name',
    ])
    .where('attributes.link_id', 'in', linkIds)
    .where('attributes.link_type', 'in', linkTypes)
    .orderBy('taxonomy_terms.name')
    .execute()
  const attributes: AttributeRow[] = rows.map((row) => ({
    id: row.id,
    link_id: row.link_id,
    link_type: row.link_type,
    taxonomy_term_id: row.taxonomy_term_id,
    value: row.value,
    term: {
      id: row.taxonomy_term_id,
      taxonomy_id: row.taxonomy_id,
      parent_id: row.parent_id,
      code: row.code,
      name: row.name,
      name_cy: row.name_cy,
      description: row.description,
      description_cy: row.description_cy,
      term_uri: row.term_uri,
      taxonomy_name: row.taxonomy_name,
    },
  }))
  return groupBy(attributes, (a) => a.link_id)
}

/** Locations with their addresses and accessibility, for many locations at once (three queries). */
async function locationsById(db: Db, ids: string[]): Promise<Map<string, OrukObject>> {
  if (!ids.length) return new Map()
  const [rows, addresses, access] = await Promise.all([
    db.selectFrom('locations').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('addresses').selectAll().where('location_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('accessibility').selectAll().where('location_id', 'in', ids).orderBy('id').execute(),
  ])
  const addressesOf = groupBy(addresses, (a) => a.location_id)
  const accessOf = groupBy(access, (a) => a.location_id)
  return new Map(
    rows.map((row: LocationRow) => [row.id, location(row, addressesOf.get(row.id) ?? [], accessOf.get(row.id) ?? [])]),
  )
}

/** Fully nested services, every kind of child read once for all of them. */
async function fullServices(db: Db, rows: ServiceRow[]): Promise<OrukObject[]> {
  const ids = rows.map((row) => row.id)
  if (!ids.length) return []
  const [basics, sals, schedules, contacts, phones, costs, areas, languages, fundings, attributes] = await Promise.all([
    basicServices(db, rows),
    db.selectFrom('service_at_locations').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('schedules').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('contacts').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('phones').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('cost_options').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('service_areas').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('service_languages').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('fundings').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    attributesFor(db, ids, SERVICE_LINK_TYPES),
  ])
  const salIds = sals.map((sal) => sal.id)
  const contactIds = contacts.map((c) => c.id)
  const [locations, salSchedules, contactPhones] = await Promise.all([
    locationsById(db, unique(sals.map((sal) => sal.location_id))),
    salIds.length
      ? db
          .selectFrom('schedules')
          .selectAll()
          .where('service_at_location_id', 'in', salIds)
          .where('service_id', 'is', null)
          .orderBy('id')
          .execute()
      : [],
    contactIds.length
      ? db
          .selectFrom('phones')
          .selectAll()
          .where('contact_id', 'in', contactIds)
          .where('service_id', 'is', null)
          .orderBy('id')
          .execute()
      : [],
  ])
  const phoneIds = [...phones, ...contactPhones].map((p) => p.id)
  const phoneLanguages: LanguageRow[] = phoneIds.length
    ? await db.selectFrom('service_languages').selectAll().where('phone_id', 'in', phoneIds).orderBy('id').execute()
    : []
  const languagesOfPhone = groupBy(phoneLanguages, (l) => l.phone_id)
  const phoneOf = (p: (typeof phones)[number]) => phone(p, languagesOfPhone.get(p.id) ?? [])
  const allPhones = [...phones, ...contactPhones]
  const phonesOfContact = groupBy(
    allPhones.filter((p) => p.contact_id),
    (p) => p.contact_id,
  )
  const bySal = groupBy(salSchedules, (s) => s.service_at_location_id)
  const by = <T extends { service_id: string | null }>(list: T[]) => groupBy(list, (row) => row.service_id)
  const [salsOf, schedulesOf, contactsOf, costsOf, areasOf, languagesOf, fundingsOf] = [
    by(sals),
    by(schedules),
    by(contacts),
    by(costs),
    by(areas),
    by(languages.filter((l) => !l.phone_id)),
    by(fundings),
  ]
  const servicePhonesOf = by(phones.filter((p) => !p.contact_id))

  return rows.map((row, i) => ({
    ...basics[i],
    service_at_locations: (salsOf.get(row.id) ?? []).map((sal) => ({
      id: sal.id,
      service_id: sal.service_id,
      location_id: sal.location_id,
      location: locations.get(sal.location_id),
      schedules: (bySal.get(sal.id) ?? []).map(schedule),
    })),
    schedules: (schedulesOf.get(row.id) ?? []).map(schedule),
    contacts: (contactsOf.get(row.id) ?? []).map((c) => contact(c, (phonesOfContact.get(c.id) ?? []).map(phoneOf))),
    phones: (servicePhonesOf.get(row.id) ?? []).map(phoneOf),
    cost_options: (costsOf.get(row.id) ?? []).map(costOption),
    service_areas: (areasOf.get(row.id) ?? []).map(serviceArea),
    languages: (languagesOf.get(row.id) ?? []).map(language),
    funding: (fundingsOf.get(row.id) ?? []).map(funding),
    attributes: (attributes.get(row.id) ?? []).map(attribute),
  }))
}

export async function findService(db: Db, id: string): Promise<OrukObject | undefined> {
  const row = await db
    .selectFrom('services')
    .selectAll('services')
    .where(serviceCondition({}))
    .where('services.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return (await fullServices(db, [row]))[0]
}

export async function listOrganisations(
  db: Db,
  search: string | undefined,
  paging: Paging,
): Promise<{ total: number; contents: OrukObject[] }> {
  let base = db.selectFrom('directory_organisations')
  if (search) base = base.where('name', 'ilike', `%${likeEscape(search)}%`)
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst()
  const rows = await base
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(paging.perPage)
    .offset(offset(paging))
    .execute()
  return { total: Number(counted?.count ?? 0), contents: rows.map(organization) }
}

/** An organisation with its visible services (one-to-one fields) and its attributes. */
export async function findOrganisation(db: Db, id: string): Promise<OrukObject | undefined> {
  const row = await db.selectFrom('directory_organisations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const [services, attributes] = await Promise.all([
    db
      .selectFrom('services')
      .selectAll('services')
      .where(serviceCondition({ organizationId: id }))
      .orderBy('services.name')
      .orderBy('services.id')
      .execute(),
    attributesFor(db, [id], ['organization', 'organizations']),
  ])
  return {
    ...organization(row),
    services: services.map(serviceBasic),
    attributes: (attributes.get(id) ?? []).map(attribute),
  }
}

export async function listTaxonomies(db: Db, search: string | undefined, paging: Paging) {
  let base = db.selectFrom('taxonomies')
  if (search) base = base.where('name', 'ilike', `%${likeEscape(search)}%`)
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst()
  const rows = await base
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(paging.perPage)
    .offset(offset(paging))
    .execute()
  return { total: Number(counted?.count ?? 0), rows }
}

export function findTaxonomy(db: Db, id: string) {
  return db.selectFrom('taxonomies').selectAll().where('id', '=', id).executeTakeFirst()
}

function termsQuery(db: Db) {
  return db
    .selectFrom('taxonomy_terms')
    .leftJoin('taxonomies', 'taxonomies.id', 'taxonomy_terms.taxonomy_id')
    .selectAll('taxonomy_terms')
    .select('taxonomies.name as taxonomy_name')
}

export interface TermFilter {
  search?: string
  taxonomyId?: string
  parentId?: string
  topOnly?: boolean
}

export async function listTaxonomyTerms(
  db: Db,
  filter: TermFilter,
  paging: Paging,
): Promise<{ total: number; rows: TaxonomyTermRow[] }> {
  let base = db.selectFrom('taxonomy_terms')
  if (filter.search) base = base.where('taxonomy_terms.name', 'ilike', `%${likeEscape(filter.search)}%`)
  if (filter.taxonomyId) base = base.where('taxonomy_terms.taxonomy_id', '=', filter.taxonomyId)
  if (filter.parentId) base = base.where('taxonomy_terms.parent_id', '=', filter.parentId)
  if (filter.topOnly) base = base.where('taxonomy_terms.parent_id', 'is', null)
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst()
  const ids = await base
    .select('taxonomy_terms.id')
    .orderBy('taxonomy_terms.name')
    .orderBy('taxonomy_terms.id')
    .limit(paging.perPage)
    .offset(offset(paging))
    .execute()
  const rows = ids.length
    ? await termsQuery(db)
        .where(
          'taxonomy_terms.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('taxonomy_terms.name')
        .orderBy('taxonomy_terms.id')
        .execute()
    : []
  return { total: Number(counted?.count ?? 0), rows }
}

export function taxonomyTermsOf(db: Db, taxonomyId: string): Promise<TaxonomyTermRow[]> {
  return termsQuery(db).where('taxonomy_terms.taxonomy_id', '=', taxonomyId).orderBy('taxonomy_terms.name').execute()
}

export function findTaxonomyTerm(db: Db, id: string): Promise<TaxonomyTermRow | undefined> {
  return termsQuery(db).where('taxonomy_terms.id', '=', id).executeTakeFirst()
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
  const from = near ? sql`ll_to_earth(${near.point.latitude}::float8, ${near.point.longitude}::float8)` : undefined
  const at = sql`ll_to_earth(locations.latitude, locations.longitude)`
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
