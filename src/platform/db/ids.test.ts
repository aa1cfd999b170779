import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { timeOrderedId } from './ids.js'

describe('time-ordered ids', () => {
  it('are version 7 UUIDs that start with the time and sort by it', () => {
    const at = Date.UTC(2026, 11, 5, 9, 30)
    const id = timeOrderedId(at)
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), at)
    const later = [at + 1, at + 1000, at + 86_400_000].map((t) => timeOrderedId(t))
    assert.deepEqual([id, ...later].sort(), [id, ...later])
  })

  it('differ within the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => timeOrderedId(1_800_000_000_000)))
    assert.equal(ids.size, 1000)
  })
})
