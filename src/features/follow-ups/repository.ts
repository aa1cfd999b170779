import type { Kysely, Transaction } from 'kysely'
import { connectionServiceName, userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import type { OutcomeForm } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

/** A person's follow-ups, open ones first by due date, then the finished ones newest first, with what raised them. */
export function followUpsForPerson(db: Db, personId: string) {
  return db
    .selectFrom('follow_ups as f')
    .select([
      'f.id',
      'f.episode_id',
      'f.kind',
      'f.description',
      'f.due_on',
      'f.status',
      'f.outcome_note',
      'f.completed_at',
      'f.assigned_to',
      'f.created_at',
      'f.connection_id',
      connectionServiceName('f.connection_id').as('service_name'),
      connectionServiceName('f.connection_id', 'name_cy').as('service_name_cy'),
      userName('f.assigned_to').as('assigned_name'),
      userName('f.completed_by').as('completed_by_name'),
    ])
    .where('f.person_id', '=', personId)
    .orderBy((eb) => eb.case().when('f.status', '=', 'open').then(0).else(1).end())
    .orderBy('f.due_on')
    .orderBy('f.completed_at', 'desc')
    .orderBy('f.created_at')
    .execute()
}

export type PersonFollowUp = Awaited<ReturnType<typeof followUpsForPerson>>[number]

/** One follow-up with the organisation it belongs to, for the access check. */
export function findFollowUp(db: Db, id: string) {
  return db
    .selectFrom('follow_ups')
    .select(['id', 'person_id', 'episode_id', 'organisation_id', 'kind', 'status', 'due_on'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * Records the outcome of an open follow-up; false when it was no longer open (someone else got there first).
 * The row's status check makes the update the lock: two people cannot both finish it.
 */
export async function recordOutcome(
  trx: Transaction<DB>,
  id: string,
  outcome: OutcomeForm,
  userId: string | null,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('follow_ups')
    .set({ status: outcome.status, outcome_note: outcome.note, completed_at: now, completed_by: userId })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Active practitioners of the organisation, by name: who may be given a task or a caseload. */
export function practitionersOfOrganisation(db: Db, organisationId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .select(['u.id', 'u.name'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true)
    .where('ur.role', '=', 'practitioner')
    .orderBy('u.name')
    .execute()
}

/**
 * When an episode moves to another practitioner, its open follow-ups move with it: those on the previous
 * practitioner's caseload or on nobody's. A task given on purpose to a third colleague stays with them.
 * Returns how many moved. Call inside the reallocation's audited transaction.
 */
export async function moveOpenFollowUps(
  trx: Transaction<DB>,
  episodeId: string,
  from: string | null,
  to: string,
): Promise<number> {
  const result = await trx
    .updateTable('follow_ups')
    .set({ assigned_to: to })
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'open')
    .where((eb) =>
      from === null
        ? eb('assigned_to', 'is', null)
        : eb.or([eb('assigned_to', 'is', null), eb('assigned_to', '=', from)]),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
