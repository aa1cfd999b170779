import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { todayInWales } from '../what-matters/dates.js'
import { refuse } from './access.js'
import {
  dbsChecksOf,
  type DbsRow,
  findStaff,
  insertDbs,
  insertTraining,
  insertVolunteers,
  recordFor,
  recordsOf,
  type RecordRow,
  saveRecord,
  type StaffMember,
  staffOf,
  trainingOf,
  type TrainingRow,
  volunteersOf,
} from './repository.js'
import { dbsStatus, type DbsStatus, validateDbs, validateRecord, validateTraining, validateVolunteers } from './rules.js'

/*
 * The workforce record's reads and writes as the pages and the API share them: each validates, writes and audits
 * in one transaction (staff records are personal data: reads are audited too), or returns the field errors.
 */

export type Outcome = { ok: true; id: string } | { ok: false; errors: FieldError[] } | { ok: false; refused: true }

export const today = () => todayInWales(new Date())

export interface StaffLine extends StaffMember {
  record: RecordRow | null
  latestDbs: DbsRow | null
  dbs: { status: DbsStatus; dueOn: string | null; daysLeft: number | null }
  trainingHoursThisYear: number
}

const latestOf = (checks: DbsRow[], userId: string) => checks.find((c) => c.userId === userId) ?? null

/** The organisation's people with their record, latest DBS check and its renewal flag, and training hours this year. */
export async function listStaff(app: FastifyInstance, request: FastifyRequest): Promise<StaffLine[]> {
  const actor = request.user as Actor
  const day = today()
  const yearStart = `${day.slice(0, 4)}-01-01`
  return app.deps.database.db.transaction().execute(async (trx) => {
    const staff = await staffOf(trx, actor.organisationId)
    const ids = staff.map((s) => s.userId)
    const [records, checks, training] = await Promise.all([recordsOf(trx, [actor.organisationId]), dbsChecksOf(trx, ids), trainingOf(trx, { organisationIds: [actor.organisationId] })])
    await audit(trx, auditContext(request), { action: 'workforce_record.list', recordType: 'workforce_record', detail: { staff: staff.length } })
    return staff.map((s) => {
      const latestDbs = latestOf(checks, s.userId)
      const hours = training.filter((t) => t.kind === 'attended' && t.userId === s.userId && t.status === 'completed' && t.heldOn >= yearStart && t.heldOn <= day).reduce((a, t) => a + t.hours, 0)
      return {
        ...s,
        record: records.find((r) => r.userId === s.userId) ?? null,
        latestDbs,
        dbs: dbsStatus(latestDbs && { checkedOn: latestDbs.checkedOn, renewalMonths: latestDbs.renewalMonths }, day),
        trainingHoursThisYear: Math.round(hours * 100) / 100,
      }
    })
  })
}

export interface StaffDetail {
  staff: StaffMember
  record: RecordRow | null
  checks: (DbsRow & { dbs: ReturnType<typeof dbsStatus> })[]
  training: TrainingRow[]
}

/** A member of staff's record, DBS checks (each with its renewal flag on `day`) and training attended; not audited. */
export async function staffDetailOf(db: Kysely<DB> | Transaction<DB>, staff: StaffMember, day: string): Promise<StaffDetail> {
  const [record, checks, training] = await Promise.all([recordFor(db, staff.userId), dbsChecksOf(db, [staff.userId]), trainingOf(db, { userId: staff.userId })])
  return {
    staff,
    record: record ?? null,
    checks: checks.map((c) => ({ ...c, dbs: dbsStatus({ checkedOn: c.checkedOn, renewalMonths: c.renewalMonths }, day) })),
    training,
  }
}

export async function readStaff(app: FastifyInstance, request: FastifyRequest, staff: StaffMember): Promise<StaffDetail> {
  const day = today()
  return app.deps.database.db.transaction().execute(async (trx) => {
    const detail = await staffDetailOf(trx, staff, day)
    await audit(trx, auditContext(request), { action: 'workforce_record.view', recordType: 'workforce_record', recordId: staff.userId, organisationId: staff.organisationId })
    return detail
  })
}

