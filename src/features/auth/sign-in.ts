import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

export const MAX_FAILED_SIGN_INS = 10
export const LOCK_MS = 15 * 60 * 1000

export interface SignInForm {
  email: string
  password: string
}

export type SignInFieldError = { field: 'email' | 'password'; key: string }

/** Checks the form's shape before anything is looked up. */
export function validateSignIn(body: Record<string, unknown>): { form: SignInForm; errors: SignInFieldError[] } {
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : ''
  const password = typeof body.password === 'string' ? body.password : ''
  const errors: SignInFieldError[] = []
  if (!email) errors.push({ field: 'email', key: 'auth.signIn.errors.emailMissing' })
  else if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', key: 'auth.signIn.errors.emailInvalid' })
  if (!password) errors.push({ field: 'password', key: 'auth.signIn.errors.passwordMissing' })
  else if (password.length > 256) errors.push({ field: 'password', key: 'auth.signIn.errors.wrong' })
  return { form: { email, password }, errors }
}

/** The lockout rule as a pure function: what a failed attempt does to the account. */
export function afterFailedAttempt(failedSoFar: number, now: Date): { failed: number; lockedUntil: Date | null } {
  const failed = failedSoFar + 1
  if (failed >= MAX_FAILED_SIGN_INS) return { failed: 0, lockedUntil: new Date(now.getTime() + LOCK_MS) }
  return { failed, lockedUntil: null }
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime()
}

/** Only a path on this site may be returned to after sign-in (no open redirects). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/home'
  if (value.startsWith('/sign-in') || value.startsWith('/sign-out')) return '/home'
  return value
}

export function findUserForSignIn(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'password_hash', 'active', 'failed_sign_ins', 'locked_until'])
    .where('email', '=', email)
    .executeTakeFirst()
}
