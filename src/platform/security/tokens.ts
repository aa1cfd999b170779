import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** A random secret for a cookie, link or API token: 32 bytes, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/*
 * Secrets that act as credentials (session ids, API tokens) are stored only as SHA-256 digests, computed in Node
 * rather than with pgcrypto because PGlite's pgcrypto has no OpenSSL digests.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url')
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
