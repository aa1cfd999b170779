import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError } from '../admin/fields.js'
import { areaIds, ratings } from './areas.js'
import { addPlanItem, changePlanItem, ownerOf, ownPlanItem, readSitting, saveSitting } from './record.js'
import { findPlanItem, findSitting, planOf, type PlanItemRow, sittingsOf, type SittingRow } from './repository.js'
import { ACTION_LIMIT, EVIDENCE_LIMIT, planStatuses } from './rules.js'

const tags = ['Competence']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const areaId = { type: 'string', enum: [...areaIds] } as const

const sittingSchema = {
  type: 'object',
  properties: {
    id: uuid,
    userId: uuid,
    assessedOn: { type: 'string', format: 'date' },
    createdAt: { type: 'string', format: 'date-time' },
    ratings: {
      type: 'array',
      items: {
        type: 'object',
        properties: { areaId, rating: { type: 'string', enum: [...ratings] }, evidence: { type: ['string', 'null'] } },
        required: ['areaId', 'rating'],
      },
    },
  },
  required: ['id', 'userId', 'assessedOn', 'ratings'],
} as const

const planItemSchema = {
  type: 'object',
  properties: {
    id: uuid,
    areaId,
    action: { type: 'string' },
    dueOn: { type: ['string', 'null'], format: 'date' },
    status: { type: 'string', enum: [...planStatuses] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'areaId', 'action', 'status'],
} as const

const sittingJson = (s: SittingRow) => ({
  id: s.id,
  userId: s.userId,
  assessedOn: s.assessedOn,
  createdAt: s.createdAt.toISOString(),
  ratings: s.ratings,
})
const planItemJson = (p: PlanItemRow) => ({
  id: p.id,
  areaId: p.areaId,
  action: p.action,
  dueOn: p.dueOn,
  status: p.status,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
})

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

const invalid = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) =>
  sendProblem(request, reply, 422, 'validation_failed', request.t('competence.api.invalid'), { errors: apiErrors(request.t, errors) })

/** Self-assessment and the development plan as JSON (issue 8 §2): the user's own, and a team lead's read of their staff's. */
export async function competenceApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const config = { action: 'competence.manage_own' } as const

  app.get(
    '/api/v1/competence/self-assessments',
    {
      config,
      ...documentOnly,
      schema: {
        tags,
        summary: 'Your own self-assessments against the Competence Framework, the newest first',
        response: { 200: { type: 'object', properties: { selfAssessments: { type: 'array', items: sittingSchema } } }, ...problems },
      },
    },
    async (request) => {
      const owner = ownerOf(request)
      return { selfAssessments: (await sittingsOf(db, owner.userId)).reverse().map(sittingJson) }
    },
  )

  app.post(
    '/api/v1/competence/self-assessments',
    {
      config,
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record a new self-assessment (earlier ones are kept)',
        description: `Areas left out are stored as not rated; at least one rating. 422 \`validation_failed\`: no ratings, an unknown area or rating, a repeated area, evidence without a rating or over ${EVIDENCE_LIMIT} characters, a date in the future or before 2015.`,
        body: {
          type: 'object',
          properties: {
            assessedOn: { type: 'string', format: 'date' },
            ratings: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  areaId,
                  rating: { type: 'string', enum: [...ratings] },
                  evidence: { type: 'string', maxLength: EVIDENCE_LIMIT },
                },
                required: ['areaId', 'rating'],
              },
            },
          },
          required: ['assessedOn', 'ratings'],
        },
        response: { 201: sittingSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const outcome = await saveSitting(app, request, bodyOf(request))
      if (!outcome.ok) return invalid(request, reply, outcome.errors)
      const saved = await findSitting(db, outcome.id)
      return reply.code(201).send(saved && sittingJson(saved))
    },
  )

  app.get(
    '/api/v1/competence/self-assessments/:id',
    {
      config,
      ...documentOnly,
      schema: {
        tags,
        summary: 'One self-assessment: your own, or (for a team lead) one of your organisation’s staff',
        description: 'A team lead’s read of someone else’s is audited. Anyone else’s, or another organisation’s, answers 404.',
        params: idParams,
        response: { 200: sittingSchema, ...problems },
      },
    },
    async (request) => sittingJson(await readSitting(app, request, (request.params as { id: string }).id)),
  )

  app.get(
    '/api/v1/competence/development-plan',
    {
      config,
      ...documentOnly,
      schema: {
        tags,
        summary: 'Your development plan: open items by due date, then done items',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: planItemSchema } } }, ...problems },
      },
    },
    async (request) => ({ items: (await planOf(db, ownerOf(request).userId)).map(planItemJson) }),
  )

  app.post(
    '/api/v1/competence/development-plan',
    {
      config,
      ...documentOnly,
      schema: {
        tags,
        summary: 'Add an item to your development plan',
        description: `422 \`validation_failed\`: an unknown area, an empty action or one over ${ACTION_LIMIT} characters, an impossible due date, an unknown status.`,
        body: {
          type: 'object',
          properties: {
            areaId,
            action: { type: 'string', maxLength: ACTION_LIMIT },
            dueOn: { type: ['string', 'null'], format: 'date' },
            status: { type: 'string', enum: [...planStatuses], default: 'planned' },
          },
          required: ['areaId', 'action'],
        },
        response: { 201: planItemSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const outcome = await addPlanItem(app, request, bodyOf(request))
      if (!outcome.ok) return invalid(request, reply, outcome.errors)
      const saved = await findPlanItem(db, outcome.id)
      return reply.code(201).send(saved && planItemJson(saved))
    },
  )

  app.patch(
    '/api/v1/competence/development-plan/:id',
    {
      config,
      ...documentOnly,
      schema: {
        tags,
        summary: 'Change the action, due date or status of one of your plan items',
        description: 'Only the fields sent change; `dueOn: null` removes the due date. The area stays. 422 `validation_failed`; 404 for anyone else’s item.',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            action: { type: 'string', maxLength: ACTION_LIMIT },
            dueOn: { type: ['string', 'null'], format: 'date' },
            status: { type: 'string', enum: [...planStatuses] },
          },
        },
        response: { 200: planItemSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const item = await ownPlanItem(app, request, (request.params as { id: string }).id)
      const outcome = await changePlanItem(app, request, item, bodyOf(request))
      if (!outcome.ok) return invalid(request, reply, outcome.errors)
      const saved = await findPlanItem(db, item.id)
      return saved && planItemJson(saved)
    },
  )
}
