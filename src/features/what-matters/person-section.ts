import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'

/**
 * The person page's section for the 'What Matters' conversation (CS §27, CF 5.1): null when there is nothing to show or the user may not see it. Called
 * inside the page's transaction, after its `person.view` audit.
 */
export async function whatMattersSection(_trx: Transaction<DB>, _request: FastifyRequest, _person: PersonRef): Promise<Record<string, unknown> | null> {
  return null
}

/** This feature's entries on the person's timeline, with their words already in the page's language. */
export async function whatMattersTimeline(_trx: Transaction<DB>, _request: FastifyRequest, _person: PersonRef): Promise<JourneyEvent[]> {
  return []
}
