import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, isUniqueViolation } from './fields.js'
import { changedOrganisationFields, type OrganisationValues, validateOrganisation } from './organisation-form.js'
import { insertOrganisation, listLocalAuthorities, organisationNameTaken, type OrganisationRow, toInput, updateOrganisation } from './organisations-queries.js'

export type SaveResult =
  | { ok: true; id: string }
  /** `conflict` when the only problem is a name another organisation has (the API answers 409). */
  | { ok: false; values: OrganisationValues; errors: FieldError[]; conflict: boolean }

const nameTaken: FieldError = { field: 'name', key: 'admin.organisations.errors.nameTaken' }

/**
 * Creates (`existing` null) or changes an organisation from a form or JSON body, with its audit event in the
 * same transaction. Used by the pages and the API alike, so both apply the same rules.
 */
export async function saveOrganisation(db: Kysely<DB>, request: FastifyRequest, existing: OrganisationRow | null, body: Record<string, unknown>): Promise<SaveResult> {
  const known = new Set((await listLocalAuthorities(db)).map((a) => a.code))
  const { input, values, errors } = validateOrganisation(body, known)
  if (!input) return { ok: false, values, errors, conflict: false }
  try {
    const outcome = await db.transaction().execute(async (trx) => {
      if (await organisationNameTaken(trx, input.name, existing?.id)) return null
      if (!existing) {
        const id = await insertOrganisation(trx, input)
        await audit(trx, auditContext(request), { action: 'organisation.create', recordType: 'organisation', recordId: id, organisationId: id })
        return id
      }
      const changed = changedOrganisationFields(toInput(existing), input)
      if (changed.length > 0) {
        await updateOrganisation(trx, existing.id, input)
        await audit(trx, auditContext(request), { action: 'organisation.update', recordType: 'organisation', recordId: existing.id, organisationId: existing.id, detail: { changed } })
      }
      return existing.id
    })
    if (outcome === null) return { ok: false, values, errors: [nameTaken], conflict: true }
    return { ok: true, id: outcome }
  } catch (error) {
    // Two administrators saving the same name at once: the unique index decides, the loser sees the same error.
    if (isUniqueViolation(error)) return { ok: false, values, errors: [nameTaken], conflict: true }
    throw error
  }
}
