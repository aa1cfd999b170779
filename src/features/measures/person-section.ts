import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'

/** SCAFFOLD: the person page's measures section (issue 6 §4); null when the user may not see it. */
export async function measuresSection(_trx: Transaction<DB>, _request: FastifyRequest, _person: PersonRef): Promise<Record<string, unknown> | null> {
  return null
}

/** SCAFFOLD: this feature's entries on the person's timeline. */
export async function measuresTimeline(_trx: Transaction<DB>, _request: FastifyRequest, _person: PersonRef): Promise<JourneyEvent[]> {
  return []
}
