import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import type { FieldError } from '../admin/fields.js'
import { validateHealthcareUse } from './healthcare.js'
import { insertContact, openEpisode, saveHealthcareUse } from './repository.js'
import { validateContact, walesParts } from './rules.js'

export interface PersonOfRecord {
  id: string
  organisation_id: string
}

export type RecordOutcome =
  | { ok: true; id: string; episodeId: string }
  | {
      ok: false
      problem: 'validation' | 'no_open_episode'
      errors: FieldError[]
      values: Record<string, string | string[]>
    }

/**
 * "Record a contact": checked in full first; then the contact, linked to the open episode, and its audit row commit
 * together. Nothing is written when anything is wrong.
 */
export async function recordContact(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonOfRecord,
  raw: Record<string, unknown>,
): Promise<RecordOutcome> {
  const db = app.deps.database.db
  const { value, values, errors } = validateContact(raw, new Date())
  if (errors.length > 0) return { ok: false, problem: 'validation', errors, values }
  return db.transaction().execute(async (trx): Promise<RecordOutcome> => {
    const episode = await openEpisode(trx, person.id)
    if (!episode)
      return {
        ok: false,
        problem: 'no_open_episode',
        errors: [{ field: 'when', key: 'contacts.errors.noOpenEpisode', href: '#when-day' }],
        values,
      }
    const id = await insertContact(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      form: value,
      userId: request.user?.userId ?? null,
    })
    await audit(trx, auditContext(request), {
      action: 'contact.create',
      recordType: 'contact',
      recordId: id,
      organisationId: person.organisation_id,
      detail: {
        personId: person.id,
        episodeId: episode.id,
        mode: value.mode,
        type: value.type,
        didNotAttend: value.didNotAttend,
      },
    })
    return { ok: true, id, episodeId: episode.id }
  })
}

/** Healthcare use for one occasion of the given episode (by default the person's open one); asking again replaces. */
export async function recordHealthcareUse(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonOfRecord,
  raw: Record<string, unknown>,
  episodeId?: string,
): Promise<RecordOutcome> {
  const db = app.deps.database.db
  const { value, values, errors } = validateHealthcareUse(raw)
  if (errors.length > 0) return { ok: false, problem: 'validation', errors, values }
  const now = new Date()
  return db.transaction().execute(async (trx): Promise<RecordOutcome> => {
    const episode = episodeId ? { id: episodeId } : await openEpisode(trx, person.id)
    if (!episode)
      return {
        ok: false,
        problem: 'no_open_episode',
        errors: [{ field: 'occasion', key: 'contacts.errors.noOpenEpisode' }],
        values,
      }
    const saved = await saveHealthcareUse(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      form: value,
      askedOn: walesParts(now).date,
      userId: request.user?.userId ?? null,
      now,
    })
    await audit(trx, auditContext(request), {
      action: saved.replaced ? 'healthcare_use.update' : 'healthcare_use.create',
      recordType: 'healthcare_use',
      recordId: saved.id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, episodeId: episode.id, occasion: value.occasion },
    })
    return { ok: true, id: saved.id, episodeId: episode.id }
  })
}
