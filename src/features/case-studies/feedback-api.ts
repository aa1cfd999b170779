import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { todayInWales } from '../what-matters/dates.js'
import { loadFeedback } from './access.js'
import { type FeedbackRow, findFeedback, insertFeedback, listFeedback, updateFeedback } from './feedback-repository.js'
import { OWNER_LIMIT, SAID_LIMIT, validateFeedback } from './feedback-rules.js'
import { parseFeedbackFilters } from './filters.js'
import { feedbackSources, feedbackStatuses } from './schema.js'

const tags = ['You said, we did']
const uuid = { type: 'string', format: 'uuid' } as const
const date = { type: 'string', format: 'date' } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const invalid = { 422: problemSchema } as const

const entryBody = {
  type: 'object',
  properties: {
    receivedOn: { ...date, description: 'Not in the future' },
    source: { type: 'string', enum: [...feedbackSources] },
    said: { type: 'string', minLength: 1, maxLength: SAID_LIMIT },
    action: { type: 'string', maxLength: SAID_LIMIT, description: 'The change; required when done' },
    owner: { type: 'string', maxLength: OWNER_LIMIT },
    status: { type: 'string', enum: [...feedbackStatuses], default: 'considering' },
    notPossibleReason: { type: 'string', maxLength: SAID_LIMIT, description: 'Required when not_possible' },
    doneOn: { ...date, description: 'Required when done; not before receivedOn, not in the future' },
  },
  required: ['receivedOn', 'source', 'said'],
} as const

const entrySchema = {
  type: 'object',
  properties: {
    id: uuid,
    receivedOn: date,
    source: { type: 'string', enum: [...feedbackSources] },
    said: { type: 'string' },
    action: { type: ['string', 'null'] },
    owner: { type: ['string', 'null'] },
    status: { type: 'string', enum: [...feedbackStatuses] },
    notPossibleReason: { type: ['string', 'null'] },
    doneOn: { type: ['string', 'null'], format: 'date' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'receivedOn', 'source', 'said', 'status'],
} as const

const entryJson = (r: FeedbackRow) => ({
  id: r.id,
  receivedOn: r.received_on,
  source: r.source,
  said: r.said,
  action: r.action,
  owner: r.owner,
  status: r.status,
  notPossibleReason: r.not_possible_reason,
  doneOn: r.done_on,
  updatedAt: r.updated_at.toISOString(),
})

const objectBody = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** The 'you said, we did' log as JSON (CS App. Two). */
export async function feedbackApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/you-said-we-did',
    {
      config: { action: 'feedback_log.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Your organisation’s log of feedback and what was done, newest first',
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...feedbackStatuses] },
            source: { type: 'string', enum: [...feedbackSources] },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { entries: { type: 'array', items: entrySchema } },
            required: ['entries'],
          },
          ...invalid,
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const user = request.user
      if (!user) throw forbidden()
      const { filters, errors } = parseFeedbackFilters(request.query as Record<string, unknown>)
      if (errors.length > 0)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('caseStudies.api.invalid'), {
          errors: apiErrors(request.t, errors),
        })
      return { entries: (await listFeedback(db, user.organisationId, filters)).map(entryJson) }
    },
  )

  app.post(
    '/api/v1/you-said-we-did',
    {
      config: { action: 'feedback_log.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Log feedback received and what is being done about it',
        body: entryBody,
        response: { 201: entrySchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const user = request.user
      if (!user) throw forbidden()
      const now = new Date()
      const { value, errors } = validateFeedback(objectBody(request), todayInWales(now))
      if (errors.length > 0)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('caseStudies.api.invalid'), {
          errors: apiErrors(request.t, errors),
        })
      const row = await db.transaction().execute(async (trx) => {
        const id = await insertFeedback(trx, user.organisationId, value, user.userId, now)
        await audit(trx, auditContext(request), {
          action: 'feedback_log.create',
          recordType: 'feedback_log',
          recordId: id,
          detail: { source: value.source, status: value.status },
        })
        return (await findFeedback(trx, id)) as FeedbackRow
      })
      return reply.code(201).header('location', `/api/v1/you-said-we-did/${row.id}`).send(entryJson(row))
    },
  )

  app.put(
    '/api/v1/you-said-we-did/:id',
    {
      config: { action: 'feedback_log.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Update an entry: the change, its owner and status',
        params: { type: 'object', properties: { id: uuid }, required: ['id'] },
        body: entryBody,
        response: { 200: entrySchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const existing = await loadFeedback(app, request, 'feedback_log.manage')
      const now = new Date()
      const { value, errors } = validateFeedback(objectBody(request), todayInWales(now))
      if (errors.length > 0)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('caseStudies.api.invalid'), {
          errors: apiErrors(request.t, errors),
        })
      const row = await db.transaction().execute(async (trx) => {
        await updateFeedback(trx, existing.id, value, now)
        await audit(trx, auditContext(request), {
          action: 'feedback_log.update',
          recordType: 'feedback_log',
          recordId: existing.id,
          organisationId: existing.organisation_id,
          detail: { status: value.status },
        })
        return (await findFeedback(trx, existing.id)) as FeedbackRow
      })
      return entryJson(row)
    },
  )
}
