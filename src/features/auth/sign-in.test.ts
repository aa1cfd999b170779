import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { afterFailedAttempt, isLocked, LOCK_MS, safeReturnTo, validateSignIn } from './sign-in.js'

describe('sign-in rules', () => {
  it('locks for 15 minutes on the tenth consecutive failure', () => {
    const now = new Date('2026-01-01T10:00:00Z')
    assert.deepEqual(afterFailedAttempt(8, now), { failed: 9, lockedUntil: null })
    const locked = afterFailedAttempt(9, now)
    assert.equal(locked.lockedUntil?.getTime(), now.getTime() + LOCK_MS)
    assert.equal(isLocked(locked.lockedUntil, new Date(now.getTime() + LOCK_MS - 1)), true)
    assert.equal(isLocked(locked.lockedUntil, new Date(now.getTime() + LOCK_MS)), false)
  })

  it('returns only to local paths', () => {
    assert.equal(safeReturnTo('/admin/users?page=2'), '/admin/users?page=2')
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', '/sign-in', undefined, 3]) assert.equal(safeReturnTo(bad), '/home')
  })

  it('names each missing or malformed field', () => {
    assert.deepEqual(validateSignIn({}).errors.map((e) => e.key), ['auth.signIn.errors.emailMissing', 'auth.signIn.errors.passwordMissing'])
    assert.deepEqual(validateSignIn({ email: 'not-an-email', password: 'x' }).errors.map((e) => e.field), ['email'])
    assert.equal(validateSignIn({ email: ' Admin@Example.org ', password: 'x' }).form.email, 'admin@example.org')
  })
})
