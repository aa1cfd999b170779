import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkMove } from '../../connections/lifecycle.js'
import { connectionKinds } from '../../connections/schema.js'
import { headlineOf } from '../../instruments/contract.js'
import { connectionPaths, firstStatus } from './paths.js'
import { answersWithTotal, scoreLookup, swemwbsRawBounds, syntheticInstruments } from './scores.js'

describe('synthetic journey: connection paths', () => {
  for (const kind of connectionKinds)
    it(`every ${kind} path makes only moves the lifecycle allows, by the side that may make them`, () => {
      const paths = connectionPaths(kind)
      assert.ok(paths.length > 5)
      assert.ok(Math.abs(paths.reduce((sum, p) => sum + p.probability, 0) - 1) < 1e-9)
      for (const path of paths) {
        assert.equal(path.statuses[0], firstStatus[kind])
        assert.equal(path.sides[0], 'practitioner')
        let attended = false
        for (let i = 1; i < path.statuses.length; i++) {
          const from = path.statuses[i - 1]!
          const to = path.statuses[i]!
          const check = checkMove({ status: from, kind, attendedBefore: attended }, to, path.sides[i]!, {
            reason: 'full',
            weeks: 4,
          })
          assert.deepEqual(check, { ok: true }, `${path.statuses.join(' → ')} at ${from} → ${to}`)
          if (to === 'first_attended') attended = true
        }
      }
    })

  it('the funnel narrows: of referrals, more are accepted than attend', () => {
    const reach = (status: string) =>
      connectionPaths('referral')
        .filter((p) => p.statuses.includes(status as never))
        .reduce((s, p) => s + p.probability, 0)
    assert.ok(reach('accepted') < 1 && reach('first_attended') < reach('accepted'))
    assert.ok(reach('completed') < reach('first_attended'))
  })
})

describe('synthetic journey: score lookups', () => {
  it('covers every total of the sum instruments and every answer of the item instruments', () => {
    assert.equal(scoreLookup(syntheticInstruments.swemwbs!).length, 29)
    assert.equal(scoreLookup(syntheticInstruments.wemwbs!).length, 57)
    assert.equal(scoreLookup(syntheticInstruments.ons4!).length, 11 ** 4)
    assert.equal(scoreLookup(syntheticInstruments.djg6!).length, 3 ** 6)
    assert.equal(scoreLookup(syntheticInstruments.ons_loneliness_direct!).length, 5)
  })

  it('answers with a total add up to it, within the items’ range', () => {
    const answers = answersWithTotal(syntheticInstruments.swemwbs!.items, 1, 23)
    const values = Object.values(answers) as number[]
    assert.equal(
      values.reduce((a, b) => a + b, 0),
      23,
    )
    assert.ok(values.every((v) => v >= 1 && v <= 5))
    const stored = JSON.parse(scoreLookup(syntheticInstruments.swemwbs!).find((r) => r.key === '23')!.scores)
    assert.deepEqual(stored, headlineOf('swemwbs', answers))
  })

  it('SWEMWBS bounds between neighbouring metric scores rise', () => {
    const bounds = swemwbsRawBounds()
    assert.equal(bounds.length, 28)
    assert.ok(bounds.every((b, i) => i === 0 || b > bounds[i - 1]!))
  })
})
