import { type Kysely, sql } from 'kysely'
import { can, type Actor } from '../../platform/access/policy.js'
import { type AuditContext, audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { createApiToken } from '../../platform/security/api-tokens.js'

/** The lifetimes offered for a personal API token, in days. */
export const TOKEN_DAYS = [30, 90, 180, 365] as const
export const DEFAULT_TOKEN_DAYS = 90
export const MAX_TOKEN_NAME = 100

export interface TokenForm {
  name: string
  days: number
}

export type TokenFieldError = { field: 'name' | 'days'; key: string }
export type TokenStatus = 'active' | 'expired' | 'revoked'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** Checks the new-token form (pages and API share it). */
export function validateTokenForm(body: Record<string, unknown>): { form: TokenForm; errors: TokenFieldError[] } {
  const name = typeof body.name === 'string' ? body.name.trim().replace(/\s+/g, ' ') : ''
  const rawDays = body.days
  const days =
    typeof rawDays === 'number'
      ? rawDays
      : typeof rawDays === 'string' && /^\d{1,4}$/.test(rawDays)
        ? Number(rawDays)
        : NaN
  const errors: TokenFieldError[] = []
  if (!name) errors.push({ field: 'name', key: 'account.apiTokens.errors.nameMissing' })
  else if ([...name].length > MAX_TOKEN_NAME)
    errors.push({ field: 'name', key: 'account.apiTokens.errors.nameTooLong' })
  if (rawDays === undefined || rawDays === '')
    errors.push({ field: 'days', key: 'account.apiTokens.errors.daysMissing' })
  else if (!(TOKEN_DAYS as readonly number[]).includes(days))
    errors.push({ field: 'days', key: 'account.apiTokens.errors.daysInvalid' })
  return { form: { name, days }, errors }
}

/** A token is revoked for ever once revoked; otherwise it is active until it expires. */
export function tokenStatus(token: { expires_at: Date; revoked_at: Date | null }, now: Date): TokenStatus {
  if (token.revoked_at) return 'revoked'
  return token.expires_at.getTime() <= now.getTime() ? 'expired' : 'active'
}

export interface TokenSummary {
  id: string
  name: string
  prefix: string
  createdAt: Date
  expiresAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
  status: TokenStatus
}

/** The user's own tokens, newest first (never their digests). */
export async function listOwnTokens(db: Kysely<DB>, userId: string, now = new Date()): Promise<TokenSummary[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(200)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    status: tokenStatus(r, now),
  }))
}

export interface TokenOwner {
  userId: string
  organisationId: string
}

export type CreateResult =
  | { ok: true; id: string; name: string; prefix: string; token: string; createdAt: Date; expiresAt: Date }
  | { ok: false; reason: 'name_taken' }

/**
 * Creates a token for its owner, refusing a name already used by one of their active tokens. The audit event
 * names the token's id, never the token.
 */
export async function createOwnToken(
  db: Kysely<DB>,
  context: AuditContext,
  owner: TokenOwner,
  form: TokenForm,
  detail: Record<string, unknown> = {},
  now = new Date(),
): Promise<CreateResult> {
  return db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', owner.userId)
      .where(sql<string>`lower(name)`, '=', form.name.toLowerCase())
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst()
    if (clash) return { ok: false, reason: 'name_taken' } as const
    const created = await createApiToken(trx, owner.userId, form.name, form.days, now)
    await audit(trx, context, {
      action: 'api_token.create',
      recordType: 'api_token',
      recordId: created.id,
      organisationId: owner.organisationId,
      detail: { days: form.days, ...detail },
    })
    return {
      ok: true,
      id: created.id,
      name: form.name,
      prefix: created.token.slice(0, 8),
      token: created.token,
      createdAt: now,
      expiresAt: created.expiresAt,
    } as const
  })
}

/**
 * Revokes one of the actor's own tokens. Another user's token is reported as not found, so its existence is not
 * revealed. Revoking an already revoked token changes nothing.
 */
export async function revokeOwnToken(
  db: Kysely<DB>,
  context: AuditContext,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<'revoked' | 'already_revoked' | 'not_found'> {
  if (!isUuid(id)) return 'not_found'
  return db.transaction().execute(async (trx) => {
    const token = await trx
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'revoked_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!token || !can(actor, 'api_tokens.manage_own', { organisationId: actor.organisationId, userId: token.user_id }))
      return 'not_found'
    if (token.revoked_at) return 'already_revoked'
    await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute()
    await audit(trx, context, { action: 'api_token.revoke', recordType: 'api_token', recordId: id })
    return 'revoked'
  })
}
