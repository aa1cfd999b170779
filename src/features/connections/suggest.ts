import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError, isUuid, text } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { personConnectionJson } from './api.js'
import { idParams, personConnectionSchema, problems } from './api-schemas.js'
import { loadPersonFor } from './connect.js'
import {
  connectionsForPerson,
  findServiceForConnection,
  insertSuggestion,
  openEpisode,
  openSuggestion,
} from './repository.js'
import type { FormState } from './routes.js'

/*
 * Suggested connections (issue 5 §5): from the person page's "Suggested services" the practitioner records a service
 * as suggested — no kind yet, nothing shared, no follow-up — and later acts on it from the connect form (signpost,
 * referral or introduction), or withdraws it. The lifecycle's `suggested` status (connections/lifecycle.ts).
 */
export type SuggestOutcome =
  | { ok: true; id: string }
  | {
      ok: false
      status: 400 | 409
      code: 'validation_failed' | 'no_open_episode' | 'already_suggested'
      errors: FieldError[]
    }

export async function suggest(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  raw: Record<string, unknown>,
): Promise<SuggestOutcome> {
  const db = app.deps.database.db
  const serviceId = text(raw.serviceId).trim()
  const service = isUuid(serviceId) ? await findServiceForConnection(db, serviceId) : undefined
  if (!service?.connectable) {
    const closed = service && service.status !== 'active'
    return {
      ok: false,
      status: 400,
      code: 'validation_failed',
      errors: [
        {
          field: 'serviceId',
          key: !service
            ? 'connections.errors.serviceMissing'
            : closed
              ? 'connections.errors.serviceClosed'
              : 'connections.errors.serviceUnavailable',
          params: closed ? { name: service.name } : undefined,
        },
      ],
    }
  }
  return db.transaction().execute(async (trx): Promise<SuggestOutcome> => {
    const episode = await openEpisode(trx, person.id)
    if (!episode)
      return {
        ok: false,
        status: 409,
        code: 'no_open_episode',
        errors: [{ field: 'serviceId', key: 'connections.errors.noOpenEpisode' }],
      }
    if (await openSuggestion(trx, person.id, service.id))
      return {
        ok: false,
        status: 409,
        code: 'already_suggested',
        errors: [{ field: 'serviceId', key: 'connections.errors.alreadySuggested' }],
      }
    const now = new Date()
    const id = await insertSuggestion(trx, {
      personId: person.id,
      organisationId: person.organisation_id,
      episodeId: episode.id,
      serviceId: service.id,
      userId: request.user?.userId ?? null,
      now,
    })
    await audit(trx, auditContext(request), {
      action: 'connection.suggest',
      recordType: 'connection',
      recordId: id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, serviceId: service.id },
    })
    return { ok: true, id }
  })
}

const body = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {}

export async function suggestionRoutes(
  app: FastifyInstance,
  renderConnectPage: (
    request: FastifyRequest,
    reply: FastifyReply,
    person: PersonRow,
    state: FormState,
    status: number,
  ) => Promise<FastifyReply>,
): Promise<void> {
  app.post(
    '/people/:id/connections/suggestions',
    { config: { action: 'connections.create' } },
    async (request, reply) => {
      const person = await loadPersonFor(app, request, 'connections.create')
      const outcome = await suggest(app, request, person, body(request))
      if (!outcome.ok)
        return renderConnectPage(request, reply, person, { values: {}, errors: outcome.errors }, outcome.status)
      return reply.redirect(`/people/${person.id}?suggested=1#connections`, 303)
    },
  )

  app.post(
    '/api/v1/people/:id/connections/suggestions',
    {
      config: { action: 'connections.create' },
      ...documentOnly,
      schema: {
        tags: ['Connections'],
        summary: 'Record a service as suggested for the person',
        description:
          'A connection in status `suggested`, with no kind yet and nothing shared. Act on it with POST /api/v1/people/{id}/connections and `suggestionId`, or withdraw it with the status endpoint. 409 `already_suggested` when the service is already suggested, `no_open_episode` without an open episode; 422 for a closed or unpublished service.',
        params: idParams,
        body: {
          type: 'object',
          properties: { serviceId: { type: 'string', format: 'uuid' } },
          required: ['serviceId'],
        },
        response: { 201: personConnectionSchema, 409: problems[404], 422: problems[404], ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPersonFor(app, request, 'connections.create', 'not_found')
      const outcome = await suggest(app, request, person, body(request))
      if (!outcome.ok) {
        if (outcome.code === 'validation_failed')
          return sendProblem(request, reply, 422, 'validation_failed', request.t('connections.api.invalid'), {
            errors: apiErrors(request.t, outcome.errors),
          })
        return sendProblem(
          request,
          reply,
          409,
          outcome.code,
          request.t(outcome.errors[0]?.key ?? 'connections.api.invalid'),
        )
      }
      const created = (await connectionsForPerson(app.deps.database.db, person.id)).find((c) => c.id === outcome.id)
      return reply
        .code(201)
        .send(created ? personConnectionJson(created, request.lang) : { id: outcome.id, status: 'suggested' })
    },
  )
}
