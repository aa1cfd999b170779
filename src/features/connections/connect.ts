import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { loadGuardedPerson } from '../person-record/access.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { addDays, CONNECTION_FOLLOW_UP_DAYS, scheduleFollowUp } from '../follow-ups/schedule.js'
import { validateConnection } from './forms.js'
import {
  actOnSuggestion,
  assetSharingConsent,
  findServiceForConnection,
  insertConnection,
  openEpisode,
  travelDistanceKm,
} from './repository.js'
import type { ConnectionStatus } from './schema.js'

/** The person named in the URL for a connections route: 404 when unknown, refused (audited) when another provider's. */
export async function loadPersonFor(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'connections.view' | 'connections.create' | 'connections.update',
  refusal: 'forbidden' | 'not_found' = 'forbidden',
): Promise<PersonRow> {
  return loadGuardedPerson(
    app,
    request,
    action,
    {
      'connections.view': 'connection.list',
      'connections.create': 'connection.create',
      'connections.update': 'connection.update',
    }[action],
    refusal,
  )
}

export type ConnectOutcome =
  | { ok: true; id: string; status: ConnectionStatus; followUpOn: string }
  | { ok: false; problem: 'validation'; errors: FieldError[]; values: ReturnType<typeof validateConnection>['values'] }
  | {
      ok: false
      problem: 'no_open_episode' | 'consent_missing' | 'invalid_transition'
      errors: FieldError[]
      values: ReturnType<typeof validateConnection>['values']
    }

/**
 * "Connect to a community service", or act on a suggestion: checked in full before anything is written, then the
 * connection (or the suggestion turned into one), its event, the information-sharing log entry (referrals), the
 * follow-up two weeks later (CF 6.1) and the audit row commit together. A referral needs the person's consent to
 * share with assets in force now. A closed or unpublished service is refused with its own message.
 */
export async function connect(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  raw: Record<string, unknown>,
): Promise<ConnectOutcome> {
  const db = app.deps.database.db
  const now = new Date()
  const { value, values, errors } = validateConnection(raw, person, now)
  const episode = await openEpisode(db, person.id)
  if (!episode)
    return {
      ok: false,
      problem: 'no_open_episode',
      errors: [{ field: 'serviceId', key: 'connections.errors.noOpenEpisode' }],
      values,
    }
  const service = isUuid(value.serviceId) ? await findServiceForConnection(db, value.serviceId) : undefined
  if (isUuid(value.serviceId) && !service?.connectable) {
    const closed = service && service.status !== 'active'
    errors.push({
      field: 'serviceId',
      key: closed ? 'connections.errors.serviceClosed' : 'connections.errors.serviceUnavailable',
      params: closed ? { name: service.name } : undefined,
    })
  }
  if (errors.length > 0 || !service?.connectable) return { ok: false, problem: 'validation', errors, values }
  const computed = await travelDistanceKm(db, person, service.id)
  const travel =
    computed !== null
      ? { distanceKm: computed, source: 'computed' as const }
      : value.distanceKm !== null
        ? { distanceKm: value.distanceKm, source: 'entered' as const }
        : { distanceKm: null, source: null }
  return db.transaction().execute(async (trx): Promise<ConnectOutcome> => {
    const consentId = value.kind === 'referral' ? await assetSharingConsent(trx, person.id) : null
    if (value.kind === 'referral' && !consentId)
      return {
        ok: false,
        problem: 'consent_missing',
        errors: [{ field: 'kind', key: 'connections.errors.consentMissing' }],
        values,
      }
    const made = {
      person,
      episodeId: episode.id,
      service,
      form: value,
      consentId,
      userId: request.user?.userId ?? null,
      now,
      travel,
    }
    let created: { id: string; status: ConnectionStatus }
    if (value.suggestionId) {
      const acted = await actOnSuggestion(trx, value.suggestionId, made)
      if (!acted.check.ok)
        return {
          ok: false,
          problem: 'invalid_transition',
          errors: [{ field: 'serviceId', key: 'connections.errors.suggestionGone' }],
          values,
        }
      created = acted
    } else created = await insertConnection(trx, made)
    // CF 6.1: check how it went about two weeks after the connection is made.
    const followUpOn = addDays(now, CONNECTION_FOLLOW_UP_DAYS)
    const followUpId = await scheduleFollowUp(trx, {
      kind: 'connection',
      connectionId: created.id,
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      dueOn: followUpOn,
      createdBy: request.user?.userId ?? null,
    })
    await audit(trx, auditContext(request), {
      action: 'connection.create',
      recordType: 'connection',
      recordId: created.id,
      organisationId: person.organisation_id,
      detail: {
        personId: person.id,
        serviceId: service.id,
        kind: value.kind,
        sharedFields: value.fields,
        fromSuggestion: value.suggestionId !== null,
        followUpId,
        travelDistanceSource: travel.source,
      },
    })
    return { ok: true, ...created, followUpOn }
  })
}
