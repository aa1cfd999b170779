import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkDimensions, type KnownCodes, MAX_CODES, readDimensions } from './filters-codes.js'
import { financialYearStart, parsePeriod, walesToday } from './filters-period.js'

const TODAY = '2026-12-04'
const period = (query: Record<string, unknown>) => parsePeriod(query, TODAY)
const errorsOf = (query: Record<string, unknown>) => {
  const result = period(query)
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.key.replace('reportFilters.period.', '')]))
}

describe('the report period', () => {
  it('defaults to the current financial year to date', () => {
    assert.deepEqual(period({}), { ok: true, from: '2026-04-01', to: TODAY })
    assert.deepEqual(parsePeriod({}, '2027-03-31'), { ok: true, from: '2026-04-01', to: '2027-03-31' })
    assert.deepEqual(parsePeriod({}, '2027-04-01'), { ok: true, from: '2027-04-01', to: '2027-04-01' })
  })

  it('takes from and to as YYYY-MM-DD, inclusive, and fills the missing end', () => {
    assert.deepEqual(period({ from: '2025-04-01', to: '2026-03-31' }), { ok: true, from: '2025-04-01', to: '2026-03-31' })
    assert.deepEqual(period({ from: '2026-06-01' }), { ok: true, from: '2026-06-01', to: TODAY })
    assert.deepEqual(period({ to: '2025-02-10' }), { ok: true, from: '2024-04-01', to: '2025-02-10' })
    assert.deepEqual(period({ from: '2026-12-04', to: '2026-12-04' }), { ok: true, from: TODAY, to: TODAY })
  })

  it('reads the GOV.UK date inputs of the page form', () => {
    assert.deepEqual(period({ 'from-day': '1', 'from-month': '4', 'from-year': '2025', 'to-day': '31', 'to-month': '03', 'to-year': '2026' }), { ok: true, from: '2025-04-01', to: '2026-03-31' })
    assert.deepEqual(period({ 'from-day': '', 'from-month': '', 'from-year': '', 'to-day': '', 'to-month': '', 'to-year': '' }), { ok: true, from: '2026-04-01', to: TODAY })
  })

  it('refuses incomplete and impossible dates, one error per field', () => {
    assert.deepEqual(errorsOf({ 'from-day': '1', 'from-month': '', 'from-year': '2025' }), { from: 'fromIncomplete' })
    assert.deepEqual(errorsOf({ 'to-day': '31', 'to-month': '2', 'to-year': '2025' }), { to: 'toInvalid' })
    assert.deepEqual(errorsOf({ 'to-day': 'x', 'to-month': '2', 'to-year': '2025' }), { to: 'toInvalid' })
    assert.deepEqual(errorsOf({ from: '2025-02-29', to: '1 April' }), { from: 'fromInvalid', to: 'toInvalid' })
    assert.deepEqual(errorsOf({ from: '2024-02-29', to: '2024-3-1' }), { to: 'toInvalid' })
    assert.deepEqual(errorsOf({ from: ['2025-13-01'] }), { from: 'fromInvalid' })
  })

  it('refuses a start before 2015, either end after today, an end before the start and more than ten years', () => {
    assert.deepEqual(errorsOf({ from: '2014-12-31', to: '2015-06-01' }), { from: 'fromTooEarly' })
    assert.deepEqual(errorsOf({ from: '2015-01-01', to: '2015-06-01' }), {})
    assert.deepEqual(errorsOf({ from: '2026-12-05' }), { from: 'fromFuture' })
    assert.deepEqual(errorsOf({ from: '2026-01-01', to: '2026-12-05' }), { to: 'toFuture' })
    assert.deepEqual(errorsOf({ from: '2026-03-02', to: '2026-03-01' }), { to: 'toBeforeFrom' })
    assert.deepEqual(errorsOf({ from: '2016-04-01', to: '2026-03-31' }), {})
    assert.deepEqual(errorsOf({ from: '2016-04-01', to: '2026-04-01' }), { to: 'tooLong' })
  })

  it('knows the financial year and the day in Wales', () => {
    assert.equal(financialYearStart('2026-03-31'), '2025-04-01')
    assert.equal(financialYearStart('2026-04-01'), '2026-04-01')
    // 23:30 UTC on 30 June is 00:30 on 1 July in Wales (BST); in winter Wales is on UTC.
    assert.equal(walesToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(walesToday(new Date('2026-12-04T23:30:00Z')), '2026-12-04')
  })
})

const ORG = '6f1c1d2e-8a5b-4c3d-9e8f-0a1b2c3d4e5f'
const TEAM = '7f1c1d2e-8a5b-4c3d-9e8f-0a1b2c3d4e5f'
const known: KnownCodes = {
  local_authority: new Set(['W06000015', 'W06000014']),
  health_board: new Set(['W11000029']),
  rpb: new Set(['cardiff-and-vale']),
  organisation: new Set([ORG]),
  team: new Set([TEAM]),
  practitioner: new Set(),
}
const check = (query: Record<string, unknown>) => checkDimensions(readDimensions(query), known)
const codeErrors = (query: Record<string, unknown>) => {
  const result = check(query)
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.key]))
}

