import type { FastifyInstance } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { assetConnectionSchema, idParams, invalid, problems, statusBodySchema } from '../connections/api-schemas.js'
import { validateStatusChange } from '../connections/forms.js'
import { nextStatuses } from '../connections/lifecycle.js'
import { type AssetConnection, assetConnections, findAssetConnection } from '../connections/repository.js'
import { loadAssetConnection, recordStep } from './status.js'

const tags = ['Asset portal']

function assetJson(c: AssetConnection, lang: string) {
  return {
    id: c.id,
    serviceName: lang === 'cy' && c.service_name_cy ? c.service_name_cy : c.service_name,
    referredBy: lang === 'cy' && c.provider_name_cy ? c.provider_name_cy : c.provider_name,
    status: c.status,
    needToKnow: c.need_to_know,
    declineReason: c.decline_reason,
    waitingWeeks: c.waiting_weeks,
    nextStatuses: nextStatuses({ status: c.status, kind: c.kind, attendedBefore: c.first_attended_at !== null }, 'asset'),
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  }
}

/** The asset portal as JSON: the referrals made to the organisation's services, and recording their progress. */
export async function assetPortalApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/asset/connections',
    {
      config: { action: 'asset.connections.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Referrals made to the services your organisation manages, newest first',
        description: 'Only the need-to-know fields the practitioner chose to share; never notes, measures, safeguarding or referral reasons.',
        response: { 200: { type: 'object', properties: { connections: { type: 'array', items: assetConnectionSchema } }, required: ['connections'] }, ...problems },
      },
    },
    async (request) => {
      const user = request.user
      if (!user) throw notFound()
      const rows = await db.transaction().execute(async (trx) => {
        const found = await assetConnections(trx, user.organisationId)
        await audit(trx, auditContext(request), { action: 'asset_connection.list', recordType: 'connection', detail: { count: found.length } })
        return found
      })
      return { connections: rows.map((r) => assetJson(r, request.lang)) }
    },
  )

  app.post(
    '/api/v1/asset/connections/:id/status',
    {
      config: { action: 'asset.connections.update' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Accept, decline, waitlist, or record attendance, non-attendance or the end of a referral',
        description:
          'The move must be one the lifecycle allows the asset from the current status (docs/connections.md), else 400 `invalid_transition` and nothing is written. Declining needs a reason, waitlisting a number of weeks (422). The practitioner is notified. A referral to another organisation’s service is 404.',
        params: idParams,
        body: statusBodySchema,
        response: { 200: assetConnectionSchema, ...invalid, ...problems },
      },
    },
    async (request, reply) => {
      const connection = await loadAssetConnection(app, request, 'asset.connections.update')
      const raw = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}
      const { value, errors } = validateStatusChange(raw)
      if (errors.length > 0) return sendProblem(request, reply, 422, 'validation_failed', request.t('connections.api.invalid'), { errors: apiErrors(request.t, errors) })
      const check = await recordStep(app, request, connection, value)
      if (!check.ok) {
        return sendProblem(request, reply, check.code === 'invalid_transition' ? 400 : 422, check.code, request.t(`connections.errors.${check.code}`, { status: request.t(`connections.statuses.${connection.status}`) }), { currentStatus: connection.status })
      }
      const updated = await findAssetConnection(db, connection.id)
      if (!updated) throw notFound()
      return assetJson(updated, request.lang)
    },
  )
}
