import { readFileSync } from 'node:fs'
import { Algorithm, hash, verify } from '@node-rs/argon2'

/*
 * Password rules follow NCSC guidance: a minimum length, a deny-list of common passwords, and no composition
 * rules. Hashing is Argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes).
 */
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

const commonPasswords = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#')),
)

export type PasswordProblem = 'too_short' | 'too_long' | 'common'

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short'
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long'
  return isCommon(password) ? 'common' : null
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase()
  if (commonPasswords.has(lower)) return true
  // "password2024!" is as guessable as "password": strip the digits and symbols people add to meet a length.
  const core = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '')
  if (core.length >= 4 && commonPasswords.has(core)) return true
  if (core.length === 0) return /^(\d)\1*$/.test(lower) || isSequence(lower)
  // One short unit repeated ("abcabcabcabc", "aaaaaaaaaaaa").
  if (/^(.{1,4})\1+$/u.test(lower)) return true
  return isSequence(lower)
}

function isSequence(text: string): boolean {
  const sequences = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm']
  return sequences.some((s) => s.includes(text) || [...s].reverse().join('').includes(text))
}

const options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Verify against a throwaway hash when there is none, so the time taken does not reveal unknown accounts.
  const target = passwordHash ?? (await dummyHash)
  try {
    const ok = await verify(target, password)
    return ok && passwordHash !== null
  } catch {
    return false
  }
}

const dummyHash = hash('cyswllt-no-such-account', options)
