import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { type Outcome, loadAssessment, ownOrganisation, saveAction, saveRatings, startAssessment } from './record.js'
import { readAssessment, readHistory } from './read.js'
import { ratings } from './schema.js'
import { sections } from './standards.js'

const tags = ['Core Standards self-assessment']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const actionParams = { type: 'object', properties: { id: uuid, actionId: uuid }, required: ['id', 'actionId'] } as const
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema } as const

const ratingsBody = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['draft', 'complete'], description: 'complete needs every statement rated; a complete assessment is not changed afterwards' },
    ratings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          statementId: { type: 'string', description: "A statement id from GET /api/v1/core-standards, e.g. 'S1.26' or 'E.91'" },
          rating: { type: 'string', enum: [...ratings] },
          evidence: { type: ['string', 'null'], maxLength: 4000 },
        },
        required: ['statementId', 'rating'],
      },
    },
  },
} as const

const actionBody = {
  type: 'object',
  properties: {
    statementId: { type: 'string' },
    action: { type: 'string', minLength: 1, maxLength: 500 },
    ownerUserId: { type: ['string', 'null'], format: 'uuid', description: 'A user of the organisation' },
    ownerName: { type: ['string', 'null'], maxLength: 120, description: 'Or the name of someone without an account' },
    dueOn: { type: ['string', 'null'], format: 'date', description: 'Not before the assessment' },
    status: { type: 'string', enum: ['open', 'done'] },
    doneOn: { type: ['string', 'null'], format: 'date' },
  },
} as const

const date = { type: 'string', format: 'date' } as const
const nullableDate = { type: ['string', 'null'], format: 'date' } as const
const count = { type: 'integer' } as const

const sectionsResponse = {
  type: 'object',
  properties: {
    sections: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: "e.g. 'S1' or 'E-workforce'" },
          kind: { type: 'string', enum: ['standard', 'component'] },
          number: { type: 'integer', description: 'Standards only: 1–6' },
          title: { type: 'string' },
          titleCy: { type: 'string' },
          summary: { type: 'string' },
          inPractice: { type: 'string' },
          statements: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string', description: "e.g. 'S1.26' or 'E.91'" },
                paragraph: { type: 'integer', description: 'Its paragraph number in the Core Standards' },
                text: { type: 'string' },
                items: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const

const assessmentProperties = {
  id: uuid,
  assessedOn: date,
  status: { type: 'string', enum: ['draft', 'complete'] },
  completedBy: { type: ['string', 'null'], description: 'Who completed it; null while a draft' },
  createdAt: { type: 'string', format: 'date-time' },
} as const

const historyResponse = { type: 'object', properties: { assessments: { type: 'array', items: { type: 'object', properties: assessmentProperties } } } } as const

const startedResponse = { type: 'object', properties: { id: uuid, copied: { ...count, description: 'Ratings copied from the latest assessment (fromLast)' } } } as const

const actionResponse = {
  type: 'object',
  properties: {
    id: uuid,
    statementId: { type: 'string' },
    action: { type: 'string' },
    ownerUserId: { type: ['string', 'null'], format: 'uuid' },
    ownerName: { type: ['string', 'null'], description: 'The owner’s name: the user’s when ownerUserId is set' },
    dueOn: nullableDate,
    status: { type: 'string', enum: ['open', 'done'] },
    doneOn: nullableDate,
  },
} as const

const actionsResponse = { type: 'object', properties: { actions: { type: 'array', items: actionResponse } } } as const

const assessmentResponse = {
  type: 'object',
  properties: {
    ...assessmentProperties,
    ratings: {
      type: 'array',
      description: 'By statement id',
      items: { type: 'object', properties: { statementId: { type: 'string' }, rating: { type: 'string', enum: [...ratings] }, evidence: { type: ['string', 'null'] } } },
    },
    actions: { type: 'array', items: actionResponse },
    summary: {
      type: 'array',
      description: 'Per standard and enabling component, in the language asked for',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          kind: { type: 'string', enum: ['standard', 'component'] },
          title: { type: 'string' },
          statements: { ...count, description: 'How many statements it has' },
          fully: count,
          partly: count,
          not_started: { ...count, description: 'Unrated statements included' },
          openActions: count,
        },
      },
    },
    previous: {
      type: ['object', 'null'],
      description: 'The organisation’s assessment before this one, and per section how many statements got better or worse; null for the first',
      properties: {
        id: uuid,
        assessedOn: date,
        changes: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, better: count, worse: count } } },
      },
    },
  },
} as const

/** A started assessment: its id and how many ratings were copied from the latest one. */
export const startedJson = (v: { id: string; copied: number }) => ({ id: v.id, copied: v.copied })

