import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import type { StatusForm } from '../connections/forms.js'
import type { MoveCheck } from '../connections/lifecycle.js'
import { type AssetConnection, changeStatus, findAssetConnection } from '../connections/repository.js'
import { deliver } from '../triage/notify.js'

/**
 * The referral named in the URL, when it was made to a service the user's organisation manages. Anything else
 * is 404 (so other organisations' identifiers are not confirmed), and the refusal is audited.
 */
export async function loadAssetConnection(app: FastifyInstance, request: FastifyRequest, action: 'asset.connections.view' | 'asset.connections.update'): Promise<AssetConnection> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const found = isUuid(id) ? await findAssetConnection(db, id) : undefined
  if (!found) throw notFound()
  if (!can(request.user, action, { organisationId: found.managed_by_organisation_id })) {
    await audit(db, auditContext(request), { action: action === 'asset.connections.view' ? 'asset_connection.view' : 'asset_connection.update', recordType: 'connection', recordId: found.id, outcome: 'refused', detail: { access: action } })
    throw notFound()
  }
  return found
}

/**
 * The asset records a step: the lifecycle is checked on the locked row, then the status, the event, the audit row
 * and the practitioner's notification commit together; the notifier is called after commit.
 */
export async function recordStep(app: FastifyInstance, request: FastifyRequest, connection: AssetConnection, form: StatusForm): Promise<MoveCheck> {
  const result = await app.deps.database.db.transaction().execute(async (trx) => {
    const changed = await changeStatus(trx, { connectionId: connection.id, to: form.status, side: 'asset', reason: form.reason, weeks: form.weeks, note: form.note, userId: request.user?.userId ?? null, now: new Date() })
    if (!changed.check.ok) return changed
    await audit(trx, auditContext(request), { action: 'asset_connection.update', recordType: 'connection', recordId: connection.id, detail: { from: changed.from, to: form.status } })
    return changed
  })
  if (result.check.ok && result.notificationId) {
    await deliver(app, request, { kind: 'connection.updated', notificationId: result.notificationId, connectionId: connection.id, recipientUserId: result.recipientUserId })
  }
  return result.check
}
