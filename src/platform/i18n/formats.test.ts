import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dateTimeFormat, listFormat, numberFormat, walesDay } from './formats.js'
import { formatDate, formatNumber } from './i18n.js'

describe('shared Intl formatters', () => {
  it('hands out one formatter per locale and options, so none is made per request', () => {
    const options = { timeZone: 'Europe/London', day: 'numeric', month: 'long' } as const
    assert.equal(dateTimeFormat('cy-GB', options), dateTimeFormat('cy-GB', { ...options }))
    assert.notEqual(dateTimeFormat('cy-GB', options), dateTimeFormat('en-GB', options))
    assert.equal(numberFormat('en-GB', { maximumFractionDigits: 1 }), numberFormat('en-GB', { maximumFractionDigits: 1 }))
    assert.notEqual(numberFormat('en-GB', { maximumFractionDigits: 1 }), numberFormat('en-GB', { maximumFractionDigits: 2 }))
    assert.equal(listFormat('cy', { type: 'disjunction' }), listFormat('cy', { type: 'disjunction' }))
  })

  it('formats as a formatter made afresh would', () => {
    assert.equal(walesDay(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(walesDay(new Date('2026-12-31T23:30:00Z')), '2026-12-31')
    const at = new Date('2026-03-29T12:00:00Z')
    const fresh = new Intl.DateTimeFormat('cy-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
    assert.equal(formatDate(at, 'cy'), fresh.format(at))
    assert.equal(formatDate(at, 'cy'), formatDate(at, 'cy'))
    assert.equal(formatNumber(1234567.5, 'en'), '1,234,567.5')
  })
})
