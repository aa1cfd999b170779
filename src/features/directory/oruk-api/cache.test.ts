import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { OrukCache } from './cache.js'

/* The cache's own rules, without a database: one version at a time, bounded, least recently used out first. */
describe('ORUK cache', () => {
  it('keeps strings under the version they were read at, and empties itself when the version moves', () => {
    const cache = new OrukCache(1000)
    assert.equal(cache.get('1', 'a'), undefined)
    cache.set('1', 'a', Buffer.from('first'))
    assert.equal(cache.get('1', 'a')?.toString(), 'first')
    assert.equal(cache.get('2', 'a'), undefined, 'another version sees nothing kept under the old one')
    assert.deepEqual(cache.size(), { entries: 0, bytes: 0 })
  })

  it('does not keep what was read under a version it has since left', () => {
    const cache = new OrukCache(1000)
    assert.equal(cache.get('1', 'a'), undefined)
    assert.equal(cache.get('2', 'b'), undefined)
    // A slow request that read version 1 finishes after one that read version 2.
    cache.set('1', 'a', Buffer.from('old'))
    assert.equal(cache.get('2', 'a'), undefined)
  })

  it('stays within its size, dropping the least recently used first', () => {
    const cache = new OrukCache(10)
    cache.get('1', 'x')
    cache.set('1', 'a', Buffer.from('aaaa'))
    cache.set('1', 'b', Buffer.from('bbbb'))
    assert.equal(cache.get('1', 'a')?.toString(), 'aaaa')
    cache.set('1', 'c', Buffer.from('cccc'))
    assert.equal(cache.get('1', 'b'), undefined, 'b was the least recently used')
    assert.equal(cache.get('1', 'a')?.toString(), 'aaaa')
    assert.equal(cache.get('1', 'c')?.toString(), 'cccc')
    assert.deepEqual(cache.size(), { entries: 2, bytes: 8 })
    cache.set('1', 'huge', Buffer.from('x'.repeat(11)))
    assert.equal(cache.get('1', 'huge'), undefined, 'a string larger than the whole cache is not kept')
    assert.equal(cache.get('1', 'a')?.toString(), 'aaaa')
  })

  it('loads the id order once per version, and again after a failed load', async () => {
    const cache = new OrukCache(10)
    let loads = 0
    const load = async () => {
      loads++
      return ['s1', 's2']
    }
    assert.deepEqual(await cache.visibleIds('1', load), ['s1', 's2'])
    await cache.visibleIds('1', load)
    assert.equal(loads, 1)
    await cache.visibleIds('2', load)
    assert.equal(loads, 2)
    await assert.rejects(cache.visibleIds('3', () => Promise.reject(new Error('database gone'))))
    assert.deepEqual(await cache.visibleIds('3', load), ['s1', 's2'])
  })

  it('lets requests wait for a body on its way, and forgets it once it is read or has failed', async () => {
    const cache = new OrukCache(1000)
    cache.get('1', 'a')
    let finish: (body: Buffer) => void = () => {}
    const body = new Promise<Buffer | undefined>((resolve) => (finish = resolve))
    cache.read('1', 'a', body)
    assert.equal(cache.reading('1', 'a'), body)
    assert.ok(cache.holds('1', 'a'))
    assert.equal(cache.reading('2', 'a'), undefined, 'another version does not join it')
    finish(Buffer.from('done'))
    await body
    await Promise.resolve()
    assert.equal(cache.reading('1', 'a'), undefined)
    assert.equal(cache.holds('1', 'a'), false, 'read, but not kept until someone keeps it')
    const failing = Promise.reject(new Error('database gone'))
    cache.read('1', 'b', failing)
    await assert.rejects(cache.reading('1', 'b') as Promise<unknown>)
    await Promise.resolve()
    assert.equal(cache.reading('1', 'b'), undefined)
    cache.read('1', 'c', new Promise(() => {}))
    cache.get('2', 'c')
    assert.equal(cache.holds('2', 'c'), false, 'a new version forgets the reads of the old one')
  })
})
