import { type Kysely, sql } from 'kysely'
import { prepared } from '../db/prepared.js'
import type { DB, Role } from '../db/schema.js'
import type { SignedInUser } from '../http/context.js'
import { randomToken, sha256 } from './tokens.js'

export const SESSION_IDLE_MS = 30 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
/** last_seen_at is written at most this often, so reading a page is not a write every time. */
const TOUCH_INTERVAL_MS = 60 * 1000

export type SessionState = { status: 'valid'; user: SignedInUser } | { status: 'expired' } | { status: 'none' }

/** Idle and absolute expiry as a pure rule, so it can be tested without a clock. */
export function sessionStatus(session: { last_seen_at: Date; expires_at: Date }, now: Date): 'valid' | 'expired' {
  if (now.getTime() >= session.expires_at.getTime()) return 'expired'
  if (now.getTime() - session.last_seen_at.getTime() >= SESSION_IDLE_MS) return 'expired'
  return 'valid'
}

export async function createSession(db: Kysely<DB>, userId: string, now = new Date()): Promise<{ id: string; idHash: string }> {
  const id = randomToken()
  const idHash = sha256(id)
  await db
    .insertInto('sessions')
    .values({ id_hash: idHash, user_id: userId, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS) })
    .execute()
  return { id, idHash }
}

export async function destroySession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

/**
 * The user's columns every request needs, with their roles as one array, selected from `users` joined to its
 * organisation. The session and the token lookups add their own table to it, so a signed-in request costs one
 * statement rather than three (issue 9: every page and API call paid two extra round trips here).
 */
export function signedInUserColumns(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id as user_id',
      'users.name as user_name',
      'users.email as user_email',
      'users.active as user_active',
      'users.organisation_id as user_organisation_id',
      'organisations.type as organisation_type',
      'organisations.name as organisation_name',
      sql<Role[]>`array(select ur.role from user_roles ur where ur.user_id = users.id)`.as('user_roles'),
    ])
}

type SignedInUserRow = {
  user_id: string
  user_name: string
  user_email: string
  user_active: boolean
  user_organisation_id: string
  organisation_type: SignedInUser['organisationType']
  organisation_name: string
  user_roles: Role[]
}

/** The SignedInUser of a row from `signedInUserColumns`, or null for an account that is no longer active. */
export function signedInUserOf(row: SignedInUserRow): SignedInUser | null {
  if (!row.user_active) return null
  return {
    userId: row.user_id,
    name: row.user_name,
    email: row.user_email,
    organisationId: row.user_organisation_id,
    organisationType: row.organisation_type,
    organisationName: row.organisation_name,
    roles: [...row.user_roles].sort(),
  }
}

/** The signed-in user for a user id, with roles and organisation: what every request needs. */
export async function loadSignedInUser(db: Kysely<DB>, userId: string): Promise<SignedInUser | null> {
  const row = await signedInUserColumns(db).where('users.id', '=', userId).executeTakeFirst()
  return row ? signedInUserOf(row) : null
}

/** The session and its user in one statement; an expired session, or one whose account is inactive, is removed. */
export async function resolveSession(db: Kysely<DB>, sessionId: string, now = new Date()): Promise<SessionState & { idHash?: string }> {
  const idHash = sha256(sessionId)
  const row = await signedInUserColumns(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', idHash)
    .modifyEnd(prepared)
    .executeTakeFirst()
  if (!row) return { status: 'none' }
  if (sessionStatus(row, now) === 'expired') {
    await destroySession(db, idHash)
    return { status: 'expired' }
  }
  const user = signedInUserOf(row)
  if (!user) {
    await destroySession(db, idHash)
    return { status: 'none' }
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute()
  }
  return { status: 'valid', user, idHash }
}
