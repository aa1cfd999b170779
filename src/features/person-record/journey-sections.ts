import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { connectionTimeline } from '../connections/timeline.js'
import { contactsSection, contactTimeline } from '../contacts/person-section.js'
import { episodeSection, episodeTimeline } from '../episodes/person-section.js'
import { followUpsSection, followUpTimeline } from '../follow-ups/person-section.js'
import { sharingLogSection, sharingTimeline } from '../information-sharing/person-section.js'
import { planSection, planTimeline } from '../plans/person-section.js'
import { safeguardingSection, safeguardingTimeline } from '../safeguarding/person-section.js'
import { whatMattersSection, whatMattersTimeline } from '../what-matters/person-section.js'
import { measuresSection, measuresTimeline } from '../measures/person-section.js'
import { experienceSection, experienceTimeline } from '../experience/person-section.js'

/** What a journey section needs to know of the person whose page it is on. */
export interface PersonRef {
  id: string
  organisation_id: string
  given_name: string
  family_name: string
  language: 'cy' | 'en'
}

/** One thing that happened on the support journey, as the timeline shows it: words in the page's language. */
export interface JourneyEvent {
  at: Date
  text: string
  /** Where to read more, when there is a page for it. */
  href?: string
}

/**
 * The support journey's sections of the person page (issue 5), each from its own feature folder. Each returns
 * null when it has nothing to show or the user may not see it (safeguarding shows only to the few who may).
 */
export async function journeySections(trx: Transaction<DB>, request: FastifyRequest, person: PersonRef) {
  return {
    safeguarding: await safeguardingSection(trx, request, person),
    episode: await episodeSection(trx, request, person),
    whatMatters: await whatMattersSection(trx, request, person),
    plan: await planSection(trx, request, person),
    measures: await measuresSection(trx, request, person),
    experience: await experienceSection(trx, request, person),
    followUps: await followUpsSection(trx, request, person),
    contacts: await contactsSection(trx, request, person),
    sharing: await sharingLogSection(trx, request, person),
  }
}

/** Every journey feature's timeline entries for the person, in one list (the page merges and sorts them). */
export async function journeyTimeline(trx: Transaction<DB>, request: FastifyRequest, person: PersonRef): Promise<JourneyEvent[]> {
  const sources = [episodeTimeline, whatMattersTimeline, planTimeline, connectionTimeline, followUpTimeline, contactTimeline, safeguardingTimeline, sharingTimeline, measuresTimeline, experienceTimeline]
  const all: JourneyEvent[] = []
  for (const source of sources) all.push(...(await source(trx, request, person)))
  return all
}
