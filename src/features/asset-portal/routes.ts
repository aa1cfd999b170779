import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { NOTE_LIMIT, REASON_LIMIT, validateStatusChange } from '../connections/forms.js'
import { nextStatuses } from '../connections/lifecycle.js'
import { type AssetConnection, assetConnections, assetEvents } from '../connections/repository.js'
import { assetPortalApi } from './api.js'
import { loadAssetConnection, recordStep } from './status.js'

const views = { list: 'features/asset-portal/views/list.njk', connection: 'features/asset-portal/views/connection.njk' }
/** Where the texts for a shared list of codes live. */
const codeTexts: Record<string, string> = { contactMethods: 'people.options.contactMethod.', communicationNeeds: 'people.options.communicationNeed.', language: 'personRecord.languages.', ageBand: 'connections.ageBands.' }

/** The need-to-know snapshot as label/value rows in the page's language. */
function shownFields(request: FastifyRequest, snapshot: Record<string, string>) {
  const word = (field: string, code: string) => (code.startsWith('interpreter:') ? request.t('connections.interpreter', { language: code.slice('interpreter:'.length) }) : request.t(`${codeTexts[field]}${code}`))
  return Object.entries(snapshot).map(([field, value]) => ({
    label: request.t(`connections.fields.${field}`),
    value: codeTexts[field] ? value.split(',').filter(Boolean).map((code) => word(field, code)).join(', ') : value,
  }))
}

interface PageState {
  values: Record<string, string>
  errors: FieldError[]
}

async function renderConnection(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, connection: AssetConnection, state: PageState = { values: {}, errors: [] }, status = 200) {
  const events = await app.deps.database.db.transaction().execute(async (trx) => {
    await audit(trx, auditContext(request), { action: 'asset_connection.view', recordType: 'connection', recordId: connection.id })
    return assetEvents(trx, connection.id)
  })
  const query = request.query as Record<string, unknown>
  return reply.code(status).view(views.connection, {
    title: request.t('assetPortal.connection.title'),
    connection,
    serviceName: request.lang === 'cy' && connection.service_name_cy ? connection.service_name_cy : connection.service_name,
    providerName: request.lang === 'cy' && connection.provider_name_cy ? connection.provider_name_cy : connection.provider_name,
    fields: shownFields(request, connection.need_to_know),
    events,
    next: nextStatuses({ status: connection.status, kind: connection.kind, attendedBefore: connection.first_attended_at !== null }, 'asset'),
    reasonLimit: REASON_LIMIT,
    noteLimit: NOTE_LIMIT,
    values: state.values,
    errors: summaryErrors(request.t, state.errors),
    updated: state.errors.length === 0 && query.updated === '1',
  })
}

/** The asset portal (issue 4 §8): referrals to the services the user's organisation manages, and their progress. */
export async function assetPortalRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/asset', { config: { action: 'asset.connections.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw notFound()
    const rows = await db.transaction().execute(async (trx) => {
      const found = await assetConnections(trx, user.organisationId)
      await audit(trx, auditContext(request), { action: 'asset_connection.list', recordType: 'connection', detail: { count: found.length } })
      return found
    })
    return reply.view(views.list, {
      title: request.t('assetPortal.list.title'),
      rows: rows.map((r) => ({ ...r, name: r.need_to_know.name ?? null, serviceName: request.lang === 'cy' && r.service_name_cy ? r.service_name_cy : r.service_name })),
    })
  })

  app.get('/asset/connections/:id', { config: { action: 'asset.connections.view' } }, async (request, reply) => {
    const connection = await loadAssetConnection(app, request, 'asset.connections.view')
    return renderConnection(app, request, reply, connection)
  })

  app.post('/asset/connections/:id/status', { config: { action: 'asset.connections.update' } }, async (request, reply) => {
    const connection = await loadAssetConnection(app, request, 'asset.connections.update')
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {}
    const { value, values, errors } = validateStatusChange(body)
    if (errors.length > 0) return renderConnection(app, request, reply, connection, { values, errors }, 400)
    const check = await recordStep(app, request, connection, value)
    if (!check.ok) {
      const field = check.code === 'reason_required' ? 'reason' : check.code === 'weeks_required' ? 'weeks' : 'status'
      return renderConnection(app, request, reply, connection, { values, errors: [{ field, key: `connections.errors.${check.code}`, params: { status: request.t(`connections.statuses.${connection.status}`) } }] }, 400)
    }
    return reply.redirect(`/asset/connections/${connection.id}?updated=1`, 303)
  })

  await assetPortalApi(app)
}
