import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isUuid, tokenStatus, validateTokenForm } from './tokens.js'

describe('validateTokenForm', () => {
  it('accepts a name and one of the offered lifetimes, from a form or JSON', () => {
    assert.deepEqual(validateTokenForm({ name: '  Monthly   report ', days: '90' }), {
      form: { name: 'Monthly report', days: 90 },
      errors: [],
    })
    assert.deepEqual(validateTokenForm({ name: 'x', days: 365 }).errors, [])
  })

  it('names what is missing or wrong', () => {
    assert.deepEqual(
      validateTokenForm({}).errors.map((e) => e.key),
      ['account.apiTokens.errors.nameMissing', 'account.apiTokens.errors.daysMissing'],
    )
    assert.deepEqual(
      validateTokenForm({ name: 'x'.repeat(101), days: '45' }).errors.map((e) => e.key),
      ['account.apiTokens.errors.nameTooLong', 'account.apiTokens.errors.daysInvalid'],
    )
    assert.equal(validateTokenForm({ name: 'ŵ'.repeat(100), days: '30' }).errors.length, 0)
    assert.equal(validateTokenForm({ name: 'x', days: '90abc' }).errors[0]?.key, 'account.apiTokens.errors.daysInvalid')
  })
})

describe('tokenStatus', () => {
  const now = new Date('2025-06-01T12:00:00Z')
  it('is revoked once revoked, otherwise active until it expires', () => {
    assert.equal(tokenStatus({ expires_at: new Date('2025-07-01'), revoked_at: null }, now), 'active')
    assert.equal(tokenStatus({ expires_at: now, revoked_at: null }, now), 'expired')
    assert.equal(
      tokenStatus({ expires_at: new Date('2025-07-01'), revoked_at: new Date('2025-05-01') }, now),
      'revoked',
    )
  })
})

describe('isUuid', () => {
  it('accepts only UUIDs, so a malformed id never reaches the database', () => {
    assert.ok(isUuid('3f11b94b-8f0a-4802-8cfe-19a785d7f7d3'))
    assert.ok(!isUuid('1; drop table'))
    assert.ok(!isUuid(undefined))
  })
})
