import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import {
  type AttributeRow,
  type LanguageRow,
  type LocationRow,
  type OrukObject,
  type OrganisationBasicRow,
  organisationColumns,
  type ServiceBasicRow,
  serviceBasicColumns,
  type ServiceRow,
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
import { type Db, groupBy, likeEscape, offset, type Paging, unique, uuidArray } from './rows.js'

/*
 * Reads of services for the Open Referral UK API (organisations, taxonomies and services at locations are in their
 * own *-repository.ts files). Every list reads one page of parents, then each kind of child for the whole
 * page at once (`where service_id in (…)`): the number of queries does not grow with the page size.
 * Only services that are active and published are ever visible, whichever way they are reached.
 */

export interface ServiceFilter {
  search?: string
  taxonomyTermId?: string
  taxonomyId?: string
  organizationId?: string
  modifiedAfter?: Date
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

export const SERVICE_LINK_TYPES = ['service', 'services']

/** The visibility rule and the standard's service filters, as one condition on `services`. */
export function serviceCondition(filter: ServiceFilter) {
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

async function organisationsById(db: Db, ids: (string | null)[]) {
  const wanted = unique(ids)
  if (!wanted.length) return new Map<string, OrukObject>()
  const rows = await db.selectFrom('directory_organisations').selectAll().where('id', 'in', wanted).execute()
  return new Map(rows.map((row) => [row.id, organization(row)]))
}

/** One-to-one service fields plus the organisation, for a page of services (two queries). */
export async function basicServices(db: Db, rows: ServiceBasicRow[]): Promise<OrukObject[]> {
  const organisations = await organisationsById(
    db,
    rows.map((row) => row.directory_organisation_id),
  )
  return rows.map((row) => {
    const service = serviceBasic(row)
    service.organization = row.directory_organisation_id ? organisations.get(row.directory_organisation_id) : undefined
    return service
  })
}

/**
 * A service's list fields and its organisation, in one statement: only the columns the list shows (not the long
 * search columns), the organisation as JSON (its fields are all text, so nothing is lost on the way).
 */
function basicServiceQuery(db: Db) {
  const organisationJson = sql.join(organisationColumns.map((column) => sql`${sql.lit(column)}, ${sql.ref(`o.${column}`)}`))
  return db
    .selectFrom('services')
    .select(serviceBasicColumns.map((column) => `services.${column}` as const))
    .select(sql<OrganisationBasicRow | null>`(select json_build_object(${organisationJson}) from directory_organisations o where o.id = services.directory_organisation_id)`.as('organisation'))
}

/** The organisation goes last, as in the full service; no copies of the row (a harvest maps thousands of them). */
function basicService(row: ServiceBasicRow & { organisation: OrganisationBasicRow | null }): OrukObject {
  const service = serviceBasic(row)
  service.organization = row.organisation ? organization(row.organisation) : undefined
  return service
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
    basicServiceQuery(db).where('services.id', 'in', pageIds).orderBy('services.name').orderBy('services.id').execute(),
  ])
  return { total, contents: rows.map(basicService) }
}

/** Whether a list is of every visible service: then its pages are slices of `visibleServiceIds`. */
export const unfiltered = (filter: ServiceFilter) => !filter.search?.trim() && !filter.taxonomyTermId && !filter.taxonomyId && !filter.organizationId && !filter.modifiedAfter

/** Every visible service's id, in the order the list pages them (the partial index of 0035 gives that order). */
export async function visibleServiceIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('services').select('services.id').where(serviceCondition({})).orderBy('services.name').orderBy('services.id').execute()
  return rows.map((row) => row.id)
}

/** The list page's view of the given services (one-to-one fields and organisation), by id; visible ones only. */
export async function basicServicesById(db: Db, ids: string[]): Promise<Map<string, OrukObject>> {
  if (!ids.length) return new Map()
  // One array parameter, not one per id: a read-ahead asks for hundreds (service-reads.ts).
  const rows = await basicServiceQuery(db).where(serviceCondition({})).where(sql<boolean>`services.id = any(${uuidArray(ids)})`).execute()
  return new Map(rows.map((row) => [row.id, basicService(row)]))
}

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

export async function attributesFor(db: Db, linkIds: string[], linkTypes: string[]): Promise<Map<string, AttributeRow[]>> {
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
export async function locationsById(db: Db, ids: string[]): Promise<Map<string, OrukObject>> {
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
