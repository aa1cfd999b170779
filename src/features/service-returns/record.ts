import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { guardRecord } from '../person-record/access.js'
import { todayInWales } from '../what-matters/dates.js'
import {
  type ActivityReturnRow,
  findActivityReturn,
  findServiceReturn,
  lockForReturns,
  overlappingActivityReturn,
  overlappingServiceReturn,
  serviceWithManager,
  type ServiceReturnRow,
} from './repository.js'
import { activityFigures, columnsOf, figuresOfRow, serviceFigures, validateActivityReturn, validateServiceReturn } from './rules.js'

/*
 * Writing returns, shared by the pages and the API: validated with the pure rules and refused with every reason
 * (nothing written), or written with the previous version kept and an audit event, in one transaction.
 */

export type Result = { ok: true; id: string } | { ok: false; status: 400 | 403 | 409; code: string; errors: FieldError[] }

const userOf = (request: FastifyRequest) => {
  if (!request.user) throw new Error('a signed-in user is required')
  return request.user
}

const overlapError = (found: { period_from: string; period_to: string }): FieldError => ({
  field: 'periodFrom',
  key: 'serviceReturns.errors.overlap',
  params: { from: found.period_from, to: found.period_to },
  href: '#periodFrom-day',
})

/** The return named in the URL: 404 when there is none; another organisation's is refused (403, audited). */
export async function loadServiceReturn(app: FastifyInstance, request: FastifyRequest, action: 'service_returns.view' | 'service_returns.manage', refusal: 'forbidden' | 'not_found' = 'forbidden'): Promise<ServiceReturnRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const row = isUuid(id) ? await findServiceReturn(db, id) : undefined
  if (!row) throw notFound()
  await guardRecord(db, request, action, { recordType: 'service_return', recordId: row.id, organisationId: row.organisation_id, auditAction: action === 'service_returns.view' ? 'service_return.view' : 'service_return.update' }, refusal)
  return row
}

export async function loadActivityReturn(app: FastifyInstance, request: FastifyRequest, refusal: 'forbidden' | 'not_found' = 'forbidden'): Promise<ActivityReturnRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const row = isUuid(id) ? await findActivityReturn(db, id) : undefined
  if (!row) throw notFound()
  await guardRecord(db, request, 'asset_costs.manage', { recordType: 'activity_return', recordId: row.id, organisationId: row.organisation_id, auditAction: 'activity_return.view' }, refusal)
  return row
}

