import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { serviceName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'

/**
 * Every step of the person's connections on the timeline (issue 5 §5): who moved it (the practitioner or the asset)
 * and to what. The page's `person.view` audit covers this read.
 */
export async function connectionTimeline(trx: Transaction<DB>, request: FastifyRequest, person: PersonRef): Promise<JourneyEvent[]> {
  if (!can(request.user, 'connections.view', { organisationId: person.organisation_id })) return []
  const rows = await trx
    .selectFrom('connection_events as e')
    .innerJoin('connections as c', 'c.id', 'e.connection_id')
    .select(['e.to_status', 'e.side', 'e.at', serviceName('c.service_id').as('name'), serviceName('c.service_id', 'name_cy').as('name_cy')])
    .where('c.person_id', '=', person.id)
    .execute()
  return rows.map((r) => ({
    at: r.at,
    text: request.t(r.side === 'asset' ? 'connections.timeline.byAsset' : 'connections.timeline.byPractitioner', {
      service: (request.lang === 'cy' && r.name_cy ? r.name_cy : r.name) ?? '',
      status: request.t(`connections.statuses.${r.to_status}`),
    }),
    href: `/people/${person.id}#connections`,
  }))
}
