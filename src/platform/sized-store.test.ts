import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SizedStore } from './sized-store.js'

describe('sized store', () => {
  it('keeps values up to its size, dropping the least recently used, and never one larger than itself', () => {
    const store = new SizedStore<string>(10)
    store.set('a', 'A', 4)
    store.set('b', 'B', 4)
    assert.equal(store.get('a'), 'A')
    store.set('c', 'C', 4)
    assert.equal(store.get('b'), undefined, 'b was the least recently used')
    assert.equal(store.get('a'), 'A')
    assert.equal(store.size, 8)
    store.set('a', 'A2', 2)
    assert.equal(store.size, 6, 'a value set again counts once')
    store.set('huge', 'H', 11)
    assert.equal(store.get('huge'), undefined)
    assert.equal(store.entries, 2)
  })
})
