import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { ActivityReturnTable, ServiceReturnTable } from './schema.js'
import type { Selectable } from 'kysely'

/** Queries of service and activity returns (migrations/0027). */
type Db = Kysely<DB> | Transaction<DB>

export type ServiceReturnRow = Selectable<ServiceReturnTable>
export type ActivityReturnRow = Selectable<ActivityReturnTable> & { service_name: string; service_name_cy: string | null }

export function findServiceReturn(db: Db, id: string): Promise<ServiceReturnRow | undefined> {
  return db.selectFrom('service_returns').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listServiceReturns(db: Db, organisationId: string): Promise<ServiceReturnRow[]> {
  return db.selectFrom('service_returns').selectAll().where('organisation_id', '=', organisationId).orderBy('period_from', 'desc').execute()
}

/** The organisation's return whose period shares a day with this one (other than `exceptId`), if any. */
export function overlappingServiceReturn(db: Db, organisationId: string, from: string, to: string, exceptId?: string) {
  let query = db
    .selectFrom('service_returns')
    .select(['id', 'period_from', 'period_to'])
    .where('organisation_id', '=', organisationId)
    .where('period_from', '<=', to)
    .where('period_to', '>=', from)
  if (exceptId) query = query.where('id', '<>', exceptId)
  return query.executeTakeFirst()
}

const activityColumns = (db: Db) =>
  db
    .selectFrom('activity_returns as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .selectAll('r')
    .select(['s.name as service_name', 's.name_cy as service_name_cy'])

export function findActivityReturn(db: Db, id: string): Promise<ActivityReturnRow | undefined> {
  return activityColumns(db).where('r.id', '=', id).executeTakeFirst()
}

export function listActivityReturns(db: Db, organisationId: string): Promise<ActivityReturnRow[]> {
  return activityColumns(db).where('r.organisation_id', '=', organisationId).orderBy('r.period_from', 'desc').execute()
}

/** The same service's return by the same organisation over a period sharing a day with this one. */
export function overlappingActivityReturn(db: Db, serviceId: string, organisationId: string, from: string, to: string, exceptId?: string) {
  let query = db
    .selectFrom('activity_returns')
    .select(['id', 'period_from', 'period_to'])
    .where('service_id', '=', serviceId)
    .where('organisation_id', '=', organisationId)
    .where('period_from', '<=', to)
    .where('period_to', '>=', from)
  if (exceptId) query = query.where('id', '<>', exceptId)
  return query.executeTakeFirst()
}

/**
 * The directory services an organisation may enter activity figures for: an asset organisation, the services it
 * manages; a provider's team lead, any active service.
 */
export function servicesFor(db: Db, organisationId: string, asAsset: boolean) {
  let query = db
    .selectFrom('services as s')
    .leftJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .select(['s.id', 's.name', 's.name_cy', 'o.managed_by_organisation_id'])
    .orderBy('s.name')
  if (asAsset) query = query.where('o.managed_by_organisation_id', '=', organisationId)
  return query.execute()
}

export function serviceWithManager(db: Db, serviceId: string) {
  return db
    .selectFrom('services as s')
    .leftJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .select(['s.id', 'o.managed_by_organisation_id'])
    .where('s.id', '=', serviceId)
    .executeTakeFirst()
}

export function versionsOf(db: Db, kind: 'service' | 'activity', id: string) {
  return db
    .selectFrom('return_versions as v')
    .leftJoin('users as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.figures', 'v.changed_at', 'u.name as changed_by_name'])
    .where('v.return_kind', '=', kind)
    .where('v.return_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute()
}

/**
 * Serialises writers of one organisation's (or one service's) returns, so two overlapping periods sent at the same
 * moment cannot both pass the overlap check: the second waits for the first to commit, then sees it.
 */
export async function lockForReturns(db: Transaction<DB>, on: { organisationId: string } | { serviceId: string }): Promise<void> {
  if ('organisationId' in on) await db.selectFrom('organisations').select('id').where('id', '=', on.organisationId).forUpdate().execute()
  else await db.selectFrom('services').select('id').where('id', '=', on.serviceId).forUpdate().execute()
}
