import { type Kysely, sql, type Transaction } from 'kysely'
import { serviceName, userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import { likeEscape } from '../admin/fields.js'
import { locate } from '../referrals/repository.js'
import { type ConnectionForm, needToKnowSnapshot, type ShareablePerson } from './forms.js'
import { checkActOnSuggestion, checkMove, type MoveCheck, responseStatuses, startingStatus } from './lifecycle.js'
import type { ConnectionStatus, Side } from './schema.js'

type Db = Kysely<DB> | Transaction<DB>

/** The person's open episode of support, the newest when there are several; connections belong to one. */
export function openEpisode(db: Db, personId: string) {
  return db
    .selectFrom('episodes')
    .select(['id', 'practitioner_id'])
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .orderBy('started_at', 'desc')
    .executeTakeFirst()
}

/** Active, published services whose English or Welsh name contains the words typed; at most 20, by name. */
export function searchServices(db: Db, query: string) {
  const pattern = `%${likeEscape(query.trim())}%`
  return db
    .selectFrom('services as s')
    .leftJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .select([
      's.id',
      's.name',
      's.name_cy',
      's.capacity_status',
      'o.name as organisation_name',
      'o.name_cy as organisation_name_cy',
    ])
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .where((eb) => eb.or([eb('s.name', 'ilike', pattern), eb('s.name_cy', 'ilike', pattern)]))
    .orderBy('s.name')
    .limit(20)
    .execute()
}

/** A service a connection may be made to (active and published), with the asset organisation managing it. */
export function findConnectableService(db: Db, id: string) {
  return db
    .selectFrom('services as s')
    .leftJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .select(['s.id', 's.name', 's.name_cy', 'o.name as organisation_name', 'o.managed_by_organisation_id'])
    .where('s.id', '=', id)
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .executeTakeFirst()
}

/**
 * The service named in a connection form, whatever its state, so that a closed one is refused with its own message
 * (issue 5 "Bad input": a referral to a closed service). `connectable` is what findConnectableService asks.
 */
export async function findServiceForConnection(db: Db, id: string) {
  const row = await db
    .selectFrom('services as s')
    .leftJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .select([
      's.id',
      's.name',
      's.name_cy',
      's.status',
      's.published',
      'o.name as organisation_name',
      'o.managed_by_organisation_id',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
  return row ? { ...row, connectable: row.status === 'active' && row.published } : undefined
}

/**
 * Kilometres from where the person lives (their postcode, or its district's centre) to the service's nearest
 * location, to one decimal place (CDS #17); null when either is not known.
 */
export async function travelDistanceKm(
  db: Db,
  person: { postcode: string | null; local_authority_code: string | null },
  serviceId: string,
): Promise<number | null> {
  const place = await locate(db, person.postcode, person.local_authority_code)
  if (place.latitude === null || place.longitude === null) return null
  const row = await db
    .selectFrom('locations as l')
    .innerJoin('service_at_locations as sal', 'sal.location_id', 'l.id')
    .select(
      sql<
        number | null
      >`min(earth_distance(location_earth(${place.latitude}::float8, ${place.longitude}::float8), location_earth(l.latitude, l.longitude)))`.as(
        'metres',
      ),
    )
    .where('sal.service_id', '=', serviceId)
    .where('l.latitude', 'is not', null)
    .where('l.longitude', 'is not', null)
    .executeTakeFirst()
  const metres = row?.metres === null || row?.metres === undefined ? null : Number(row.metres)
  return metres === null ? null : Math.round(metres / 100) / 10
}

/** The consent record in force for sharing with assets, when it gives consent; a disclosure names it as its basis. */
export async function assetSharingConsent(db: Db, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('consents')
    .select(['id', 'given'])
    .where('person_id', '=', personId)
    .where('scope', '=', 'share_with_assets')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.given ? row.id : null
}

export interface NewConnection {
  person: ShareablePerson & { id: string; organisation_id: string }
  episodeId: string
  service: { id: string; name: string; organisation_name: string | null; managed_by_organisation_id: string | null }
  form: ConnectionForm
  consentId: string | null
  userId: string | null
  now: Date
  /** Worked out from the postcodes when it could be; else the form's figure. */
  travel: { distanceKm: number | null; source: 'computed' | 'entered' | null }
}

function madeColumns(c: NewConnection) {
  const status = startingStatus[c.form.kind]
  const snapshot = c.form.kind === 'referral' ? needToKnowSnapshot(c.person, c.form.fields, c.form.note, c.now) : {}
  return {
    kind: c.form.kind,
    status,
    need_to_know: JSON.stringify(snapshot),
    signpost_format: c.form.signpostFormat,
    signpost_language: c.form.signpostLanguage,
    travel_mode: c.form.travelMode,
    travel_distance_km: c.travel.distanceKm,
    travel_distance_source: c.travel.source,
  }
}

async function logDisclosure(trx: Transaction<DB>, c: NewConnection, connectionId: string) {
  await trx
    .insertInto('information_sharing_log')
    .values({
      person_id: c.person.id,
      organisation_id: c.person.organisation_id,
      connection_id: connectionId,
      service_id: c.service.id,
      shared_with_organisation_id: c.service.managed_by_organisation_id,
      shared_with_name: c.service.organisation_name ?? c.service.name,
      fields: c.form.fields,
      purpose: 'referral_to_community_asset',
      // The columns migrations/0018 added, so the log's pages name the recipient and the consent scope.
      recipient_kind: 'asset',
      consent_scope: 'share_with_assets',
      basis: 'consent',
      consent_id: c.consentId,
      shared_by: c.userId,
      shared_at: c.now,
    })
    .execute()
}

/** Writes the connection, its first event and, for a referral, the information-sharing log entry. Call inside the audited transaction. */
export async function insertConnection(
  trx: Transaction<DB>,
  c: NewConnection,
): Promise<{ id: string; status: ConnectionStatus }> {
  const columns = madeColumns(c)
  const row = await trx
    .insertInto('connections')
    .values({
      person_id: c.person.id,
      episode_id: c.episodeId,
      organisation_id: c.person.organisation_id,
      service_id: c.service.id,
      ...columns,
      created_by: c.userId,
      created_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('connection_events')
    .values({
      connection_id: row.id,
      from_status: null,
      to_status: columns.status,
      side: 'practitioner',
      actor_user_id: c.userId,
      at: c.now,
    })
    .execute()
  if (c.form.kind === 'referral') await logDisclosure(trx, c, row.id)
  return { id: row.id, status: columns.status }
}

/** Records a service as suggested for the person (issue 5 §5): no kind yet, nothing shared, no follow-up. */
export async function insertSuggestion(
  trx: Transaction<DB>,
  s: {
    personId: string
    organisationId: string
    episodeId: string
    serviceId: string
    userId: string | null
    now: Date
  },
): Promise<string> {
  const row = await trx
    .insertInto('connections')
    .values({
      person_id: s.personId,
      episode_id: s.episodeId,
      organisation_id: s.organisationId,
      service_id: s.serviceId,
      kind: null,
      status: 'suggested',
      need_to_know: '{}',
      created_by: s.userId,
      created_at: s.now,
      updated_at: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('connection_events')
    .values({
      connection_id: row.id,
      from_status: null,
      to_status: 'suggested',
      side: 'practitioner',
      actor_user_id: s.userId,
      at: s.now,
    })
    .execute()
  return row.id
}

/** The person's open suggestion for a service, if there is one (a service is suggested once at a time). */
export function openSuggestion(db: Db, personId: string, serviceId: string) {
  return db
    .selectFrom('connections')
    .select('id')
    .where('person_id', '=', personId)
    .where('service_id', '=', serviceId)
    .where('status', '=', 'suggested')
    .executeTakeFirst()
}

/**
 * Acts on a suggestion: the suggested row becomes the signpost, referral or introduction (the connection is made
 * now, so `created_at` moves to now; the suggestion's own time stays in its history). Refused unless it is still
 * this person's suggestion of this service.
 */
export async function actOnSuggestion(
  trx: Transaction<DB>,
  suggestionId: string,
  c: NewConnection,
): Promise<{ check: MoveCheck; id: string; status: ConnectionStatus }> {
  const row = await trx
    .selectFrom('connections')
    .select(['id', 'status', 'person_id', 'service_id'])
    .where('id', '=', suggestionId)
    .forUpdate()
    .executeTakeFirst()
  const columns = madeColumns(c)
  if (!row || row.person_id !== c.person.id || row.service_id !== c.service.id)
    return { check: { ok: false, code: 'invalid_transition' }, id: suggestionId, status: columns.status }
  const check = checkActOnSuggestion(row.status, c.form.kind)
  if (!check.ok) return { check, id: row.id, status: row.status }
  await trx
    .updateTable('connections')
    .set({ ...columns, episode_id: c.episodeId, created_at: c.now, updated_at: c.now })
    .where('id', '=', row.id)
    .execute()
  await trx
    .insertInto('connection_events')
    .values({
      connection_id: row.id,
      from_status: 'suggested',
      to_status: columns.status,
      side: 'practitioner',
      actor_user_id: c.userId,
      at: c.now,
    })
    .execute()
  if (c.form.kind === 'referral') await logDisclosure(trx, c, row.id)
  return { check, id: row.id, status: columns.status }
}

/** A person's connections, newest first, with the service's names and every status change. */
export async function connectionsForPerson(db: Db, personId: string) {
  const rows = await db
    .selectFrom('connections as c')
    .select([
      'c.id',
      'c.kind',
      'c.status',
      'c.need_to_know',
      'c.decline_reason',
      'c.waiting_weeks',
      'c.created_at',
      'c.updated_at',
      // Every connection has a service (a foreign key, not null), and every service a name.
      serviceName('c.service_id').$castTo<string>().as('service_name'),
      serviceName('c.service_id', 'name_cy').as('service_name_cy'),
      'c.service_id',
    ])
    .select([
      'c.signpost_format',
      'c.signpost_language',
      'c.travel_mode',
      'c.travel_distance_km',
      'c.travel_distance_source',
      'c.first_responded_at',
      'c.first_attended_at',
    ])
    .where('c.person_id', '=', personId)
    .orderBy('c.created_at', 'desc')
    .execute()
  const events = rows.length
    ? await db
        .selectFrom('connection_events as e')
        .select([
          'e.connection_id',
          'e.from_status',
          'e.to_status',
          'e.side',
          'e.note',
          'e.barriers',
          'e.not_acting_reasons',
          'e.at',
          userName('e.actor_user_id').as('actor_name'),
        ])
        .where(
          'e.connection_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('e.at')
        .execute()
    : []
  return rows.map((r) => ({ ...r, events: events.filter((e) => e.connection_id === r.id) }))
}

export type PersonConnection = Awaited<ReturnType<typeof connectionsForPerson>>[number]

/**
 * What an asset organisation sees of the referrals made to the services it manages: the need-to-know snapshot,
 * the service, the referring provider and the lifecycle. Nothing else of the person is selected.
 */
function assetView(db: Db) {
  return db
    .selectFrom('connections as c')
    .innerJoin('services as s', 's.id', 'c.service_id')
    .innerJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .innerJoin('organisations as p', 'p.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.kind',
      'c.status',
      'c.need_to_know',
      'c.decline_reason',
      'c.waiting_weeks',
      'c.first_attended_at',
      'c.created_at',
      'c.updated_at',
      's.name as service_name',
      's.name_cy as service_name_cy',
      'p.name as provider_name',
      'p.name_cy as provider_name_cy',
      'o.managed_by_organisation_id',
    ])
    .where('c.kind', '=', 'referral')
}

export function assetConnections(db: Db, organisationId: string) {
  return assetView(db)
    .where('o.managed_by_organisation_id', '=', organisationId)
    .orderBy('c.created_at', 'desc')
    .limit(200)
    .execute()
}

/** One referral as the asset sees it, whoever manages it (the caller checks that the user's organisation does). */
export function findAssetConnection(db: Db, id: string) {
  return assetView(db).where('c.id', '=', id).executeTakeFirst()
}

export type AssetConnection = NonNullable<Awaited<ReturnType<typeof findAssetConnection>>>

/** The status history as the asset sees it: statuses and dates, and only the notes the asset itself wrote. */
export function assetEvents(db: Db, connectionId: string) {
  return db
    .selectFrom('connection_events')
    .select(['from_status', 'to_status', 'at', sql<string | null>`case when side = 'asset' then note end`.as('note')])
    .where('connection_id', '=', connectionId)
    .orderBy('at')
    .execute()
}

export interface StatusChange {
  connectionId: string
  to: ConnectionStatus
  side: Side
  reason: string | null
  weeks: number | null
  note: string | null
  /** CDS #80, #55: recorded with the move (connections/barriers.ts). */
  barriers?: string[]
  notActingReasons?: string[]
  userId: string | null
  now: Date
}

/**
 * Moves a connection on when the lifecycle allows it: the row is locked, checked, updated, and the event and the
 * practitioner's notification written in the caller's transaction. Returns the check's refusal otherwise.
 */
export async function changeStatus(
  trx: Transaction<DB>,
  change: StatusChange,
): Promise<{
  check: MoveCheck
  from: ConnectionStatus
  notificationId: string | null
  recipientUserId: string | null
}> {
  const row = await trx
    .selectFrom('connections')
    .select([
      'id',
      'kind',
      'status',
      'first_attended_at',
      'first_responded_at',
      'organisation_id',
      'episode_id',
      'created_by',
    ])
    .where('id', '=', change.connectionId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const check = checkMove(
    { status: row.status, kind: row.kind, attendedBefore: row.first_attended_at !== null },
    change.to,
    change.side,
    { reason: change.reason, weeks: change.weeks },
  )
  if (!check.ok) return { check, from: row.status, notificationId: null, recipientUserId: null }
  await trx
    .updateTable('connections')
    .set({
      status: change.to,
      updated_at: change.now,
      ...(change.to === 'declined' ? { decline_reason: change.reason } : {}),
      ...(change.to === 'waitlisted' ? { waiting_weeks: change.weeks } : {}),
      ...(change.to === 'first_attended' ? { first_attended_at: change.now } : {}),
      // CDS #104: the asset's first answer to the referral, whichever it is.
      ...(change.side === 'asset' && responseStatuses.includes(change.to) && row.first_responded_at === null
        ? { first_responded_at: change.now }
        : {}),
    })
    .where('id', '=', row.id)
    .execute()
  await trx
    .insertInto('connection_events')
    .values({
      connection_id: row.id,
      from_status: row.status,
      to_status: change.to,
      side: change.side,
      note: change.note,
      barriers: change.barriers ?? [],
      not_acting_reasons: change.notActingReasons ?? [],
      actor_user_id: change.userId,
      at: change.now,
    })
    .execute()
  if (change.side !== 'asset') return { check, from: row.status, notificationId: null, recipientUserId: null }
  const episode = await trx
    .selectFrom('episodes')
    .select('practitioner_id')
    .where('id', '=', row.episode_id)
    .executeTakeFirst()
  const recipientUserId = episode?.practitioner_id ?? row.created_by
  const notification = await trx
    .insertInto('notifications')
    .values({
      organisation_id: row.organisation_id,
      connection_id: row.id,
      recipient_user_id: recipientUserId,
      kind: 'connection.updated',
      created_at: change.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { check, from: row.status, notificationId: notification.id, recipientUserId }
}