const isObject = (body: unknown): body is Record<string, unknown> => !!body && typeof body === 'object' && !Array.isArray(body)

/** The Core Standards self-assessment as JSON (issue 8 §6, §7): the same rules, refusals and audit as the pages. */
export async function standardsAssessmentApi(app: FastifyInstance): Promise<void> {
  const route = (summary: string, action: 'standards_assessment.view' | 'standards_assessment.manage', answered: Record<number, object>, extra: object = {}) => ({
    config: { action },
    ...documentOnly,
    schema: { tags, summary, ...extra, response: { ...answered, ...problems } },
  })

  /** 400 for a body that is not a JSON object; otherwise the outcome's problem, or the answer. */
  async function answer<T>(request: FastifyRequest, reply: FastifyReply, run: (body: Record<string, unknown>) => Promise<Outcome<T>>, then: (value: T) => Promise<object>, status: number) {
    if (!isObject(request.body)) return sendProblem(request, reply, 400, 'bad_request', request.t('standardsAssessment.api.notObject'))
    const result = await run(request.body)
    if (!result.ok) {
      const first = result.errors[0]
      return sendProblem(request, reply, result.status, result.code, first ? request.t(first.key, first.params) : request.t('standardsAssessment.api.invalid'), { errors: apiErrors(request.t, result.errors) })
    }
    return reply.code(status).send(await then(result.value))
  }

  app.get('/api/v1/core-standards', route('The standards and enabling components with the statements an organisation rates', 'standards_assessment.view', { 200: sectionsResponse }), async () => ({ sections }))

  app.get('/api/v1/standards-assessments', route('Your organisation’s self-assessments, the newest first', 'standards_assessment.view', { 200: historyResponse }), async (request) => {
    const organisationId = ownOrganisation(request, 'standards_assessment.view')
    return { assessments: await readHistory(app, organisationId) }
  })

  app.post('/api/v1/standards-assessments', route('Start a self-assessment; fromLast copies the ratings of the latest one', 'standards_assessment.manage', { 201: startedResponse }, { body: { type: 'object', properties: { assessedOn: { type: 'string', format: 'date' }, fromLast: { type: 'boolean' } } } }), (request, reply) =>
    answer(request, reply, (body) => startAssessment(app, request, body), async (v) => {
      reply.header('location', `/api/v1/standards-assessments/${v.id}`)
      return startedJson(v)
    }, 201),
  )

  app.get('/api/v1/standards-assessments/:id', route('One self-assessment: ratings, actions, the summary and the change since the previous one', 'standards_assessment.view', { 200: assessmentResponse }, { params: idParams }), async (request) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.view', 'not_found')
    return (await readAssessment(app, request, assessment)).json
  })

  app.put('/api/v1/standards-assessments/:id', route('Rate statements (with evidence) and complete the assessment', 'standards_assessment.manage', { 200: assessmentResponse }, { params: idParams, body: ratingsBody }), async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'not_found')
    return answer(request, reply, (body) => saveRatings(app, request, assessment, body), async () => (await readAssessment(app, request, assessment, false)).json, 200)
  })

  app.get('/api/v1/standards-assessments/:id/actions', route('The assessment’s improvement actions', 'standards_assessment.view', { 200: actionsResponse }, { params: idParams }), async (request) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.view', 'not_found')
    return { actions: (await readAssessment(app, request, assessment)).json.actions }
  })

  app.post('/api/v1/standards-assessments/:id/actions', route('Add an improvement action against a statement', 'standards_assessment.manage', { 201: actionResponse }, { params: idParams, body: actionBody }), async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'not_found')
    return answer(request, reply, (body) => saveAction(app, request, assessment, body), async (v) => {
      reply.header('location', `/api/v1/standards-assessments/${assessment.id}/actions/${v.id}`)
      return actionOf(app, request, assessment, v.id)
    }, 201)
  })

  app.put('/api/v1/standards-assessments/:id/actions/:actionId', route('Change an action: its wording, owner, due date, or mark it done', 'standards_assessment.manage', { 200: actionResponse }, { params: actionParams, body: actionBody }), async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'not_found')
    const actionId = (request.params as { actionId: string }).actionId
    return answer(request, reply, (body) => saveAction(app, request, assessment, body, actionId), async (v) => actionOf(app, request, assessment, v.id), 200)
  })
}

async function actionOf(app: FastifyInstance, request: FastifyRequest, assessment: Parameters<typeof readAssessment>[2], id: string) {
  const { actions } = (await readAssessment(app, request, assessment, false)).json
  return actions.find((a) => a.id === id) ?? {}
}

