import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { filterNames, parseAuditFilters, parseDateParts } from './audit-filters.js'
import { listHref, pagination, parsePage } from './paging.js'

describe('parseDateParts', () => {
  it('reads a real date, padding day and month', () => {
    assert.deepEqual(parseDateParts('1', '3', '2025'), { date: '2025-03-01' })
    assert.deepEqual(parseDateParts('29', '2', '2024'), { date: '2024-02-29' })
  })

  it('is empty when all three boxes are', () => {
    assert.equal(parseDateParts('', '', ''), null)
  })

  it('says what is wrong with an incomplete or impossible date', () => {
    assert.deepEqual(parseDateParts('1', '', '2025'), { problem: 'incomplete' })
    assert.deepEqual(parseDateParts('29', '2', '2025'), { problem: 'invalid' })
    assert.deepEqual(parseDateParts('31', '4', '2025'), { problem: 'invalid' })
    assert.deepEqual(parseDateParts('1', '13', '2025'), { problem: 'invalid' })
    assert.deepEqual(parseDateParts('a', '1', '2025'), { problem: 'invalid' })
    assert.deepEqual(parseDateParts('1', '1', '25'), { problem: 'invalid' })
  })
})

describe('parseAuditFilters', () => {
  it('turns the form into filters, lower-casing the e-mail', () => {
    const { filters, errors } = parseAuditFilters({ actor: ' Admin@Demo.Cyswllt.Test ', action: 'user.', recordType: 'user', recordId: 'abc', outcome: 'failed', 'from-day': '1', 'from-month': '1', 'from-year': '2025', 'to-day': '31', 'to-month': '1', 'to-year': '2025' })
    assert.deepEqual(errors, [])
    assert.deepEqual(filters, { actorEmail: 'admin@demo.cyswllt.test', actionPrefix: 'user.', recordType: 'user', recordId: 'abc', outcome: 'failed', from: '2025-01-01', to: '2025-01-31' })
    assert.deepEqual(filterNames(filters), ['actionPrefix', 'actorEmail', 'from', 'outcome', 'recordId', 'recordType', 'to'])
  })

  it('links date errors to the day box and keeps the typed values', () => {
    const { errors, values } = parseAuditFilters({ 'from-day': '31', 'from-month': '2', 'from-year': '2025', 'to-day': '1', 'to-year': '2025' })
    assert.deepEqual(
      errors.map((e) => [e.field, e.key, e.href]),
      [
        ['from', 'admin.audit.errors.fromInvalid', '#from-day'],
        ['to', 'admin.audit.errors.toIncomplete', '#to-day'],
      ],
    )
    assert.equal(values['from-day'], '31')
  })

  it('refuses an end before the start and an unknown outcome', () => {
    const { errors } = parseAuditFilters({ outcome: 'maybe', 'from-day': '2', 'from-month': '1', 'from-year': '2025', 'to-day': '1', 'to-month': '1', 'to-year': '2025' })
    assert.deepEqual(
      errors.map((e) => e.key),
      ['admin.audit.errors.outcomeInvalid', 'admin.audit.errors.toBeforeFrom'],
    )
  })

  it('allows a search for one day', () => {
    const day = { 'from-day': '5', 'from-month': '6', 'from-year': '2025', 'to-day': '5', 'to-month': '6', 'to-year': '2025' }
    assert.deepEqual(parseAuditFilters(day).errors, [])
  })
})

describe('paging', () => {
  it('reads the page number, defaulting to 1', () => {
    assert.equal(parsePage('3'), 3)
    assert.equal(parsePage(undefined), 1)
    assert.equal(parsePage('0'), 1)
    assert.equal(parsePage('2.5'), 1)
    assert.equal(parsePage('abc'), 1)
  })

  it('links to pages with the filters that are set', () => {
    assert.equal(listHref('/admin/users', { q: 'sian', role: '' }, 2), '/admin/users?q=sian&page=2')
    assert.equal(listHref('/admin/users', { q: '' }, 1), '/admin/users')
  })

  it('has no pagination when everything fits on one page', () => {
    assert.equal(
      pagination(1, 50, String, String),
      null,
    )
  })

  it('shows first, last and neighbours with ellipses between', () => {
    const p = pagination(5, 500, (n) => `?page=${n}`, (n) => `Page ${n}`)
    const shown = p?.items.map((i) => ('ellipsis' in i ? '…' : i.number))
    assert.deepEqual(shown, [1, '…', 4, 5, 6, '…', 10])
    assert.equal(p?.previous?.href, '?page=4')
    assert.equal(p?.next?.href, '?page=6')
    const last = pagination(10, 500, (n) => `?page=${n}`, (n) => `Page ${n}`)
    assert.equal(last?.next, undefined)
  })
})
