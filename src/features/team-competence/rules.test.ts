import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Rating } from '../competence/areas.js'
import { areasByDomain, type Assessment, coverageOf, latestPerPerson, type Member, trainingNeeds } from './rules.js'

const sitting = (id: string, userId: string, assessedOn: string, ratings: Record<string, Rating>, createdAt = `${assessedOn}T09:00:00Z`): Assessment => ({
  id,
  userId,
  assessedOn,
  createdAt: new Date(createdAt),
  ratings,
})
const member = (id: string, ratings: Record<string, Rating> | null): Member => ({
  id,
  name: id.toUpperCase(),
  latest: ratings ? sitting(`s-${id}`, id, '2026-11-01', ratings) : null,
})

describe('latestPerPerson', () => {
  it('keeps each person’s latest sitting, a later record of the same day winning', () => {
    const latest = latestPerPerson([
      sitting('a1', 'a', '2026-03-01', {}),
      sitting('a2', 'a', '2026-09-01', {}),
      sitting('a0', 'a', '2025-12-31', {}),
      sitting('b1', 'b', '2026-05-05', {}, '2026-05-05T10:00:00Z'),
      sitting('b2', 'b', '2026-05-05', {}, '2026-05-05T15:00:00Z'),
      sitting('b0', 'b', '2026-05-05', {}, '2026-05-05T08:00:00Z'),
    ])
    assert.deepEqual(
      [...latest].map(([user, a]) => [user, a.id]),
      [
        ['a', 'a2'],
        ['b', 'b2'],
      ],
    )
    assert.equal(latestPerPerson([]).size, 0)
  })
})

describe('coverageOf: CF 3.1–3.3 as a group', () => {
  it('a team with two practitioners: A competent in 3.1, B can support others in 3.2, nobody in 3.3', () => {
    const a = member('a', { '3.1': 'competent', '3.2': 'developing', '3.3': 'not_yet' })
    const b = member('b', { '3.1': 'not_yet', '3.2': 'can_support_others' })
    assert.deepEqual(coverageOf([a, b]), [
      { areaId: '3.1', covered: true, coveredBy: [{ id: 'a', name: 'A', rating: 'competent' }] },
      { areaId: '3.2', covered: true, coveredBy: [{ id: 'b', name: 'B', rating: 'can_support_others' }] },
      { areaId: '3.3', covered: false, coveredBy: [] },
    ])
  })

  it('one member developing in 3.3 still leaves it uncovered', () => {
    const a = member('a', { '3.1': 'competent', '3.3': 'developing' })
    const b = member('b', { '3.2': 'can_support_others', '3.3': 'developing' })
    assert.deepEqual(
      coverageOf([a, b]).map((c) => [c.areaId, c.covered]),
      [
        ['3.1', true],
        ['3.2', true],
        ['3.3', false],
      ],
    )
  })

  it('names everyone who covers an area, and nobody without an assessment', () => {
    const coverage = coverageOf([member('a', { '3.1': 'competent' }), member('c', null), member('b', { '3.1': 'can_support_others' })])
    assert.deepEqual(coverage[0]?.coveredBy.map((m) => m.id), ['a', 'b'])
    assert.deepEqual(coverageOf([]).map((c) => c.covered), [false, false, false])
  })
})

describe('trainingNeeds', () => {
  it('counts not yet, developing and not rated per area, most needed first, ties in the framework’s order', () => {
    const everyArea = (rating: Rating) => Object.fromEntries(areasByDomain().flatMap((g) => g.areas).map((id) => [id, rating]))
    const a = member('a', { ...everyArea('competent'), '2.4': 'not_yet', '5.4': 'developing', '1.1': 'developing' })
    const b = member('b', { ...everyArea('can_support_others'), '5.4': 'not_yet' })
    delete b.latest?.ratings['1.1']
    const c = member('c', { ...everyArea('competent'), '5.4': 'developing' })
    const needs = trainingNeeds([a, b, c]).filter((n) => n.total > 0)
    assert.deepEqual(needs, [
      { areaId: '5.4', notYet: 1, developing: 2, notRated: 0, total: 3 },
      { areaId: '1.1', notYet: 0, developing: 1, notRated: 1, total: 2 },
      { areaId: '2.4', notYet: 1, developing: 0, notRated: 0, total: 1 },
    ])
  })

  it('counts a member with no assessment as not rated in every area', () => {
    const needs = trainingNeeds([member('a', null)])
    assert.equal(needs.length, 31)
    assert.ok(needs.every((n) => n.notRated === 1 && n.total === 1))
    assert.equal(needs[0]?.areaId, '1.1')
  })
})

describe('areasByDomain', () => {
  it('groups the 31 areas into the framework’s seven domains', () => {
    const groups = areasByDomain()
    assert.deepEqual(groups.map((g) => [g.domain, g.areas.length]), [
      [1, 8],
      [2, 8],
      [3, 3],
      [4, 2],
      [5, 7],
      [6, 2],
      [7, 1],
    ])
  })
})
