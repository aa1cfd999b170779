import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import type { SignedInUser } from '../http/context.js'
import { signedInUserColumns, signedInUserOf } from './sessions.js'
import { randomToken, sha256 } from './tokens.js'

/** Personal API tokens look like `cys_<43 characters>`; the prefix lets leaked tokens be found by scanners. */
export const TOKEN_PREFIX = 'cys_'
export const MAX_TOKEN_DAYS = 366

export function newTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomToken()
  return { token, hash: sha256(token), prefix: token.slice(0, 8) }
}

export async function createApiToken(db: Kysely<DB>, userId: string, name: string, days: number, now = new Date()) {
  const secret = newTokenSecret()
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: secret.hash, prefix: secret.prefix, created_at: now, expires_at: new Date(now.getTime() + days * 86_400_000) })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow()
  return { id: row.id, token: secret.token, expiresAt: row.expires_at }
}

/**
 * The user behind a bearer token, or null when it is unknown, revoked or expired. Read from the database on every
 * call (the token, its user and the roles in one statement), so a revoked token or a deactivated account stops
 * working at once.
 */
export async function resolveApiToken(db: Kysely<DB>, token: string, now = new Date()): Promise<SignedInUser | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null
  const row = await signedInUserColumns(db)
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .select(['api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst()
  if (!row || row.revoked_at || row.expires_at.getTime() <= now.getTime()) return null
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute()
  }
  return signedInUserOf(row)
}
