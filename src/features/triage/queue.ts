import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB, ReferralStatus } from '../../platform/db/schema.js'

type Db = Kysely<DB> | Transaction<DB>

/** The statuses the queue can show, in the order the filter offers them. */
export const queueStatuses = ['received', 'unable_to_contact', 'accepted', 'declined'] as const satisfies readonly ReferralStatus[]
export type QueueStatus = (typeof queueStatuses)[number]
export const QUEUE_PAGE_SIZE = 25

export function parseStatus(value: unknown): QueueStatus {
  return (queueStatuses as readonly unknown[]).includes(value) ? (value as QueueStatus) : 'received'
}

const DAY_MS = 86_400_000

/** Whole days a referral waited: until first contact when there has been one (the clock stops), else until now. */
export function daysWaiting(receivedAt: Date, firstContactAt: Date | null, now: Date): number {
  return Math.max(0, Math.floor(((firstContactAt ?? now).getTime() - receivedAt.getTime()) / DAY_MS))
}

/*
 * A possible earlier record of the same person in the same organisation, by the rules of findDuplicateCandidates:
 * the same NHS number, the same normalised name and date of birth, or the same date of birth and postcode.
 */
const possibleDuplicate = sql<boolean>`exists (
  select 1 from people other
  where other.organisation_id = p.organisation_id and other.id <> p.id and other.duplicate_of is null
    and ((p.nhs_number is not null and other.nhs_number = p.nhs_number)
      or (other.match_name = p.match_name and other.date_of_birth = p.date_of_birth)
      or (p.postcode is not null and other.postcode = p.postcode and other.date_of_birth = p.date_of_birth)))`

const attemptCount = sql<number>`(select count(*)::int from referral_contact_attempts a where a.referral_id = r.id)`
const urgencyRank = sql<number>`case r.urgency when 'urgent' then 0 when 'soon' then 1 else 2 end`

/**
 * One page of an organisation's referrals in a status. Waiting referrals come crisis first, then by urgency, then
 * the longest waiting (CS §12); the others most recently triaged first.
 */
export async function listQueue(db: Db, organisationId: string, status: QueueStatus, page: number) {
  const base = db.selectFrom('referrals as r').innerJoin('people as p', 'p.id', 'r.person_id').where('r.organisation_id', '=', organisationId).where('r.status', '=', status)
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow()
  let query = base.select([
    'r.id',
    'r.reference',
    'r.route',
    'r.reasons',
    'r.urgency',
    'r.crisis',
    'r.received_at',
    'r.first_contact_at',
    'r.triaged_at',
    'p.id as person_id',
    'p.given_name',
    'p.family_name',
    'p.date_of_birth',
    attemptCount.as('attempts'),
    possibleDuplicate.as('possible_duplicate'),
  ])
  query =
    status === 'received'
      ? query.orderBy('r.crisis', 'desc').orderBy(urgencyRank).orderBy('r.received_at', 'asc')
      : query.orderBy(sql`r.triaged_at desc nulls last`).orderBy('r.received_at', 'desc')
  const rows = await query
    .orderBy('r.id')
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE)
    .execute()
  return { rows, total }
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>['rows'][number]
