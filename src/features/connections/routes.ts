import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, isUuid, queryValue, summaryErrors } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { connectionsApi } from './api.js'
import { connect, loadPersonFor } from './connect.js'
import { MAX_DISTANCE_KM, NOTE_LIMIT, needToKnowFields, preferredFormat, shareableValue } from './forms.js'
import { connectionTimes, isOpen } from './lifecycle.js'
import { progressRoutes } from './progress.js'
import { connectionsForPerson, openEpisode, searchServices } from './repository.js'
import { connectionKinds, signpostFormats, travelModes } from './schema.js'
import { suggestionRoutes } from './suggest.js'
import { openEpisodeOfPage } from '../person-record/page-reads.js'
import { pageConnections } from './timeline.js'

const view = 'features/connections/views/connect.njk'

/**
 * The connections section of the person page: the person's connections with their history, and whether a new one
 * may be made (an open episode and the right to). Call inside the page's audited transaction.
 */
export async function personConnections(trx: Transaction<DB>, request: FastifyRequest, person: PersonRow) {
  const [found, episode] = await Promise.all([pageConnections(trx, person.id), openEpisodeOfPage(trx, person.id)])
  const items = found.map((c) => ({ ...c, ...connectionTimes(c) }))
  const query = request.query as Record<string, unknown>
  const canConnect =
    Boolean(episode) && can(request.user, 'connections.create', { organisationId: person.organisation_id })
  return {
    items,
    canConnect,
    canUpdate: can(request.user, 'connections.update', { organisationId: person.organisation_id }),
    connected: query.connected === '1',
    suggestedNotice: query.suggested === '1',
    followUpOn:
      typeof query.followUp === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(query.followUp) ? query.followUp : null,
    // The suggested services offer "Record as suggested" only for services not already suggested or connected and open.
    openServiceIds: items.filter((c) => isOpen(c.status)).map((c) => c.service_id),
  }
}

export interface FormState {
  values: {
    serviceId?: string
    kind?: string
    fields?: string[]
    note?: string
    q?: string
    signpostFormat?: string
    signpostLanguage?: string
    travelMode?: string
    distance?: string
    suggestionId?: string
  }
  errors: FieldError[]
}

export async function renderConnectPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PersonRow,
  state: FormState,
  status = 200,
) {
  const db = app.deps.database.db
  const query = request.query as Record<string, unknown>
  const q = state.values.q ?? queryValue(query.q)
  const suggestionId = state.values.suggestionId ?? queryValue(query.suggestion)
  const { episode, services, suggestion } = await db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), {
      action: 'connection.form',
      recordType: 'person',
      recordId: person.id,
      organisationId: person.organisation_id,
    })
    // Acting on a suggestion: its service is the one offered, chosen already.
    const suggestion = isUuid(suggestionId)
      ? (await connectionsForPerson(trx, person.id)).find((c) => c.id === suggestionId && c.status === 'suggested')
      : undefined
    const services = suggestion
      ? (await searchServices(trx, suggestion.service_name)).filter((s) => s.id === suggestion.service_id)
      : q
        ? await searchServices(trx, q)
        : []
    return { episode: await openEpisode(trx, person.id), services, suggestion }
  })
  const today = new Date()
  return reply.code(status).view(view, {
    title: request.t('connections.connect.title'),
    person,
    hasEpisode: Boolean(episode),
    q,
    services,
    kinds: connectionKinds,
    fields: needToKnowFields.map((f) => ({ code: f, value: f === 'note' ? '' : shareableValue(person, f, '', today) })),
    noteLimit: NOTE_LIMIT,
    formats: signpostFormats,
    suggestedFormat: preferredFormat(person),
    travelModes,
    maxDistance: MAX_DISTANCE_KM,
    suggestion: suggestion ?? null,
    values: {
      signpostFormat: preferredFormat(person),
      signpostLanguage: person.language,
      ...state.values,
      ...(suggestion ? { serviceId: suggestion.service_id, suggestionId: suggestion.id } : {}),
      fields: state.values.fields ?? [],
    },
    errors: summaryErrors(request.t, state.errors),
  })
}

export async function connectionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/people/:id/connections/new', { config: { action: 'connections.create' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'connections.create')
    return renderConnectPage(app, request, reply, person, { values: {}, errors: [] })
  })

  app.post('/people/:id/connections', { config: { action: 'connections.create' } }, async (request, reply) => {
    const person = await loadPersonFor(app, request, 'connections.create')
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}
    const outcome = await connect(app, request, person, body)
    if (!outcome.ok)
      return renderConnectPage(
        app,
        request,
        reply,
        person,
        { values: outcome.values, errors: outcome.errors },
        outcome.problem === 'no_open_episode' ? 409 : 400,
      )
    return reply.redirect(`/people/${person.id}?connected=1&followUp=${outcome.followUpOn}#connections`, 303)
  })

  await suggestionRoutes(app, (request, reply, person, state, status) =>
    renderConnectPage(app, request, reply, person, state, status),
  )
  await progressRoutes(app)
  await connectionsApi(app)
}
