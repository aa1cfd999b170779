import http from 'node:http'
import type { LoadRequest, LoadResult } from './load.js'
import { seededRandom } from '../src/features/synth/random.js'
import { latency } from './stats.js'

/**
 * Requests sent at a fixed average rate whatever the server does (an open loop), for the latency a page has under
 * the load the service is expected to carry (ADR 0024). autocannon's own rate limit sends each connection's share
 * of a second back to back at the start of the second, so its "20 a second" arrives as bursts of ten at once; and a
 * closed loop (a fixed number of connections, each sending when the last answer came) measures the page at
 * saturation, where latency is only the connections divided by the throughput.
 *
 * Arrivals are a Poisson process (exponential gaps from a seeded generator, so two runs send the same schedule), as
 * independent users' requests are. Each response's time counts from when its request was due, not when the client
 * got round to sending it, so a client or server that falls behind shows in the figures (no coordinated omission).
 */
export interface PacedSpec {
  url: string
  request: (i: number) => LoadRequest
  /** Requests per second, on average. */
  rate: number
  requests: number
  warmup: number
  expect?: readonly number[]
  seed?: number
}

/** The due times (ms from the start) of `count` Poisson arrivals at `rate` a second. */
export function arrivals(count: number, rate: number, random: () => number): number[] {
  const due: number[] = []
  let at = 0
  for (let i = 0; i < count; i++) {
    at += (-Math.log(1 - random()) / rate) * 1000
    due.push(at)
  }
  return due
}

function send(agent: http.Agent, base: URL, r: LoadRequest): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: r.method ?? 'GET',
        path: r.path,
        headers: r.headers ?? {},
      },
      (res) => {
        let bytes = 0
        res.on('data', (chunk: Buffer) => (bytes += chunk.length))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }))
        res.on('error', () => resolve({ status: 0, bytes }))
      },
    )
    req.on('error', () => resolve({ status: 0, bytes: 0 }))
    req.setTimeout(60_000, () => req.destroy())
    req.end(r.body ?? '')
  })
}

export async function runPaced(spec: PacedSpec): Promise<LoadResult> {
  const base = new URL(spec.url)
  // As many sockets as requests in flight need; kept alive, as a browser keeps its connection.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const random = seededRandom(spec.seed ?? 1)
  const total = spec.warmup + spec.requests
  const due = arrivals(total, spec.rate, random)
  const times: number[] = []
  const statuses: Record<string, number> = {}
  let bytes = 0
  let measuredFrom = 0
  let last = 0
  const started = performance.now()
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const wait = started + (due[i] as number) - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const dueAt = started + (due[i] as number)
    if (i === spec.warmup) measuredFrom = dueAt
    const counted = i >= spec.warmup
    inFlight.push(
      send(agent, base, spec.request(i)).then(({ status, bytes: b }) => {
        const now = performance.now()
        if (!counted) return
        statuses[status] = (statuses[status] ?? 0) + 1
        bytes += b
        times.push(now - dueAt)
        last = Math.max(last, now)
      }),
    )
  }
  await Promise.all(inFlight)
  agent.destroy()
  const expect = spec.expect ?? [200]
  const errors = Object.entries(statuses)
    .filter(([status]) => !expect.includes(Number(status)))
    .reduce((a, [, n]) => a + n, 0)
  const seconds = (last - measuredFrom) / 1000
  return {
    ...latency(times),
    requestsPerSecond: seconds > 0 ? Math.round((times.length / seconds) * 10) / 10 : 0,
    seconds: Math.round(seconds * 100) / 100,
    errors,
    statuses,
    bytesPerResponse: times.length ? Math.round(bytes / times.length) : 0,
  }
}
