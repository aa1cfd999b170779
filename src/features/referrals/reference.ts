import { randomInt } from 'node:crypto'

// Crockford's base 32 without I, L, O and U: nothing to misread or mishear on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A referral reference a person can read out, e.g. `CYS-4K7P-2QXM` (32^8 ≈ 10^12 values). */
export function newReferralReference(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)])
  return `CYS-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

export function isReferralReference(value: string): boolean {
  return /^CYS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(value)
}
