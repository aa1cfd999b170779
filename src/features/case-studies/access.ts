import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Action } from '../../platform/access/policy.js'
import { notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import { guardRecord } from '../person-record/access.js'
import { type FeedbackRow, findFeedback } from './feedback-repository.js'
import { type CaseStudyRow, findCaseStudy } from './repository.js'

/**
 * The case study named in the URL: 404 when there is none; another organisation's is refused with 403 and the
 * refusal audited (issue 6 §6), on pages and in the API alike.
 */
export async function loadCaseStudy(
  app: FastifyInstance,
  request: FastifyRequest,
  action: Extract<Action, `case_studies.${string}`>,
): Promise<CaseStudyRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const row = isUuid(id) ? await findCaseStudy(db, id) : undefined
  if (!row) throw notFound()
  await guardRecord(db, request, action, { recordType: 'case_study', recordId: row.id, organisationId: row.organisation_id, auditAction: 'case_study.view' })
  return row
}

/** An entry of the 'you said, we did' log, refused (audited, 403) to other organisations. */
export async function loadFeedback(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'feedback_log.view' | 'feedback_log.manage',
): Promise<FeedbackRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const row = isUuid(id) ? await findFeedback(db, id) : undefined
  if (!row) throw notFound()
  await guardRecord(db, request, action, { recordType: 'feedback_log', recordId: row.id, organisationId: row.organisation_id, auditAction: 'feedback_log.update' })
  return row
}
