import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { apiErrors, isUuid } from '../admin/fields.js'
import { barrierCodes } from '../connections/barriers.js'
import { guardRecord } from '../person-record/access.js'
import { compareHealthcareUse, healthcareFields, MAX_VISITS } from './healthcare.js'
import { recordContact, recordHealthcareUse } from './record.js'
import { contactsForPerson, currentEpisode, healthcareUseFor, loadPersonFor, type PersonContact } from './repository.js'
import { contactCounts, MAX_MINUTES, PROGRESS_LIMIT } from './rules.js'
import { contactLanguages, contactModes, contactParties, contactTypes, healthcareOccasions } from './schema.js'

const tags = ['Contacts']
const uuid = { type: 'string', format: 'uuid' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = {
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
} as const

const contactSchema = {
  type: 'object',
  properties: {
    id: uuid,
    episodeId: uuid,
    occurredAt: { type: 'string', format: 'date-time' },
    mode: { type: 'string', enum: [...contactModes] },
    durationMinutes: { type: ['integer', 'null'] },
    withWhom: { type: 'array', items: { type: 'string', enum: [...contactParties] } },
    type: { type: 'string', enum: [...contactTypes] },
    didNotAttend: { type: 'boolean' },
    language: { type: 'string', enum: [...contactLanguages] },
    barriers: { type: 'array', items: { type: 'string', enum: [...barrierCodes] } },
    progressNote: { type: ['string', 'null'] },
  },
  required: ['id', 'occurredAt', 'mode', 'withWhom', 'type', 'didNotAttend', 'language'],
} as const

const contactBodySchema = {
  type: 'object',
  properties: {
    occurredAt: { type: 'string', format: 'date-time', description: 'When the contact took place; not in the future' },
    mode: { type: 'string', enum: [...contactModes] },
    durationMinutes: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_MINUTES,
      description: 'Minutes, 1–720; may be 0 or left out when the person did not attend',
    },
    withWhom: { type: 'array', items: { type: 'string', enum: [...contactParties] }, minItems: 1, uniqueItems: true },
    type: { type: 'string', enum: [...contactTypes] },
    didNotAttend: { type: 'boolean' },
    language: { type: 'string', enum: [...contactLanguages], description: 'The language the contact was held in' },
    barriers: {
      type: 'array',
      items: { type: 'string', enum: [...barrierCodes] },
      description: 'CDS #81, only when didNotAttend',
    },
    progressNote: {
      type: 'string',
      maxLength: PROGRESS_LIMIT,
      description: 'The record of progress (CF 2.5); never shown to community assets',
    },
  },
  required: ['occurredAt', 'mode', 'withWhom', 'type', 'language'],
} as const

const countsSchema = {
  type: 'object',
  description: 'Derived from the contacts of the current episode (CDS #24, #115–#117)',
  properties: {
    contacts: { type: 'integer' },
    attended: { type: 'integer' },
    didNotAttend: { type: 'integer' },
    totalMinutes: { type: 'integer' },
    meanMinutes: { type: ['integer', 'null'] },
    lengthOfSupportDays: { type: ['integer', 'null'] },
  },
} as const

const answer = {
  type: ['integer', 'string', 'null'],
  description: 'A number 0–99, "prefer_not_to_say", or null when not asked on that occasion',
} as const
const healthcareSchema = {
  type: 'object',
  properties: {
    episodeId: uuid,
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          item: { type: 'string' },
          cds: { type: 'integer' },
          start: answer,
          end: answer,
          change: { type: ['integer', 'null'] },
        },
      },
    },
  },
  required: ['episodeId', 'items'],
} as const

const healthcareBodySchema = {
  type: 'object',
  description: `Every item is a whole number 0–${String(MAX_VISITS)} for the last three months, or is named in preferNotToSay.`,
  properties: {
    occasion: { type: 'string', enum: [...healthcareOccasions] },
    ...Object.fromEntries(
      healthcareFields.map((f) => [
        f.field,
        { type: 'integer', minimum: 0, maximum: MAX_VISITS, description: `CDS #${String(f.cds)}` },
      ]),
    ),
    preferNotToSay: {
      type: 'array',
      items: { type: 'string', enum: healthcareFields.map((f) => f.field) },
      uniqueItems: true,
    },
  },
  required: ['occasion'],
} as const

export function contactJson(c: PersonContact) {
  return {
    id: c.id,
    episodeId: c.episode_id,
    occurredAt: c.occurred_at.toISOString(),
    mode: c.mode,
    durationMinutes: c.duration_minutes,
    withWhom: c.with_whom,
    type: c.contact_type,
    didNotAttend: c.did_not_attend,
    language: c.language,
    barriers: c.barriers,
    progressNote: c.progress_note,
  }
}

const body = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

