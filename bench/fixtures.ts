import { sql, type Kysely } from 'kysely'
import { createToken } from '../src/cli/commands.js'
import { synthAccounts } from '../src/features/synth/stages/organisations.js'
import type { DB } from '../src/platform/db/schema.js'

/**
 * What the scenarios need from the data, picked by query before the server starts (PGlite lets one process hold its
 * folder, so the bench reads and writes what it needs while the server is down). Anything missing is null, and the
 * scenarios that need it are skipped with a message saying why.
 */
export interface Fixtures {
  practitioner: { email: string; userId: string; organisationId: string } | null
  /**
   * The person of practitioner-1's open episode with the most support contacts (the fullest timeline); at a tiny
   * size, where practitioner-1 may have no open episode, their closed one with the most.
   */
  person: { id: string; supportContacts: number } | null
  commissioner: { email: string; userId: string } | null
  referrer: { email: string; token: string } | null
  service: { id: string } | null
  /** A postcode the database can place (the demo postcodes loaded by synth). */
  postcode: string | null
  category: string | null
  counts: DataCounts
}

export interface DataCounts {
  services: number
  people: number
  episodes: number
  supportContacts: number
  referrals: number
  /** audit rows of each kind of referral write, to check that every write was audited */
  referralAudits: { self: number; api: number }
  referralsByChannel: { self: number; api: number }
}

export async function dataCounts(db: Kysely<DB>): Promise<DataCounts> {
  const r = await sql<Record<string, string>>`select
      (select count(*) from services) as services,
      (select count(*) from people) as people,
      (select count(*) from episodes) as episodes,
      (select count(*) from support_contacts) as support_contacts,
      (select count(*) from referrals) as referrals,
      (select count(*) from audit_events where action = 'referral.create' and detail->>'channel' = 'self_referral_form') as self_audits,
      (select count(*) from audit_events where action = 'referral.create' and detail->>'channel' = 'api') as api_audits,
      (select count(*) from referrals where channel = 'self_referral_form') as self_referrals,
      (select count(*) from referrals where channel = 'api') as api_referrals`.execute(db)
  const row = r.rows[0] ?? {}
  const n = (k: string) => Number(row[k] ?? 0)
  return {
    services: n('services'),
    people: n('people'),
    episodes: n('episodes'),
    supportContacts: n('support_contacts'),
    referrals: n('referrals'),
    referralAudits: { self: n('self_audits'), api: n('api_audits') },
    referralsByChannel: { self: n('self_referrals'), api: n('api_referrals') },
  }
}

async function user(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('email', '=', email)
    .where('active', '=', true)
    .executeTakeFirst()
}

export async function pickFixtures(db: Kysely<DB>): Promise<Fixtures> {
  const p = await user(db, synthAccounts.practitioner(1))
  const practitioner = p
    ? { email: synthAccounts.practitioner(1), userId: p.id, organisationId: p.organisation_id }
    : null
  let person: Fixtures['person'] = null
  if (practitioner) {
    const found = await sql<{ person_id: string; n: string }>`select e.person_id, count(c.id) as n
      from episodes e left join support_contacts c on c.episode_id = e.id
      where e.practitioner_id = ${practitioner.userId}
      group by e.person_id order by bool_or(e.status = 'open') desc, count(c.id) desc, e.person_id limit 1`.execute(db)
    const row = found.rows[0]
    if (row) person = { id: row.person_id, supportContacts: Number(row.n) }
  }
  const c = await user(db, synthAccounts.commissioner(8))
  const r = await user(db, synthAccounts.referrer(1))
  // A token of its own for each run: a referrer's API token, as an operator makes one (`cyswllt create-token`).
  const referrer = r
    ? {
        email: synthAccounts.referrer(1),
        token: await createToken(db, {
          command: 'create-token',
          email: synthAccounts.referrer(1),
          name: `bench ${new Date().toISOString()}`,
          days: 1,
        }),
      }
    : null
  const service = await db
    .selectFrom('services')
    .select('id')
    .where('status', '=', 'active')
    .where('published', '=', true)
    .orderBy('id')
    .executeTakeFirst()
  const postcode = await db.selectFrom('postcodes').select('postcode').orderBy('postcode').executeTakeFirst()
  const category = await db
    .selectFrom('taxonomy_terms')
    .select('code')
    .where('code', 'is not', null)
    .orderBy('code')
    .executeTakeFirst()
  return {
    practitioner,
    person,
    commissioner: c ? { email: synthAccounts.commissioner(8), userId: c.id } : null,
    referrer,
    service: service ? { id: service.id } : null,
    postcode: postcode?.postcode ?? null,
    category: category?.code ?? null,
    counts: await dataCounts(db),
  }
}
