import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { followUpsForPerson, type PersonFollowUp } from './repository.js'
import { isOverdue, walesToday } from './rules.js'
import { followUpWhat } from './words.js'
import { openEpisodeOfPage, sharedRead } from '../person-record/page-reads.js'

/** How many finished follow-ups the section lists under the open ones; the timeline keeps every one. */
const FINISHED_SHOWN = 10

/** A follow-up as the pages show it: what, when, whose, and whether it is late. */
export function presentFollowUp(request: FastifyRequest, f: PersonFollowUp, today: string) {
  return {
    id: f.id,
    what: followUpWhat(request.t, request.lang, f),
    kind: f.kind,
    dueOn: f.due_on,
    overdue: isOverdue(f, today),
    status: f.status,
    assignedName: f.assigned_name,
    outcomeNote: f.outcome_note,
    completedAt: f.completed_at,
    completedByName: f.completed_by_name,
  }
}

/**
 * The person page's section for follow-ups and tasks (CF 6.1): null when there is nothing to show or the user may not see it. Called
 * inside the page's transaction, after its `person.view` audit.
 */
export async function followUpsSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  if (!can(request.user, 'follow_ups.view', { organisationId: person.organisation_id })) return null
  const [rows, episode] = await Promise.all([sharedRead(trx, `followUps:${person.id}`, () => followUpsForPerson(trx, person.id)), openEpisodeOfPage(trx, person.id)])
  const today = walesToday()
  const items = rows.map((f) => presentFollowUp(request, f, today))
  const query = request.query as Record<string, unknown>
  const notice = query.followUpAdded === '1' ? 'added' : query.followUpRecorded === '1' ? 'recorded' : null
  return {
    open: items.filter((f) => f.status === 'open'),
    finished: items.filter((f) => f.status !== 'open').slice(0, FINISHED_SHOWN),
    canAdd: Boolean(episode) && can(request.user, 'follow_ups.manage', { organisationId: person.organisation_id }),
    canManage: can(request.user, 'follow_ups.manage', { organisationId: person.organisation_id }),
    notice,
  }
}

/** This feature's entries on the person's timeline, with their words already in the page's language. */
export async function followUpTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'follow_ups.view', { organisationId: person.organisation_id })) return []
  const rows = await sharedRead(trx, `followUps:${person.id}`, () => followUpsForPerson(trx, person.id))
  return rows
    .filter((f) => f.status !== 'open' && f.completed_at)
    .map((f) => ({
      at: f.completed_at as Date,
      text: request.t(`followUps.timeline.${f.status}`, { what: followUpWhat(request.t, request.lang, f) }),
      href: '#follow-ups',
    }))
}
