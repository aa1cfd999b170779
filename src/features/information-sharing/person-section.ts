import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { presentDisclosure } from './present.js'
import { disclosuresOf } from './record.js'
import { sharedRead } from '../person-record/page-reads.js'

const SHOWN = 5

/**
 * The person page's section for the information-sharing log (CF 2.2, issue 5 §9): the latest disclosures and the
 * way to the whole log and to recording one. Null for anyone without `information_sharing.view`. Called inside
 * the page's transaction, after its `person.view` audit.
 */
export async function sharingLogSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  if (!can(request.user, 'information_sharing.view', { organisationId: person.organisation_id })) return null
  const rows = await sharedRead(trx, `disclosures:${person.id}`, () => disclosuresOf(trx, person.id))
  if (rows.length > 0)
    await audit(trx, auditContext(request), {
      action: 'disclosure.list',
      recordType: 'person',
      recordId: person.id,
      organisationId: person.organisation_id,
      detail: { count: rows.length, where: 'person_page' },
    })
  const app = request.server as FastifyInstance
  return {
    personId: person.id,
    items: rows.slice(0, SHOWN).map((r) => presentDisclosure(app, request, r)),
    total: rows.length,
    canRecord: can(request.user, 'information_sharing.record', { organisationId: person.organisation_id }),
  }
}

/** Each disclosure on the timeline: to whom, linking to the log. */
export async function sharingTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'information_sharing.view', { organisationId: person.organisation_id })) return []
  const rows = await sharedRead(trx, `disclosures:${person.id}`, () => disclosuresOf(trx, person.id))
  return rows.map((r) => ({
    at: r.shared_at,
    text: request.t('informationSharing.timeline.shared', { name: r.shared_with_name }),
    href: `/people/${person.id}/sharing#disclosure-${r.id}`,
  }))
}