/** The episode named in the URL and its person: 404 when unknown or (audited) another provider's. */
async function loadEpisodeFor(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'contacts.view' | 'contacts.record',
) {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const episode = isUuid(id)
    ? await db
        .selectFrom('episodes')
        .select(['id', 'person_id', 'organisation_id', 'status'])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined
  if (!episode) throw notFound()
  await guardRecord(
    db,
    request,
    action,
    {
      recordType: 'person',
      recordId: episode.person_id,
      organisationId: episode.organisation_id,
      auditAction: action === 'contacts.view' ? 'healthcare_use.view' : 'healthcare_use.create',
    },
    'not_found',
  )
  return episode
}

/** Contacts and healthcare use as JSON (issue 5 §12). */
export async function contactsApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/people/:id/contacts',
    {
      config: { action: 'contacts.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'A person’s contacts, newest first, with the counts of the current episode',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { contacts: { type: 'array', items: contactSchema }, counts: countsSchema },
            required: ['contacts', 'counts'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadPersonFor(app, request, 'contacts.view', 'not_found')
      return db.transaction().execute(async (trx) => {
        const [contacts, episode] = await Promise.all([
          contactsForPerson(trx, person.id),
          currentEpisode(trx, person.id),
        ])
        await audit(trx, auditContext(request), {
          action: 'contact.list',
          recordType: 'person',
          recordId: person.id,
          organisationId: person.organisation_id,
          detail: { count: contacts.length },
        })
        return {
          contacts: contacts.map(contactJson),
          counts: contactCounts(
            episode ? contacts.filter((c) => c.episode_id === episode.id) : [],
            episode ?? null,
            new Date(),
          ),
        }
      })
    },
  )

  app.post(
    '/api/v1/people/:id/contacts',
    {
      config: { action: 'contacts.record' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Record a contact with the person, in their open episode of support',
        description:
          'Refused with 422 `validation_failed` for a date in the future, a duration below 0 or over 720 minutes (0 or none only when the person did not attend); 409 `no_open_episode` without an open episode.',
        params: idParams,
        body: contactBodySchema,
        response: { 201: contactSchema, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPersonFor(app, request, 'contacts.record', 'not_found')
      const outcome = await recordContact(app, request, person, body(request))
      if (!outcome.ok) {
        if (outcome.problem === 'validation')
          return sendProblem(request, reply, 422, 'validation_failed', request.t('contacts.api.invalid'), {
            errors: apiErrors(request.t, outcome.errors),
          })
        return sendProblem(request, reply, 409, 'no_open_episode', request.t('contacts.errors.noOpenEpisode'))
      }
      const created = (await contactsForPerson(db, person.id)).find((c) => c.id === outcome.id)
      return reply
        .code(201)
        .header('location', `/api/v1/people/${person.id}/contacts`)
        .send(created ? contactJson(created) : { id: outcome.id })
    },
  )

  app.get(
    '/api/v1/episodes/:id/healthcare-use',
    {
      config: { action: 'contacts.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Self-reported healthcare use at the start and at the end of an episode (CDS #57–#61)',
        params: idParams,
        response: { 200: healthcareSchema, ...problems },
      },
    },
    async (request) => {
      const episode = await loadEpisodeFor(app, request, 'contacts.view')
      const records = await db.transaction().execute(async (trx) => {
        const found = await healthcareUseFor(trx, episode.id)
        await audit(trx, auditContext(request), {
          action: 'healthcare_use.view',
          recordType: 'person',
          recordId: episode.person_id,
          organisationId: episode.organisation_id,
          detail: { episodeId: episode.id },
        })
        return found
      })
      return healthcareJson(episode.id, records)
    },
  )

  app.post(
    '/api/v1/episodes/:id/healthcare-use',
    {
      config: { action: 'contacts.record' },
      ...documentOnly,
      schema: {
        tags,
        summary:
          'Record healthcare use for the start or the end of an episode; asking again on the same occasion replaces the answers',
        description:
          '422 `validation_failed` when an item is missing, not a whole number 0–99, or both given and in preferNotToSay; 409 `episode_closed` for a closed episode.',
        params: idParams,
        body: healthcareBodySchema,
        response: { 200: healthcareSchema, ...problems },
      },
    },
    async (request, reply) => {
      const episode = await loadEpisodeFor(app, request, 'contacts.record')
      if (episode.status !== 'open')
        return sendProblem(request, reply, 409, 'episode_closed', request.t('contacts.errors.noOpenEpisode'))
      const outcome = await recordHealthcareUse(
        app,
        request,
        { id: episode.person_id, organisation_id: episode.organisation_id },
        body(request),
        episode.id,
      )
      if (!outcome.ok)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('contacts.api.invalid'), {
          errors: apiErrors(request.t, outcome.errors),
        })
      return healthcareJson(episode.id, await healthcareUseFor(db, episode.id))
    },
  )
}

export function healthcareJson(episodeId: string, records: Parameters<typeof compareHealthcareUse>[0]) {
  return {
    episodeId,
    items: compareHealthcareUse(records).map((r) => ({
      ...r,
      item: healthcareFields.find((f) => f.item === r.item)?.field ?? r.item,
      cds: healthcareFields.find((f) => f.item === r.item)?.cds,
    })),
  }
}
