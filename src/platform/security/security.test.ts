import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js'
import { RateLimiter } from './rate-limit.js'
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionStatus } from './sessions.js'
import { hmac, hmacBytes, mask, safeEqual, sha256, unmask } from './tokens.js'

describe('passwords', () => {
  it('needs 12 characters and no composition rules', () => {
    assert.equal(passwordProblem('short one'), 'too_short')
    assert.equal(passwordProblem('four random words here'), null)
    assert.equal(passwordProblem('alllowercaseandlong'), null)
  })

  it('refuses common passwords, with the digits people add to them, and trivial patterns', () => {
    for (const common of ['password1234', 'Password2024!', 'qwertyuiop12', 'iloveyou1234', '123456789012', 'aaaaaaaaaaaa', 'abcabcabcabc', 'abcdefghijkl', 'football1234']) {
      assert.equal(passwordProblem(common), 'common', common)
    }
  })

  it('refuses very long passwords', () => {
    assert.equal(passwordProblem('x'.repeat(300)), 'too_long')
  })

  it('hashes with Argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple')
    assert.match(hash, /^\$argon2id\$/)
    assert.equal(await verifyPassword(hash, 'correct horse battery staple'), true)
    assert.equal(await verifyPassword(hash, 'wrong horse battery staple'), false)
    assert.equal(await verifyPassword(null, 'anything at all'), false)
  })
})

describe('sessions', () => {
  const start = new Date('2026-01-01T09:00:00Z')
  const at = (ms: number) => new Date(start.getTime() + ms)
  it('expire after 30 idle minutes', () => {
    const session = { last_seen_at: start, expires_at: at(SESSION_ABSOLUTE_MS) }
    assert.equal(sessionStatus(session, at(SESSION_IDLE_MS - 1)), 'valid')
    assert.equal(sessionStatus(session, at(SESSION_IDLE_MS)), 'expired')
  })
  it('expire 12 hours after sign-in however active', () => {
    const session = { last_seen_at: at(SESSION_ABSOLUTE_MS - 1000), expires_at: at(SESSION_ABSOLUTE_MS) }
    assert.equal(sessionStatus(session, at(SESSION_ABSOLUTE_MS)), 'expired')
  })
})

describe('rate limiter', () => {
  it('allows the limit per window, then refuses until the window passes', () => {
    let now = 0
    const limiter = new RateLimiter(3, 1000, () => now)
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false])
    assert.equal(limiter.take('b'), true)
    now = 1000
    assert.equal(limiter.take('a'), true)
  })
})

describe('tokens', () => {
  it('digests and compares in constant time', () => {
    assert.equal(sha256('x').length, 64)
    assert.equal(safeEqual(hmac('k', 'v'), hmac('k', 'v')), true)
    assert.equal(safeEqual(hmac('k', 'v'), hmac('k', 'w')), false)
    assert.equal(safeEqual('a', 'ab'), false)
  })

  it('masks a token differently each time, and unmasks it to the same bytes', () => {
    const token = hmacBytes('k', 'v')
    const [one, two] = [mask(token), mask(token)]
    assert.notEqual(one, two)
    assert.match(one, /^[\w-]{86}$/)
    assert.deepEqual(unmask(one, 32), token)
    assert.deepEqual(unmask(two, 32), token)
    assert.equal(unmask(hmac('k', 'v'), 32), null, 'an unmasked token is not accepted as one')
    assert.equal(unmask(`${one.slice(0, 85)}=`, 32), null)
    assert.equal(unmask(one.slice(1), 32), null)
    assert.equal(unmask('', 32), null)
  })
})
