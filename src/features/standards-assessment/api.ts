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

const isObject = (body: unknown): body is Record<string, unknown> => !!body && typeof body === 'object' && !Array.isArray(body)

/** The Core Standards self-assessment as JSON (issue 8 §6, §7): the same rules, refusals and audit as the pages. */
export async function standardsAssessmentApi(app: FastifyInstance): Promise<void> {
  const route = (summary: string, action: 'standards_assessment.view' | 'standards_assessment.manage', extra: object = {}) => ({
    config: { action },
    ...documentOnly,
    schema: { tags, summary, ...extra, response: { ...problems } },
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

  app.get('/api/v1/core-standards', route('The standards and enabling components with the statements an organisation rates', 'standards_assessment.view'), async () => ({ sections }))

  app.get('/api/v1/standards-assessments', route('Your organisation’s self-assessments, the newest first', 'standards_assessment.view'), async (request) => {
    const organisationId = ownOrganisation(request, 'standards_assessment.view')
    return { assessments: await readHistory(app, organisationId) }
  })

  app.post('/api/v1/standards-assessments', route('Start a self-assessment; fromLast copies the ratings of the latest one', 'standards_assessment.manage', { body: { type: 'object', properties: { assessedOn: { type: 'string', format: 'date' }, fromLast: { type: 'boolean' } } } }), (request, reply) =>
    answer(request, reply, (body) => startAssessment(app, request, body), async (v) => {
      reply.header('location', `/api/v1/standards-assessments/${v.id}`)
      return { id: v.id, copied: v.copied }
    }, 201),
  )

  app.get('/api/v1/standards-assessments/:id', route('One self-assessment: ratings, actions, the summary and the change since the previous one', 'standards_assessment.view', { params: idParams }), async (request) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.view', 'not_found')
    return (await readAssessment(app, request, assessment)).json
  })

  app.put('/api/v1/standards-assessments/:id', route('Rate statements (with evidence) and complete the assessment', 'standards_assessment.manage', { params: idParams, body: ratingsBody }), async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'not_found')
    return answer(request, reply, (body) => saveRatings(app, request, assessment, body), async () => (await readAssessment(app, request, assessment, false)).json, 200)
  })

  app.get('/api/v1/standards-assessments/:id/actions', route('The assessment’s improvement actions', 'standards_assessment.view', { params: idParams }), async (request) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.view', 'not_found')
    return { actions: (await readAssessment(app, request, assessment)).json.actions }
  })

  app.post('/api/v1/standards-assessments/:id/actions', route('Add an improvement action against a statement', 'standards_assessment.manage', { params: idParams, body: actionBody }), async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'not_found')
    return answer(request, reply, (body) => saveAction(app, request, assessment, body), async (v) => {
      reply.header('location', `/api/v1/standards-assessments/${assessment.id}/actions/${v.id}`)
      return actionOf(app, request, assessment, v.id)
    }, 201)
  })

  app.put('/api/v1/standards-assessments/:id/actions/:actionId', route('Change an action: its wording, owner, due date, or mark it done', 'standards_assessment.manage', { params: actionParams, body: actionBody }), async (request, reply) => {
    const assessment = await loadAssessment(app, request, 'standards_assessment.manage', 'not_found')
    const actionId = (request.params as { actionId: string }).actionId
    return answer(request, reply, (body) => saveAction(app, request, assessment, body, actionId), async (v) => actionOf(app, request, assessment, v.id), 200)
  })
}

async function actionOf(app: FastifyInstance, request: FastifyRequest, assessment: Parameters<typeof readAssessment>[2], id: string) {
  const { actions } = (await readAssessment(app, request, assessment, false)).json
  return actions.find((a) => a.id === id) ?? {}
}

