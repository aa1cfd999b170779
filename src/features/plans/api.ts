import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError } from '../admin/fields.js'
import { loadPerson, personIdOf } from '../what-matters/access.js'
import { recordReview, savePlanVersion } from './record.js'
import { type CurrentPlan, currentPlan, type PlanVersion, planVersionsOf } from './repository.js'
import { GOAL_LIMIT, MAX_GOALS, TEXT_LIMIT } from './rules.js'
import { agreementMethods, attainments, scoreOccasions } from './schema.js'

const tags = ['Action plans']
const uuid = { type: 'string', format: 'uuid' } as const
const date = { type: 'string', format: 'date' } as const
const nullableText = { type: ['string', 'null'] } as const
const scale = { type: 'integer', minimum: 1, maximum: 10 } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const invalid = { 409: problemSchema, 422: problemSchema } as const

const scoreSchema = {
  type: 'object',
  properties: {
    occasion: { type: 'string', enum: [...scoreOccasions] },
    confidence: { type: ['integer', 'null'] },
    motivation: { type: ['integer', 'null'] },
    attainment: { type: ['string', 'null'], enum: [...attainments, null] },
    recordedOn: date,
  },
  required: ['occasion', 'recordedOn'],
} as const

const versionSchema = {
  type: 'object',
  properties: {
    id: uuid,
    episodeId: uuid,
    version: { type: 'integer' },
    planOn: date,
    reviewOn: { type: ['string', 'null'], format: 'date', description: 'The review date this version set' },
    whatMatters: { type: 'string' },
    howSupported: nullableText,
    needToKnow: nullableText,
    supportConnected: nullableText,
    selfActions: nullableText,
    coProduced: { type: 'boolean', description: 'CDS #98' },
    agreed: { type: 'boolean' },
    agreementMethod: { type: ['string', 'null'], enum: [...agreementMethods, null] },
    agreedOn: { type: ['string', 'null'], format: 'date' },
    createdAt: { type: 'string', format: 'date-time' },
    goals: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          goalId: uuid,
          position: { type: 'integer' },
          description: { type: 'string' },
          scores: { type: 'array', items: scoreSchema },
        },
        required: ['goalId', 'position', 'description', 'scores'],
      },
    },
  },
  required: ['id', 'version', 'planOn', 'whatMatters', 'coProduced', 'agreed', 'goals'],
} as const

const currentSchema = {
  type: 'object',
  properties: {
    plan: versionSchema,
    reviewOn: {
      type: ['string', 'null'],
      format: 'date',
      description: 'The review date in force (set by the latest version or review); null once ended',
    },
    ended: { type: 'boolean' },
    reviews: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: uuid,
          occasion: { type: 'string', enum: ['review', 'end'] },
          reviewedOn: date,
          note: nullableText,
          nextReviewOn: { type: ['string', 'null'], format: 'date' },
        },
        required: ['id', 'occasion', 'reviewedOn'],
      },
    },
  },
  required: ['plan', 'reviewOn', 'ended', 'reviews'],
} as const

const planBodySchema = {
  type: 'object',
  properties: {
    planOn: { ...date, description: 'The date of this version; not in the future' },
    reviewOn: { ...date, description: 'After planOn (a review date before the plan date is refused)' },
    whatMatters: { type: 'string', minLength: 1, maxLength: TEXT_LIMIT },
    howSupported: { type: 'string', maxLength: TEXT_LIMIT },
    needToKnow: { type: 'string', maxLength: TEXT_LIMIT },
    supportConnected: { type: 'string', maxLength: TEXT_LIMIT },
    selfActions: { type: 'string', maxLength: TEXT_LIMIT },
    coProduced: { type: 'boolean' },
    agreed: { type: 'boolean' },
    agreementMethod: { type: 'string', enum: [...agreementMethods], description: 'Required when agreed' },
    agreedOn: { ...date, description: 'Required when agreed; not in the future' },
    goals: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_GOALS,
      items: {
        type: 'object',
        properties: {
          id: { ...uuid, description: 'A goal of the current version carried into this one; omit for a new goal' },
          description: { type: 'string', maxLength: GOAL_LIMIT },
          confidence: { ...scale, description: 'New goals: start confidence (CF 5.2b)' },
          motivation: { ...scale, description: 'New goals: start motivation (CF 5.2b)' },
        },
        required: ['description'],
      },
    },
  },
  required: ['planOn', 'reviewOn', 'whatMatters', 'coProduced', 'agreed', 'goals'],
} as const

const reviewBodySchema = {
  type: 'object',
  properties: {
    occasion: { type: 'string', enum: ['review', 'end'] },
    reviewedOn: { ...date, description: 'Not in the future, not before the plan date' },
    note: { type: 'string', maxLength: TEXT_LIMIT },
    nextReviewOn: { ...date, description: 'review: required, after reviewedOn; end: not given' },
    goals: {
      type: 'array',
      description:
        'One entry per goal of the plan in force: review → confidence and motivation; end → attainment (CDS #82, #83)',
      items: {
        type: 'object',
        properties: {
          goalId: uuid,
          confidence: scale,
          motivation: scale,
          attainment: { type: 'string', enum: [...attainments] },
        },
        required: ['goalId'],
      },
    },
  },
  required: ['occasion', 'reviewedOn', 'goals'],
} as const

