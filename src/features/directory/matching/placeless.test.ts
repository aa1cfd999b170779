import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { NEAR_KEPT, nearServices } from './placeless.js'

describe('near candidates kept per directory version', () => {
  const counting = () => {
    const reads: string[] = []
    const read = (key: string) => () => {
      reads.push(key)
      return Promise.resolve([key])
    }
    return { reads, read }
  }

  it('reads a key once per version, and again when the version moves', async () => {
    const database = {}
    const { reads, read } = counting()
    assert.deepEqual(await nearServices(database, '1', 'a', read('a')), ['a'])
    assert.deepEqual(await nearServices(database, '1', 'a', read('a')), ['a'])
    assert.deepEqual(reads, ['a'])
    await nearServices(database, '2', 'a', read('a'))
    assert.deepEqual(reads, ['a', 'a'], 'a change to the directory reads the list again')
    await nearServices({}, '2', 'a', read('a'))
    assert.deepEqual(reads, ['a', 'a', 'a'], 'each database keeps its own')
  })

  it(`keeps at most ${NEAR_KEPT}, dropping the least recently used`, async () => {
    const database = {}
    const { reads, read } = counting()
    for (let i = 0; i < NEAR_KEPT; i++) await nearServices(database, '1', `k${i}`, read(`k${i}`))
    await nearServices(database, '1', 'k0', read('k0')) // used again: now the most recent
    await nearServices(database, '1', 'new', read('new')) // one too many: k1 goes
    reads.length = 0
    await nearServices(database, '1', 'k0', read('k0'))
    await nearServices(database, '1', 'k2', read('k2'))
    assert.deepEqual(reads, [])
    await nearServices(database, '1', 'k1', read('k1'))
    assert.deepEqual(reads, ['k1'])
  })

  it('does not keep a read that failed', async () => {
    const database = {}
    let calls = 0
    const failing = () => {
      calls++
      return Promise.reject(new Error('connection lost'))
    }
    await assert.rejects(nearServices(database, '1', 'x', failing), /connection lost/)
    await assert.rejects(nearServices(database, '1', 'x', failing), /connection lost/)
    assert.equal(calls, 2)
  })
})
