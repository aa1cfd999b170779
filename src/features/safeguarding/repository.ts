import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { type ConcernForm, type EscalationForm, type OutcomeForm, outcomeEvents } from './rules.js'
import type { Notification } from '../../platform/notify/notifier.js'

type Db = Kysely<DB> | Transaction<DB>

/** The person's open episode, if any: a concern raised during one is linked to it. */
function openEpisodeId(db: Db, personId: string) {
  return db
    .selectFrom('episodes')
    .select(['id', 'practitioner_id'])
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .orderBy('started_at', 'desc')
    .executeTakeFirst()
}

export interface NewConcern {
  person: { id: string; organisation_id: string }
  form: ConcernForm
  userId: string | null
  side: 'provider' | 'asset'
  connectionId?: string | null
  now: Date
}

/** Writes a concern, its "raised" event and any first escalation. Call inside the audited transaction. */
export async function insertConcern(
  trx: Transaction<DB>,
  c: NewConcern,
): Promise<{ id: string; episodeId: string | null; practitionerId: string | null }> {
  const episode = await openEpisodeId(trx, c.person.id)
  const row = await trx
    .insertInto('safeguarding_concerns')
    .values({
      person_id: c.person.id,
      organisation_id: c.person.organisation_id,
      episode_id: episode?.id ?? null,
      connection_id: c.connectionId ?? null,
      category: c.form.category,
      about: c.form.about,
      noticed_on: c.form.noticedOn,
      what_happened: c.form.whatHappened,
      action_taken: c.form.actionTaken,
      raised_by: c.userId,
      raised_by_side: c.side,
      raised_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('safeguarding_concern_events')
    .values({ concern_id: row.id, kind: 'raised', actor_user_id: c.userId, at: c.now })
    .execute()
  if (c.form.escalation) await insertEscalation(trx, row.id, c.form.escalation, c.userId, c.now)
  return { id: row.id, episodeId: episode?.id ?? null, practitionerId: episode?.practitioner_id ?? null }
}

/** Adds an escalation and its history entry; earlier escalations are never changed. */
export async function insertEscalation(
  trx: Transaction<DB>,
  concernId: string,
  e: EscalationForm,
  userId: string | null,
  now: Date,
): Promise<string> {
  const row = await trx
    .insertInto('safeguarding_escalations')
    .values({
      concern_id: concernId,
      escalated_to: e.to,
      escalated_on: e.on,
      reference: e.reference,
      recorded_by: userId,
      recorded_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('safeguarding_concern_events')
    .values({
      concern_id: concernId,
      kind: 'escalated',
      detail: e.to,
      escalation_id: row.id,
      actor_user_id: userId,
      at: now,
    })
    .execute()
  await trx.updateTable('safeguarding_concerns').set({ updated_at: now }).where('id', '=', concernId).execute()
  return row.id
}

/**
 * Records an outcome and/or a change of status on the locked row; each change is a history entry that keeps the
 * words written then, so the earlier outcome stays readable after a later one replaces it on the concern.
 */
export async function updateOutcome(
  trx: Transaction<DB>,
  concernId: string,
  form: OutcomeForm,
  userId: string | null,
  now: Date,
): Promise<('outcome' | 'closed' | 'reopened')[]> {
  const current = await trx
    .selectFrom('safeguarding_concerns')
    .select(['outcome', 'status'])
    .where('id', '=', concernId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const events = outcomeEvents(current, form)
  if (events.length === 0) return events
  const closing = form.status === 'closed' && current.status !== 'closed'
  const reopening = form.status === 'open' && current.status === 'closed'
  await trx
    .updateTable('safeguarding_concerns')
    .set({
      updated_at: now,
      status: form.status,
      ...(form.outcome ? { outcome: form.outcome } : {}),
      ...(closing ? { closed_at: now, closed_by: userId } : {}),
      ...(reopening ? { closed_at: null, closed_by: null } : {}),
    })
    .where('id', '=', concernId)
    .execute()
  for (const kind of events)
    await trx
      .insertInto('safeguarding_concern_events')
      .values({
        concern_id: concernId,
        kind,
        detail: kind === 'outcome' ? form.outcome : null,
        actor_user_id: userId,
        at: now,
      })
      .execute()
  return events
}

/** One concern with who it is about (the safeguarding lead has no access to the person page) and who raised it. */
export function findConcern(db: Db, id: string) {
  return db
    .selectFrom('safeguarding_concerns as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .leftJoin('users as u', 'u.id', 'c.raised_by')
    .selectAll('c')
    .select(['p.given_name', 'p.family_name', 'p.date_of_birth', 'u.name as raised_by_name'])
    .where('c.id', '=', id)
    .executeTakeFirst()
}

export type ConcernRow = NonNullable<Awaited<ReturnType<typeof findConcern>>>

export async function concernDetail(db: Db, concernId: string) {
  const [escalations, events] = await Promise.all([
    db
      .selectFrom('safeguarding_escalations as e')
      .leftJoin('users as u', 'u.id', 'e.recorded_by')
      .select([
        'e.id',
        'e.escalated_to',
        'e.escalated_on',
        'e.reference',
        'e.recorded_at',
        'u.name as recorded_by_name',
      ])
      .where('e.concern_id', '=', concernId)
      .orderBy('e.escalated_on')
      .orderBy('e.recorded_at')
      .execute(),
    db
      .selectFrom('safeguarding_concern_events as v')
      .leftJoin('users as u', 'u.id', 'v.actor_user_id')
      .select(['v.id', 'v.kind', 'v.detail', 'v.at', 'u.name as actor_name'])
      .where('v.concern_id', '=', concernId)
      .execute(),
  ])
  // Changes made in one request share a time: they read in the order they were made.
  const rank = { raised: 0, escalated: 1, outcome: 2, closed: 3, reopened: 3 }
  events.sort((x, y) => x.at.getTime() - y.at.getTime() || rank[x.kind] - rank[y.kind])
  return { escalations, events }
}

/** A person's concerns, newest first. */
export function concernsOf(db: Db, personId: string) {
  return db
    .selectFrom('safeguarding_concerns')
    .select(['id', 'category', 'about', 'status', 'noticed_on', 'raised_at', 'raised_by_side', 'closed_at'])
    .where('person_id', '=', personId)
    .orderBy('raised_at', 'desc')
    .execute()
}

/** The organisation's open concerns, oldest first (the longest waiting lead the safeguarding lead's list). */
export function openConcerns(db: Db, organisationId: string) {
  return db
    .selectFrom('safeguarding_concerns as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select([
      'c.id',
      'c.category',
      'c.about',
      'c.noticed_on',
      'c.raised_at',
      'c.raised_by_side',
      'c.updated_at',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
    ])
    .select((eb) =>
      eb
        .selectFrom('safeguarding_escalations as e')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('e.concern_id', '=', 'c.id')
        .as('escalations'),
    )
    .where('c.organisation_id', '=', organisationId)
    .where('c.status', '=', 'open')
    .orderBy('c.raised_at')
    .limit(500)
    .execute()
}

/** Escalations of a person's concerns, for the timeline. */
export function escalationsOf(db: Db, personId: string) {
  return db
    .selectFrom('safeguarding_escalations as e')
    .innerJoin('safeguarding_concerns as c', 'c.id', 'e.concern_id')
    .select(['e.concern_id', 'e.escalated_to', 'e.recorded_at'])
    .where('c.person_id', '=', personId)
    .execute()
}

/**
 * Who hears of a concern an asset raised: the provider's safeguarding leads and the practitioner of the person's
 * episode. The notifications carry no content (the notifier is told only who and which connection): what was said
 * goes no further than the provider. Hand them to the notifier with `deliver` after the transaction commits.
 */
export async function notifyConcernRaised(
  trx: Transaction<DB>,
  c: { organisationId: string; connectionId: string | null; practitionerId: string | null; now: Date },
): Promise<Notification[]> {
  const leads = await trx
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.organisation_id', '=', c.organisationId)
    .where('r.role', '=', 'safeguarding_lead')
    .where('u.active', '=', true)
    .execute()
  const recipients = [...new Set([...leads.map((l) => l.id), ...(c.practitionerId ? [c.practitionerId] : [])])]
  const queued: Notification[] = []
  for (const recipient of recipients) {
    const row = await trx
      .insertInto('notifications')
      .values({
        organisation_id: c.organisationId,
        connection_id: c.connectionId,
        recipient_user_id: recipient,
        kind: 'safeguarding_concern.raised',
        created_at: c.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    queued.push({ kind: 'safeguarding_concern.raised', notificationId: row.id, connectionId: c.connectionId ?? undefined, recipientUserId: recipient })
  }
  return queued
}
