import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { sharedRead } from './page-reads.js'

// Stand-ins for two transactions: sharedRead only uses the object's identity.
const transaction = () => ({}) as Transaction<DB>

describe('reads shared by the person page’s sections', () => {
  it('runs a read once per transaction and key, and hands every asker the same rows', async () => {
    const trx = transaction()
    let reads = 0
    const read = async () => {
      reads += 1
      return [{ id: 'a' }]
    }
    const [first, second] = await Promise.all([sharedRead(trx, 'contacts:p1', read), sharedRead(trx, 'contacts:p1', read)])
    assert.equal(reads, 1)
    assert.equal(first, second)
    await sharedRead(trx, 'contacts:p2', read)
    assert.equal(reads, 2, 'another key is another read')
    await sharedRead(transaction(), 'contacts:p1', read)
    assert.equal(reads, 3, 'another transaction (another view) reads again')
  })
})
