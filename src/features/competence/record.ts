import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { todayInWales } from '../what-matters/dates.js'
import { findPlanItem, findSitting, insertPlanItem, insertSitting, type PlanItemRow, type SittingRow, updatePlanItem } from './repository.js'
import { type PlanItemInput, validateAssessment, validatePlanItem } from './rules.js'

/*
 * The writes and guarded reads shared by the pages and the API. Each validates first (nothing is written on bad
 * input) and audits in the transaction that writes; a team lead's read of their staff's sitting is audited too, as
 * is any refused attempt at someone else's record.
 */

export type Outcome = { ok: true; id: string } | { ok: false; errors: FieldError[] }

/** The signed-in practitioner or team lead, who owns what they write here. */
export function ownerOf(request: FastifyRequest) {
  const user = request.user
  if (!user || !can(user, 'competence.manage_own', { organisationId: user.organisationId, userId: user.userId })) throw forbidden()
  return { userId: user.userId, organisationId: user.organisationId }
}

/** Saves a new sitting with its ratings; earlier sittings are kept. */
export async function saveSitting(app: FastifyInstance, request: FastifyRequest, raw: Record<string, unknown>): Promise<Outcome> {
  const owner = ownerOf(request)
  const checked = validateAssessment(raw, todayInWales(new Date()))
  if (!checked.ok) return checked
  return app.deps.database.db.transaction().execute(async (trx) => {
    const id = await insertSitting(trx, owner, checked.value)
    await audit(trx, auditContext(request), {
      action: 'competence_self_assessment.create',
      recordType: 'competence_self_assessment',
      recordId: id,
      organisationId: owner.organisationId,
      detail: { userId: owner.userId, assessedOn: checked.value.assessedOn, ratings: checked.value.ratings.length },
    })
    return { ok: true as const, id }
  })
}

async function refuse(app: FastifyInstance, request: FastifyRequest, action: string, recordType: string, id: string, organisationId: string | null) {
  await audit(app.deps.database.db, auditContext(request), { action, recordType, recordId: id, organisationId, outcome: 'refused' })
}

/**
 * One sitting: the user's own, or (audited) a staff member's for a team lead of the same organisation. Anyone
 * else's answers 404, so another organisation's records are not revealed; the refusal is audited.
 */
export async function readSitting(app: FastifyInstance, request: FastifyRequest, id: unknown): Promise<SittingRow> {
  const db = app.deps.database.db
  const user = request.user
  const found = isUuid(id) ? await findSitting(db, id) : undefined
  if (!user || !found) throw notFound()
  const scope = { organisationId: found.organisationId, userId: found.userId }
  if (can(user, 'competence.manage_own', scope) && found.organisationId === user.organisationId) return found
  if (!can(user, 'competence.team.view', scope)) {
    await refuse(app, request, 'competence_self_assessment.view', 'competence_self_assessment', found.id, found.organisationId)
    throw notFound()
  }
  await audit(db, auditContext(request), {
    action: 'competence_self_assessment.view',
    recordType: 'competence_self_assessment',
    recordId: found.id,
    organisationId: found.organisationId,
    detail: { userId: found.userId },
  })
  return found
}

export async function addPlanItem(app: FastifyInstance, request: FastifyRequest, raw: Record<string, unknown>): Promise<Outcome> {
  const owner = ownerOf(request)
  const checked = validatePlanItem(raw)
  if (!checked.ok) return checked
  const input = checked.value as PlanItemInput
  return app.deps.database.db.transaction().execute(async (trx) => {
    const id = await insertPlanItem(trx, owner, input)
    await audit(trx, auditContext(request), {
      action: 'development_plan_item.create',
      recordType: 'development_plan_item',
      recordId: id,
      organisationId: owner.organisationId,
      detail: { userId: owner.userId, areaId: input.areaId, status: input.status },
    })
    return { ok: true as const, id }
  })
}

/** The user's own plan item; anyone else's answers 404 (audited as refused). */
export async function ownPlanItem(app: FastifyInstance, request: FastifyRequest, id: unknown): Promise<PlanItemRow> {
  const user = request.user
  const found = isUuid(id) ? await findPlanItem(app.deps.database.db, id) : undefined
  if (!user || !found) throw notFound()
  if (found.organisationId !== user.organisationId || !can(user, 'competence.manage_own', { organisationId: found.organisationId, userId: found.userId })) {
    await refuse(app, request, 'development_plan_item.update', 'development_plan_item', found.id, found.organisationId)
    throw notFound()
  }
  return found
}

/** Changes the action, due date or status of one of the user's plan items (the area stays). */
export async function changePlanItem(app: FastifyInstance, request: FastifyRequest, item: PlanItemRow, raw: Record<string, unknown>): Promise<Outcome> {
  const { areaId: _ignored, ...rest } = raw
  void _ignored
  const checked = validatePlanItem(rest, true)
  if (!checked.ok) return checked
  const change = checked.value
  return app.deps.database.db.transaction().execute(async (trx) => {
    await updatePlanItem(trx, item.id, change)
    await audit(trx, auditContext(request), {
      action: 'development_plan_item.update',
      recordType: 'development_plan_item',
      recordId: item.id,
      organisationId: item.organisationId,
      detail: { userId: item.userId, changed: Object.keys(change), status: change.status ?? item.status },
    })
    return { ok: true as const, id: item.id }
  })
}