export async function createServiceReturn(app: FastifyInstance, request: FastifyRequest, raw: Record<string, unknown>): Promise<Result> {
  const user = userOf(request)
  const { value, errors } = validateServiceReturn(raw, todayInWales(new Date()))
  if (!value) return { ok: false, status: 400, code: 'validation_failed', errors }
  return app.deps.database.db.transaction().execute(async (trx): Promise<Result> => {
    await lockForReturns(trx, { organisationId: user.organisationId })
    const clash = await overlappingServiceReturn(trx, user.organisationId, value.periodFrom, value.periodTo)
    if (clash) return { ok: false, status: 409, code: 'period_overlaps', errors: [overlapError(clash)] }
    const created = await trx
      .insertInto('service_returns')
      .values({
        organisation_id: user.organisationId,
        period_from: value.periodFrom,
        period_to: value.periodTo,
        ...columnsOf(serviceFigures, value.figures),
        funding_continues: value.fundingContinues,
        funding_note: value.fundingNote,
        created_by: user.userId,
        updated_by: user.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, auditContext(request), { action: 'service_return.create', recordType: 'service_return', recordId: created.id, detail: { periodFrom: value.periodFrom, periodTo: value.periodTo } })
    return { ok: true, id: created.id }
  })
}

/** The figures of a row as they stand, kept as a version before an edit replaces them. */
const snapshot = (row: Record<string, unknown>, specs: typeof serviceFigures | typeof activityFigures, extra: Record<string, unknown>) =>
  JSON.stringify({ periodFrom: row.period_from, periodTo: row.period_to, ...figuresOfRow(specs, row), ...extra })

export async function editServiceReturn(app: FastifyInstance, request: FastifyRequest, loaded: ServiceReturnRow, raw: Record<string, unknown>): Promise<Result> {
  const user = userOf(request)
  const { value, errors } = validateServiceReturn(raw, todayInWales(new Date()))
  if (!value) return { ok: false, status: 400, code: 'validation_failed', errors }
  return app.deps.database.db.transaction().execute(async (trx): Promise<Result> => {
    await lockForReturns(trx, { organisationId: loaded.organisation_id })
    // Read again under the lock: a correction made meanwhile is the version this one replaces.
    const row = (await findServiceReturn(trx, loaded.id)) as ServiceReturnRow
    const clash = await overlappingServiceReturn(trx, row.organisation_id, value.periodFrom, value.periodTo, row.id)
    if (clash) return { ok: false, status: 409, code: 'period_overlaps', errors: [overlapError(clash)] }
    await trx
      .insertInto('return_versions')
      .values({
        return_kind: 'service',
        return_id: row.id,
        version: row.version,
        figures: snapshot(row, serviceFigures, { fundingContinues: row.funding_continues, fundingNote: row.funding_note }),
        changed_by: row.updated_by,
        changed_at: row.updated_at,
      })
      .execute()
    await trx
      .updateTable('service_returns')
      .set({
        period_from: value.periodFrom,
        period_to: value.periodTo,
        ...columnsOf(serviceFigures, value.figures),
        funding_continues: value.fundingContinues,
        funding_note: value.fundingNote,
        version: row.version + 1,
        updated_by: user.userId,
        updated_at: new Date(),
      })
      .where('id', '=', row.id)
      .execute()
    await audit(trx, auditContext(request), { action: 'service_return.update', recordType: 'service_return', recordId: row.id, organisationId: row.organisation_id, detail: { version: row.version + 1 } })
    return { ok: true, id: row.id }
  })
}

/**
 * An activity's figures: an asset user for a service their organisation manages, a team lead for any service.
 * The record's organisation is the one entering it.
 */
export async function createActivityReturn(app: FastifyInstance, request: FastifyRequest, raw: Record<string, unknown>): Promise<Result> {
  const user = userOf(request)
  const { value, errors } = validateActivityReturn(raw, todayInWales(new Date()))
  const serviceId = typeof raw.serviceId === 'string' ? raw.serviceId : ''
  const service = isUuid(serviceId) ? await serviceWithManager(app.deps.database.db, serviceId) : undefined
  const managesIt = service && (user.roles.includes('team_lead') || service.managed_by_organisation_id === user.organisationId)
  // First, as the service is the form's first field: the error summary lists problems in the page's order.
  if (!managesIt) errors.unshift({ field: 'serviceId', key: 'serviceReturns.errors.service' })
  if (!value || errors.length > 0 || !service) return { ok: false, status: 400, code: 'validation_failed', errors }
  if (!can(user, 'asset_costs.manage', { organisationId: user.organisationId })) return { ok: false, status: 403, code: 'forbidden', errors: [] }
  return app.deps.database.db.transaction().execute(async (trx): Promise<Result> => {
    await lockForReturns(trx, { serviceId: service.id })
    const clash = await overlappingActivityReturn(trx, service.id, user.organisationId, value.periodFrom, value.periodTo)
    if (clash) return { ok: false, status: 409, code: 'period_overlaps', errors: [overlapError(clash)] }
    const created = await trx
      .insertInto('activity_returns')
      .values({ service_id: service.id, organisation_id: user.organisationId, period_from: value.periodFrom, period_to: value.periodTo, ...columnsOf(activityFigures, value.figures), created_by: user.userId, updated_by: user.userId })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, auditContext(request), { action: 'activity_return.create', recordType: 'activity_return', recordId: created.id, detail: { serviceId: service.id, periodFrom: value.periodFrom, periodTo: value.periodTo } })
    return { ok: true, id: created.id }
  })
}

export async function editActivityReturn(app: FastifyInstance, request: FastifyRequest, loaded: ActivityReturnRow, raw: Record<string, unknown>): Promise<Result> {
  const user = userOf(request)
  const { value, errors } = validateActivityReturn(raw, todayInWales(new Date()))
  if (!value) return { ok: false, status: 400, code: 'validation_failed', errors }
  return app.deps.database.db.transaction().execute(async (trx): Promise<Result> => {
    await lockForReturns(trx, { serviceId: loaded.service_id })
    const row = (await findActivityReturn(trx, loaded.id)) as ActivityReturnRow
    const clash = await overlappingActivityReturn(trx, row.service_id, row.organisation_id, value.periodFrom, value.periodTo, row.id)
    if (clash) return { ok: false, status: 409, code: 'period_overlaps', errors: [overlapError(clash)] }
    await trx
      .insertInto('return_versions')
      .values({ return_kind: 'activity', return_id: row.id, version: row.version, figures: snapshot(row, activityFigures, {}), changed_by: row.updated_by, changed_at: row.updated_at })
      .execute()
    await trx
      .updateTable('activity_returns')
      .set({ period_from: value.periodFrom, period_to: value.periodTo, ...columnsOf(activityFigures, value.figures), version: row.version + 1, updated_by: user.userId, updated_at: new Date() })
      .where('id', '=', row.id)
      .execute()
    await audit(trx, auditContext(request), { action: 'activity_return.update', recordType: 'activity_return', recordId: row.id, organisationId: row.organisation_id, detail: { version: row.version + 1 } })
    return { ok: true, id: row.id }
  })
}
