import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'

/** SCAFFOLD: the person page's section for the person's voice (issue 6 §5: own-words outcomes, experience survey); null when the user may not see it. */
export async function experienceSection(_trx: Transaction<DB>, _request: FastifyRequest, _person: PersonRef): Promise<Record<string, unknown> | null> {
  return null
}

/** SCAFFOLD: this feature's entries on the person's timeline. */
export async function experienceTimeline(_trx: Transaction<DB>, _request: FastifyRequest, _person: PersonRef): Promise<JourneyEvent[]> {
  return []
}
