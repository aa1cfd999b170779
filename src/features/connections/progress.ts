import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError, isUuid, summaryErrors } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { personConnectionJson } from './api.js'
import { idParams, invalid, personConnectionSchema, problems, statusBodySchema } from './api-schemas.js'
import { barrierCodes, movesWithReasons, notActingReasonCodes } from './barriers.js'
import { loadPersonFor } from './connect.js'
import { NOTE_LIMIT, type StatusForm, validateStatusChange } from './forms.js'
import { connectionTimes, type MoveCheck, nextStatuses } from './lifecycle.js'
import { changeStatus, connectionsForPerson, type PersonConnection } from './repository.js'
import { connectionStatuses } from './schema.js'

/*
 * The practitioner's side of the lifecycle (docs/connections.md): what the person reports — a first attendance
 * of a signpost, that they did not go, that they withdrew. The asset's moves (accept, decline, waitlist) are not
 * offered here.
 */
const view = 'features/connections/views/connection.njk'
const connectionParams = {
  type: 'object',
  properties: { id: idParams.properties.id, connectionId: idParams.properties.id },
  required: ['id', 'connectionId'],
} as const

async function loadConnection(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'connections.view' | 'connections.update',
  refusal: 'forbidden' | 'not_found' = 'forbidden',
) {
  const person = await loadPersonFor(app, request, action, refusal)
  const id = (request.params as { connectionId: string }).connectionId
  const connection = isUuid(id)
    ? (await connectionsForPerson(app.deps.database.db, person.id)).find((c) => c.id === id)
    : undefined
  if (!connection) throw notFound()
  return { person, connection }
}

/**
 * The practitioner's moves, less 'referred': a referral is made with the connect form (need-to-know fields, consent).
 * A suggestion is acted on with the connect form too (it asks the kind's details), so here it can only be withdrawn.
 */
const practitionerMoves = (c: PersonConnection) =>
  nextStatuses(
    { status: c.status, kind: c.kind, attendedBefore: c.events.some((e) => e.to_status === 'first_attended') },
    'practitioner',
  ).filter((s) => s !== 'referred' && (c.status !== 'suggested' || s === 'withdrew'))

async function record(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  connection: PersonConnection,
  form: StatusForm,
): Promise<MoveCheck> {
  if (!practitionerMoves(connection).includes(form.status)) return { ok: false, code: 'invalid_transition' }
  return app.deps.database.db.transaction().execute(async (trx) => {
    const changed = await changeStatus(trx, {
      connectionId: connection.id,
      to: form.status,
      side: 'practitioner',
      reason: form.reason,
      weeks: form.weeks,
      note: form.note,
      barriers: form.barriers,
      notActingReasons: form.notActingReasons,
      userId: request.user?.userId ?? null,
      now: new Date(),
    })
    if (changed.check.ok)
      await audit(trx, auditContext(request), {
        action: 'connection.update',
        recordType: 'connection',
        recordId: connection.id,
        organisationId: person.organisation_id,
        detail: {
          from: changed.from,
          to: form.status,
          barriers: form.barriers,
          notActingReasons: form.notActingReasons,
        },
      })
    return changed.check
  })
}

async function render(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  connection: PersonConnection,
  state: { values: Record<string, string>; errors: FieldError[] } = { values: {}, errors: [] },
  status = 200,
) {
  await audit(app.deps.database.db, auditContext(request), {
    action: 'connection.view',
    recordType: 'connection',
    recordId: connection.id,
    organisationId: person.organisation_id,
  })
  return reply.code(status).view(view, {
    title: request.t('connections.progress.title'),
    person,
    connection,
    serviceName:
      request.lang === 'cy' && connection.service_name_cy ? connection.service_name_cy : connection.service_name,
    next: practitionerMoves(connection),
    times: connectionTimes(connection),
    barriers: barrierCodes,
    notActing: notActingReasonCodes,
    withReasons: practitionerMoves(connection).some((s) => (movesWithReasons as readonly string[]).includes(s)),
    noteLimit: NOTE_LIMIT,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
  })
}

export async function progressRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/people/:id/connections/:connectionId',
    { config: { action: 'connections.view' } },
    async (request, reply) => {
      const { person, connection } = await loadConnection(app, request, 'connections.view')
      return render(app, request, reply, person, connection)
    },
  )

  app.post(
    '/people/:id/connections/:connectionId/status',
    { config: { action: 'connections.update' } },
    async (request, reply) => {
      const { person, connection } = await loadConnection(app, request, 'connections.update')
      const { value, values, errors } = validateStatusChange(
        request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {},
      )
      if (errors.length > 0) return render(app, request, reply, person, connection, { values, errors }, 400)
      const check = await record(app, request, person, connection, value)
      if (!check.ok)
        return render(
          app,
          request,
          reply,
          person,
          connection,
          {
            values,
            errors: [
              {
                field: 'status',
                key: `connections.errors.${check.code}`,
                params: { status: request.t(`connections.statuses.${connection.status}`) },
              },
            ],
          },
          400,
        )
      return reply.redirect(`/people/${person.id}#connections`, 303)
    },
  )

  app.post(
    '/api/v1/people/:id/connections/:connectionId/status',
    {
      config: { action: 'connections.update' },
      ...documentOnly,
      schema: {
        tags: ['Connections'],
        summary: 'Record what the person reports about a connection (the practitioner’s moves of the lifecycle)',
        description:
          'For example a first attendance of a signpost, did not attend, or withdrew. 400 `invalid_transition` for a move the lifecycle does not give the practitioner (accepting, declining and waitlisting are the asset’s).',
        params: connectionParams,
        body: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...connectionStatuses] },
            note: { type: 'string', maxLength: NOTE_LIMIT },
            barriers: statusBodySchema.properties.barriers,
            notActingReasons: statusBodySchema.properties.notActingReasons,
          },
          required: ['status'],
        },
        response: { 200: personConnectionSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const { person, connection } = await loadConnection(app, request, 'connections.update', 'not_found')
      const raw =
        request.body && typeof request.body === 'object' && !Array.isArray(request.body)
          ? (request.body as Record<string, unknown>)
          : {}
      const { value, errors } = validateStatusChange(raw)
      if (errors.length > 0)
        return sendProblem(request, reply, 422, 'validation_failed', request.t('connections.api.invalid'), {
          errors: apiErrors(request.t, errors),
        })
      const check = await record(app, request, person, connection, value)
      if (!check.ok)
        return sendProblem(
          request,
          reply,
          check.code === 'invalid_transition' ? 400 : 422,
          check.code,
          request.t(`connections.errors.${check.code}`, {
            status: request.t(`connections.statuses.${connection.status}`),
          }),
          { currentStatus: connection.status },
        )
      const updated = (await connectionsForPerson(app.deps.database.db, person.id)).find((c) => c.id === connection.id)
      if (!updated) throw notFound()
      return personConnectionJson(updated, request.lang)
    },
  )
}
