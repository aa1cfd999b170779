import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError } from '../admin/fields.js'
import { addAction, addReflection, followUpAction, loadSession, readOverview, readSession, recordSession, type SessionView } from './record.js'
import type { ActionRow, SessionRow } from './repository.js'
import { ACTION_LIMIT, REFLECTION_LIMIT, supervisionTopics, TOPICS_NOTE_LIMIT } from './rules.js'
import { sessionKinds } from './schema.js'

const tags = ['Supervision']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const actionParams = { type: 'object', properties: { id: uuid, actionId: uuid }, required: ['id', 'actionId'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const person = { type: 'object', properties: { id: uuid, name: { type: 'string' } } } as const

const actionSchema = {
  type: 'object',
  properties: {
    id: uuid,
    description: { type: 'string' },
    owner: person,
    dueOn: { type: ['string', 'null'], format: 'date' },
    status: { type: 'string', enum: ['open', 'done'] },
    doneOn: { type: ['string', 'null'], format: 'date' },
    followUpNote: { type: ['string', 'null'] },
  },
} as const

const sessionSchema = {
  type: 'object',
  properties: {
    id: uuid,
    supervisee: person,
    supervisor: person,
    heldOn: { type: 'string', format: 'date' },
    kind: { type: 'string', enum: [...sessionKinds] },
    topics: { type: 'array', items: { type: 'string', enum: [...supervisionTopics] } },
    topicsNote: { type: ['string', 'null'] },
  },
} as const

const openActionSchema = {
  type: 'object',
  properties: { ...actionSchema.properties, sessionId: uuid, overdue: { type: 'boolean', description: 'Open and its due day has passed' } },
} as const

const sessionViewSchema = {
  type: 'object',
  properties: {
    ...sessionSchema.properties,
    actions: { type: 'array', items: actionSchema },
    reflections: {
      type: 'array',
      description: 'Present only for the session’s supervisee and supervisor',
      items: { type: 'object', properties: { id: uuid, author: person, text: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
    },
  },
} as const

const sessionJson = (s: SessionRow) => ({
  id: s.id,
  supervisee: { id: s.supervisee_id, name: s.supervisee_name },
  supervisor: { id: s.supervisor_id, name: s.supervisor_name },
  heldOn: s.held_on,
  kind: s.kind,
  topics: s.topics,
  topicsNote: s.topics_note,
})

const actionJson = (a: ActionRow) => ({
  id: a.id,
  description: a.description,
  owner: { id: a.owner_id, name: a.owner_name },
  dueOn: a.due_on,
  status: a.status,
  doneOn: a.done_on,
  followUpNote: a.follow_up_note,
})

/** The session as its reader may see it: `reflections` is absent, not empty, for anyone but its two people. */
const sessionViewJson = (v: SessionView) => ({
  ...sessionJson(v.session),
  actions: v.actions.map(actionJson),
  ...(v.reflections ? { reflections: v.reflections.map((r) => ({ id: r.id, author: { id: r.author_id, name: r.author_name }, text: r.text, createdAt: r.created_at.toISOString() })) } : {}),
})

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

const invalid = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) =>
  sendProblem(request, reply, 422, 'validation_failed', request.t('supervision.api.invalid'), { errors: apiErrors(request.t, errors) })

const idOf = (request: FastifyRequest) => (request.params as { id?: string }).id

/** Supervision as JSON (issue 8 §4), with the same rules as the pages. */
export async function supervisionApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/supervision/sessions',
    {
      config: { action: 'supervision.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'My supervision sessions (as supervisee or supervisor); for a team lead every session of the organisation, without reflective notes',
        response: { 200: { type: 'object', properties: { sessions: { type: 'array', items: sessionSchema }, openActions: { type: 'array', items: openActionSchema } } }, ...problems },
      },
    },
    async (request) => {
      const o = await readOverview(app, request)
      const sessions = o.organisation ?? [...o.asSupervisee, ...o.asSupervisor].sort((a, b) => b.held_on.localeCompare(a.held_on))
      return { sessions: sessions.map(sessionJson), openActions: o.openActions.map((a) => ({ ...actionJson(a), sessionId: a.session_id, overdue: a.overdue })) }
    },
  )

  app.post(
    '/api/v1/supervision/sessions',
    {
      config: { action: 'supervision.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record a supervision session (its supervisor, or a team lead for anyone of the organisation)',
        description: '422 `validation_failed`: a future or missing date, the supervisor the same as the supervisee, a user who is not a practitioner or team lead of the organisation, an unknown kind or topic, a note over 1,000 characters.',
        body: {
          type: 'object',
          properties: {
            superviseeId: uuid,
            supervisorId: uuid,
            heldOn: { type: 'string', format: 'date' },
            kind: { type: 'string', enum: [...sessionKinds] },
            topics: { type: 'array', items: { type: 'string', enum: [...supervisionTopics] } },
            topicsNote: { type: 'string', maxLength: TOPICS_NOTE_LIMIT },
          },
          required: ['superviseeId', 'supervisorId', 'heldOn', 'kind', 'topics'],
        },
        response: { 201: sessionSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const outcome = await recordSession(app, request, bodyOf(request))
      if (!outcome.ok) return invalid(request, reply, outcome.errors)
      const session = await loadSession(app, request, outcome.id, 'not_found')
      return reply.code(201).send(sessionJson(session))
    },
  )

  app.get(
    '/api/v1/supervision/sessions/:id',
    {
      config: { action: 'supervision.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'One session with its agreed actions; `reflections` only for its supervisee and supervisor',
        params: idParams,
        response: { 200: sessionViewSchema, ...problems },
      },
    },
    async (request) => {
      const session = await loadSession(app, request, idOf(request), 'not_found')
      return sessionViewJson(await readSession(app, request, session))
    },
  )

  app.post(
    '/api/v1/supervision/sessions/:id/actions',
    {
      config: { action: 'supervision.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Add an agreed action',
        description: '`ownerId` is the session’s supervisee or supervisor. 422 `validation_failed`.',
        params: idParams,
        body: { type: 'object', properties: { description: { type: 'string', maxLength: ACTION_LIMIT }, ownerId: uuid, dueOn: { type: 'string', format: 'date' } }, required: ['description', 'ownerId'] },
        response: { 201: actionSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const session = await loadSession(app, request, idOf(request), 'not_found')
      const outcome = await addAction(app, request, session, bodyOf(request))
      if (!outcome.ok) return invalid(request, reply, outcome.errors)
      const view = await readSession(app, request, session)
      const row = view.actions.find((a) => a.id === outcome.id)
      return reply.code(201).send(row ? actionJson(row) : { id: outcome.id })
    },
  )

  app.patch(
    '/api/v1/supervision/sessions/:id/actions/:actionId',
    {
      config: { action: 'supervision.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Follow an action up: mark it done (today) or open again, with a follow-up note',
        params: actionParams,
        body: { type: 'object', properties: { status: { type: 'string', enum: ['open', 'done'] }, followUpNote: { type: 'string', maxLength: 1000 } }, required: ['status'] },
        response: { 200: actionSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const session = await loadSession(app, request, idOf(request), 'not_found')
      const actionId = (request.params as { actionId: string }).actionId
      const outcome = await followUpAction(app, request, session, actionId, bodyOf(request))
      if (!outcome.ok) return invalid(request, reply, outcome.errors)
      const view = await readSession(app, request, session)
      const row = view.actions.find((a) => a.id === outcome.id)
      return row ? actionJson(row) : { id: outcome.id }
    },
  )

  app.post(
    '/api/v1/supervision/sessions/:id/reflections',
    {
      config: { action: 'supervision.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Add a reflective note: by the session’s supervisee or supervisor only; private to those two',
        params: idParams,
        body: { type: 'object', properties: { text: { type: 'string', maxLength: REFLECTION_LIMIT } }, required: ['text'] },
        response: { 201: { type: 'object', properties: { id: uuid } }, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const session = await loadSession(app, request, idOf(request), 'not_found')
      const outcome = await addReflection(app, request, session, bodyOf(request))
      if (!outcome.ok) return invalid(request, reply, outcome.errors)
      return reply.code(201).send({ id: outcome.id })
    },
  )
}
