import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { planSynth, providerOf, SIZES, teamOf } from './plan.js'
import { weighted } from './random.js'

const options = { seed: 1, until: '2026-11-30', password: 'synthetic-password' }

describe('planSynth', () => {
  it('gives the national scale of DESIGN §8 at full size', () => {
    const plan = planSynth({ ...options, ...SIZES.full })
    assert.equal(plan.practitioners, 2_000)
    assert.equal(plan.referrals, 1_250_000)
    assert.equal(plan.people, 850_000)
    assert.equal(plan.from, '2016-11-30')
    assert.ok(plan.providers >= 22, 'at least one provider per local authority')
  })

  it('keeps the same shape at small size', () => {
    const plan = planSynth({ ...options, ...SIZES.small })
    assert.equal(plan.practitioners, 20)
    assert.ok(plan.providers >= 2 && plan.teamsPerProvider >= 1)
  })

  it('puts every practitioner in a provider and a team that exist', () => {
    const plan = planSynth({ ...options, ...SIZES.full })
    const seen = new Set<string>()
    for (let k = 1; k <= plan.practitioners; k++) {
      const provider = providerOf(plan, k)
      const team = teamOf(plan, k)
      assert.ok(provider >= 1 && provider <= plan.providers)
      assert.ok(team >= 1 && team <= plan.teamsPerProvider)
      seen.add(`${provider}/${team}`)
    }
    assert.equal(seen.size, plan.providers * plan.teamsPerProvider, 'no empty team')
  })
})

describe('weighted', () => {
  it('writes cumulative lower bounds for width_bucket, dropping zero weights', () => {
    assert.equal(
      weighted('x', { a: 3, b: 0, c: 1 }),
      "(array['a','c']::text[])[width_bucket((x)::float8, array[0,0.75]::float8[])]",
    )
  })
  it('refuses keys that could break out of the SQL literal', () => {
    assert.throws(() => weighted('x', { "a'); drop table people; --": 1 }))
  })
})
