import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import { formatDate } from '../../platform/i18n/i18n.js'
import { isThemeCode, themeName } from '../directory/matching/themes.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { conversationsOf } from './repository.js'
import { compareWithReferral, needsCount } from './rules.js'
import { openEpisodeOfPage, sharedRead } from '../person-record/page-reads.js'

/**
 * The person page's section for the 'What Matters' conversation (CS §27, CF 5.1): the latest conversation's summary
 * and links to record one or change it; null when the user may not see it. Called inside the page's transaction,
 * after its `person.view` audit.
 */
export async function whatMattersSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  const scope = { organisationId: person.organisation_id }
  if (!can(request.user, 'what_matters.view', scope)) return null
  const [latest] = await sharedRead(trx, `conversations:${person.id}`, () => conversationsOf(trx, person.id))
  const episode = await openEpisodeOfPage(trx, person.id)
  const query = request.query as Record<string, unknown>
  return {
    canRecord: Boolean(episode) && can(request.user, 'what_matters.record', scope),
    notice: query.whatMatters === 'recorded' || query.whatMatters === 'updated' ? query.whatMatters : null,
    latest: latest
      ? {
          id: latest.id,
          heldOn: latest.held_on,
          completed: latest.completed,
          themes: latest.themes.filter(isThemeCode).map((c) => themeName(c, request.lang)),
          ownWords: latest.own_words,
          strengths: latest.strengths,
          needsCount: needsCount(latest.needs_domains),
          comparison: compareWithReferral(
            latest.referral_reasons,
            latest.confirmed_reasons,
            latest.themes,
            latest.emerged_issues,
          ).outcome,
        }
      : null,
  }
}

/** This feature's entries on the person's timeline, with their words already in the page's language. */
export async function whatMattersTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'what_matters.view', { organisationId: person.organisation_id })) return []
  const rows = await sharedRead(trx, `conversations:${person.id}`, () => conversationsOf(trx, person.id))
  return rows.map((c) => ({
    at: new Date(`${c.held_on}T12:00:00Z`),
    text: request.t(c.completed ? 'whatMatters.timeline.completed' : 'whatMatters.timeline.started', {
      date: formatDate(c.held_on, request.lang),
    }),
    href: `/what-matters/${c.id}`,
  }))
}
