import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { scaleValue } from './experience.js'
import { distanceBand } from './journey-people.js'
import { codeRows, monthStart, nextDay, organisationOnlyScope, percent, tally } from './shared.js'

describe('measure helpers', () => {
  it('percent to one decimal, null over nothing', () => {
    assert.equal(percent(2, 3), 66.7)
    assert.equal(percent(1, 8), 12.5)
    assert.equal(percent(0, 0), null)
  })

  it('counts organisation-only records with no filter or an organisation filter, never with a person dimension', () => {
    assert.equal(organisationOnlyScope({ from: '2026-01-01', to: '2026-01-31', where: {} }), 'all')
    assert.equal(organisationOnlyScope({ from: '2026-01-01', to: '2026-01-31', where: { organisation: [] } }), 'all')
    assert.deepEqual(organisationOnlyScope({ from: '2026-01-01', to: '2026-01-31', where: { organisation: ['a'] } }), [
      'a',
    ])
    assert.equal(
      organisationOnlyScope({ from: '2026-01-01', to: '2026-01-31', where: { organisation: ['a'], sex: ['female'] } }),
      null,
    )
    assert.equal(
      organisationOnlyScope({ from: '2026-01-01', to: '2026-01-31', where: { local_authority: ['W06000015'] } }),
      null,
    )
  })

  it('periods: the month a day is in, the day after (across a year end)', () => {
    assert.equal(monthStart('2026-03-15'), '2026-03-01')
    assert.equal(nextDay('2026-12-31'), '2027-01-01')
    assert.equal(nextDay('2028-02-28'), '2028-02-29')
  })

  it('code rows keep the known order with zeros, then codes met that are not on the list', () => {
    assert.deepEqual(codeRows(tally(['b', 'x', 'b']), ['a', 'b']), [
      { code: 'a', count: 0 },
      { code: 'b', count: 2 },
      { code: 'x', count: 1 },
    ])
  })

  it('distance bands: lower edge inclusive', () => {
    assert.deepEqual([0, 0.9, 1, 4.9, 5, 10, 19.9, 20, 300].map(distanceBand), [
      'under_1km',
      'under_1km',
      '1_to_5km',
      '1_to_5km',
      '5_to_10km',
      '10_to_20km',
      '10_to_20km',
      '20km_or_more',
      '20km_or_more',
    ])
  })

  it('a five-point scale: prefer-not-to-say left out, positive is 4 or 5', () => {
    assert.deepEqual(scaleValue([5, 4, null, 1, 3]), {
      kind: 'scale',
      n: 4,
      mean: 3.25,
      positive: 2,
      positivePercent: 50,
      rows: [
        { code: '1', count: 1 },
        { code: '2', count: 0 },
        { code: '3', count: 1 },
        { code: '4', count: 1 },
        { code: '5', count: 1 },
      ],
    })
    assert.deepEqual(scaleValue([]), {
      kind: 'scale',
      n: 0,
      mean: null,
      positive: 0,
      positivePercent: null,
      rows: ['1', '2', '3', '4', '5'].map((code) => ({ code, count: 0 })),
    })
  })
})
