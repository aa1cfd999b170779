import type { Kysely, Transaction } from 'kysely'
import { organisationName, userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import { terminalStatuses } from '../connections/lifecycle.js'
import type { ClosingReason, EpisodeEventKind, LevelOfSupport } from './schema.js'

type Db = Kysely<DB> | Transaction<DB>

/** One episode with what its pages show: the referral it came from, the person's name, who holds and who closed it. */
function episodeQuery(db: Db) {
  return db
    .selectFrom('episodes as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select([
      'e.id',
      'e.person_id',
      'e.organisation_id',
      'e.referral_id',
      'e.practitioner_id',
      'e.status',
      'e.started_at',
      'e.ended_at',
      'e.level_of_support',
      'e.closing_reason',
      'e.closing_summary',
      'e.closed_by',
      'e.feedback_sent_at',
      'e.transferred_to_organisation_id',
      'e.transferred_to_referral_id',
      'r.reference',
      'r.received_at',
      'r.channel',
      'r.referrer_user_id',
      'r.referrer_organisation_id',
      'r.referrer_organisation_name',
      'r.referrer_name',
      'p.given_name',
      'p.family_name',
      userName('e.practitioner_id').as('practitioner_name'),
      userName('e.closed_by').as('closed_by_name'),
      organisationName('e.transferred_to_organisation_id').as('transferred_to_name'),
      organisationName('e.transferred_to_organisation_id', 'name_cy').as('transferred_to_name_cy'),
    ])
}

export function findEpisode(db: Db, id: string) {
  return episodeQuery(db).where('e.id', '=', id).executeTakeFirst()
}

export type EpisodeRow = NonNullable<Awaited<ReturnType<typeof findEpisode>>>

/**
 * Every episode of the person as the person page reads them, once per view (person-record/page-reads.ts): the open
 * ones first, then the closed, each newest first. The first is the one the page shows (the open one, newest if
 * several, otherwise the latest closed one); the other sections pick the open one or the references for the timeline.
 */
export function episodesOfPersonPage(db: Db, personId: string) {
  return episodeQuery(db)
    .where('e.person_id', '=', personId)
    .orderBy('e.status', 'desc')
    .orderBy('e.started_at', 'desc')
    .orderBy('e.id')
    .execute()
}

/** Every episode of the person, newest first. */
export function episodesOfPerson(db: Db, personId: string) {
  return episodeQuery(db).where('e.person_id', '=', personId).orderBy('e.started_at', 'desc').execute()
}

/** What happened to the person's episodes (or one episode), oldest first, with who did it. */
export function episodeEvents(db: Db, where: { personId: string } | { episodeId: string }) {
  const query = db
    .selectFrom('episode_events as ev')
    .select([
      'ev.id',
      'ev.episode_id',
      'ev.kind',
      'ev.level_of_support',
      'ev.previous_level',
      'ev.closing_reason',
      'ev.at',
      userName('ev.actor_user_id').as('actor_name'),
      organisationName('ev.organisation_to').as('organisation_to_name'),
      organisationName('ev.organisation_to', 'name_cy').as('organisation_to_name_cy'),
    ])
    .orderBy('ev.at')
  return (
    'personId' in where
      ? query.where('ev.person_id', '=', where.personId)
      : query.where('ev.episode_id', '=', where.episodeId)
  ).execute()
}

export type EpisodeEventRow = Awaited<ReturnType<typeof episodeEvents>>[number]

/** Connections of the episode still going on: closing leaves them as they are, and the close page says so. */
export async function openConnectionCount(db: Db, episodeId: string): Promise<number> {
  const row = await db
    .selectFrom('connections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('episode_id', '=', episodeId)
    .where('status', 'not in', [...terminalStatuses])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The consents row in force for sharing with the referrer (the latest for the scope), whatever it says. */
export function referrerConsent(db: Db, personId: string) {
  return db
    .selectFrom('consents')
    .select(['id', 'given'])
    .where('person_id', '=', personId)
    .where('scope', '=', 'share_with_referrer')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Other social prescribing providers an episode may be transferred to, by name. */
export function otherProviders(db: Db, organisationId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'name_cy'])
    .where('type', '=', 'provider')
    .where('id', '!=', organisationId)
    .orderBy('name')
    .execute()
}

/** Locks the episode for a change, so two closings (or a closing and a transfer) cannot both happen. */
export function lockEpisode(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('episodes')
    .select(['id', 'person_id', 'organisation_id', 'referral_id', 'status', 'level_of_support'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

export interface EventInput {
  episode: { id: string; person_id: string; organisation_id: string }
  kind: EpisodeEventKind
  level?: LevelOfSupport | null
  previousLevel?: LevelOfSupport | null
  closingReason?: ClosingReason | null
  organisationTo?: string | null
  userId: string | null
  at: Date
}

export async function insertEvent(trx: Transaction<DB>, e: EventInput): Promise<void> {
  await trx
    .insertInto('episode_events')
    .values({
      episode_id: e.episode.id,
      person_id: e.episode.person_id,
      organisation_id: e.episode.organisation_id,
      kind: e.kind,
      level_of_support: e.level ?? null,
      previous_level: e.previousLevel ?? null,
      closing_reason: e.closingReason ?? null,
      organisation_to: e.organisationTo ?? null,
      actor_user_id: e.userId,
      at: e.at,
    })
    .execute()
}

/**
 * Ends the episode: closed with its reason and summary, and its open follow-ups marked not done ("episode closed"),
 * since nobody will do them now. Connections still going on are left as they are.
 */
export async function closeEpisodeRow(
  trx: Transaction<DB>,
  c: {
    episodeId: string
    reason: ClosingReason
    summary: string
    userId: string | null
    now: Date
    transfer?: { organisationId: string; referralId: string }
  },
): Promise<number> {
  await trx
    .updateTable('episodes')
    .set({
      status: 'closed',
      ended_at: c.now,
      closing_reason: c.reason,
      closing_summary: c.summary,
      closed_by: c.userId,
      ...(c.transfer
        ? {
            transferred_to_organisation_id: c.transfer.organisationId,
            transferred_to_referral_id: c.transfer.referralId,
          }
        : {}),
    })
    .where('id', '=', c.episodeId)
    .execute()
  const ended = await trx
    .updateTable('follow_ups')
    .set({ status: 'not_done', outcome_note: 'episode closed', completed_at: c.now, completed_by: c.userId })
    .where('episode_id', '=', c.episodeId)
    .where('status', '=', 'open')
    .returning('id')
    .execute()
  return ended.length
}
