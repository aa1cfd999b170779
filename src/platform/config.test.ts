import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.js'

describe('configuration', () => {
  it('runs with no settings on the embedded database with demo data', () => {
    const config = loadConfig({})
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.demoData, true)
    assert.equal(config.port, 3000)
    assert.equal(config.host, '127.0.0.1')
    assert.equal(config.secureCookies, false)
  })

  it('refuses to start in production without DATABASE_URL and a 32-byte SESSION_SECRET', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.includes('DATABASE_URL')) && error.problems.some((p) => p.includes('SESSION_SECRET')),
    )
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/cyswllt', SESSION_SECRET: 'short' }), /SESSION_SECRET/)
  })

  it('never loads demo data in production, and secures cookies there', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/cyswllt', SESSION_SECRET: 'x'.repeat(32) })
    assert.equal(config.demoData, false)
    assert.equal(config.secureCookies, true)
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/cyswllt', SESSION_SECRET: 'x'.repeat(32), DEMO_DATA: 'true' }), /DEMO_DATA/)
  })

  it('lists every problem at once in words an operator can act on', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DEMO_DATA: 'perhaps', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 4 && /PORT must be a whole number/.test(error.message),
    )
  })

  it('limits self-referrals to 10 an hour per address unless SELF_REFERRAL_RATE_LIMIT says otherwise (the benchmark raises it)', () => {
    assert.equal(loadConfig({}).selfReferralRateLimitPerIp, 10)
    assert.equal(loadConfig({ SELF_REFERRAL_RATE_LIMIT: '1000000' }).selfReferralRateLimitPerIp, 1_000_000)
    assert.throws(() => loadConfig({ SELF_REFERRAL_RATE_LIMIT: '0' }), /SELF_REFERRAL_RATE_LIMIT must be a whole number from 1/)
  })

  it('builds the default reports at start on PostgreSQL, not on the embedded database or in tests (REPORT_PREWARM)', () => {
    assert.equal(loadConfig({}).reportPrewarm, false)
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/cyswllt' }).reportPrewarm, true)
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/cyswllt', NODE_ENV: 'test' }).reportPrewarm, false)
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/cyswllt', REPORT_PREWARM: 'false' }).reportPrewarm, false)
    assert.equal(loadConfig({ REPORT_PREWARM: 'true' }).reportPrewarm, true)
    assert.throws(() => loadConfig({ REPORT_PREWARM: 'soon' }), /REPORT_PREWARM must be true or false/)
  })

  it('turns demo data off with DEMO_DATA=false', () => {
    assert.equal(loadConfig({ DEMO_DATA: 'false' }).demoData, false)
  })
})

describe('configuration for operator commands', () => {
  it('does not need the session secret, but still the database, in production', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/cyswllt' }, 'cli').databaseUrl, 'postgres://db/cyswllt')
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }, 'cli'), /DATABASE_URL/)
  })
})
