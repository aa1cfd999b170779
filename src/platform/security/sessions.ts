import type { Kysely } from 'kysely'
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

/** The signed-in user for a user id, with roles and organisation: what every request needs. */
export async function loadSignedInUser(db: Kysely<DB>, userId: string): Promise<SignedInUser | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.name', 'users.email', 'users.active', 'users.organisation_id', 'organisations.type', 'organisations.name as organisation_name'])
    .where('users.id', '=', userId)
    .executeTakeFirst()
  if (!row || !row.active) return null
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    organisationId: row.organisation_id,
    organisationType: row.type,
    organisationName: row.organisation_name,
    roles: roles.map((r) => r.role as Role).sort(),
  }
}

export async function resolveSession(db: Kysely<DB>, sessionId: string, now = new Date()): Promise<SessionState & { idHash?: string }> {
  const idHash = sha256(sessionId)
  const session = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst()
  if (!session) return { status: 'none' }
  if (sessionStatus(session, now) === 'expired') {
    await destroySession(db, idHash)
    return { status: 'expired' }
  }
  const user = await loadSignedInUser(db, session.user_id)
  if (!user) {
    await destroySession(db, idHash)
    return { status: 'none' }
  }
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute()
  }
  return { status: 'valid', user, idHash }
}
