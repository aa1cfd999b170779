import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError } from '../admin/fields.js'
import { loadConcern, loadPersonFor } from './access.js'
import { todayInWales } from './dates.js'
import {
  type ConcernRow,
  concernDetail,
  concernsOf,
  findConcern,
  insertConcern,
  insertEscalation,
  updateOutcome,
} from './repository.js'
import {
  type EscalationForm,
  REFERENCE_LIMIT,
  validateConcern,
  validateEscalation,
  validateOutcome,
  WORDS_LIMIT,
} from './rules.js'
import { concernCategories, concernStatuses, concernSubjects, escalationTargets } from './schema.js'

const tags = ['Safeguarding']
const uuid = { type: 'string', format: 'uuid' } as const
const day = { type: 'string', format: 'date' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const
const escalationBody = {
  type: 'object',
  properties: {
    escalatedTo: { type: 'string', enum: [...escalationTargets] },
    escalatedOn: { ...day, description: 'Not in the future, not before noticedOn' },
    reference: { type: 'string', maxLength: REFERENCE_LIMIT },
  },
  required: ['escalatedTo', 'escalatedOn'],
} as const
const concernSchema = {
  type: 'object',
  properties: {
    id: uuid,
    personId: uuid,
    category: { type: 'string', enum: [...concernCategories] },
    about: { type: 'string', enum: [...concernSubjects] },
    noticedOn: day,
    whatHappened: { type: 'string' },
    actionTaken: { type: ['string', 'null'] },
    outcome: { type: ['string', 'null'] },
    status: { type: 'string', enum: [...concernStatuses] },
    raisedBy: { type: 'string', enum: ['provider', 'asset'] },
    raisedAt: { type: 'string', format: 'date-time' },
    closedAt: { type: ['string', 'null'], format: 'date-time' },
    escalations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          to: { type: 'string', enum: [...escalationTargets] },
          on: day,
          reference: { type: ['string', 'null'] },
        },
        required: ['to', 'on'],
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string' },
          detail: { type: ['string', 'null'] },
          at: { type: 'string', format: 'date-time' },
        },
        required: ['kind', 'at'],
      },
    },
  },
  required: ['id', 'personId', 'category', 'about', 'status', 'escalations', 'history'],
} as const
const invalid = { 422: problemSchema } as const

async function concernJson(
  db: Parameters<typeof concernDetail>[0],
  c: Omit<ConcernRow, 'given_name' | 'family_name' | 'date_of_birth' | 'raised_by_name'>,
) {
  const { escalations, events } = await concernDetail(db, c.id)
  return {
    id: c.id,
    personId: c.person_id,
    category: c.category,
    about: c.about,
    noticedOn: c.noticed_on,
    whatHappened: c.what_happened,
    actionTaken: c.action_taken,
    outcome: c.outcome,
    status: c.status,
    raisedBy: c.raised_by_side,
    raisedAt: c.raised_at.toISOString(),
    closedAt: c.closed_at ? c.closed_at.toISOString() : null,
    escalations: escalations.map((e) => ({ to: e.escalated_to, on: e.escalated_on, reference: e.reference })),
    history: events.map((e) => ({ kind: e.kind, detail: e.detail, at: e.at.toISOString() })),
  }
}

const objectBody = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** Each escalation of an API body, checked with the pages' rule; errors name `escalations[i].field`. */
function escalationsFrom(
  raw: unknown,
  today: string,
  noticedOn: string | null,
): { value: EscalationForm[]; errors: FieldError[] } {
  const items = Array.isArray(raw) ? raw : raw === undefined ? [] : [null]
  const value: EscalationForm[] = []
  const errors: FieldError[] = []
  items.forEach((item, i) => {
    const checked = validateEscalation(
      item && typeof item === 'object' ? (item as Record<string, unknown>) : {},
      today,
      noticedOn,
    )
    if (checked.value) value.push(checked.value)
    errors.push(...checked.errors.map((e) => ({ ...e, field: `escalations[${String(i)}].${e.field}` })))
  })
  return { value, errors }
}

