import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addPassRows, MonthCache, monthRanges, percentileOfHistogram, type PassRow } from './months.js'

describe('month parts: the pure pieces (issue 9, ADR 0019)', () => {
  it('splits a period into calendar months, the first and last cut to it', () => {
    assert.deepEqual(monthRanges('2025-12-01', '2026-02-28'), [
      { month: '2025-12-01', from: '2025-12-01', to: '2025-12-31' },
      { month: '2026-01-01', from: '2026-01-01', to: '2026-01-31' },
      { month: '2026-02-01', from: '2026-02-01', to: '2026-02-28' },
    ])
    assert.deepEqual(monthRanges('2024-01-17', '2024-03-09'), [
      { month: '2024-01-01', from: '2024-01-17', to: '2024-01-31' },
      { month: '2024-02-01', from: '2024-02-01', to: '2024-02-29' },
      { month: '2024-03-01', from: '2024-03-01', to: '2024-03-09' },
    ])
    assert.deepEqual(monthRanges('2026-05-04', '2026-05-04'), [{ month: '2026-05-01', from: '2026-05-04', to: '2026-05-04' }])
    assert.equal(monthRanges('2016-12-01', '2026-11-30').length, 120)
  })

  it('takes the median and 90th percentile of a histogram as percentile_cont takes them of its values', () => {
    // Values 1, 2, 2, 3, 10: median the third (2); p90 at position 3.6, between 3 and 10.
    const histogram = new Map([
      [10, 1],
      [2, 2],
      [1, 1],
      [3, 1],
    ])
    assert.equal(percentileOfHistogram(histogram, 0.5), 2)
    assert.equal(percentileOfHistogram(histogram, 0.9), 3 + (10 - 3) * (0.9 * 4 - 3))
    // An even count: the mean of the middle two.
    assert.equal(percentileOfHistogram(new Map([[4, 1], [7, 1]]), 0.5), 5.5)
    assert.equal(percentileOfHistogram(new Map([[0, 3]]), 0.9), 0)
    assert.equal(percentileOfHistogram(new Map(), 0.5), null)
    assert.equal(percentileOfHistogram(new Map([[5, 0]]), 0.5), null)
    // Negative days (a date recorded before another) sort as numbers, not as text.
    assert.equal(percentileOfHistogram(new Map([[-10, 1], [-2, 1], [9, 1]]), 0.5), -2)
  })

  it('adds months: counts and breakdowns summed, durations from their days', () => {
    const row = (key: string, code: string | null, n: number): PassRow => ({ key, code, n, median: null, p90: null })
    const added = addPassRows(
      [
        [row('counts.referrals', null, 3), row('route', 'gp', 2), row('route', null, 1), row('cds47', '4', 2), row('cds47', '1', 1)],
        [row('counts.referrals', null, 2), row('route', 'gp', 1), row('route', 'not_recorded', 1), row('cds47', '4', 1)],
        [],
      ],
      new Set(['cds47', 'cds105']),
    )
    const find = (key: string, code: string | null) => added.find((r) => r.key === key && r.code === code)
    assert.equal(find('counts.referrals', null)?.n, 5)
    assert.equal(find('route', 'gp')?.n, 3)
    // A null code and the text 'not_recorded' stay two rows, as one statement over the period returns them.
    assert.equal(find('route', null)?.n, 1)
    assert.equal(find('route', 'not_recorded')?.n, 1)
    assert.deepEqual(find('cds47', null), { key: 'cds47', code: null, n: 4, median: 4, p90: 4 })
    // A duration no month had a day of: n 0, no median, as percentile_cont over no rows.
    assert.deepEqual(find('cds105', null), { key: 'cds105', code: null, n: 0, median: null, p90: null })
  })

  it('keeps a month part only while the versions of the tables it read are those it was computed at, and at most its capacity', () => {
    const cache = new MonthCache(2)
    let versions: Record<string, string> = { contacts: '1', plans: '5' }
    const versionOf = (tables: readonly string[]) => tables.map((t) => versions[t] ?? '0').join(',')
    cache.set('a', ['contacts'], '1', [])
    assert.deepEqual(cache.tablesOf('a'), ['contacts'])
    versions = { contacts: '1', plans: '6' }
    assert.deepEqual(cache.get('a', versionOf), [], 'a table it did not read moved')
    versions = { contacts: '2', plans: '6' }
    assert.equal(cache.get('a', versionOf), undefined)
    assert.equal(cache.tablesOf('a'), undefined, 'a stale entry is dropped')
    cache.set('a', ['contacts'], '2', [])
    cache.set('b', ['contacts'], '2', [])
    cache.get('a', versionOf)
    cache.set('c', ['contacts'], '2', [])
    assert.equal(cache.size, 2)
    assert.equal(cache.get('b', versionOf), undefined, 'the least recently used went first')
  })
})
