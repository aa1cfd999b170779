import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { isoDay } from './dates.js'
import type { PermissionInstrument, TranslationContent } from './schema.js'

/*
 * An organisation's instrument settings: registrations and licences (instrument_permissions) and approved
 * translations (instrument_translations). Rows are never deleted; withdrawing stamps them, so history is kept.
 */

type Db = Kysely<DB> | Transaction<DB>

/** The registration or licence in force: the newest not withdrawn, and for a licence not past its end date. */
export async function currentPermission(db: Db, organisationId: string, instrumentId: PermissionInstrument, today = isoDay(new Date())) {
  return db
    .selectFrom('instrument_permissions as p')
    .select(['p.id', 'p.kind', 'p.reference', 'p.registered_on', 'p.valid_until', 'p.recorded_at'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.instrument_id', '=', instrumentId)
    .where('p.withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('p.kind', '=', 'registration'), eb('p.valid_until', '>=', today)]))
    .orderBy('p.recorded_at', 'desc')
    .executeTakeFirst()
}

export async function permissionsOf(db: Db, organisationId: string) {
  return db
    .selectFrom('instrument_permissions as p')
    .innerJoin('users as u', 'u.id', 'p.recorded_by')
    .leftJoin('users as w', 'w.id', 'p.withdrawn_by')
    .select(['p.id', 'p.instrument_id', 'p.kind', 'p.reference', 'p.registered_on', 'p.valid_until', 'p.recorded_at', 'p.withdrawn_at', 'u.name as recorded_by_name', 'w.name as withdrawn_by_name'])
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.recorded_at', 'desc')
    .execute()
}

export interface NewPermission {
  instrumentId: PermissionInstrument
  kind: 'registration' | 'licence'
  reference: string
  registeredOn: string | null
  validUntil: string | null
}

export async function recordPermission(trx: Transaction<DB>, organisationId: string, userId: string, p: NewPermission): Promise<string> {
  const row = await trx
    .insertInto('instrument_permissions')
    .values({ organisation_id: organisationId, instrument_id: p.instrumentId, kind: p.kind, reference: p.reference, registered_on: p.registeredOn, valid_until: p.validUntil, recorded_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Withdraws a registration or licence of the organisation; false when there is none in force with that id. */
export async function withdrawPermission(trx: Transaction<DB>, organisationId: string, id: string, userId: string, now = new Date()): Promise<boolean> {
  const result = await trx
    .updateTable('instrument_permissions')
    .set({ withdrawn_at: now, withdrawn_by: userId })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function currentTranslation(db: Db, organisationId: string, instrumentId: string, language: 'cy' | 'en') {
  return db
    .selectFrom('instrument_translations as t')
    .select(['t.id', 't.content', 't.approved_by', 't.approval_reference', 't.loaded_at'])
    .where('t.organisation_id', '=', organisationId)
    .where('t.instrument_id', '=', instrumentId)
    .where('t.language', '=', language)
    .where('t.withdrawn_at', 'is', null)
    .orderBy('t.loaded_at', 'desc')
    .executeTakeFirst()
}

export async function translationsOf(db: Db, organisationId: string) {
  return db
    .selectFrom('instrument_translations as t')
    .innerJoin('users as u', 'u.id', 't.loaded_by')
    .select(['t.id', 't.instrument_id', 't.language', 't.approved_by', 't.approval_reference', 't.loaded_at', 't.withdrawn_at', 'u.name as loaded_by_name'])
    .where('t.organisation_id', '=', organisationId)
    .orderBy('t.loaded_at', 'desc')
    .execute()
}

export interface NewTranslation {
  instrumentId: string
  language: 'cy' | 'en'
  content: TranslationContent
  approvedBy: string
  approvalReference: string
}

export async function loadTranslation(trx: Transaction<DB>, organisationId: string, userId: string, t: NewTranslation): Promise<string> {
  const row = await trx
    .insertInto('instrument_translations')
    .values({
      organisation_id: organisationId,
      instrument_id: t.instrumentId,
      language: t.language,
      content: JSON.stringify(t.content),
      approved_by: t.approvedBy,
      approval_reference: t.approvalReference,
      loaded_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function withdrawTranslation(trx: Transaction<DB>, organisationId: string, id: string, userId: string, now = new Date()): Promise<boolean> {
  const result = await trx
    .updateTable('instrument_translations')
    .set({ withdrawn_at: now, withdrawn_by: userId })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
