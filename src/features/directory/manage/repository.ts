import { randomUUID } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { searchText } from '../search-text.js'
import { CAPACITY_STALE_DAYS, VERIFIED_STALE_DAYS } from '../search/present.js'
import type { FlagFilter, LiveDetails, ServiceValues, Texts, WeeklyLine } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

const DAY = 86_400_000
export const LIST_PAGE_SIZE = 50

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Weekly timetable rows (freq WEEKLY or unset, with days): the ones the editing forms show and replace. */
const weekly = sql<boolean>`byday is not null and coalesce(freq, 'WEEKLY') = 'WEEKLY'`

export interface ListFilter {
  words: string
  flag: FlagFilter | null
  /** For an asset organisation's users: only services of the directory organisations it manages. */
  managedBy: string | null
  page: number
}

/** Services for the manage page, with counts of each staleness flag over everything the user may manage. */
export async function listServices(db: Db, filter: ListFilter, now: Date) {
  const verifiedCutoff = new Date(now.getTime() - VERIFIED_STALE_DAYS * DAY)
  const capacityCutoff = new Date(now.getTime() - CAPACITY_STALE_DAYS * DAY)
  const unverified = sql<boolean>`(services.last_verified_at is null or services.last_verified_at < ${verifiedCutoff})`
  const capacityUnconfirmed = sql<boolean>`(services.capacity_confirmed_at is null or services.capacity_confirmed_at < ${capacityCutoff})`
  const scoped = () => {
    let q = db.selectFrom('services').leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
    if (filter.managedBy) q = q.where('o.managed_by_organisation_id', '=', filter.managedBy)
    return q
  }
  const counts = await scoped()
    .select([sql<string>`count(*)`.as('total'), sql<string>`count(*) filter (where ${unverified})`.as('unverified'), sql<string>`count(*) filter (where ${capacityUnconfirmed})`.as('capacity')])
    .executeTakeFirstOrThrow()
  let q = scoped()
  const words = searchText(filter.words)
  if (words) q = q.where(sql<boolean>`(services.search_text ilike ${`%${escapeLike(words)}%`})`)
  if (filter.flag === 'unverified') q = q.where(unverified)
  if (filter.flag === 'capacity') q = q.where(capacityUnconfirmed)
  const rows = await q
    .select(['services.id', 'services.name', 'services.name_cy', 'services.status', 'services.published', 'services.capacity_status', 'services.waiting_list_weeks', 'services.last_verified_at', 'services.capacity_confirmed_at', 'o.name as organisation_name', 'o.name_cy as organisation_name_cy'])
    .select(sql<string>`count(*) over ()`.as('matching'))
    .orderBy(sql`lower(coalesce(nullif(services.name, ''), services.name_cy))`)
    .orderBy('services.id')
    .limit(LIST_PAGE_SIZE)
    .offset((filter.page - 1) * LIST_PAGE_SIZE)
    .execute()
  return {
    rows,
    matching: rows.length ? Number(rows[0]?.matching) : 0,
    counts: { total: Number(counts.total), unverified: Number(counts.unverified), capacity: Number(counts.capacity) },
  }
}

export function directoryOrganisations(db: Db) {
  return db.selectFrom('directory_organisations').select(['id', 'name', 'name_cy']).orderBy('name').execute()
}

/** A service with what the editing forms show, and the account organisation that manages it; undefined if there is none. */
export async function loadEditable(db: Db, id: string) {
  const service = await db
    .selectFrom('services')
    .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
    .selectAll('services')
    .select(['o.name as organisation_name', 'o.name_cy as organisation_name_cy', 'o.managed_by_organisation_id'])
    .where('services.id', '=', id)
    .executeTakeFirst()
  if (!service) return undefined
  // One after another: inside a transaction (PGlite) the queries share the one connection.
  const categories = await db
    .selectFrom('attributes as a')
    .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
    .select('tt.code')
    .where('a.link_id', '=', id)
    .where('a.link_type', '=', 'service')
    .where('tt.code', 'is not', null)
    .orderBy('tt.code')
    .execute()
  const schedules = await db.selectFrom('schedules').select(['byday', 'opens_at', 'closes_at']).where('service_id', '=', id).where(weekly).orderBy('id').execute()
  const phone = await db.selectFrom('phones').select('number').where('service_id', '=', id).where('contact_id', 'is', null).orderBy('number').executeTakeFirst()
  const location = await firstLocation(db, id)
  const lines: WeeklyLine[] = schedules.flatMap((s) =>
    (s.byday ?? '')
      .split(',')
      .map((d) => d.trim().toUpperCase())
      .filter(Boolean)
      .map((day) => ({ day, opens: (s.opens_at ?? '').slice(0, 5), closes: (s.closes_at ?? '').slice(0, 5) })),
  )
  return { service, categories: categories.map((c) => c.code ?? ''), schedules: lines, phone: phone?.number ?? null, location }
}

