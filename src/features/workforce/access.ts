import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Actor, can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import { findStaff, type StaffMember } from './repository.js'

/** A team lead keeps the records of their organisation's staff; a practitioner sees their own record only. */
export function mayView(actor: Actor, staff: StaffMember): boolean {
  if (!can(actor, 'workforce.view', { organisationId: staff.organisationId })) return false
  return actor.roles.includes('team_lead') || actor.userId === staff.userId
}

export function mayManage(actor: Actor, staff: StaffMember): boolean {
  return can(actor, 'workforce.manage', { organisationId: staff.organisationId })
}

/**
 * The member of staff named in the URL (`:userId`): 404 when there is none; when the user may not see or manage
 * them (another organisation's staff, a colleague's record for a practitioner) the refusal is audited and the
 * request ends, 403 on pages and 404 in the API (other organisations' identifiers are not confirmed).
 */
export async function loadGuardedStaff(app: FastifyInstance, request: FastifyRequest, need: 'view' | 'manage', auditAction: string, refusal: 'forbidden' | 'not_found' = 'forbidden'): Promise<StaffMember> {
  const id = (request.params as { userId?: string }).userId
  const db = app.deps.database.db
  const staff = isUuid(id) ? await findStaff(db, id) : undefined
  if (!staff) throw notFound()
  const actor = request.user as Actor
  if (need === 'view' ? mayView(actor, staff) : mayManage(actor, staff)) return staff
  await refuse(app, request, auditAction, staff.userId, staff.organisationId)
  throw refusal === 'forbidden' ? forbidden() : notFound()
}

/** Records a refused attempt on a member of staff's record (personal data) in the audit trail. */
export async function refuse(app: FastifyInstance, request: FastifyRequest, auditAction: string, userId: string, organisationId: string): Promise<void> {
  await audit(app.deps.database.db, auditContext(request), {
    action: auditAction,
    recordType: 'workforce_record',
    recordId: userId,
    organisationId,
    outcome: 'refused',
  })
}
