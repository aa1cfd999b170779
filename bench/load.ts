import autocannon from 'autocannon'
import { type Latency, latency } from './stats.js'

/**
 * One load run with autocannon's programmatic API: a warm-up that is not counted, then exactly `requests` requests
 * over `connections` connections. Each response's own time is kept, so the median and p95 are exact (autocannon's
 * summary gives p97.5, not p95). A response whose status is not one the scenario expects counts as an error.
 */
export interface LoadRequest {
  method?: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface LoadSpec {
  url: string
  /** The request for the i-th call (0-based, counting the warm-up), so a scenario can vary pages or cookies. */
  request: (i: number) => LoadRequest
  requests: number
  warmup: number
  connections: number
  /** Statuses that mean success (default 200). */
  expect?: readonly number[]
}

export interface LoadResult extends Latency {
  requestsPerSecond: number
  seconds: number
  errors: number
  /** Responses by status, and connection errors and timeouts under "error" / "timeout". */
  statuses: Record<string, number>
  bytesPerResponse: number
}

async function fire(spec: LoadSpec, amount: number, offset: number, record: boolean) {
  const times: number[] = []
  const statuses: Record<string, number> = {}
  let bytes = 0
  let next = offset
  const connections = Math.max(1, Math.min(spec.connections, amount))
  const started = performance.now()
  let last = started
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections,
        amount,
        timeout: 60,
        // autocannon notices it is done on its sampling tick (1 s by default), which would stretch a short run.
        ...({ sampleInt: 50 } as object),
        requests: [
          {
            setupRequest: (req) => {
              const r = spec.request(next++)
              return { ...req, method: r.method ?? 'GET', path: r.path, headers: { ...r.headers }, body: r.body ?? '' }
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    )
    instance.on('response', (_client: unknown, status: number, resBytes: number, ms: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1
      bytes += resBytes
      if (record) times.push(ms)
      last = performance.now()
    })
  })
  // From the start to the last response, not to autocannon's end, which comes on its next sampling tick.
  const seconds = (last - started) / 1000
  if (result.errors) statuses.error = result.errors
  if (result.timeouts) statuses.timeout = result.timeouts
  return { times, statuses, bytes, seconds, result }
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmup > 0) await fire(spec, spec.warmup, 0, false)
  const run = await fire(spec, spec.requests, spec.warmup, true)
  const expect = spec.expect ?? [200]
  const answered = run.times.length
  const errors = Object.entries(run.statuses)
    .filter(([status]) => !expect.includes(Number(status)))
    .reduce((a, [, n]) => a + n, 0)
  return {
    ...latency(run.times),
    requestsPerSecond: Math.round((answered / run.seconds) * 10) / 10,
    seconds: Math.round(run.seconds * 100) / 100,
    errors,
    statuses: run.statuses,
    bytesPerResponse: answered ? Math.round(run.bytes / answered) : 0,
  }
}
