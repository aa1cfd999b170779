import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { earthPoint } from '../earth.js'
import { keep } from './kept-directory.js'
import { firstAtLeast } from './repository.js'

describe('the kept directory (typed arrays, issue 9)', () => {
  it('numbers the codes, keeps each service’s codes in their order and the places of services in a category', () => {
    const row = (id: string, lists: string[]) =>
      ({
        id,
        name: id,
        name_cy: null,
        status: 'active',
        published: true,
        accessibility_features: [...lists],
        welsh_provision: 'bilingual',
        life_stages: [...lists],
        minimum_age: null,
        maximum_age: '120',
        capacity_status: 'open',
        waiting_list_weeks: null,
        attending_types: [],
      }) as unknown as Parameters<typeof keep>[0][number]
    const columns = [row('walk', ['a', 'b']), row('helpline', []), row('uncategorised', []), row('choir', ['a', 'b'])]
    const kept = keep(
      columns,
      [
        { id: 'walk', codes: ['physical-activity', 'social'] },
        { id: 'choir', codes: ['arts', 'social'] },
        // Made active after the columns were read: it has categories but no columns, and is left out.
        { id: 'just-opened', codes: ['arts'] },
      ],
      [
        { service_id: 'walk', latitude: '51.48', longitude: '-3.18' },
        { service_id: 'uncategorised', latitude: 52.41, longitude: -4.08 },
        { service_id: 'choir', latitude: 53.22, longitude: -4.13 },
        { service_id: 'walk', latitude: 51.5, longitude: -3.2 },
      ],
      [{ id: 'choir' }, { id: 'helpline' }],
    )
    assert.deepEqual(kept.codes, ['physical-activity', 'social', 'arts'])
    assert.deepEqual(kept.services.ids, ['walk', 'choir'])
    // A placeless service in no category (the helpline here) is never suggested: it is not kept.
    assert.deepEqual([...kept.placeless], [1])
    // Each kept service's columns by its index, the lists services share kept once.
    assert.deepEqual(
      kept.columns.map((c) => c.id),
      ['walk', 'choir'],
    )
    assert.equal(kept.columns[0]?.accessibility_features, kept.columns[1]?.accessibility_features)
    assert.equal(kept.columns[0]?.accessibility_features, kept.columns[0]?.life_stages)
    assert.deepEqual(kept.columns[1]?.life_stages, ['a', 'b'])
    const codesOf = (i: number) =>
      [...kept.services.codes.subarray(kept.services.starts[i], kept.services.starts[i + 1])].map((c) => kept.codes[c])
    assert.deepEqual(codesOf(0), ['physical-activity', 'social'])
    assert.deepEqual(codesOf(1), ['arts', 'social'])
    // The uncategorised service's place is left out: nothing in no category can be suggested. The rest are in order
    // of z (south to north here: Cardiff, Cardiff, Bangor).
    assert.deepEqual([...kept.places.service], [0, 0, 1])
    assert.ok(kept.places.z.every((z, i) => i === 0 || z >= (kept.places.z[i - 1] as number)))
    const cardiff = earthPoint(51.48, -3.18)
    assert.deepEqual([kept.places.x[0], kept.places.y[0], kept.places.z[0]], [cardiff.x, cardiff.y, cardiff.z])
  })
})

describe('the band of places matching looks at', () => {
  it('finds the first value at least as large, in an ascending array', () => {
    const sorted = Float64Array.from([1, 2, 2, 5])
    assert.deepEqual(
      [0, 1, 2, 3, 5, 6, Number.NEGATIVE_INFINITY].map((v) => firstAtLeast(sorted, v)),
      [0, 0, 1, 3, 3, 4, 0],
    )
    assert.equal(firstAtLeast(new Float64Array(0), 1), 0)
  })
})