export async function updateRecord(app: FastifyInstance, request: FastifyRequest, staff: StaffMember, body: Record<string, unknown>): Promise<Outcome> {
  const valid = validateRecord(body)
  if (!valid.ok) return valid
  const actor = request.user as Actor
  await app.deps.database.db.transaction().execute(async (trx) => {
    const done = await saveRecord(trx, staff.userId, staff.organisationId, valid.value, actor.userId)
    await audit(trx, auditContext(request), { action: `workforce_record.${done === 'created' ? 'create' : 'update'}`, recordType: 'workforce_record', recordId: staff.userId, organisationId: staff.organisationId })
  })
  return { ok: true, id: staff.userId }
}

export async function addDbsCheck(app: FastifyInstance, request: FastifyRequest, staff: StaffMember, body: Record<string, unknown>): Promise<Outcome> {
  const valid = validateDbs(body, today())
  if (!valid.ok) return valid
  const actor = request.user as Actor
  const id = await app.deps.database.db.transaction().execute(async (trx) => {
    const id = await insertDbs(trx, staff.userId, staff.organisationId, valid.value, actor.userId)
    await audit(trx, auditContext(request), { action: 'dbs_check.create', recordType: 'dbs_check', recordId: id, organisationId: staff.organisationId, detail: { userId: staff.userId, level: valid.value.level } })
    return id
  })
  return { ok: true, id }
}

/** A session attended by one of the organisation's staff, or delivered by the organisation. */
export async function addTraining(app: FastifyInstance, request: FastifyRequest, body: Record<string, unknown>): Promise<Outcome> {
  const valid = validateTraining(body, today())
  if (!valid.ok) return valid
  const actor = request.user as Actor
  const db = app.deps.database.db
  if (valid.value.userId) {
    const staff = isUuid(valid.value.userId) ? await findStaff(db, valid.value.userId) : undefined
    if (!staff) return { ok: false, errors: [{ field: 'userId', key: 'workforce.errors.userIdUnknown' }] }
    if (staff.organisationId !== actor.organisationId) {
      await refuse(app, request, 'training_record.create', staff.userId, staff.organisationId)
      return { ok: false, refused: true }
    }
  }
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertTraining(trx, actor.organisationId, valid.value, actor.userId)
    await audit(trx, auditContext(request), { action: 'training_record.create', recordType: 'training_record', recordId: id, detail: { kind: valid.value.kind, ...(valid.value.userId ? { userId: valid.value.userId } : {}) } })
    return id
  })
  return { ok: true, id }
}

/** The organisation's training (team lead), or one's own attended training (practitioner); audited. */
export async function readTraining(app: FastifyInstance, request: FastifyRequest): Promise<TrainingRow[]> {
  const actor = request.user as Actor
  return app.deps.database.db.transaction().execute(async (trx) => {
    const rows = actor.roles.includes('team_lead') ? await trainingOf(trx, { organisationIds: [actor.organisationId] }) : await trainingOf(trx, { userId: actor.userId })
    await audit(trx, auditContext(request), { action: 'training_record.list', recordType: 'training_record', detail: { rows: rows.length } })
    return rows
  })
}

export async function addVolunteers(app: FastifyInstance, request: FastifyRequest, body: Record<string, unknown>): Promise<Outcome> {
  const valid = validateVolunteers(body, today())
  if (!valid.ok) return valid
  const actor = request.user as Actor
  const id = await app.deps.database.db.transaction().execute(async (trx) => {
    const id = await insertVolunteers(trx, actor.organisationId, valid.value, actor.userId)
    await audit(trx, auditContext(request), { action: 'volunteer_count.create', recordType: 'volunteer_count', recordId: id })
    return id
  })
  return { ok: true, id }
}

export const readVolunteers = (app: FastifyInstance, request: FastifyRequest) => volunteersOf(app.deps.database.db, [(request.user as Actor).organisationId])
