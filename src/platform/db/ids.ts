import { randomBytes } from 'node:crypto'

/**
 * A UUID that starts with the time in milliseconds (RFC 9562 version 7; 74 random bits follow), for rows written
 * often into large tables: each new row's key, and the keys of the rows that refer to it, go at the end of their
 * indexes instead of on a random page of each, which at national size is a page to read and to log whole after
 * every checkpoint (ADR 0014). Ids stay unguessable; the time in them is when the row was made.
 */
export function timeOrderedId(now: number = Date.now()): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70 // version 7
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80 // the RFC 9562 variant
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
