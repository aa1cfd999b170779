import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { hmac, randomToken, safeEqual, sha256 } from '../../platform/security/tokens.js'
import { type Answers, DRAFT_LIFETIME_MS } from './journey.js'

type Db = Kysely<DB> | Transaction<DB>

/**
 * Answers between pages, in `self_referral_drafts`. The cookie holds a random token; the table holds only its
 * digest, so a copy of the database cannot be used to read or continue someone's answers in a browser.
 */
export interface Draft {
  idHash: string
  answers: Answers
}

export async function loadDraft(db: Db, token: string | undefined, now = new Date()): Promise<Draft | null> {
  if (!token || token.length < 20 || token.length > 100) return null
  const idHash = sha256(token)
  const row = await db.selectFrom('self_referral_drafts').select(['answers', 'expires_at']).where('id_hash', '=', idHash).executeTakeFirst()
  if (!row || row.expires_at.getTime() <= now.getTime()) return null
  return { idHash, answers: row.answers as Answers }
}

/** A new draft; expired drafts of anyone are purged on the way (opportunistic, no scheduler needed). */
export async function createDraft(db: Db, answers: Answers, now = new Date()): Promise<{ token: string; draft: Draft }> {
  await db.deleteFrom('self_referral_drafts').where('expires_at', '<=', now).execute()
  const token = randomToken()
  const idHash = sha256(token)
  await db
    .insertInto('self_referral_drafts')
    .values({ id_hash: idHash, answers: JSON.stringify(answers), created_at: now, expires_at: new Date(now.getTime() + DRAFT_LIFETIME_MS) })
    .execute()
  return { token, draft: { idHash, answers } }
}

/** Saves the answers and gives the draft another 2 hours. */
export async function saveDraft(db: Db, draft: Draft, now = new Date()): Promise<void> {
  await db
    .updateTable('self_referral_drafts')
    .set({ answers: JSON.stringify(draft.answers), expires_at: new Date(now.getTime() + DRAFT_LIFETIME_MS) })
    .where('id_hash', '=', draft.idHash)
    .execute()
}

export async function deleteDraft(db: Db, idHash: string): Promise<void> {
  await draftDeletion(db, idHash).execute()
}

/** The deletion of a draft, to make in the statement that writes its referral (`insertReferral`'s `deleting`). */
export function draftDeletion(db: Db, idHash: string) {
  return db.deleteFrom('self_referral_drafts').where('id_hash', '=', idHash)
}

/**
 * What the confirmation page shows after the draft is gone: the reference, the provider and the ways of contact.
 * Carried in the same cookie, signed so it cannot be forged to show another provider or reference.
 */
export interface Confirmation {
  reference: string
  organisationId: string | null
  contactMethods: string[]
  expires: number
}

const PREFIX = 'done.'

export function signConfirmation(secret: string, confirmation: Confirmation): string {
  const payload = Buffer.from(JSON.stringify(confirmation)).toString('base64url')
  return `${PREFIX}${payload}.${hmac(secret, payload)}`
}

export function readConfirmation(secret: string, value: string | undefined, now = Date.now()): Confirmation | null {
  if (!value?.startsWith(PREFIX)) return null
  const [payload = '', signature = ''] = value.slice(PREFIX.length).split('.')
  if (!safeEqual(signature, hmac(secret, payload))) return null
  try {
    const confirmation = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Confirmation
    return confirmation.expires > now ? confirmation : null
  } catch {
    return null
  }
}
