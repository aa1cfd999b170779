import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { type AssessmentRow, actionsOf, assessmentsOf, findAssessment, previousAssessment, ratingsOf } from './repository.js'
import { actionJson, compare, sectionSummaries } from './summary.js'

/* Reads of assessments, for the API and the pages. */

export const assessmentJson = (a: AssessmentRow) => ({
  id: a.id,
  assessedOn: a.assessed_on,
  status: a.status,
  completedBy: a.completed_by_name,
  createdAt: a.created_at.toISOString(),
})

export async function readHistory(app: FastifyInstance, organisationId: string) {
  return (await assessmentsOf(app.deps.database.db, organisationId)).map(assessmentJson)
}

/** What one assessment's JSON is made from: its ratings (by statement), actions, and the organisation's previous assessment. */
export async function assessmentRowsOf(db: Kysely<DB> | Transaction<DB>, assessment: AssessmentRow) {
  const current = (await ratingsOf(db, assessment.id)).sort((a, b) => a.statement_id.localeCompare(b.statement_id))
  const actions = await actionsOf(db, assessment.id)
  const previous = await previousAssessment(db, assessment)
  const previousRatings = previous ? await ratingsOf(db, previous.id) : []
  // After a write the caller's row may be stale (its status, who completed it).
  const fresh = (await findAssessment(db, assessment.id)) ?? assessment
  return { assessment: fresh, current, actions, previousRatings, previous }
}

export type AssessmentRows = Awaited<ReturnType<typeof assessmentRowsOf>>

/** One assessment in full as JSON: ratings, actions, the summary per standard and component, the change since the previous one. */
export const assessmentDetailJson = ({ assessment, current, actions, previous, previousRatings }: AssessmentRows, lang: 'cy' | 'en') => ({
  ...assessmentJson(assessment),
  ratings: current.map((r) => ({ statementId: r.statement_id, rating: r.rating, evidence: r.evidence })),
  actions: actions.map(actionJson),
  summary: sectionSummaries(current, actions, lang),
  previous: previous ? { id: previous.id, assessedOn: previous.assessed_on, changes: compare(previousRatings, current, lang).map(({ id, better, worse }) => ({ id, better, worse })) } : null,
})

/**
 * One assessment in full: ratings, actions (whose owners are people, so the read is audited), the summary per
 * standard and component, and the change since the organisation's previous assessment.
 */
export async function readAssessment(app: FastifyInstance, request: FastifyRequest, assessment: AssessmentRow, audited = true) {
  return app.deps.database.db.transaction().execute(async (trx) => {
    const rows = await assessmentRowsOf(trx, assessment)
    if (audited)
      await audit(trx, auditContext(request), {
        action: 'standards_assessment.view',
        recordType: 'standards_assessment',
        recordId: assessment.id,
        organisationId: assessment.organisation_id,
      })
    return { json: assessmentDetailJson(rows, request.lang), rows }
  })
}
