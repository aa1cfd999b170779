import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { ActionForm, SessionForm } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

export interface Member {
  id: string
  name: string
}

/** Who may be a supervisee or a supervisor: the organisation's active practitioners and team leads. */
export async function membersOf(db: Db, organisationId: string): Promise<Member[]> {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'in', ['practitioner', 'team_lead']),
      ),
    )
    .orderBy('u.name')
    .execute()
}

export interface SessionRow {
  id: string
  organisation_id: string
  supervisee_id: string
  supervisor_id: string
  supervisee_name: string
  supervisor_name: string
  held_on: string
  kind: string
  topics: string[]
  topics_note: string | null
  created_at: Date
}

const sessions = (db: Db) =>
  db
    .selectFrom('supervision_sessions as s')
    .innerJoin('users as ee', 'ee.id', 's.supervisee_id')
    .innerJoin('users as sr', 'sr.id', 's.supervisor_id')
    .select([
      's.id',
      's.organisation_id',
      's.supervisee_id',
      's.supervisor_id',
      'ee.name as supervisee_name',
      'sr.name as supervisor_name',
      's.held_on',
      's.kind',
      's.topics',
      's.topics_note',
      's.created_at',
    ])

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return sessions(db).where('s.id', '=', id).executeTakeFirst()
}

/** The user's own sessions (as either person), or with `everyone` every session of the organisation; newest first. */
export async function listSessions(db: Db, organisationId: string, userId: string, everyone: boolean): Promise<SessionRow[]> {
  let query = sessions(db).where('s.organisation_id', '=', organisationId)
  if (!everyone) query = query.where((eb) => eb.or([eb('s.supervisee_id', '=', userId), eb('s.supervisor_id', '=', userId)]))
  return query.orderBy('s.held_on', 'desc').orderBy('s.created_at', 'desc').execute()
}

export interface ActionRow {
  id: string
  session_id: string
  description: string
  owner_id: string
  owner_name: string
  due_on: string | null
  status: 'open' | 'done'
  done_on: string | null
  follow_up_note: string | null
}

const actions = (db: Db) =>
  db
    .selectFrom('supervision_actions as a')
    .innerJoin('users as o', 'o.id', 'a.owner_id')
    .select(['a.id', 'a.session_id', 'a.description', 'a.owner_id', 'o.name as owner_name', 'a.due_on', 'a.status', 'a.done_on', 'a.follow_up_note'])

export async function actionsOf(db: Db, sessionIds: string[]): Promise<ActionRow[]> {
  if (sessionIds.length === 0) return []
  return actions(db)
    .where('a.session_id', 'in', sessionIds)
    .orderBy('a.status', 'desc')
    .orderBy('a.due_on', 'asc')
    .orderBy('a.created_at', 'asc')
    .execute()
}

export interface ReflectionRow {
  id: string
  author_id: string
  author_name: string
  text: string
  created_at: Date
}

/** Only ever called after `maySeeReflections` (rules.ts) said yes. */
export async function reflectionsOf(db: Db, sessionId: string): Promise<ReflectionRow[]> {
  return db
    .selectFrom('supervision_reflections as f')
    .innerJoin('users as w', 'w.id', 'f.author_id')
    .select(['f.id', 'f.author_id', 'w.name as author_name', 'f.text', 'f.created_at'])
    .where('f.session_id', '=', sessionId)
    .orderBy('f.created_at', 'asc')
    .execute()
}

export async function insertSession(db: Db, organisationId: string, recordedBy: string, form: SessionForm): Promise<string> {
  const row = await db
    .insertInto('supervision_sessions')
    .values({
      organisation_id: organisationId,
      supervisee_id: form.superviseeId,
      supervisor_id: form.supervisorId,
      held_on: form.heldOn,
      kind: form.kind,
      topics: form.topics,
      topics_note: form.topicsNote,
      recorded_by: recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertAction(db: Db, sessionId: string, form: ActionForm): Promise<string> {
  const row = await db
    .insertInto('supervision_actions')
    .values({ session_id: sessionId, description: form.description, owner_id: form.ownerId, due_on: form.dueOn })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function findAction(db: Db, id: string) {
  return db.selectFrom('supervision_actions').select(['id', 'session_id', 'status', 'done_on']).where('id', '=', id).executeTakeFirst()
}

export async function updateAction(db: Db, id: string, status: 'open' | 'done', doneOn: string | null, note: string | null): Promise<void> {
  await db.updateTable('supervision_actions').set({ status, done_on: doneOn, follow_up_note: note }).where('id', '=', id).execute()
}

export async function insertReflection(db: Db, sessionId: string, authorId: string, value: string): Promise<string> {
  const row = await db
    .insertInto('supervision_reflections')
    .values({ session_id: sessionId, author_id: authorId, text: value })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
