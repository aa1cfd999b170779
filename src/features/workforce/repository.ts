import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { DbsInput, RecordInput, TrainingInput, VolunteerInput } from './rules.js'

/* Reads and writes of the workforce tables (migrations/0033). Callers audit; these only query. */

type Db = Kysely<DB> | Transaction<DB>

export interface StaffMember {
  userId: string
  name: string
  organisationId: string
  active: boolean
}

export interface RecordRow {
  userId: string
  organisationId: string
  jobTitle: string
  setting: string
  settingNote: string | null
  contractedHours: number
  fte: number
  startDate: string
  endDate: string | null
  welshSkill: string
  updatedAt: Date
  updatedByName: string | null
}

export interface DbsRow {
  id: string
  userId: string
  level: string
  checkedOn: string
  certificateReference: string | null
  renewalMonths: number
  updateService: boolean
}

/** A training record as stored: what was entered (TrainingInput), with its id, organisation and who attended. */
export interface TrainingRow extends TrainingInput {
  id: string
  organisationId: string
  userName: string | null
}

export interface VolunteerRow {
  id: string
  organisationId: string
  periodFrom: string
  periodTo: string
  volunteers: number
  hours: number
}

/** A user as the workforce pages name them: undefined when there is no such user. */
export async function findStaff(db: Db, userId: string): Promise<StaffMember | undefined> {
  const row = await db.selectFrom('users as u').select(['u.id', 'u.name', 'u.organisation_id', 'u.active']).where('u.id', '=', userId).executeTakeFirst()
  return row && { userId: row.id, name: row.name, organisationId: row.organisation_id, active: row.active }
}

/** The organisation's people: its active users, and anyone with a workforce record there (leavers included). */
export async function staffOf(db: Db, organisationId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('workforce_records as w', 'w.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.organisation_id', 'u.active'])
    .where((eb) => eb.or([eb.and([eb('u.organisation_id', '=', organisationId), eb('u.active', '=', true)]), eb('w.organisation_id', '=', organisationId)]))
    .orderBy('u.name')
    .orderBy('u.id')
    .execute()
  return rows.map((r) => ({ userId: r.id, name: r.name, organisationId: r.organisation_id, active: r.active }))
}

const recordColumns = [
  'w.user_id',
  'w.organisation_id',
  'w.job_title',
  'w.setting',
  'w.setting_note',
  'w.contracted_hours',
  'w.fte',
  'w.start_date',
  'w.end_date',
  'w.welsh_skill',
  'w.updated_at',
  'b.name as updated_by_name',
] as const

function recordOf(r: { user_id: string; organisation_id: string; job_title: string; setting: string; setting_note: string | null; contracted_hours: string; fte: string; start_date: string; end_date: string | null; welsh_skill: string; updated_at: Date; updated_by_name: string | null }): RecordRow {
  return {
    userId: r.user_id,
    organisationId: r.organisation_id,
    jobTitle: r.job_title,
    setting: r.setting,
    settingNote: r.setting_note,
    contractedHours: Number(r.contracted_hours),
    fte: Number(r.fte),
    startDate: r.start_date,
    endDate: r.end_date,
    welshSkill: r.welsh_skill,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
  }
}

export async function recordsOf(db: Db, organisationIds: readonly string[]): Promise<RecordRow[]> {
  if (organisationIds.length === 0) return []
  const rows = await db.selectFrom('workforce_records as w').leftJoin('users as b', 'b.id', 'w.updated_by').select(recordColumns).where('w.organisation_id', 'in', organisationIds).execute()
  return rows.map(recordOf)
}

export async function recordFor(db: Db, userId: string): Promise<RecordRow | undefined> {
  const row = await db.selectFrom('workforce_records as w').leftJoin('users as b', 'b.id', 'w.updated_by').select(recordColumns).where('w.user_id', '=', userId).executeTakeFirst()
  return row && recordOf(row)
}

