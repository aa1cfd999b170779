import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { compareHealthcareUse } from './healthcare.js'
import { contactsForPerson } from './repository.js'
import { contactCounts } from './rules.js'
import { currentEpisodeOfPage, sharedRead } from '../person-record/page-reads.js'

/** How many contacts the section lists; the API gives them all. */
const SHOWN = 20

/**
 * The person page's section for contacts with the person and healthcare use (issue 5 §6, §10): null when the user
 * may not see it (only the person's caseworkers may: never assets or referrers). Called inside the page's
 * transaction, after its `person.view` audit; the read of the contacts is audited with it.
 */
export async function contactsSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  const scope = { organisationId: person.organisation_id }
  if (!can(request.user, 'contacts.view', scope)) return null
  const [contacts, episode] = await Promise.all([sharedRead(trx, `contacts:${person.id}`, () => contactsForPerson(trx, person.id)), currentEpisodeOfPage(trx, person.id)])
  const healthcare = episode ? (await healthcareOfPerson(trx, person.id)).filter((h) => h.episode_id === episode.id) : []
  await audit(trx, auditContext(request), {
    action: 'contact.list',
    recordType: 'person',
    recordId: person.id,
    organisationId: person.organisation_id,
    detail: { count: contacts.length },
  })
  const query = request.query as Record<string, unknown>
  return {
    canRecord: can(request.user, 'contacts.record', scope) && episode?.status === 'open',
    hasEpisode: Boolean(episode),
    counts: contactCounts(
      episode ? contacts.filter((c) => c.episode_id === episode.id) : [],
      episode ?? null,
      new Date(),
    ),
    items: contacts.slice(0, SHOWN),
    more: Math.max(0, contacts.length - SHOWN),
    healthcare: compareHealthcareUse(healthcare),
    healthcareAsked: healthcare.map((h) => h.occasion),
    notice:
      query.contactRecorded === '1'
        ? 'contactRecorded'
        : query.healthcareRecorded === '1'
          ? 'healthcareRecorded'
          : null,
  }
}

/** This feature's entries on the person's timeline, with their words already in the page's language. */
export async function contactTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'contacts.view', { organisationId: person.organisation_id })) return []
  const t = request.t
  const contacts = await sharedRead(trx, `contacts:${person.id}`, () => contactsForPerson(trx, person.id))
  const healthcare = await healthcareOfPerson(trx, person.id)
  return [
    ...contacts.map((c) => ({
      at: c.occurred_at,
      text: t(c.did_not_attend ? 'contacts.timeline.didNotAttend' : 'contacts.timeline.contact', {
        type: t(`contacts.types.${c.contact_type}`),
        mode: t(`contacts.modes.${c.mode}`),
        minutes: c.duration_minutes ?? 0,
      }),
      href: `/people/${person.id}#contacts`,
    })),
    ...healthcare.map((h) => ({
      at: h.updated_at,
      text: t(`contacts.timeline.healthcare.${h.occasion}`),
      href: `/people/${person.id}#healthcare-use`,
    })),
  ]
}

/**
 * The person's healthcare use answers, every episode's, read once per page view: the section shows the current
 * episode's (healthcareUseFor's rows and order, occasion last first), the timeline all of them.
 */
function healthcareOfPerson(trx: Transaction<DB>, personId: string) {
  return sharedRead(trx, `healthcareUse:${personId}`, () =>
    trx.selectFrom('healthcare_use').selectAll().where('person_id', '=', personId).orderBy('occasion', 'desc').execute(),
  )
}