/** Safeguarding concerns as JSON, for their authorised roles only (issue 5 §12); everyone else gets 403 or 404. */
export async function safeguardingApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/people/:id/safeguarding-concerns',
    {
      config: { action: 'safeguarding.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'A person’s safeguarding concerns, newest first',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { concerns: { type: 'array', items: concernSchema } },
            required: ['concerns'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadPersonFor(app, request, 'safeguarding.view', 'not_found')
      const concerns = await db.transaction().execute(async (trx) => {
        const ids = (await concernsOf(trx, person.id)).map((c) => c.id)
        const rows = await Promise.all(ids.map(async (id) => findConcern(trx, id)))
        await audit(trx, auditContext(request), {
          action: 'safeguarding_concern.list',
          recordType: 'person',
          recordId: person.id,
          organisationId: person.organisation_id,
          detail: { count: ids.length },
        })
        return Promise.all(rows.filter((r) => r !== undefined).map((r) => concernJson(trx, r)))
      })
      return { concerns }
    },
  )

  app.post(
    '/api/v1/people/:id/safeguarding-concerns',
    {
      config: { action: 'safeguarding.raise' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Raise a safeguarding concern about a person',
        description:
          'CS Std 3, CF 2.4, CDS #27. `noticedOn` and each escalation date must not be in the future; 422 `validation_failed` with `errors` otherwise, and nothing is written.',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            category: { type: 'string', enum: [...concernCategories] },
            about: { type: 'string', enum: [...concernSubjects] },
            noticedOn: day,
            whatHappened: { type: 'string', maxLength: WORDS_LIMIT },
            actionTaken: { type: 'string', maxLength: WORDS_LIMIT },
            escalations: { type: 'array', items: escalationBody },
          },
          required: ['category', 'about', 'noticedOn', 'whatHappened'],
        },
        response: { 201: concernSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPersonFor(app, request, 'safeguarding.raise', 'not_found')
      const now = new Date()
      const today = todayInWales(now)
      const raw = objectBody(request)
      const { value, errors } = validateConcern(raw, today, { escalation: false })
      const escalations = escalationsFrom(raw.escalations, today, value.noticedOn || null)
      errors.push(...escalations.errors)
      if (errors.length > 0)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('safeguarding.api.invalid'), {
          errors: apiErrors(request.t, errors),
        })
      const json = await db.transaction().execute(async (trx) => {
        const created = await insertConcern(trx, {
          person,
          form: value,
          userId: request.user?.userId ?? null,
          side: 'provider',
          now,
        })
        for (const e of escalations.value) await insertEscalation(trx, created.id, e, request.user?.userId ?? null, now)
        await audit(trx, auditContext(request), {
          action: 'safeguarding_concern.create',
          recordType: 'safeguarding_concern',
          recordId: created.id,
          organisationId: person.organisation_id,
          detail: { personId: person.id, category: value.category, escalations: escalations.value.length },
        })
        return concernJson(trx, (await findConcern(trx, created.id)) as ConcernRow)
      })
      return reply.code(201).header('location', `/api/v1/safeguarding-concerns/${json.id}`).send(json)
    },
  )

  app.get(
    '/api/v1/safeguarding-concerns/:id',
    {
      config: { action: 'safeguarding.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'One safeguarding concern with its escalations and history',
        params: idParams,
        response: { 200: concernSchema, ...problems },
      },
    },
    async (request) => {
      const concern = await loadConcern(app, request, 'safeguarding.view')
      return db.transaction().execute(async (trx) => {
        await audit(trx, auditContext(request), {
          action: 'safeguarding_concern.view',
          recordType: 'safeguarding_concern',
          recordId: concern.id,
          organisationId: concern.organisation_id,
          detail: { personId: concern.person_id },
        })
        return concernJson(trx, concern)
      })
    },
  )

  app.patch(
    '/api/v1/safeguarding-concerns/:id',
    {
      config: { action: 'safeguarding.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Add escalations, record the outcome, close or reopen a concern',
        description:
          'Escalations are added, never replaced; each change is kept in `history`. Closing needs an outcome (now or already recorded).',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            escalations: { type: 'array', items: escalationBody },
            outcome: { type: 'string', maxLength: WORDS_LIMIT },
            status: { type: 'string', enum: [...concernStatuses] },
          },
        },
        response: { 200: concernSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const concern = await loadConcern(app, request, 'safeguarding.manage')
      const now = new Date()
      const raw = objectBody(request)
      const escalations = escalationsFrom(raw.escalations, todayInWales(now), concern.noticed_on)
      const wantsOutcome = raw.outcome !== undefined || raw.status !== undefined
      const outcome = wantsOutcome
        ? validateOutcome({ outcome: raw.outcome, status: raw.status ?? concern.status }, concern)
        : null
      const errors = [...escalations.errors, ...(outcome?.errors ?? [])]
      if (!wantsOutcome && escalations.value.length === 0 && errors.length === 0)
        errors.push({ field: 'escalations', key: 'safeguarding.errors.nothingToUpdate' })
      if (errors.length > 0)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('safeguarding.api.invalid'), {
          errors: apiErrors(request.t, errors),
        })
      return db.transaction().execute(async (trx) => {
        const userId = request.user?.userId ?? null
        for (const e of escalations.value) await insertEscalation(trx, concern.id, e, userId, now)
        const changes = outcome ? await updateOutcome(trx, concern.id, outcome.value, userId, now) : []
        await audit(trx, auditContext(request), {
          action: 'safeguarding_concern.update',
          recordType: 'safeguarding_concern',
          recordId: concern.id,
          organisationId: concern.organisation_id,
          detail: { changes, escalations: escalations.value.length },
        })
        return concernJson(trx, (await findConcern(trx, concern.id)) as ConcernRow)
      })
    },
  )
}
