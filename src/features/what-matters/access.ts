import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Action } from '../../platform/access/policy.js'
import { notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import { guardRecord } from '../person-record/access.js'
import { findPerson, type PersonRow } from '../person-record/person-queries.js'

/**
 * The person a What Matters or plan route is about: 404 when unknown, and when the person belongs to another
 * provider the refusal is audited under `auditAction` and the request ends 403 (pages) or 404 (API).
 */
export async function loadPerson(
  app: FastifyInstance,
  request: FastifyRequest,
  personId: string,
  action: Action,
  auditAction: string,
  refusal: 'forbidden' | 'not_found' = 'forbidden',
): Promise<PersonRow> {
  const db = app.deps.database.db
  const person = isUuid(personId) ? await findPerson(db, personId) : undefined
  if (!person) throw notFound()
  await guardRecord(
    db,
    request,
    action,
    { recordType: 'person', recordId: person.id, organisationId: person.organisation_id, auditAction },
    refusal,
  )
  return person
}

export const personIdOf = (request: FastifyRequest) => (request.params as { id: string }).id
