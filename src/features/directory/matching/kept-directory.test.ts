import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { earthPoint } from '../earth.js'
import { keep } from './kept-directory.js'

describe('the kept directory (typed arrays, issue 9)', () => {
  it('numbers the codes, keeps each service’s codes in their order and the places of services in a category', () => {
    const placeless = [{ id: 'choir' }, { id: 'helpline' }] as Parameters<typeof keep>[0]
    const kept = keep(
      placeless,
      [
        { id: 'walk', codes: ['physical-activity', 'social'] },
        { id: 'choir', codes: ['arts', 'social'] },
      ],
      [
        { service_id: 'walk', latitude: '51.48', longitude: '-3.18' },
        { service_id: 'uncategorised', latitude: 52.41, longitude: -4.08 },
        { service_id: 'choir', latitude: 53.22, longitude: -4.13 },
        { service_id: 'walk', latitude: 51.5, longitude: -3.2 },
      ],
    )
    assert.deepEqual(kept.codes, ['physical-activity', 'social', 'arts'])
    assert.deepEqual(kept.services.ids, ['walk', 'choir'])
    // A placeless service in no category (the helpline here) is never suggested: -1.
    assert.deepEqual([...kept.placelessService], [1, -1])
    const codesOf = (i: number) =>
      [...kept.services.codes.subarray(kept.services.starts[i], kept.services.starts[i + 1])].map((c) => kept.codes[c])
    assert.deepEqual(codesOf(0), ['physical-activity', 'social'])
    assert.deepEqual(codesOf(1), ['arts', 'social'])
    // The uncategorised service's place is left out: nothing in no category can be suggested.
    assert.deepEqual([...kept.places.service], [0, 1, 0])
    const cardiff = earthPoint(51.48, -3.18)
    assert.deepEqual([kept.places.x[0], kept.places.y[0], kept.places.z[0]], [cardiff.x, cardiff.y, cardiff.z])
  })
})
