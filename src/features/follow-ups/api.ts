import type { FastifyInstance, FastifyRequest } from 'fastify'
import { auditedList } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { addTask, finishFollowUp, loadFollowUp, loadPersonForFollowUps } from './operations.js'
import { followUpsForPerson, type PersonFollowUp } from './repository.js'
import { DESCRIPTION_LIMIT, isOverdue, OUTCOME_NOTE_LIMIT, outcomeStatuses, walesToday } from './rules.js'
import { followUpKinds, followUpStatuses } from './schema.js'
import { followUpWhat } from './words.js'

const tags = ['Follow-ups']
const uuid = { type: 'string', format: 'uuid' } as const
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const invalid = { 409: problemSchema, 422: problemSchema } as const

export const followUpSchema = {
  type: 'object',
  properties: {
    id: uuid,
    episodeId: uuid,
    kind: {
      type: 'string',
      enum: [...followUpKinds],
      description: 'What raised it: a connection (CF 6.1, two weeks after), the action plan’s review date, or a task',
    },
    what: { type: 'string', description: 'What it is about, in the response’s language' },
    description: { type: ['string', 'null'] },
    connectionId: { type: ['string', 'null'], format: 'uuid' },
    dueOn: { type: 'string', format: 'date' },
    overdue: { type: 'boolean', description: 'Open and due before today (in Wales)' },
    status: { type: 'string', enum: [...followUpStatuses] },
    assignedTo: { type: ['string', 'null'], format: 'uuid' },
    assignedName: { type: ['string', 'null'] },
    outcomeNote: { type: ['string', 'null'] },
    completedAt: nullableDateTime,
    completedByName: { type: ['string', 'null'] },
  },
  required: ['id', 'kind', 'what', 'dueOn', 'overdue', 'status'],
} as const

function followUpJson(request: FastifyRequest, f: PersonFollowUp, today: string) {
  return {
    id: f.id,
    episodeId: f.episode_id,
    kind: f.kind,
    what: followUpWhat(request.t, request.lang, f),
    description: f.description,
    connectionId: f.connection_id,
    dueOn: f.due_on,
    overdue: isOverdue(f, today),
    status: f.status,
    assignedTo: f.assigned_to,
    assignedName: f.assigned_name,
    outcomeNote: f.outcome_note,
    completedAt: f.completed_at ? f.completed_at.toISOString() : null,
    completedByName: f.completed_by_name,
  }
}

/** Follow-ups and tasks as JSON (issue 5 §7, §12): list a person's, add a task, mark one done or not done. */
export async function followUpsApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const body = (request: FastifyRequest) =>
    request.body && typeof request.body === 'object' && !Array.isArray(request.body)
      ? (request.body as Record<string, unknown>)
      : {}
  const one = async (request: FastifyRequest, personId: string, id: string) =>
    (await followUpsForPerson(db, personId)).find((f) => f.id === id)

  app.get(
    '/api/v1/people/:id/follow-ups',
    {
      config: { action: 'follow_ups.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'A person’s follow-ups and tasks: open ones by due date, then finished ones, newest first',
        params: { type: 'object', properties: { id: uuid }, required: ['id'] },
        response: {
          200: {
            type: 'object',
            properties: { followUps: { type: 'array', items: followUpSchema } },
            required: ['followUps'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadPersonForFollowUps(app, request, 'follow_ups.view', 'not_found')
      const event = { action: 'follow_up.list', recordType: 'person', recordId: person.id, organisationId: person.organisation_id }
      const rows = await auditedList(db, auditContext(request), event, (trx) => followUpsForPerson(trx, person.id))
      const today = walesToday()
      return { followUps: rows.map((f) => followUpJson(request, f, today)) }
    },
  )

  app.post(
    '/api/v1/people/:id/follow-ups',
    {
      config: { action: 'follow_ups.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Add a task to the person’s open episode of support',
        description:
          'On the caseload of the episode’s practitioner unless `assignedTo` names another practitioner of the organisation. 409 `no_open_episode` when the person has none.',
        params: { type: 'object', properties: { id: uuid }, required: ['id'] },
        body: {
          type: 'object',
          properties: {
            description: { type: 'string', maxLength: DESCRIPTION_LIMIT, description: 'What is to be done' },
            dueOn: {
              type: 'string',
              format: 'date',
              description: 'Today or later (in Wales), at most two years ahead',
            },
            assignedTo: { ...uuid, description: 'An active practitioner of the person’s organisation' },
          },
          required: ['description', 'dueOn'],
        },
        response: { 201: followUpSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPersonForFollowUps(app, request, 'follow_ups.manage', 'not_found')
      const outcome = await addTask(app, request, person, body(request))
      if (!outcome.ok) {
        if (outcome.problem === 'validation')
          return sendProblem(request, reply, 422, 'validation_failed', request.t('followUps.api.invalid'), {
            errors: apiErrors(request.t, outcome.errors),
          })
        return sendProblem(request, reply, 409, outcome.problem, request.t('followUps.errors.noOpenEpisode'))
      }
      const created = await one(request, person.id, outcome.id)
      return reply
        .code(201)
        .header('location', `/api/v1/people/${person.id}/follow-ups`)
        .send(created ? followUpJson(request, created, walesToday()) : { id: outcome.id })
    },
  )

  app.patch(
    '/api/v1/follow-ups/:id',
    {
      config: { action: 'follow_ups.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Mark an open follow-up done or not done, with an optional note',
        description: '409 `not_open` when it has already been marked.',
        params: { type: 'object', properties: { id: uuid }, required: ['id'] },
        body: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...outcomeStatuses] },
            note: { type: 'string', maxLength: OUTCOME_NOTE_LIMIT, description: 'What happened' },
          },
          required: ['status'],
        },
        response: { 200: followUpSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const followUp = await loadFollowUp(app, request, (request.params as { id: string }).id, 'not_found')
      const outcome = await finishFollowUp(app, request, followUp, body(request))
      if (!outcome.ok) {
        if (outcome.problem === 'validation')
          return sendProblem(request, reply, 422, 'validation_failed', request.t('followUps.api.invalid'), {
            errors: apiErrors(request.t, outcome.errors),
          })
        return sendProblem(request, reply, 409, outcome.problem, request.t('followUps.errors.notOpen'))
      }
      const updated = await one(request, followUp.person_id, followUp.id)
      return updated ? followUpJson(request, updated, walesToday()) : { id: followUp.id }
    },
  )
}
