import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validatePasswordChange } from './password.js'

const strong = 'plum kettle orbit saddle'
const keys = (body: Record<string, unknown>) =>
  validatePasswordChange(body).errors.map((e) => `${e.field}:${e.key.split('.').pop()}`)

describe('validatePasswordChange', () => {
  it('accepts a good change', () => {
    assert.deepEqual(keys({ currentPassword: 'old password here', newPassword: strong, confirmPassword: strong }), [])
  })

  it('asks for each missing field, but not for a confirmation of nothing', () => {
    assert.deepEqual(keys({}), ['currentPassword:currentMissing', 'newPassword:newMissing'])
    assert.deepEqual(keys({ currentPassword: 'x', newPassword: strong }), ['confirmPassword:confirmMissing'])
  })

  it('gives the specific reason a new password is refused', () => {
    assert.deepEqual(keys({ currentPassword: 'x', newPassword: 'short', confirmPassword: 'short' }), [
      'newPassword:tooShort',
    ])
    const long = 'a b'.repeat(100)
    assert.deepEqual(keys({ currentPassword: 'x', newPassword: long, confirmPassword: long }), ['newPassword:tooLong'])
    assert.deepEqual(keys({ currentPassword: 'x', newPassword: 'password2024!', confirmPassword: 'password2024!' }), [
      'newPassword:common',
    ])
  })

  it('refuses a confirmation that differs and a new password equal to the current one', () => {
    assert.deepEqual(keys({ currentPassword: 'x', newPassword: strong, confirmPassword: `${strong} ` }), [
      'confirmPassword:confirmMismatch',
    ])
    assert.deepEqual(keys({ currentPassword: strong, newPassword: strong, confirmPassword: strong }), [
      'newPassword:sameAsCurrent',
    ])
  })

  it('ignores values that are not text', () => {
    assert.deepEqual(keys({ currentPassword: ['a'], newPassword: 5, confirmPassword: null }), [
      'currentPassword:currentMissing',
      'newPassword:newMissing',
    ])
  })
})