describe('the dimension filters', () => {
  it('reads comma-separated and repeated codes, trimmed and without repeats; ignores blanks and other parameters', () => {
    assert.deepEqual(check({ local_authority: 'W06000015, W06000014', sex: ['female', 'male,female'], route: '', lng: 'cy', age_band: '18-24' }), {
      ok: true,
      where: { local_authority: ['W06000015', 'W06000014'], age_band: ['18-24'], sex: ['female', 'male'] },
    })
  })

  it('accepts every fixed list and ids in any case', () => {
    const result = check({ organisation: ORG.toUpperCase(), team: TEAM, route: 'primary_care', ethnicity: 'white_roma', disability: 'limited_a_lot', wimd_quintile: '1,5', language: 'cy', rpb: 'cardiff-and-vale', health_board: 'W11000029' })
    assert.ok(result.ok)
    assert.deepEqual(result.where.organisation, [ORG])
    assert.deepEqual(result.where.wimd_quintile, ['1', '5'])
  })

  it('refuses every unknown code with its own message, one per field', () => {
    assert.deepEqual(
      codeErrors({
        organisation: 'not-a-uuid',
        team: ORG,
        practitioner: TEAM,
        local_authority: 'W06000015,W06000099',
        health_board: 'W11000099',
        rpb: 'gwent',
        route: 'carrier_pigeon',
        age_band: '18-30',
        sex: 'Female',
        ethnicity: 'martian',
        disability: 'maybe',
        wimd_quintile: '6',
        language: 'fr',
      }),
      {
        organisation: 'reportFilters.unknown.organisation',
        team: 'reportFilters.unknown.team',
        practitioner: 'reportFilters.unknown.practitioner',
        local_authority: 'reportFilters.unknown.local_authority',
        health_board: 'reportFilters.unknown.health_board',
        rpb: 'reportFilters.unknown.rpb',
        route: 'reportFilters.unknown.route',
        age_band: 'reportFilters.unknown.age_band',
        sex: 'reportFilters.unknown.sex',
        ethnicity: 'reportFilters.unknown.ethnicity',
        disability: 'reportFilters.unknown.disability',
        wimd_quintile: 'reportFilters.unknown.wimd_quintile',
        language: 'reportFilters.unknown.language',
      },
    )
  })

  it('refuses values that are not text and more codes than any filter needs', () => {
    assert.deepEqual(codeErrors({ sex: { female: '' } }), { sex: 'reportFilters.unknown.sex' })
    assert.deepEqual(codeErrors({ wimd_quintile: 3 }), { wimd_quintile: 'reportFilters.unknown.wimd_quintile' })
    const many = Array.from({ length: MAX_CODES + 1 }, (_, i) => `W0${i}`).join(',')
    assert.deepEqual(codeErrors({ local_authority: many }), { local_authority: 'reportFilters.tooMany' })
  })
})
