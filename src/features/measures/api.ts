import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { apiErrors, isUuid } from '../admin/fields.js'
import { instrumentIds } from '../instruments/contract.js'
import { guardRecord, loadGuardedPerson } from '../person-record/access.js'
import { findMeasure, type MeasureRow, measuresOfPerson } from './repository.js'
import { answersFromJson } from './rules.js'
import { measureModes, measureStatuses, occasions } from './schema.js'
import { takeMeasure } from './take.js'

const tags = ['Measures']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema } as const

const scoreSchema = { type: 'object', properties: { value: { type: ['number', 'null'] }, band: { type: ['string', 'null'] } } } as const
const measureSchema = {
  type: 'object',
  properties: {
    id: uuid,
    personId: uuid,
    episodeId: uuid,
    instrument: { type: 'string', enum: [...instrumentIds] },
    occasion: { type: 'string', enum: [...occasions] },
    mode: { type: 'string', enum: [...measureModes] },
    status: { type: 'string', enum: [...measureStatuses] },
    answers: { type: 'object', additionalProperties: { type: ['number', 'string', 'null'] } },
    scores: {
      type: ['object', 'null'],
      description: 'The headline as last scored: status complete / incomplete / too_many_missing, the primary series, and each series’ value and band',
      properties: { status: { type: 'string' }, primary: { type: ['string', 'null'] }, scores: { type: 'object', additionalProperties: scoreSchema } },
    },
    itemLanguage: { type: ['string', 'null'], enum: ['cy', 'en', null] },
    takenOn: { type: ['string', 'null'], format: 'date' },
    createdAt: { type: 'string', format: 'date-time' },
    completedAt: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['id', 'personId', 'episodeId', 'instrument', 'occasion', 'mode', 'status', 'answers'],
} as const

const measureBodySchema = {
  type: 'object',
  properties: {
    instrument: { type: 'string', enum: [...instrumentIds] },
    occasion: { type: 'string', enum: [...occasions] },
    answers: {
      type: 'object',
      additionalProperties: { type: ['number', 'string', 'null'] },
      description: 'Item id → value (as the instrument’s items, e.g. swemwbs_1: 4), or entered-score field → number for licensed tools. Missing items are allowed.',
    },
    final: { type: 'boolean', description: 'true completes the measure (scored by the instrument’s missing-data rule); otherwise it is saved as partial' },
  },
  required: ['instrument', 'occasion', 'answers'],
} as const

export function measureJson(m: MeasureRow) {
  return {
    id: m.id,
    personId: m.person_id,
    episodeId: m.episode_id,
    instrument: m.instrument_id,
    occasion: m.occasion,
    mode: m.mode,
    status: m.status,
    answers: m.answers,
    scores: m.scores ? { status: m.scores.status, primary: m.scores.primary, scores: m.scores.scores } : null,
    itemLanguage: m.item_language,
    takenOn: m.taken_on,
    createdAt: m.created_at.toISOString(),
    completedAt: m.completed_at ? m.completed_at.toISOString() : null,
  }
}

const body = (request: FastifyRequest) => (request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {})

/** Measures as JSON (issue 6 §2). Another provider's person or measure is 404, the refusal audited. */
export async function measuresApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/people/:id/measures',
    { config: { action: 'measures.view' }, ...documentOnly, schema: { tags, summary: 'A person’s measures, oldest first, with their scores', params: idParams, response: { 200: { type: 'object', properties: { measures: { type: 'array', items: measureSchema } }, required: ['measures'] }, ...problems } } },
    async (request) => {
      const person = await loadGuardedPerson(app, request, 'measures.view', 'measure.list', 'not_found')
      const measures = await db.transaction().execute(async (trx) => {
        const found = await measuresOfPerson(trx, person.id)
        await audit(trx, auditContext(request), { action: 'measure.list', recordType: 'person', recordId: person.id, organisationId: person.organisation_id, detail: { count: found.length } })
        return found
      })
      return { measures: measures.map(measureJson) }
    },
  )

  app.post(
    '/api/v1/people/:id/measures',
    {
      config: { action: 'measures.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record a measure taken with the person (or scores entered from a licensed source), in their open episode',
        description:
          '422 `invalid_response` for unknown items or out-of-range answers (nothing is stored); 422 `validation_failed` for an unknown instrument or occasion or one the organisation may not use (registration or licence not recorded); 409 `no_open_episode` without an open episode.',
        params: idParams,
        body: measureBodySchema,
        response: { 201: measureSchema, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadGuardedPerson(app, request, 'measures.record', 'measure.create', 'not_found')
      const b = body(request)
      const outcome = await takeMeasure(app, request, person, { instrument: b.instrument, occasion: b.occasion, answers: answersFromJson(b.answers), final: b.final === true })
      if (!outcome.ok) {
        if (outcome.problem === 'no_open_episode') return sendProblem(request, reply, 409, 'no_open_episode', request.t('measures.errors.noOpenEpisode'))
        const code = outcome.problem === 'invalid_response' ? 'invalid_response' : 'validation_failed'
        return sendProblem(request, reply, 422, code, request.t('measures.api.invalid'), { errors: apiErrors(request.t, outcome.errors) })
      }
      const created = await findMeasure(db, outcome.value.id)
      return reply.code(201).header('location', `/api/v1/measures/${outcome.value.id}`).send(created ? measureJson(created) : { id: outcome.value.id })
    },
  )

  app.get(
    '/api/v1/measures/:id',
    { config: { action: 'measures.view' }, ...documentOnly, schema: { tags, summary: 'One measure with its answers and scores', params: idParams, response: { 200: measureSchema, ...problems } } },
    async (request) => {
      const id = (request.params as { id: string }).id
      const measure = isUuid(id) ? await findMeasure(db, id) : undefined
      if (!measure) throw notFound()
      await guardRecord(db, request, 'measures.view', { recordType: 'person', recordId: measure.person_id, organisationId: measure.organisation_id, auditAction: 'measure.view' }, 'not_found')
      await db.transaction().execute((trx) =>
        audit(trx, auditContext(request), { action: 'measure.view', recordType: 'measure', recordId: measure.id, organisationId: measure.organisation_id, detail: { personId: measure.person_id } }),
      )
      return measureJson(measure)
    },
  )
}
