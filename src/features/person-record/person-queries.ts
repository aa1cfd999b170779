import type { Kysely, Transaction } from 'kysely'
import { prepared } from '../../platform/db/prepared.js'
import type { DB } from '../../platform/db/schema.js'

type Db = Kysely<DB> | Transaction<DB>

/** One person with the names of their local authority, health board and regional partnership board in both languages. */
export function findPerson(db: Db, id: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('local_authorities as la', 'la.code', 'p.local_authority_code')
    .leftJoin('health_boards as hb', 'hb.code', 'la.health_board_code')
    .leftJoin('regional_partnership_boards as rpb', 'rpb.code', 'hb.regional_partnership_board_code')
    .selectAll('p')
    .select(['la.name_en as la_name_en', 'la.name_cy as la_name_cy', 'hb.name_en as hb_name_en', 'hb.name_cy as hb_name_cy', 'rpb.name_en as rpb_name_en', 'rpb.name_cy as rpb_name_cy'])
    .where('p.id', '=', id)
    .modifyEnd(prepared)
    .executeTakeFirst()
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>

/** Records linked to this one as duplicates of it, and the record this one duplicates. */
export async function linkedRecords(db: Db, person: PersonRow) {
  const duplicates = await db.selectFrom('people').select(['id', 'given_name', 'family_name', 'created_at']).where('duplicate_of', '=', person.id).orderBy('created_at').execute()
  const original = person.duplicate_of ? await db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('id', '=', person.duplicate_of).executeTakeFirst() : undefined
  return { duplicates, original: original ?? null }
}

export interface TimelineEntry {
  at: Date
  kind: 'referral_received' | 'referral_outcome' | 'contact_attempt' | 'episode_started'
  reference: string
  referralId: string
  /** A code the page turns into words: the referral's status, the route, or the contact mode. */
  code: string
  successful?: boolean
}

/** An episode as the timeline shows it: when it started, its status, and its referral. */
export interface TimelineEpisode {
  started_at: Date
  status: string
  referral_id: string
  reference: string
}

/**
 * What has happened with this person, newest first: referrals and their outcomes, contact attempts, episodes. The
 * person page passes the episodes it has read already (page-reads.ts personEpisodes), which saves a statement.
 */
export async function timeline(db: Db, personId: string, read?: () => Promise<readonly TimelineEpisode[]>): Promise<TimelineEntry[]> {
  const referrals = await db
    .selectFrom('referrals as r')
    .select(['r.id', 'r.reference', 'r.route', 'r.status', 'r.received_at', 'r.triaged_at'])
    .where('r.person_id', '=', personId)
    .execute()
  const attempts = await db
    .selectFrom('referral_contact_attempts as a')
    .innerJoin('referrals as r', 'r.id', 'a.referral_id')
    .select(['a.attempted_at', 'a.mode', 'a.successful', 'r.id', 'r.reference'])
    .where('r.person_id', '=', personId)
    .execute()
  const episodes: readonly TimelineEpisode[] = read
    ? await read()
    : await db
        .selectFrom('episodes as e')
        .innerJoin('referrals as r', 'r.id', 'e.referral_id')
        .select(['e.started_at', 'e.status', 'e.referral_id', 'r.reference'])
        .where('e.person_id', '=', personId)
        .execute()
  const entries: TimelineEntry[] = [
    ...referrals.map((r) => ({ at: r.received_at, kind: 'referral_received' as const, reference: r.reference, referralId: r.id, code: r.route })),
    ...referrals.filter((r) => r.triaged_at && r.status !== 'received').map((r) => ({ at: r.triaged_at as Date, kind: 'referral_outcome' as const, reference: r.reference, referralId: r.id, code: r.status })),
    ...attempts.map((a) => ({ at: a.attempted_at, kind: 'contact_attempt' as const, reference: a.reference, referralId: a.id, code: a.mode, successful: a.successful })),
    ...episodes.map((e) => ({ at: e.started_at, kind: 'episode_started' as const, reference: e.reference, referralId: e.referral_id, code: e.status })),
  ]
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime())
}

/** The referrals of a person, newest first (for the API). */
export function referralsOf(db: Db, personId: string) {
  return db
    .selectFrom('referrals as r')
    .select(['r.id', 'r.reference', 'r.status', 'r.route', 'r.received_at', 'r.first_contact_at', 'r.triaged_at'])
    .where('r.person_id', '=', personId)
    .orderBy('r.received_at', 'desc')
    .execute()
}
