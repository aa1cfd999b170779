import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { concernsOf, escalationsOf } from './repository.js'
import { sharedRead } from '../person-record/page-reads.js'

/**
 * The person page's section for safeguarding concerns (CS Std 3, CF 2.4): the flag and the concerns, for the
 * organisation's caseworkers and safeguarding lead only (DESIGN §3: never assets, referrers or commissioners);
 * null for anyone else. Always offered to them, with "raise a concern", because a concern can come up at any step
 * (CF 2.4). Called inside the page's transaction, after its `person.view` audit.
 */
export async function safeguardingSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<Record<string, unknown> | null> {
  if (!can(request.user, 'safeguarding.view', { organisationId: person.organisation_id })) return null
  const concerns = await sharedRead(trx, `concerns:${person.id}`, () => concernsOf(trx, person.id))
  if (concerns.length > 0)
    await audit(trx, auditContext(request), {
      action: 'safeguarding_concern.list',
      recordType: 'person',
      recordId: person.id,
      organisationId: person.organisation_id,
      detail: { count: concerns.length, where: 'person_page' },
    })
  return {
    open: concerns.filter((c) => c.status === 'open'),
    closed: concerns.filter((c) => c.status === 'closed'),
    canRaise: can(request.user, 'safeguarding.raise', { organisationId: person.organisation_id }),
    personId: person.id,
  }
}

/** Concerns raised, escalated and closed on the timeline, for the same few users as the section, linking to each concern. */
export async function safeguardingTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  if (!can(request.user, 'safeguarding.view', { organisationId: person.organisation_id })) return []
  const concerns = await sharedRead(trx, `concerns:${person.id}`, () => concernsOf(trx, person.id))
  // Escalations are of concerns: most people have none, and then there is nothing to read.
  const escalations = concerns.length ? await escalationsOf(trx, person.id) : []
  const href = (id: string) => `/safeguarding/concerns/${id}`
  const category = (code: string) => request.t(`safeguarding.categories.${code}`)
  const byId = new Map(concerns.map((c) => [c.id, c]))
  return [
    ...concerns.map((c) => ({
      at: c.raised_at,
      text: request.t(
        c.raised_by_side === 'asset' ? 'safeguarding.timeline.raisedByAsset' : 'safeguarding.timeline.raised',
        { category: category(c.category) },
      ),
      href: href(c.id),
    })),
    ...escalations.map((e) => ({
      at: e.recorded_at,
      text: request.t('safeguarding.timeline.escalated', {
        to: request.t(`safeguarding.targets.${e.escalated_to}`),
        category: category(byId.get(e.concern_id)?.category ?? ''),
      }),
      href: href(e.concern_id),
    })),
    ...concerns
      .filter((c) => c.closed_at)
      .map((c) => ({
        at: c.closed_at as Date,
        text: request.t('safeguarding.timeline.closed', { category: category(c.category) }),
        href: href(c.id),
      })),
  ]
}
