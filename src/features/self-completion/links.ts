import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { randomToken, sha256 } from '../../platform/security/tokens.js'
import type { LinkPurpose } from './schema.js'

/** A link lasts 14 days (issue 6 §2); after that, or once used or withdrawn, it opens nothing. */
export const LINK_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

export interface NewLink {
  purpose: LinkPurpose
  subjectId: string
  personId: string | null
  organisationId: string
  language: 'cy' | 'en'
  createdBy: string | null
}

/**
 * Makes a single-use link and returns its token (32 random bytes, base64url: not guessable). Only the token's
 * SHA-256 is stored; show the token once, to whoever sends it, and never write it to a log or the audit trail.
 * Call inside the transaction that creates the subject, and audit the link's id, not its token.
 */
export async function issueLink(trx: Transaction<DB> | Kysely<DB>, link: NewLink, now = new Date()): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomToken(32)
  const expiresAt = new Date(now.getTime() + LINK_DAYS * DAY_MS)
  const row = await trx
    .insertInto('completion_links')
    .values({
      token_hash: sha256(token),
      purpose: link.purpose,
      subject_id: link.subjectId,
      person_id: link.personId,
      organisation_id: link.organisationId,
      language: link.language,
      created_by: link.createdBy,
      created_at: now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, token, expiresAt }
}

export type LinkState = 'open' | 'used' | 'expired' | 'revoked' | 'unknown'

export interface OpenLink {
  id: string
  purpose: LinkPurpose
  subjectId: string
  personId: string | null
  organisationId: string
  language: 'cy' | 'en'
  expiresAt: Date
}

/** Why a token opens nothing (the page says which, in the link's language when known), or the open link. */
export type LinkLookup = { state: 'open'; link: OpenLink } | { state: Exclude<LinkState, 'open'>; language: 'cy' | 'en' | null }

/** The link a token names, if it may still be used. A token of the wrong shape is 'unknown' without a query. */
export async function lookupLink(db: Transaction<DB> | Kysely<DB>, token: string, now = new Date()): Promise<LinkLookup> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: 'unknown', language: null }
  const row = await db.selectFrom('completion_links').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst()
  if (!row) return { state: 'unknown', language: null }
  if (row.revoked_at) return { state: 'revoked', language: row.language }
  if (row.used_at) return { state: 'used', language: row.language }
  if (row.expires_at.getTime() <= now.getTime()) return { state: 'expired', language: row.language }
  return {
    state: 'open',
    link: {
      id: row.id,
      purpose: row.purpose,
      subjectId: row.subject_id,
      personId: row.person_id,
      organisationId: row.organisation_id,
      language: row.language,
      expiresAt: row.expires_at,
    },
  }
}

/**
 * Marks the link used, in the transaction that stores the final answers. Returns false when another request got
 * there first (the caller then rolls back and answers 'already used'), so a link is used exactly once.
 */
export async function markLinkUsed(trx: Transaction<DB>, linkId: string, now = new Date()): Promise<boolean> {
  const result = await trx
    .updateTable('completion_links')
    .set({ used_at: now })
    .where('id', '=', linkId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Withdraws every open link to a subject (a practitioner cancels, or completes the measure with the person). */
export async function revokeLinks(trx: Transaction<DB> | Kysely<DB>, purpose: LinkPurpose, subjectId: string, now = new Date()): Promise<number> {
  const result = await trx
    .updateTable('completion_links')
    .set({ revoked_at: now })
    .where('purpose', '=', purpose)
    .where('subject_id', '=', subjectId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The state of the newest link to a subject, for the practitioner's view ('sent, expires 18 Dec', 'used'). */
export async function newestLinkOf(db: Transaction<DB> | Kysely<DB>, purpose: LinkPurpose, subjectId: string, now = new Date()) {
  const row = await db
    .selectFrom('completion_links')
    .select(['id', 'created_at', 'expires_at', 'used_at', 'revoked_at'])
    .where('purpose', '=', purpose)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
  if (!row) return null
  const state: LinkState = row.revoked_at ? 'revoked' : row.used_at ? 'used' : row.expires_at.getTime() <= now.getTime() ? 'expired' : 'open'
  return { id: row.id, state, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at }
}
