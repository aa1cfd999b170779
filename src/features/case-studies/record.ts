import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import type { FieldError } from '../admin/fields.js'
import { todayInWales } from '../what-matters/dates.js'
import {
  approveCaseStudy,
  type CaseStudyRow,
  caseStudyDetail,
  completeCheck,
  insertCaseStudy,
  knownServices,
  personOfOrganisation,
  recordConsent,
  updateCaseStudy,
  withdrawConsent,
} from './repository.js'
import {
  type CaseStudyForm,
  checkRefusal,
  consentRefusal,
  editResetsCheck,
  isEditable,
  signOffRefusal,
  storyChanged,
  validateCaseStudy,
  validateChecklist,
  validateConsent,
} from './rules.js'

/*
 * Each change to a case study, shared by the pages and the API: validated with the pure rules, refused with the
 * reason (nothing written), or written with its history entry and audit event in one transaction.
 */

export type Result =
  | { ok: true; id: string; reset?: boolean }
  | { ok: false; status: 400 | 403 | 409; code: string; errors: FieldError[]; values?: object }

const refused = (status: 400 | 403 | 409, code: string, key: string, field = 'status'): Result => ({
  ok: false,
  status,
  code,
  errors: [{ field, key }],
})

const userOf = (request: FastifyRequest) => {
  if (!request.user) throw new Error('a signed-in user is required')
  return request.user
}

/** The story's links must point into the organisation's own records and the directory. */
async function checkLinks(app: FastifyInstance, organisationId: string, form: CaseStudyForm, errors: FieldError[]) {
  const db = app.deps.database.db
  if (form.personId && !(await personOfOrganisation(db, form.personId, organisationId)))
    errors.push({ field: 'personId', key: 'caseStudies.errors.personUnknown' })
  const known = await knownServices(db, form.serviceIds)
  if (form.serviceIds.some((s) => !known.has(s)))
    errors.push({ field: 'serviceIds', key: 'caseStudies.errors.serviceUnknown', href: '#serviceIds' })
}

export async function createCaseStudy(
  app: FastifyInstance,
  request: FastifyRequest,
  raw: Record<string, unknown>,
): Promise<Result> {
  const user = userOf(request)
  const { value, values, errors } = validateCaseStudy(raw)
  if (errors.length === 0) await checkLinks(app, user.organisationId, value, errors)
  if (errors.length > 0) return { ok: false, status: 400, code: 'validation_failed', errors, values }
  const id = await app.deps.database.db.transaction().execute(async (trx) => {
    const created = await insertCaseStudy(trx, {
      organisationId: user.organisationId,
      authorId: user.userId,
      form: value,
      now: new Date(),
    })
    await audit(trx, auditContext(request), {
      action: 'case_study.create',
      recordType: 'case_study',
      recordId: created,
      detail: { perspective: value.perspective, personId: value.personId },
    })
    return created
  })
  return { ok: true, id }
}

export async function editCaseStudy(
  app: FastifyInstance,
  request: FastifyRequest,
  row: CaseStudyRow,
  raw: Record<string, unknown>,
): Promise<Result> {
  const user = userOf(request)
  if (!isEditable(row)) return refused(409, 'withdrawn', 'caseStudies.errors.editWithdrawn')
  const { value, values, errors } = validateCaseStudy(raw)
  if (errors.length === 0) await checkLinks(app, row.organisation_id, value, errors)
  if (errors.length > 0) return { ok: false, status: 400, code: 'validation_failed', errors, values }
  const reset = await app.deps.database.db.transaction().execute(async (trx) => {
    const { services } = await caseStudyDetail(trx, row.id)
    const changed = storyChanged(
      row,
      services.map((s) => s.id),
      value,
    )
    const resetCheck = changed && editResetsCheck(row)
    if (changed) await updateCaseStudy(trx, row.id, value, user.userId, new Date(), resetCheck)
    await audit(trx, auditContext(request), {
      action: 'case_study.update',
      recordType: 'case_study',
      recordId: row.id,
      organisationId: row.organisation_id,
      detail: { changed, checkReset: resetCheck },
    })
    return resetCheck
  })
  return { ok: true, id: row.id, reset }
}

