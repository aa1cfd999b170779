import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countRow, firstSeen, type KeyGroup, KeySet, keysFromHex, tallyRows } from './monthly-set.js'

/** A group of keys given as small numbers, each made a 16-byte key as the statements' hex keys are. */
const group = (codes: Record<string, unknown>, ...keys: number[]): KeyGroup => ({
  codes,
  keys: keysFromHex(keys.map((k) => k.toString(16).padStart(32, '0')).join('')),
})

describe('month sets: the pure pieces (issue 9, ADR 0020)', () => {
  it('counts each key once, in the first group it is found in', () => {
    const latest = group({ sex: 'female' }, 1, 2, 3)
    const earlier = group({ sex: 'male' }, 3, 4)
    const counted = firstSeen([latest, earlier])
    assert.deepEqual(
      counted.map((c) => c.count),
      [3, 1],
    )
    assert.equal(countRow(counted, 'people').n, 4)
    assert.deepEqual(
      tallyRows(counted, 'person.sex', 'sex').map((r) => [r.code, r.n]),
      [
        ['female', 3],
        ['male', 1],
      ],
    )
  })

  it('shares what it has seen between calls, so one group can be counted before another', () => {
    const seen = new KeySet()
    const notEvery = firstSeen([group({ every: false }, 7, 8)], seen)
    const every = firstSeen([group({ every: true }, 8, 9), group({ every: true }, 9, 10)], seen)
    assert.equal(countRow(notEvery, 'x').n, 2)
    assert.equal(countRow(every, 'x').n, 2, 'key 8 was counted already; key 9 once')
  })

  it('tallies arrays of codes by element, booleans and numbers as text, and null as null', () => {
    const counted = firstSeen([
      group({ themes: ['a', 'b'], used: true, band: 3 }, 1, 2),
      group({ themes: [], used: null, band: null }, 3),
      group({ themes: ['b'], used: false, band: 3 }, 1),
    ])
    assert.deepEqual(
      tallyRows(counted, 't', 'themes').map((r) => [r.code, r.n]),
      [
        ['a', 2],
        ['b', 2],
      ],
    )
    assert.deepEqual(
      tallyRows(counted, 'u', 'used').map((r) => [r.code, r.n]),
      [
        ['true', 2],
        [null, 1],
      ],
    )
    assert.deepEqual(
      tallyRows(counted, 'b', 'band').map((r) => [r.code, r.n]),
      [
        ['3', 2],
        [null, 1],
      ],
    )
  })

  it('holds exactly the distinct keys, as a set of their hex would, through growth and collisions', () => {
    let seed = 3
    const word = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed.toString(16).padStart(8, '0')
    }
    // Keys that share three of their four words collide far more often than random ones.
    const hex = Array.from({ length: 30000 }, (_, i) => (i % 3 === 0 ? `${word()}0000000000000000${word()}` : `${word()}${word()}${word()}${word()}`))
    const keys = keysFromHex([...hex, ...hex.slice(0, 10000)].join(''))
    const set = new KeySet()
    let added = 0
    for (let at = 0; at < keys.length; at += 4) if (set.add(keys, at)) added++
    assert.equal(added, new Set(hex).size)
    assert.equal(set.size, new Set(hex).size)
    for (let at = 0; at < keys.length; at += 4) assert.equal(set.add(keys, at), false)
  })

  it('reads an empty group (no keys: string_agg of no rows is null) as no keys', () => {
    assert.equal(countRow(firstSeen([group({})]), 'x').n, 0)
  })
})
