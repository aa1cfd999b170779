import type { FastifyInstance } from 'fastify'
import { auditedList } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { documentOnly } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { connectBodySchema, idParams, invalid, personConnectionSchema, problems } from './api-schemas.js'
import { connect, loadPersonFor } from './connect.js'
import { connectionTimes } from './lifecycle.js'
import { connectionsForPerson, type PersonConnection } from './repository.js'

const tags = ['Connections']

export function personConnectionJson(c: PersonConnection, lang: string) {
  return {
    id: c.id,
    serviceName: lang === 'cy' && c.service_name_cy ? c.service_name_cy : c.service_name,
    kind: c.kind,
    status: c.status,
    needToKnow: c.need_to_know,
    declineReason: c.decline_reason,
    waitingWeeks: c.waiting_weeks,
    signpostFormat: c.signpost_format,
    signpostLanguage: c.signpost_language,
    travelMode: c.travel_mode,
    travelDistanceKm: c.travel_distance_km === null ? null : Number(c.travel_distance_km),
    travelDistanceSource: c.travel_distance_source,
    firstRespondedAt: c.first_responded_at?.toISOString() ?? null,
    firstAttendedAt: c.first_attended_at?.toISOString() ?? null,
    ...connectionTimes(c),
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    events: c.events.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      side: e.side,
      note: e.note,
      barriers: e.barriers,
      notActingReasons: e.not_acting_reasons,
      at: e.at.toISOString(),
    })),
  }
}

/** A person's connections to community assets as JSON: make one, list them (issue 4 §8, issue 5 §5, §12). */
export async function connectionsApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.post(
    '/api/v1/people/:id/connections',
    {
      config: { action: 'connections.create' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Connect a person to a community service',
        description:
          'A signpost (with the format and language the information was given in), a referral or a supported introduction from the person’s open episode of support, or one of these made from a suggestion (`suggestionId`). A follow-up is scheduled 14 days later (CF 6.1). A closed or unpublished service is refused (422). A referral shares only the fields listed in `fields` and needs the person’s consent to share with community assets in force (409 `consent_missing` otherwise); it is logged in the information-sharing log. 409 `no_open_episode` when the person has no open episode.',
        params: idParams,
        body: connectBodySchema,
        response: { 201: personConnectionSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const person = await loadPersonFor(app, request, 'connections.create', 'not_found')
      const raw =
        request.body && typeof request.body === 'object' && !Array.isArray(request.body)
          ? (request.body as Record<string, unknown>)
          : {}
      const outcome = await connect(app, request, person, raw)
      if (!outcome.ok) {
        if (outcome.problem === 'validation')
          return sendProblem(request, reply, 422, 'validation_failed', request.t('connections.api.invalid'), {
            errors: apiErrors(request.t, outcome.errors),
          })
        return sendProblem(
          request,
          reply,
          409,
          outcome.problem,
          request.t(outcome.errors[0]?.key ?? 'connections.api.invalid'),
        )
      }
      const created = (await connectionsForPerson(db, person.id)).find((c) => c.id === outcome.id)
      return reply
        .code(201)
        .header('location', `/api/v1/people/${person.id}/connections`)
        .send(created ? personConnectionJson(created, request.lang) : { id: outcome.id, status: outcome.status })
    },
  )

  app.get(
    '/api/v1/people/:id/connections',
    {
      config: { action: 'connections.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'A person’s connections to community assets, newest first, with their status history',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { connections: { type: 'array', items: personConnectionSchema } },
            required: ['connections'],
          },
          ...problems,
        },
      },
    },
    async (request) => {
      const person = await loadPersonFor(app, request, 'connections.view', 'not_found')
      const event = { action: 'connection.list', recordType: 'person', recordId: person.id, organisationId: person.organisation_id }
      const rows = await auditedList(db, auditContext(request), event, (trx) => connectionsForPerson(trx, person.id))
      return { connections: rows.map((c) => personConnectionJson(c, request.lang)) }
    },
  )
}
