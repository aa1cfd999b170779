import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it } from 'node:test'
import { seededRandom as seeded } from '../src/features/synth/random.js'
import { arrivals, runPaced } from './paced.js'

describe('requests at a fixed rate (ADR 0024)', () => {
  it('schedules Poisson arrivals at the rate, the same for the same seed', () => {
    const due = arrivals(20_000, 20, seeded(1))
    const meanGapMs = (due.at(-1) as number) / due.length
    assert.ok(Math.abs(meanGapMs - 50) < 2, `mean gap ${meanGapMs} ms at 20 a second`)
    assert.ok(
      due.every((t, i) => i === 0 || t >= (due[i - 1] as number)),
      'in order',
    )
    assert.deepEqual(arrivals(5, 20, seeded(7)), arrivals(5, 20, seeded(7)))
    assert.notDeepEqual(arrivals(5, 20, seeded(7)), arrivals(5, 20, seeded(8)))
  })

  it('sends every request whatever the server does, and counts each from when it was due', async () => {
    let seen = 0
    const server = http.createServer((req, res) => {
      seen += 1
      // Every third answer is slow, so requests overlap: an open loop does not wait for them.
      setTimeout(() => res.writeHead(req.url === '/missing' ? 404 : 200).end('hello'), seen % 3 === 0 ? 120 : 1)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const result = await runPaced({
        url,
        rate: 100,
        requests: 30,
        warmup: 3,
        request: (i) => ({ path: i === 10 ? '/missing' : '/' }),
      })
      assert.equal(seen, 33, 'the warm-up and the measured requests were all sent')
      assert.equal(result.n, 30)
      assert.equal(result.errors, 1, 'the 404 is an error')
      assert.deepEqual(result.statuses, { 200: 29, 404: 1 })
      assert.equal(result.bytesPerResponse, 5)
      assert.ok(result.maxMs >= 120, `a slow answer shows (max ${result.maxMs} ms)`)
      assert.ok(result.requestsPerSecond > 0)
    } finally {
      server.close()
    }
  })
})
