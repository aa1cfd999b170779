import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Action, can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { guardRecord } from '../person-record/access.js'
import { todayInWales } from '../what-matters/dates.js'
import { type AssessmentRow, assessmentsOf, findAction, findAssessment, insertAction, insertAssessment, organisationUsers, ratingsOf, updateAction, upsertRatings } from './repository.js'
import { isDay, validateAction, validateRatings } from './rules.js'
import { statementIds } from './standards.js'

/*
 * The writes of the self-assessment, shared by the pages and the API: each validates first (nothing is written on
 * bad input) and audits in the transaction that writes. Reading another organisation's assessment is refused and
 * the refusal audited (guardRecord).
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 400 | 409 | 422; code: string; errors: FieldError[] }

/** The signed-in user's organisation, when they may take `action` on its assessments. */
export function ownOrganisation(request: FastifyRequest, action: Action): string {
  const organisationId = request.user?.organisationId
  if (!organisationId || !can(request.user, action, { organisationId })) throw forbidden()
  return organisationId
}

/** The assessment named in the URL: 404 when there is none, refused (and audited) for another organisation. */
export async function loadAssessment(app: FastifyInstance, request: FastifyRequest, action: Action, refusal: 'forbidden' | 'not_found'): Promise<AssessmentRow> {
  const id = (request.params as { id?: string }).id
  const db = app.deps.database.db
  const found = isUuid(id) ? await findAssessment(db, id) : undefined
  if (!found) throw notFound()
  const auditAction = action === 'standards_assessment.manage' ? 'standards_assessment.update' : 'standards_assessment.view'
  await guardRecord(db, request, action, { recordType: 'standards_assessment', recordId: found.id, organisationId: found.organisation_id, auditAction }, refusal)
  return found
}

/** Starts an assessment for the user's organisation, optionally from the ratings of its latest one. */
export async function startAssessment(app: FastifyInstance, request: FastifyRequest, body: Record<string, unknown>): Promise<Outcome<{ id: string; copied: number }>> {
  const organisationId = ownOrganisation(request, 'standards_assessment.manage')
  const today = todayInWales(new Date())
  const assessedOn = body.assessedOn === undefined || body.assessedOn === '' ? today : body.assessedOn
  const errors: FieldError[] = []
  if (!isDay(assessedOn)) errors.push({ field: 'assessedOn', key: 'standardsAssessment.errors.assessedOnInvalid' })
  else if (assessedOn > today) errors.push({ field: 'assessedOn', key: 'standardsAssessment.errors.assessedOnFuture' })
  const from = body.fromLast
  if (from !== undefined && typeof from !== 'boolean' && from !== 'yes' && from !== 'no') errors.push({ field: 'fromLast', key: 'standardsAssessment.errors.fromLastInvalid' })
  if (errors.length) return { ok: false, status: 422, code: 'validation_failed', errors }
  const fromLast = from === true || from === 'yes'
  return app.deps.database.db.transaction().execute(async (trx) => {
    const last = fromLast ? (await assessmentsOf(trx, organisationId))[0] : undefined
    const created = await insertAssessment(trx, organisationId, assessedOn as string, last?.id ?? null)
    await audit(trx, auditContext(request), {
      action: 'standards_assessment.create',
      recordType: 'standards_assessment',
      recordId: created.id,
      organisationId,
      detail: { assessedOn, copiedFrom: last?.id ?? null, copied: created.copied },
    })
    return { ok: true as const, value: created }
  })
}

/**
 * Saves ratings and evidence, and completes the assessment when asked. A complete assessment is the record of
 * that day and is not changed afterwards; completing needs every statement rated.
 */
export async function saveRatings(app: FastifyInstance, request: FastifyRequest, assessment: AssessmentRow, body: Record<string, unknown>): Promise<Outcome<{ status: 'draft' | 'complete' }>> {
  const checked = validateRatings(body.ratings ?? [])
  const status = body.status === undefined || body.status === '' ? 'draft' : body.status
  const errors = checked.ok ? [] : [...checked.errors]
  if (status !== 'draft' && status !== 'complete') errors.push({ field: 'status', key: 'standardsAssessment.errors.statusInvalid' })
  if (errors.length) return { ok: false, status: 422, code: 'validation_failed', errors }
  if (assessment.status === 'complete') return { ok: false, status: 409, code: 'assessment_complete', errors: [{ field: 'status', key: 'standardsAssessment.errors.alreadyComplete' }] }
  const ratings = checked.ok ? checked.value : []
  return app.deps.database.db.transaction().execute(async (trx) => {
    if (status === 'complete') {
      const rated = new Set([...(await ratingsOf(trx, assessment.id)).map((r) => r.statement_id), ...ratings.map((r) => r.statementId)])
      const missing = statementIds.filter((id) => !rated.has(id))
      if (missing.length)
        return { ok: false as const, status: 422 as const, code: 'validation_failed', errors: [{ field: 'status', key: 'standardsAssessment.errors.notAllRated', params: { count: missing.length } }] }
    }
    await upsertRatings(trx, assessment.id, ratings)
    if (status === 'complete')
      await trx.updateTable('standards_assessments').set({ status: 'complete', completed_by: request.user?.userId ?? null }).where('id', '=', assessment.id).execute()
    await audit(trx, auditContext(request), {
      action: 'standards_assessment.update',
      recordType: 'standards_assessment',
      recordId: assessment.id,
      organisationId: assessment.organisation_id,
      detail: { rated: ratings.length, status },
    })
    return { ok: true as const, value: { status: status as 'draft' | 'complete' } }
  })
}

/** Adds an improvement action to the assessment, or changes one (`actionId`). */
export async function saveAction(app: FastifyInstance, request: FastifyRequest, assessment: AssessmentRow, body: Record<string, unknown>, actionId?: string): Promise<Outcome<{ id: string }>> {
  const db = app.deps.database.db
  const existing = actionId === undefined ? undefined : isUuid(actionId) ? await findAction(db, assessment.id, actionId) : undefined
  if (actionId !== undefined && !existing) throw notFound()
  const users = await organisationUsers(db, assessment.organisation_id)
  const merged = existing
    ? {
        statementId: existing.statement_id,
        action: existing.action,
        ownerUserId: existing.owner_user_id,
        ownerName: existing.owner_name,
        dueOn: existing.due_on,
        status: existing.status,
        doneOn: existing.done_on,
        ...body,
      }
    : body
  // A changed owner replaces the other kind of owner, so a PUT may send just one of them.
  if (existing && ('ownerUserId' in body || 'ownerName' in body)) {
    if (!('ownerUserId' in body)) merged.ownerUserId = null
    if (!('ownerName' in body)) merged.ownerName = null
  }
  const checked = validateAction(merged, { assessedOn: assessment.assessed_on, today: todayInWales(new Date()), organisationUserIds: new Set(users.map((u) => u.id)) })
  if (!checked.ok) return { ok: false, status: 422, code: 'validation_failed', errors: checked.errors }
  return db.transaction().execute(async (trx) => {
    const id = existing ? existing.id : (await insertAction(trx, assessment.id, checked.value)).id
    if (existing) await updateAction(trx, existing.id, checked.value)
    await audit(trx, auditContext(request), {
      action: existing ? 'standards_action.update' : 'standards_action.create',
      recordType: 'standards_action',
      recordId: id,
      organisationId: assessment.organisation_id,
      detail: { assessmentId: assessment.id, statementId: checked.value.statementId, status: checked.value.status },
    })
    return { ok: true as const, value: { id } }
  })
}
