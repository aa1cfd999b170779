import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { type Action, can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { isUuid } from '../admin/fields.js'
import { findPerson, type PersonRow } from './person-queries.js'

export interface GuardedRecord {
  /** The audited record's type, e.g. `person`, `referral`, `case_study`. */
  recordType: string
  recordId: string
  organisationId: string
  /** The audit action the refusal is recorded under, e.g. `person.view`. */
  auditAction: string
}

/**
 * Record-level access (DESIGN §3): when the policy refuses the user this record, the refusal is audited and the
 * request ends with 403 (pages) or 404 (API, so that other organisations' identifiers are not confirmed). Call it
 * with `db`, outside any transaction, so the refusal is recorded even though the request fails.
 */
export async function guardRecord(db: Kysely<DB>, request: FastifyRequest, action: Action, record: GuardedRecord, refusal: 'forbidden' | 'not_found' = 'forbidden'): Promise<void> {
  if (can(request.user, action, { organisationId: record.organisationId })) return
  await audit(db, auditContext(request), {
    action: record.auditAction,
    recordType: record.recordType,
    recordId: record.recordId,
    organisationId: record.organisationId,
    outcome: 'refused',
    detail: { access: action },
  })
  throw refusal === 'forbidden' ? forbidden() : notFound()
}

/**
 * The person named in the URL (`:id`) for `action`: 404 when there is none, and when the user may not take the
 * action on their record the refusal is audited under `auditAction` and the request ends (403 pages, 404 API).
 * Every feature that acts on a person's record loads it this way.
 */
export async function loadGuardedPerson(app: FastifyInstance, request: FastifyRequest, action: Action, auditAction: string, refusal: 'forbidden' | 'not_found' = 'forbidden'): Promise<PersonRow> {
  const id = (request.params as { id: string }).id
  const db = app.deps.database.db
  const person = isUuid(id) ? await findPerson(db, id) : undefined
  if (!person) throw notFound()
  await guardRecord(db, request, action, { recordType: 'person', recordId: person.id, organisationId: person.organisation_id, auditAction }, refusal)
  return person
}
