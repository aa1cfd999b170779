import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchName } from '../../people/person-rules.js'
import { planSynth } from '../plan.js'
import {
  episodeOfReferral,
  familyNames,
  givenNames,
  growthQuantile,
  nameList,
  personOfReferral,
  practitionerCount,
  providersServing,
  referralSpread,
} from './vocabulary.js'

const plan = (episodes: number) => planSynth({ episodes, services: 10, seed: 1, until: '2026-11-30', password: 'x' })

describe('synthetic people: the rules behind the SQL', () => {
  it('joins the match forms of a given and a family name as matchName does for the whole name', () => {
    const given = nameList({ ...givenNames.female, ...givenNames.male })
    const family = nameList(familyNames)
    given.names.forEach((g, i) =>
      family.names.forEach((f, j) =>
        assert.equal(`${given.matches[i]} ${family.matches[j]}`, matchName(g, f), `${g} ${f}`),
      ),
    )
    assert.equal(family.matches[family.names.indexOf('ap Llŷr')], 'ap llyr')
  })

  it('gives every authority a provider and every provider a practitioner, at every size', () => {
    for (const episodes of [300, 10_000, 100_000, 1_000_000]) {
      const p = plan(episodes)
      const served = new Set<number>()
      for (let i = 0; i < 22; i++) {
        const providers = providersServing(p, i)
        assert.ok(providers.length >= 1)
        providers.forEach((k) => served.add(k))
      }
      assert.equal(served.size, p.providers, `${episodes}: every provider serves an authority`)
      let practitioners = 0
      for (let k = 1; k <= p.providers; k++) practitioners += practitionerCount(p, k)
      assert.equal(practitioners, p.practitioners)
    }
  })

  it('spreads the referrals over the people exactly, one to three each', () => {
    for (const episodes of [300, 1_000, 100_000]) {
      const p = plan(episodes)
      const { threeReferrals, twoReferrals } = referralSpread(p)
      assert.equal(p.people + twoReferrals + 2 * threeReferrals, p.referrals)
      const perPerson = new Map<number, number[]>()
      for (let r = 1; r <= p.referrals; r++) {
        const { person, ordinal } = personOfReferral(p, r)
        assert.ok(person >= 1 && person <= p.people)
        perPerson.set(person, [...(perPerson.get(person) ?? []), ordinal])
      }
      assert.equal(perPerson.size, p.people)
      for (const ordinals of perPerson.values())
        assert.deepEqual(
          [...ordinals].sort(),
          ordinals.map((_, i) => i + 1),
        )
    }
  })

  it('accepts exactly as many referrals as the plan has episodes, numbered 1 … episodes', () => {
    const p = plan(300)
    const episodes = Array.from({ length: p.referrals }, (_, i) => episodeOfReferral(p, i + 1)).filter(
      (e) => e !== null,
    )
    assert.deepEqual(
      episodes,
      Array.from({ length: p.episodes }, (_, i) => i + 1),
    )
  })

  it('has three times as many referrals at the end of the ten years as at the start', () => {
    assert.equal(growthQuantile(0), 0)
    assert.ok(Math.abs(growthQuantile(1) - 1) < 1e-12)
    const firstYear = 0.5 * 0.1 + 0.1 ** 2 / 2
    assert.ok(Math.abs(growthQuantile(firstYear) - 0.1) < 1e-12)
  })
})