export async function saveRecord(trx: Transaction<DB>, userId: string, organisationId: string, input: RecordInput, by: string): Promise<'created' | 'updated'> {
  const values = {
    organisation_id: organisationId,
    job_title: input.jobTitle,
    setting: input.setting,
    setting_note: input.settingNote,
    contracted_hours: input.contractedHours,
    fte: input.fte,
    start_date: input.startDate,
    end_date: input.endDate,
    welsh_skill: input.welshSkill,
    updated_at: new Date(),
    updated_by: by,
  }
  const updated = await trx.updateTable('workforce_records').set(values).where('user_id', '=', userId).executeTakeFirst()
  if (Number(updated.numUpdatedRows) > 0) return 'updated'
  await trx.insertInto('workforce_records').values({ user_id: userId, ...values }).execute()
  return 'created'
}

/** DBS checks of the given users, the newest first. */
export async function dbsChecksOf(db: Db, userIds: readonly string[]): Promise<DbsRow[]> {
  if (userIds.length === 0) return []
  const rows = await db
    .selectFrom('dbs_checks as d')
    .select(['d.id', 'd.user_id', 'd.level', 'd.checked_on', 'd.certificate_reference', 'd.renewal_months', 'd.update_service'])
    .where('d.user_id', 'in', userIds)
    .orderBy('d.checked_on', 'desc')
    .orderBy('d.created_at', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, userId: r.user_id, level: r.level, checkedOn: r.checked_on, certificateReference: r.certificate_reference, renewalMonths: r.renewal_months, updateService: r.update_service }))
}

export async function insertDbs(trx: Transaction<DB>, userId: string, organisationId: string, input: DbsInput, by: string): Promise<string> {
  const row = await trx
    .insertInto('dbs_checks')
    .values({ user_id: userId, organisation_id: organisationId, level: input.level, checked_on: input.checkedOn, certificate_reference: input.certificateReference, renewal_months: input.renewalMonths, update_service: input.updateService, created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Training of the organisations (both kinds), or of one person (what they attended), the newest first. */
export async function trainingOf(db: Db, scope: { organisationIds: readonly string[] } | { userId: string }): Promise<TrainingRow[]> {
  let query = db
    .selectFrom('training_records as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.organisation_id', 't.kind', 't.user_id', 'u.name as user_name', 't.attendees', 't.title', 't.provider', 't.status', 't.held_on', 't.hours', 't.targeted', 't.data_collection', 't.competence_area_ids'])
    .orderBy('t.held_on', 'desc')
    .orderBy('t.created_at', 'desc')
  if ('userId' in scope) query = query.where('t.user_id', '=', scope.userId)
  else if (scope.organisationIds.length === 0) return []
  else query = query.where('t.organisation_id', 'in', scope.organisationIds)
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    userId: r.user_id,
    userName: r.user_name,
    attendees: r.attendees,
    title: r.title,
    provider: r.provider,
    status: r.status,
    heldOn: r.held_on,
    hours: Number(r.hours),
    targeted: r.targeted,
    dataCollection: r.data_collection,
    competenceAreaIds: r.competence_area_ids,
  }))
}

export async function insertTraining(trx: Transaction<DB>, organisationId: string, input: TrainingInput, by: string | null): Promise<string> {
  const row = await trx
    .insertInto('training_records')
    .values({
      organisation_id: organisationId,
      kind: input.kind,
      user_id: input.userId,
      attendees: input.attendees,
      title: input.title,
      provider: input.provider,
      status: input.status,
      held_on: input.heldOn,
      hours: input.hours,
      targeted: input.targeted,
      data_collection: input.dataCollection,
      competence_area_ids: input.competenceAreaIds,
      created_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function volunteersOf(db: Db, organisationIds: readonly string[]): Promise<VolunteerRow[]> {
  if (organisationIds.length === 0) return []
  const rows = await db
    .selectFrom('volunteer_counts as v')
    .select(['v.id', 'v.organisation_id', 'v.period_from', 'v.period_to', 'v.volunteers', 'v.hours'])
    .where('v.organisation_id', 'in', organisationIds)
    .orderBy('v.period_from', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, periodFrom: r.period_from, periodTo: r.period_to, volunteers: r.volunteers, hours: Number(r.hours) }))
}

export async function insertVolunteers(trx: Transaction<DB>, organisationId: string, input: VolunteerInput, by: string | null): Promise<string> {
  const row = await trx
    .insertInto('volunteer_counts')
    .values({ organisation_id: organisationId, period_from: input.periodFrom, period_to: input.periodTo, volunteers: input.volunteers, hours: input.hours, created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