export function versionJson(v: PlanVersion) {
  return {
    id: v.id,
    episodeId: v.episode_id,
    version: v.version,
    planOn: v.plan_on,
    reviewOn: v.review_on,
    whatMatters: v.what_matters,
    howSupported: v.how_supported,
    needToKnow: v.need_to_know,
    supportConnected: v.support_connected,
    selfActions: v.self_actions,
    coProduced: v.co_produced,
    agreed: v.agreed,
    agreementMethod: v.agreement_method,
    agreedOn: v.agreed_on,
    createdAt: v.created_at.toISOString(),
    goals: v.goals.map((g) => ({
      goalId: g.goalId,
      position: g.position,
      description: g.description,
      scores: g.scores.map((s) => ({
        occasion: s.occasion,
        confidence: s.confidence,
        motivation: s.motivation,
        attainment: s.attainment,
        recordedOn: s.recordedOn,
      })),
    })),
  }
}

export function currentJson(c: CurrentPlan) {
  return {
    plan: versionJson(c.plan),
    reviewOn: c.reviewOn,
    ended: c.ended,
    reviews: c.reviews.map((r) => ({
      id: r.id,
      occasion: r.occasion,
      reviewedOn: r.reviewed_on,
      note: r.note,
      nextReviewOn: r.next_review_on,
    })),
  }
}

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

function refuse(request: FastifyRequest, reply: FastifyReply, problem: string, errors: FieldError[]) {
  if (problem === 'validation')
    return sendProblem(request, reply, 422, 'validation_failed', request.t('plans.api.invalid'), {
      errors: apiErrors(request.t, errors),
    })
  return sendProblem(request, reply, 409, problem, request.t(errors[0]?.key ?? 'plans.api.invalid'))
}

/** The action plan as JSON (issue 5 §12): the plan in force, a new version, the versions, a review. */
export async function planApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const readCurrent = (request: FastifyRequest, personId: string, organisationId: string, action: string) =>
    db.transaction().execute(async (trx) => {
      const found = await currentPlan(trx, personId)
      await audit(trx, auditContext(request), {
        action,
        recordType: found ? 'action_plan' : 'person',
        recordId: found?.plan.id ?? personId,
        organisationId,
        detail: { personId },
      })
      return found
    })

  app.get(
    '/api/v1/people/:id/plan',
    {
      config: { action: 'plans.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'The person’s action plan in force: its newest version, reviews and the review date in force',
        description: '404 `no_plan` when the person has no plan.',
        params: idParams,
        response: { 200: currentSchema, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPerson(app, request, personIdOf(request), 'plans.view', 'plan.view', 'not_found')
      const found = await readCurrent(request, person.id, person.organisation_id, 'plan.view')
      if (!found) return sendProblem(request, reply, 404, 'no_plan', request.t('plans.view.none'))
      return currentJson(found)
    },
  )

  app.post(
    '/api/v1/people/:id/plan',
    {
      config: { action: 'plans.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Save a new version of the action plan (CF 5.3)',
        description:
          'Each save is a new version (version + 1) in the person’s open episode; goals carried over name their `id`. A plan-review follow-up is scheduled for `reviewOn` (the previous open one is closed when the date changes). 409 `no_open_episode`; 422 `validation_failed`.',
        params: idParams,
        body: planBodySchema,
        response: { 201: currentSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPerson(app, request, personIdOf(request), 'plans.manage', 'plan.create', 'not_found')
      const outcome = await savePlanVersion(app, request, person, bodyOf(request))
      if (!outcome.ok) return refuse(request, reply, outcome.problem, outcome.errors)
      const found = await currentPlan(db, person.id)
      if (!found) throw notFound()
      return reply.code(201).header('location', `/api/v1/people/${person.id}/plan`).send(currentJson(found))
    },
  )

  app.get(
    '/api/v1/people/:id/plan/versions',
    {
      config: { action: 'plans.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Every version of the person’s action plans, the newest first',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { versions: { type: 'array', items: versionSchema } },
            required: ['versions'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadPerson(app, request, personIdOf(request), 'plans.view', 'plan.history', 'not_found')
      const versions = await db.transaction().execute(async (trx) => {
        const found = await planVersionsOf(trx, person.id)
        await audit(trx, auditContext(request), {
          action: 'plan.history',
          recordType: 'person',
          recordId: person.id,
          organisationId: person.organisation_id,
          detail: { versions: found.length },
        })
        return found
      })
      return { versions: versions.map(versionJson) }
    },
  )

  app.post(
    '/api/v1/people/:id/plan/reviews',
    {
      config: { action: 'plans.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary:
          'Record a review of the plan in force (new scores per goal, next review date) or its end (attainment per goal)',
        description:
          '409 `no_plan`, `plan_ended` or `no_open_episode`; 422 `validation_failed` (for example attainment without a goal).',
        params: idParams,
        body: reviewBodySchema,
        response: { 201: currentSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPerson(app, request, personIdOf(request), 'plans.manage', 'plan.review', 'not_found')
      const outcome = await recordReview(app, request, person, bodyOf(request))
      if (!outcome.ok) return refuse(request, reply, outcome.problem, outcome.errors)
      const found = await currentPlan(db, person.id)
      if (!found) throw notFound()
      return reply.code(201).send(currentJson(found))
    },
  )
}
