import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { linkState } from './links-state.js'
import { histories, instrumentName } from './present.js'
import { measureLinksOf, measuresOfPerson } from './repository.js'
import { openEpisodeOfPage, sharedRead } from '../person-record/page-reads.js'

/**
 * The person page's measures section (issue 6 §4): each instrument over time as a chart with its numbers in a
 * table, the measures not yet finished, and "Take a measure". Only the person's caseworkers see it; the read is
 * audited in the page's transaction.
 */
export async function measuresSection(trx: Transaction<DB>, request: FastifyRequest, person: PersonRef): Promise<Record<string, unknown> | null> {
  const scope = { organisationId: person.organisation_id }
  if (!can(request.user, 'measures.view', scope)) return null
  const [measures, episode] = await Promise.all([sharedRead(trx, `measures:${person.id}`, () => measuresOfPerson(trx, person.id)), openEpisodeOfPage(trx, person.id)])
  const links = await measureLinksOf(trx, measures.filter((m) => m.mode === 'self_completed').map((m) => m.id))
  await audit(trx, auditContext(request), {
    action: 'measure.list',
    recordType: 'person',
    recordId: person.id,
    organisationId: person.organisation_id,
    detail: { count: measures.length },
  })
  const t = request.t
  const now = new Date()
  return {
    canRecord: can(request.user, 'measures.record', scope) && Boolean(episode),
    histories: histories(t, request.lang, measures),
    unfinished: measures
      .filter((m) => m.status !== 'complete')
      .map((m) => ({
        id: m.id,
        name: instrumentName(t, m.instrument_id),
        occasion: m.occasion,
        status: m.status,
        mode: m.mode,
        link: linkState(links.filter((l) => l.subject_id === m.id).at(-1) ?? null, now),
        createdAt: m.created_at,
      })),
  }
}

/** Measures taken, sent, and completed by the person, on the person's timeline. */
export async function measuresTimeline(trx: Transaction<DB>, request: FastifyRequest, person: PersonRef): Promise<JourneyEvent[]> {
  if (!can(request.user, 'measures.view', { organisationId: person.organisation_id })) return []
  const t = request.t
  const measures = await sharedRead(trx, `measures:${person.id}`, () => measuresOfPerson(trx, person.id))
  const events: JourneyEvent[] = []
  for (const m of measures) {
    const params = { instrument: instrumentName(t, m.instrument_id), occasion: t(`measures.occasions.${m.occasion}`) }
    const href = `/people/${person.id}/measures/${m.id}`
    if (m.mode === 'self_completed') events.push({ at: m.created_at, text: t('measures.timeline.sent', params), href })
    if (m.completed_at)
      events.push({ at: m.completed_at, text: t(m.mode === 'self_completed' ? 'measures.timeline.completedByPerson' : 'measures.timeline.taken', params), href })
  }
  return events
}
