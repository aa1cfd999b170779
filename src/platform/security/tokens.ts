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

/** The same HMAC-SHA256 as bytes (32). */
export function hmacBytes(secret: string, value: string): Buffer {
  return createHmac('sha256', secret).update(value).digest()
}

/**
 * A token hidden under fresh random bytes: `mask || token XOR mask`, URL-safe. Each call gives a different string
 * for the same token, so a page that is compressed and also echoes what a request sent gives away nothing about
 * the token through its length (BREACH; ADR 0015). `unmask` gives the token back, or null for anything malformed.
 */
export function mask(token: Buffer): string {
  const pad = randomBytes(token.length)
  const out = Buffer.allocUnsafe(token.length * 2)
  pad.copy(out)
  for (let i = 0; i < token.length; i++) out[token.length + i] = (token[i] as number) ^ (pad[i] as number)
  return out.toString('base64url')
}

export function unmask(masked: string, length: number): Buffer | null {
  if (masked.length !== Math.ceil((length * 2 * 4) / 3) || !/^[\w-]+$/.test(masked)) return null
  const bytes = Buffer.from(masked, 'base64url')
  if (bytes.length !== length * 2) return null
  const token = Buffer.allocUnsafe(length)
  for (let i = 0; i < length; i++) token[i] = (bytes[i] as number) ^ (bytes[length + i] as number)
  return token
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
