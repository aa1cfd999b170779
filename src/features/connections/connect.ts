import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { guardRecord } from '../person-record/access.js'
import { findPerson, type PersonRow } from '../person-record/person-queries.js'
import { validateConnection } from './forms.js'
import { assetSharingConsent, findConnectableService, insertConnection, openEpisode } from './repository.js'
import type { ConnectionStatus } from './schema.js'

/** The person named in the URL for a connections route: 404 when unknown, refused (audited) when another provider's. */
export async function loadPersonFor(app: FastifyInstance, request: FastifyRequest, action: 'connections.view' | 'connections.create' | 'connections.update', refusal: 'forbidden' | 'not_found' = 'forbidden'): Promise<PersonRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const person = isUuid(id) ? await findPerson(db, id) : undefined
  if (!person) throw notFound()
  await guardRecord(db, request, action, { recordType: 'person', recordId: person.id, organisationId: person.organisation_id, auditAction: { 'connections.view': 'connection.list', 'connections.create': 'connection.create', 'connections.update': 'connection.update' }[action] }, refusal)
  return person
}

export type ConnectOutcome =
  | { ok: true; id: string; status: ConnectionStatus }
  | { ok: false; problem: 'validation'; errors: FieldError[]; values: ReturnType<typeof validateConnection>['values'] }
  | { ok: false; problem: 'no_open_episode' | 'consent_missing'; errors: FieldError[]; values: ReturnType<typeof validateConnection>['values'] }

/**
 * "Connect to a community service": checked in full before anything is written, then the connection, its first
 * event, the information-sharing log entry (referrals) and the audit row commit together. A referral needs the
 * person's consent to share with assets in force now.
 */
export async function connect(app: FastifyInstance, request: FastifyRequest, person: PersonRow, raw: Record<string, unknown>): Promise<ConnectOutcome> {
  const db = app.deps.database.db
  const now = new Date()
  const { value, values, errors } = validateConnection(raw, person, now)
  const episode = await openEpisode(db, person.id)
  if (!episode) return { ok: false, problem: 'no_open_episode', errors: [{ field: 'serviceId', key: 'connections.errors.noOpenEpisode' }], values }
  const service = isUuid(value.serviceId) ? await findConnectableService(db, value.serviceId) : undefined
  if (isUuid(value.serviceId) && !service) errors.push({ field: 'serviceId', key: 'connections.errors.serviceUnavailable' })
  if (errors.length > 0 || !service) return { ok: false, problem: 'validation', errors, values }
  return db.transaction().execute(async (trx): Promise<ConnectOutcome> => {
    const consentId = value.kind === 'referral' ? await assetSharingConsent(trx, person.id) : null
    if (value.kind === 'referral' && !consentId) return { ok: false, problem: 'consent_missing', errors: [{ field: 'kind', key: 'connections.errors.consentMissing' }], values }
    const created = await insertConnection(trx, { person, episodeId: episode.id, service, form: value, consentId, userId: request.user?.userId ?? null, now })
    await audit(trx, auditContext(request), {
      action: 'connection.create',
      recordType: 'connection',
      recordId: created.id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, serviceId: service.id, kind: value.kind, sharedFields: value.fields },
    })
    return { ok: true, ...created }
  })
}
