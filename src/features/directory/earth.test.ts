import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { earthDistance, earthPoint } from './earth.js'

describe('distance on the earth, as PostgreSQL measures it (issue 9)', () => {
  // Expected values from PostgreSQL 15: select earth_distance(location_earth(…), location_earth(…)).
  const cases = [
    { from: [51.4816, -3.1791], to: [51.6214, -3.9436], metres: 55159.297090845794, what: 'Cardiff to Swansea' },
    { from: [53.292397, -4.581279], to: [53.2274, -4.1293], metres: 30954.765798166995, what: 'Holyhead to Bangor' },
    { from: [51.4816, -3.1791], to: [51.4816, -3.1791], metres: 0, what: 'a place to itself' },
  ] as const
  for (const c of cases)
    it(`agrees with earth_distance to a millimetre: ${c.what}`, () => {
      const metres = earthDistance(earthPoint(c.from[0], c.from[1]), earthPoint(c.to[0], c.to[1]))
      assert.ok(Math.abs(metres - c.metres) < 0.001, `${metres} against ${c.metres}`)
    })

  it('is the same both ways, and half the circumference at most', () => {
    const [a, b] = [earthPoint(51.48, -3.18), earthPoint(-51.48, 176.82)]
    assert.equal(earthDistance(a, b), earthDistance(b, a))
    assert.ok(earthDistance(a, b) <= Math.PI * 6378168 + 1e-6)
  })
})
