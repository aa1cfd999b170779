import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { chordSquared, chordSquaredWithin, earthDistance, earthPoint } from './earth.js'

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

  it('never sifts out a point the exact distance keeps (the chord sieve)', () => {
    let seed = 3
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const from = earthPoint(51.4816, -3.1791)
    for (const radius of [0, 1, 500, 25_000, 250_000]) {
      const within = chordSquaredWithin(radius)
      for (let i = 0; i < 5000; i++) {
        // Around the radius: just inside and just outside it, from 0 to twice as far.
        const to = earthPoint(51.4816 + (random() - 0.5) * (radius / 55_000), -3.1791 + (random() - 0.5) * (radius / 35_000))
        if (earthDistance(from, to) <= radius) assert.ok(chordSquared(from, to) <= within, `radius ${radius}`)
      }
    }
    assert.equal(chordSquaredWithin(Math.PI * 6378168), Number.POSITIVE_INFINITY)
  })
})
