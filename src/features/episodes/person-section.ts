import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { closingOutcomesSection, closingOutcomesTimeline } from './closing-outcomes.js'
import { currentEpisodeOfPage } from '../person-record/page-reads.js'
import { episodeEvents, openConnectionCount } from './repository.js'
import { allowedActions, daysSince } from './rules.js'

const notices = ['level', 'closed', 'closedWithFeedback', 'transferred', 'outcomes'] as const

/**
 * The person page's section for the episode of support: the open (or latest) episode with its level of support,
 * status and, once closed, how it ended; the actions the user may take on it. Null when there is no episode or
 * the user may not see it. Called inside the page's transaction, after its `person.view` audit.
 */
export async function episodeSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  const scope = { organisationId: person.organisation_id }
  if (!can(request.user, 'episodes.view', scope)) return null
  const episode = await currentEpisodeOfPage(trx, person.id)
  if (!episode) return null
  const actions = allowedActions(episode.status)
  const manage = can(request.user, 'episodes.manage', scope)
  const notice = notices.find((n) => (request.query as Record<string, unknown>).episode === n)
  return {
    episode,
    daysSinceReferral: daysSince(episode.received_at, episode.ended_at ?? new Date()),
    openConnections: episode.status === 'open' ? 0 : await openConnectionCount(trx, episode.id),
    transferredToName:
      request.lang === 'cy' && episode.transferred_to_name_cy
        ? episode.transferred_to_name_cy
        : episode.transferred_to_name,
    closingOutcomes: await closingOutcomesSection(trx, request, episode),
    may: {
      changeLevel: manage && actions.includes('change_level'),
      close: manage && actions.includes('close'),
      transfer: can(request.user, 'episodes.transfer', scope) && actions.includes('transfer'),
    },
    notice: notice ? request.t(`episodes.notices.${notice}`) : null,
  }
}

/** This feature's entries on the person's timeline, with their words already in the page's language. */
export async function episodeTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'episodes.view', { organisationId: person.organisation_id })) return []
  const t = request.t
  const events = await episodeEvents(trx, { personId: person.id })
  const entries = events.map((e): JourneyEvent => {
    const level = e.level_of_support ? t(`episodes.levels.${e.level_of_support}`) : ''
    const previous = e.previous_level ? t(`episodes.levels.${e.previous_level}`) : ''
    const reason = e.closing_reason ? t(`episodes.reasons.${e.closing_reason}`) : ''
    const organisation =
      (request.lang === 'cy' && e.organisation_to_name_cy ? e.organisation_to_name_cy : e.organisation_to_name) ?? ''
    return { at: e.at, text: t(`episodes.timeline.${e.kind}`, { level, previous, reason, organisation }) }
  })
  return [...entries, ...(await closingOutcomesTimeline(trx, request, person))]
}