export type Editable = NonNullable<Awaited<ReturnType<typeof loadEditable>>>

function firstLocation(db: Db, serviceId: string) {
  return db
    .selectFrom('service_at_locations as sal')
    .innerJoin('locations as l', 'l.id', 'sal.location_id')
    .leftJoin('addresses as a', 'a.location_id', 'l.id')
    .select(['sal.id as link_id', 'l.id', 'l.latitude', 'l.longitude', 'a.id as address_id', 'a.address_1', 'a.city', 'a.postal_code'])
    .where('sal.service_id', '=', serviceId)
    .orderBy('l.name')
    .orderBy('l.id')
    .executeTakeFirst()
}

/** The current texts of a service, blank English name read as missing. */
export function currentTexts(service: { name: string; name_cy: string | null; description: string | null; description_cy: string | null }): Texts {
  return { name: service.name || null, nameCy: service.name_cy || null, description: service.description || null, descriptionCy: service.description_cy || null }
}

async function replaceSchedules(trx: Transaction<DB>, serviceId: string, lines: WeeklyLine[]) {
  await trx.deleteFrom('schedules').where('service_id', '=', serviceId).where(weekly).execute()
  for (const line of lines) {
    await trx.insertInto('schedules').values({ id: randomUUID(), service_id: serviceId, freq: 'WEEKLY', interval: 1, byday: line.day, opens_at: line.opens, closes_at: line.closes }).execute()
  }
}

async function replacePhone(trx: Transaction<DB>, serviceId: string, phone: string | null) {
  await trx.deleteFrom('phones').where('service_id', '=', serviceId).where('contact_id', 'is', null).execute()
  if (phone) await trx.insertInto('phones').values({ id: randomUUID(), service_id: serviceId, number: phone }).execute()
}

/** Keeps services.search_text (what word search matches) and last_modified (what /oruk's modified_after reads) right. */
export async function refreshSearchText(trx: Transaction<DB>, serviceId: string, now: Date) {
  const row = await trx
    .selectFrom('services')
    .leftJoin('directory_organisations as o', 'o.id', 'services.directory_organisation_id')
    .select(['services.name', 'services.name_cy', 'services.description', 'services.description_cy', 'o.name as org', 'o.name_cy as org_cy'])
    .where('services.id', '=', serviceId)
    .executeTakeFirstOrThrow()
  await trx
    .updateTable('services')
    .set({ search_text: searchText(row.name, row.name_cy, row.description, row.description_cy, row.org, row.org_cy), last_modified: now })
    .where('id', '=', serviceId)
    .execute()
}

export interface Place {
  latitude: number
  longitude: number
}

/** Creates or replaces a whole entry (editors): the service row, categories, weekly timetable, phone and first location. */
export async function saveService(trx: Transaction<DB>, id: string | null, values: ServiceValues, place: Place | null, now: Date): Promise<string> {
  const row = {
    directory_organisation_id: values.directoryOrganisationId,
    name: values.name ?? '',
    name_cy: values.nameCy,
    description: values.description,
    description_cy: values.descriptionCy,
    url: values.website,
    email: values.email,
    status: values.status,
    minimum_age: values.minimumAge === null ? null : String(values.minimumAge),
    maximum_age: values.maximumAge === null ? null : String(values.maximumAge),
    how_to_access: values.howToAccess,
    capacity_status: values.capacityStatus,
    waiting_list_weeks: values.waitingListWeeks,
    welsh_provision: values.welshProvision,
    life_stages: values.lifeStages,
    accessibility_features: values.accessibilityFeatures,
    attending_types: values.attendingTypes,
    free_or_low_cost: values.freeOrLowCost,
    safeguarding_policy: values.safeguardingPolicy,
    dbs_checks: values.dbsChecks,
    published: values.published,
    last_modified: now,
  }
  const serviceId = id ?? randomUUID()
  if (id) {
    const before = await trx.selectFrom('services').select(['capacity_status', 'waiting_list_weeks']).where('id', '=', id).executeTakeFirstOrThrow()
    const capacityChanged = before.capacity_status !== values.capacityStatus || before.waiting_list_weeks !== values.waitingListWeeks
    await trx
      .updateTable('services')
      .set({ ...row, ...(capacityChanged ? { capacity_confirmed_at: now } : {}) })
      .where('id', '=', id)
      .execute()
  } else {
    await trx
      .insertInto('services')
      .values({ id: serviceId, ...row, capacity_confirmed_at: values.capacityStatus ? now : null, created_at: now })
      .execute()
  }
  const terms = await trx.selectFrom('taxonomy_terms').select(['id', 'code']).where('code', 'is not', null).execute()
  await trx
    .deleteFrom('attributes')
    .where('link_id', '=', serviceId)
    .where('link_type', '=', 'service')
    .where(
      'taxonomy_term_id',
      'in',
      terms.map((t) => t.id),
    )
    .execute()
  for (const code of values.categories) {
    const term = terms.find((t) => t.code === code)
    if (term) await trx.insertInto('attributes').values({ id: randomUUID(), link_id: serviceId, link_type: 'service', taxonomy_term_id: term.id }).execute()
  }
  await replaceSchedules(trx, serviceId, values.schedules)
  await replacePhone(trx, serviceId, values.phone)
  await saveLocation(trx, serviceId, values, place)
  await refreshSearchText(trx, serviceId, now)
  return serviceId
}