export async function checkCaseStudy(
  app: FastifyInstance,
  request: FastifyRequest,
  row: CaseStudyRow,
  raw: Record<string, unknown>,
): Promise<Result> {
  const user = userOf(request)
  const refusal = checkRefusal(row)
  if (refusal) return refused(409, 'not_draft', refusal)
  const { value, errors } = validateChecklist(raw)
  if (errors.length > 0) return { ok: false, status: 400, code: 'validation_failed', errors }
  await app.deps.database.db.transaction().execute(async (trx) => {
    await completeCheck(trx, row.id, value, user.userId, new Date())
    await audit(trx, auditContext(request), {
      action: 'case_study.check',
      recordType: 'case_study',
      recordId: row.id,
      organisationId: row.organisation_id,
    })
  })
  return { ok: true, id: row.id }
}

export async function signOffCaseStudy(
  app: FastifyInstance,
  request: FastifyRequest,
  row: CaseStudyRow,
): Promise<Result> {
  const user = userOf(request)
  const refusal = signOffRefusal(row, user.userId)
  if (refusal) {
    if (refusal.code === 'own_case_study')
      // A team lead signing off their own story is a refused action worth seeing in the audit trail.
      await audit(app.deps.database.db, auditContext(request), {
        action: 'case_study.approve',
        recordType: 'case_study',
        recordId: row.id,
        organisationId: row.organisation_id,
        outcome: 'refused',
        detail: { reason: refusal.code },
      })
    return refused(refusal.code === 'own_case_study' ? 403 : 409, refusal.code, refusal.key)
  }
  await app.deps.database.db.transaction().execute(async (trx) => {
    await approveCaseStudy(trx, row.id, user.userId, new Date())
    await audit(trx, auditContext(request), {
      action: 'case_study.approve',
      recordType: 'case_study',
      recordId: row.id,
      organisationId: row.organisation_id,
    })
  })
  return { ok: true, id: row.id }
}

export async function consentToCaseStudy(
  app: FastifyInstance,
  request: FastifyRequest,
  row: CaseStudyRow,
  raw: Record<string, unknown>,
): Promise<Result> {
  const user = userOf(request)
  const refusal = consentRefusal(row, 'record')
  if (refusal) return refused(409, 'consent_withdrawn', refusal, 'consentScope')
  const now = new Date()
  const { value, values, errors } = validateConsent(raw, todayInWales(now))
  if (!value) return { ok: false, status: 400, code: 'validation_failed', errors, values }
  await app.deps.database.db.transaction().execute(async (trx) => {
    await recordConsent(trx, row.id, value, user.userId, now)
    await audit(trx, auditContext(request), {
      action: 'case_study.consent',
      recordType: 'case_study',
      recordId: row.id,
      organisationId: row.organisation_id,
      detail: { scope: value.scope, method: value.method },
    })
  })
  return { ok: true, id: row.id }
}

export async function withdrawCaseStudyConsent(
  app: FastifyInstance,
  request: FastifyRequest,
  row: CaseStudyRow,
): Promise<Result> {
  const user = userOf(request)
  const refusal = consentRefusal(row, 'withdraw')
  if (refusal) return refused(409, 'no_consent_to_withdraw', refusal, 'consentScope')
  const now = new Date()
  await app.deps.database.db.transaction().execute(async (trx) => {
    await withdrawConsent(trx, row.id, todayInWales(now), user.userId, now)
    await audit(trx, auditContext(request), {
      action: 'case_study.consent_withdraw',
      recordType: 'case_study',
      recordId: row.id,
      organisationId: row.organisation_id,
    })
  })
  return { ok: true, id: row.id }
}
