import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { DEMO_ASSET_ORGANISATION } from '../directory/demo/load.js'
import { needToKnowSnapshot, type NeedToKnowField, type ShareablePerson } from './forms.js'
import type { ConnectionKind, ConnectionStatus } from './schema.js'

const DAY = 86_400_000

interface DemoConnection {
  kind: ConnectionKind
  /** Which of the demo asset's services, in name order. */
  service: number
  /** The statuses it went through after the first, with the days after the connection was made. */
  steps: [ConnectionStatus, number, string?][]
  fields: NeedToKnowField[]
  note?: string
  weeks?: number
  reason?: string
}

/** Connections of one accepted demo person to the demo asset's services, in several states (issue 4 §8). */
const demoConnections: DemoConnection[] = [
  { kind: 'referral', service: 0, fields: ['name', 'language', 'contactMethods', 'ageBand', 'note'], note: 'Mae Dafydd yn hoffi gwaith coed. Prefers to be written to in Welsh.', steps: [['accepted', 2], ['first_attended', 7], ['attending', 14, 'Came with a neighbour']] },
  { kind: 'referral', service: 1, fields: ['name', 'language', 'ageBand'], weeks: 4, steps: [['waitlisted', 3]] },
  { kind: 'signpost', service: 1, fields: [], steps: [] },
]

/**
 * Loads the demo connections for a demo person whose referral was accepted: consent to share with assets, then
 * connections to the services the demo asset organisation manages, with their events and sharing log entries.
 * Does nothing when the demo directory is not loaded. Call inside the demo loader's transaction.
 */
export async function loadDemoConnections(trx: Transaction<DB>, p: { personId: string; episodeId: string; organisationId: string; practitionerId: string | null; assetUserId: string | null; startedAt: Date }): Promise<number> {
  const services = await trx
    .selectFrom('services as s')
    .innerJoin('directory_organisations as o', 'o.id', 's.directory_organisation_id')
    .innerJoin('organisations as a', 'a.id', 'o.managed_by_organisation_id')
    .select(['s.id', 's.name', 'o.name as organisation_name', 'o.managed_by_organisation_id'])
    .where('a.name', '=', DEMO_ASSET_ORGANISATION)
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .orderBy('s.name')
    .execute()
  if (services.length === 0) return 0
  const person: ShareablePerson = await trx
    .selectFrom('people')
    .select(['given_name', 'family_name', 'date_of_birth', 'phone', 'email', 'contact_methods', 'contact_times', 'language', 'communication_needs', 'interpreter_language'])
    .where('id', '=', p.personId)
    .executeTakeFirstOrThrow()
  const consentAt = new Date(p.startedAt.getTime() + DAY)
  const consent = await trx
    .insertInto('consents')
    .values({ person_id: p.personId, organisation_id: p.organisationId, scope: 'share_with_assets', given: true, method: 'verbal', recorded_by: p.practitionerId, recorded_at: consentAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  let n = 0
  for (const demo of demoConnections) {
    const service = services[demo.service % services.length]
    if (!service) continue
    const at = (days: number) => new Date(consentAt.getTime() + (n + days) * DAY)
    const first: ConnectionStatus = demo.kind === 'referral' ? 'referred' : demo.kind === 'signpost' ? 'signposted' : 'introduced'
    const last = demo.steps.at(-1)
    const attended = demo.steps.find(([s]) => s === 'first_attended')
    const row = await trx
      .insertInto('connections')
      .values({
        person_id: p.personId,
        episode_id: p.episodeId,
        organisation_id: p.organisationId,
        service_id: service.id,
        kind: demo.kind,
        status: last?.[0] ?? first,
        need_to_know: JSON.stringify(demo.kind === 'referral' ? needToKnowSnapshot(person, demo.fields, demo.note ?? '', at(0)) : {}),
        waiting_weeks: demo.weeks ?? null,
        decline_reason: demo.reason ?? null,
        first_attended_at: attended ? at(attended[1]) : null,
        created_by: p.practitionerId,
        created_at: at(0),
        updated_at: at(last?.[1] ?? 0),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    let from: ConnectionStatus | null = null
    for (const [to, days, note] of [[first, 0] as [ConnectionStatus, number], ...demo.steps]) {
      const side = from === null ? 'practitioner' : 'asset'
      await trx.insertInto('connection_events').values({ connection_id: row.id, from_status: from, to_status: to, side, note: note ?? null, actor_user_id: side === 'asset' ? p.assetUserId : p.practitionerId, at: at(days) }).execute()
      from = to
    }
    if (demo.kind === 'referral') {
      await trx
        .insertInto('information_sharing_log')
        .values({ person_id: p.personId, organisation_id: p.organisationId, connection_id: row.id, service_id: service.id, shared_with_organisation_id: service.managed_by_organisation_id, shared_with_name: service.organisation_name, fields: demo.fields, purpose: 'referral_to_community_asset', recipient_kind: 'asset', consent_scope: 'share_with_assets', basis: 'consent', consent_id: consent.id, shared_by: p.practitionerId, shared_at: at(0) })
        .execute()
    }
    n++
  }
  return n
}
