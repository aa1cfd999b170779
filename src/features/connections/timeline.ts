import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { sharedRead } from '../person-record/page-reads.js'
import { connectionsForPerson } from './repository.js'

/**
 * Every step of the person's connections on the timeline (issue 5 §5): who moved it (the practitioner or the asset)
 * and to what. The page's `person.view` audit covers this read.
 */
export async function connectionTimeline(trx: Transaction<DB>, request: FastifyRequest, person: PersonRef): Promise<JourneyEvent[]> {
  if (!can(request.user, 'connections.view', { organisationId: person.organisation_id })) return []
  // The connections section has read every connection of the person with its events: the same rows.
  const rows = (await pageConnections(trx, person.id)).flatMap((c) =>
    c.events.map((e) => ({ to_status: e.to_status, side: e.side, at: e.at, name: c.service_name, name_cy: c.service_name_cy })),
  )
  return rows.map((r) => ({
    at: r.at,
    text: request.t(r.side === 'asset' ? 'connections.timeline.byAsset' : 'connections.timeline.byPractitioner', {
      service: (request.lang === 'cy' && r.name_cy ? r.name_cy : r.name) ?? '',
      status: request.t(`connections.statuses.${r.to_status}`),
    }),
    href: `/people/${person.id}#connections`,
  }))
}

/** The person's connections with their events, read once per view of the person page (page-reads.ts sharedRead). */
export function pageConnections(trx: Transaction<DB>, personId: string) {
  return sharedRead(trx, `connections:${personId}`, () => connectionsForPerson(trx, personId))
}
