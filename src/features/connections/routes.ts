import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, queryValue, summaryErrors } from '../admin/fields.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { connectionsApi } from './api.js'
import { connect, loadPersonFor } from './connect.js'
import { NOTE_LIMIT, needToKnowFields, shareableValue } from './forms.js'
import { progressRoutes } from './progress.js'
import { connectionsForPerson, openEpisode, searchServices } from './repository.js'
import { connectionKinds } from './schema.js'

const view = 'features/connections/views/connect.njk'

/**
 * The connections section of the person page: the person's connections with their history, and whether a new one
 * may be made (an open episode and the right to). Call inside the page's audited transaction.
 */
export async function personConnections(trx: Transaction<DB>, request: FastifyRequest, person: PersonRow) {
  const [items, episode] = await Promise.all([connectionsForPerson(trx, person.id), openEpisode(trx, person.id)])
  const query = request.query as Record<string, unknown>
  return { items, canConnect: Boolean(episode) && can(request.user, 'connections.create', { organisationId: person.organisation_id }), canUpdate: can(request.user, 'connections.update', { organisationId: person.organisation_id }), connected: query.connected === '1' }
}

interface FormState {
  values: { serviceId?: string; kind?: string; fields?: string[]; note?: string; q?: string }
  errors: FieldError[]
}

async function renderConnectPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, person: PersonRow, state: FormState, status = 200) {
  const db = app.deps.database.db
  const q = state.values.q ?? queryValue((request.query as Record<string, unknown>).q)
  const { episode, services } = await db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), { action: 'connection.form', recordType: 'person', recordId: person.id, organisationId: person.organisation_id })
    return { episode: await openEpisode(trx, person.id), services: q ? await searchServices(trx, q) : [] }
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
    values: { ...state.values, fields: state.values.fields ?? [] },
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
    if (!outcome.ok) return renderConnectPage(app, request, reply, person, { values: outcome.values, errors: outcome.errors }, outcome.problem === 'no_open_episode' ? 409 : 400)
    return reply.redirect(`/people/${person.id}?connected=1#connections`, 303)
  })

  await progressRoutes(app)
  await connectionsApi(app)
}
