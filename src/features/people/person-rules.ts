/** Pure rules for the person record: names, dates of birth, NHS numbers, postcodes, age. */

export const MAX_AGE_YEARS = 120
export const ADULT_AGE = 18

/** Accent-free, lower-case, single-spaced: "Siân  ap Llŷr" and "sian ap llyr" match for duplicate checks. */
export function matchName(givenName: string, familyName: string): string {
  return `${givenName} ${familyName}`
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** A name as typed, kept exactly (Siân, Llŷr, Zoë, 陈) apart from surrounding and repeated spaces. */
export function cleanName(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : ''
}

export type NhsNumberProblem = 'format' | 'checksum'

/** NHS numbers are 10 digits whose last is a modulus-11 check digit (NHS Data Dictionary). */
export function nhsNumberProblem(value: string): NhsNumberProblem | null {
  const digits = value.replace(/[\s-]/g, '')
  if (!/^\d{10}$/.test(digits)) return 'format'
  const total = [...digits.slice(0, 9)].reduce((sum, d, i) => sum + Number(d) * (10 - i), 0)
  const check = 11 - (total % 11)
  const expected = check === 11 ? 0 : check
  if (expected === 10 || expected !== Number(digits[9])) return 'checksum'
  return null
}

export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, '')
}

const POSTCODE = /^([A-Z]{1,2}[0-9][0-9A-Z]?) ?([0-9][A-Z]{2})$/

/** "cf10 1aa" → "CF10 1AA"; null when it is not the shape of a UK postcode. */
export function normalisePostcode(value: string): string | null {
  const match = POSTCODE.exec(value.toUpperCase().replace(/\s+/g, ' ').trim().replace(/^(\S+)(\d[A-Z]{2})$/, '$1 $2'))
  return match ? `${match[1]} ${match[2]}` : null
}

export function outcode(postcode: string): string {
  return postcode.split(' ')[0] ?? postcode
}

export type DateParts = { day: string; month: string; year: string }
export type DateProblem = 'missing' | 'incomplete' | 'invalid' | 'future' | 'too_old'

/** Checks a date of birth typed as day, month and year; returns ISO `YYYY-MM-DD` or the problem. */
export function parseDateOfBirth(parts: DateParts, today: Date): { date: string } | { problem: DateProblem } {
  const [d, m, y] = [parts.day, parts.month, parts.year].map((p) => (p ?? '').trim())
  if (!d && !m && !y) return { problem: 'missing' }
  if (!d || !m || !y) return { problem: 'incomplete' }
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return { problem: 'invalid' }
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return { problem: 'invalid' }
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  if (date.getTime() > todayUtc) return { problem: 'future' }
  if (ageOn(date.toISOString().slice(0, 10), today) > MAX_AGE_YEARS) return { problem: 'too_old' }
  return { date: date.toISOString().slice(0, 10) }
}

/** Whole years of age on a day. */
export function ageOn(dateOfBirth: string, day: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number]
  let age = day.getUTCFullYear() - y
  if (day.getUTCMonth() + 1 < m || (day.getUTCMonth() + 1 === m && day.getUTCDate() < d)) age -= 1
  return age
}

export function isChild(dateOfBirth: string, day: Date): boolean {
  return ageOn(dateOfBirth, day) < ADULT_AGE
}

/** Email shape only; whether it is real is found out by using it. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
}

/** UK phone numbers as people type them: digits, spaces, +, brackets and dashes; 10 to 13 digits. */
export function isPhone(value: string): boolean {
  if (!/^[\d\s()+-]+$/.test(value)) return false
  const digits = value.replace(/\D/g, '')
  return digits.length >= 10 && digits.length <= 13
}
