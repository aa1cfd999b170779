import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import { loadGuardedPerson } from '../person-record/access.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { type ConcernRow, findConcern } from './repository.js'

type PersonAction =
  'safeguarding.view' | 'safeguarding.raise' | 'information_sharing.view' | 'information_sharing.record'
const auditActions: Record<PersonAction, string> = {
  'safeguarding.view': 'safeguarding_concern.list',
  'safeguarding.raise': 'safeguarding_concern.create',
  'information_sharing.view': 'disclosure.list',
  'information_sharing.record': 'disclosure.create',
}

/** The person named in the URL: 404 when unknown, refused (audited) when the user may not act on their record. */
export async function loadPersonFor(
  app: FastifyInstance,
  request: FastifyRequest,
  action: PersonAction,
  refusal: 'forbidden' | 'not_found' = 'forbidden',
): Promise<PersonRow> {
  return loadGuardedPerson(app, request, action, auditActions[action], refusal)
}

/**
 * The concern named in the URL. Anyone outside the person's organisation's caseworkers and safeguarding lead gets
 * 404 whether or not it exists (a concern's existence is itself sensitive), and the refusal is audited.
 */
export async function loadConcern(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'safeguarding.view' | 'safeguarding.manage',
): Promise<ConcernRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const concern = isUuid(id) ? await findConcern(db, id) : undefined
  if (!concern) throw notFound()
  if (!can(request.user, action, { organisationId: concern.organisation_id })) {
    await audit(db, auditContext(request), {
      action: action === 'safeguarding.view' ? 'safeguarding_concern.view' : 'safeguarding_concern.update',
      recordType: 'safeguarding_concern',
      recordId: concern.id,
      organisationId: concern.organisation_id,
      outcome: 'refused',
      detail: { access: action },
    })
    throw notFound()
  }
  return concern
}
