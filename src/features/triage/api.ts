import type { FastifyInstance } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { levelsOfSupport } from '../episodes/schema.js'
import { declineReasons } from '../referrals/vocabulary.js'
import { applyDecision } from './decisions.js'
import { EXPLANATION_LIMIT, REDIRECT_LIMIT, validateDecision } from './forms.js'
import { loadReferral } from './referral-page.js'
import { practitionersOf } from './referral-queries.js'

const bodySchema = {
  type: 'object',
  description: 'Accept with a practitioner of your organisation, or decline with a reason category and an explanation',
  properties: {
    decision: { type: 'string', enum: ['accept', 'decline'] },
    practitionerId: { type: 'string', format: 'uuid', description: 'accept: the practitioner the episode of support is allocated to' },
    levelOfSupport: { type: 'string', enum: [...levelsOfSupport], description: 'accept (optional): the level of support the episode begins with (CDS #21, #22, #30, #107); it can be set or changed later on the episode' },
    reason: { type: 'string', enum: [...declineReasons], description: 'decline: why the referral is not appropriate' },
    explanation: { type: 'string', maxLength: EXPLANATION_LIMIT, description: 'decline: the explanation the referrer is given' },
    redirectedTo: { type: 'string', maxLength: REDIRECT_LIMIT, description: 'decline: another service the person was directed to' },
  },
  required: ['decision'],
} as const


export async function triageApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.post(
    '/api/v1/referrals/:id/triage',
    {
      config: { action: 'referrals.triage' },
      ...documentOnly,
      schema: {
        tags: ['Referrals'],
        summary: 'Accept or decline a referral waiting for triage',
        description: 'Accepting begins the episode of support. The referrer is told the outcome when the person agreed to it.',
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] },
        body: bodySchema,
        response: {
          200: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, reference: { type: 'string' }, status: { type: 'string', enum: ['accepted', 'declined'] } }, required: ['id', 'reference', 'status'] },
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: { ...problemSchema, properties: { ...problemSchema.properties, currentStatus: { type: 'string', description: 'The status the referral is in now' } } },
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const referral = await loadReferral(app, request, 'referrals.triage', { auditAction: 'referral.triage', refusal: 'not_found' })
      const raw = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}
      const practitioners = await practitionersOf(db, referral.organisation_id)
      const { value, errors } = validateDecision(raw, practitioners.map((p) => p.id))
      if (!value) return sendProblem(request, reply, 422, 'validation_failed', request.t('errors.validation'), { title: request.t('triage.api.validationTitle'), errors: apiErrors(request.t, errors) })
      const outcome = await applyDecision(app, request, referral.id, value)
      if (!outcome.ok) {
        return sendProblem(request, reply, 409, 'conflict', request.t('triage.errors.notReceived', { status: request.t(`referrals.options.status.${outcome.status}`) }), { title: request.t('triage.api.conflictTitle'), currentStatus: outcome.status })
      }
      return { id: referral.id, reference: referral.reference, status: outcome.status }
    },
  )
}