async function saveLocation(trx: Transaction<DB>, serviceId: string, values: ServiceValues, place: Place | null) {
  const existing = await firstLocation(trx, serviceId)
  if (!values.address1 || !values.city || !values.postcode || !place) {
    if (existing) await trx.deleteFrom('service_at_locations').where('id', '=', existing.link_id).execute()
    return
  }
  const address = { address_1: values.address1, city: values.city, postal_code: values.postcode }
  if (existing) {
    await trx.updateTable('locations').set({ latitude: place.latitude, longitude: place.longitude }).where('id', '=', existing.id).execute()
    if (existing.address_id) await trx.updateTable('addresses').set(address).where('id', '=', existing.address_id).execute()
    else await trx.insertInto('addresses').values({ id: randomUUID(), location_id: existing.id, ...address }).execute()
    return
  }
  const locationId = randomUUID()
  await trx.insertInto('locations').values({ id: locationId, location_type: 'physical', latitude: place.latitude, longitude: place.longitude, directory_organisation_id: values.directoryOrganisationId }).execute()
  await trx.insertInto('addresses').values({ id: randomUUID(), location_id: locationId, ...address }).execute()
  await trx.insertInto('service_at_locations').values({ id: randomUUID(), service_id: serviceId, location_id: locationId }).execute()
}

/** Capacity (confirmed now), weekly timetable and contact, as an asset organisation's user changes them: live at once. */
export async function saveLiveDetails(trx: Transaction<DB>, serviceId: string, live: LiveDetails, now: Date) {
  await trx
    .updateTable('services')
    .set({ capacity_status: live.capacityStatus, waiting_list_weeks: live.waitingListWeeks, capacity_confirmed_at: now, email: live.email, url: live.website, last_modified: now })
    .where('id', '=', serviceId)
    .execute()
  await replaceSchedules(trx, serviceId, live.schedules)
  await replacePhone(trx, serviceId, live.phone)
}

export async function markVerified(trx: Transaction<DB>, serviceId: string, userId: string, now: Date) {
  await trx.updateTable('services').set({ last_verified_at: now, last_verified_by: userId, last_modified: now }).where('id', '=', serviceId).execute()
}

export async function createProposal(trx: Transaction<DB>, serviceId: string, organisationId: string, userId: string, texts: Texts): Promise<string> {
  const id = randomUUID()
  await trx
    .insertInto('service_change_proposals')
    .values({ id, service_id: serviceId, organisation_id: organisationId, proposed_by: userId, name: texts.name, name_cy: texts.nameCy, description: texts.description, description_cy: texts.descriptionCy })
    .execute()
  return id
}

const proposalColumns = [
  'p.id',
  'p.service_id',
  'p.organisation_id',
  'p.name',
  'p.name_cy',
  'p.description',
  'p.description_cy',
  'p.status',
  'p.rejection_reason',
  'p.reviewed_at',
  'p.created_at',
  's.name as current_name',
  's.name_cy as current_name_cy',
  's.description as current_description',
  's.description_cy as current_description_cy',
  'org.name as organisation_name',
  'org.name_cy as organisation_name_cy',
] as const

function proposals(db: Db) {
  return db
    .selectFrom('service_change_proposals as p')
    .innerJoin('services as s', 's.id', 'p.service_id')
    .innerJoin('organisations as org', 'org.id', 'p.organisation_id')
    .select(proposalColumns)
}

/** The editors' queue: proposals waiting for a decision, oldest first. */
export function pendingProposals(db: Db) {
  return proposals(db).where('p.status', '=', 'pending').orderBy('p.created_at').orderBy('p.id').limit(200).execute()
}

export function findProposal(db: Db, id: string) {
  return proposals(db).where('p.id', '=', id).executeTakeFirst()
}

export type ProposalRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>

/** A service's proposals, newest first: what the asset organisation sees of their outcome. */
export function proposalsForService(db: Db, serviceId: string) {
  return proposals(db).where('p.service_id', '=', serviceId).orderBy('p.created_at', 'desc').orderBy('p.id').limit(20).execute()
}

export async function decideProposal(trx: Transaction<DB>, id: string, decision: { status: 'approved' } | { status: 'rejected'; reason: string }, reviewerId: string, now: Date) {
  await trx
    .updateTable('service_change_proposals')
    .set({ status: decision.status, rejection_reason: decision.status === 'rejected' ? decision.reason : null, reviewed_by: reviewerId, reviewed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute()
}
