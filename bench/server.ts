import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The real service, started as a child process the way the README starts it (`npm start`: `node dist/main.js` after
 * scripts/build.mjs, built once per bench process), on loopback with a free port. PostgreSQL runs it in production
 * mode; PGlite cannot (production refuses the embedded database), so it runs as NODE_ENV=test, which like production
 * caches templates (development re-reads them on every request).
 * SELF_REFERRAL_RATE_LIMIT is raised for this server only, so the write scenario can send hundreds of self-referrals
 * from one address (docs/configuration.md); every other protection stays as configured.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface RunningServer {
  url: string
  pid: number
  /** Output the server wrote (warnings and errors: LOG_LEVEL=warn), for the report when something fails. */
  output(): string
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

let built = false

/** Builds dist/ as `npm start` does, once in this process: a bench measures the code as it is now. */
export function buildService(): void {
  if (built) return
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  built = true
}

export async function startServer(database: { databaseUrl?: string; dataDir?: string }): Promise<RunningServer> {
  const port = await freePort()
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: database.databaseUrl ? 'production' : 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    SECURE_COOKIES: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    SELF_REFERRAL_RATE_LIMIT: '1000000',
    // The bench measures the cold report itself (rba-*-cold): a build of its own at start would run beside the first
    // scenarios and warm what they measure. BENCH_REPORT_PREWARM=true measures a server as it starts in production.
    REPORT_PREWARM: process.env.BENCH_REPORT_PREWARM === 'true' ? 'true' : 'false',
    // A setting to measure, such as a heap limit (docs/performance.md "How to run"); unset, the server runs as npm start.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    // glibc's malloc arenas, another setting that changes resident memory (docs/operations.md, "Memory").
    ...(process.env.BENCH_SERVER_MALLOC_ARENA_MAX
      ? { MALLOC_ARENA_MAX: process.env.BENCH_SERVER_MALLOC_ARENA_MAX }
      : {}),
    // glibc's threshold above which an allocation is its own mapping, returned to the system when freed (fixed, it
    // also stops glibc raising it after large frees); docs/operations.md, "Memory".
    ...(process.env.BENCH_SERVER_MALLOC_MMAP_THRESHOLD
      ? { MALLOC_MMAP_THRESHOLD_: process.env.BENCH_SERVER_MALLOC_MMAP_THRESHOLD }
      : {}),
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { DATA_DIR: database.dataDir ?? '' }),
  }
  // BENCH_SERVER_PROFILE=<folder>: a V8 CPU profile of the server, written there when it stops (Node refuses
  // --cpu-prof in NODE_OPTIONS, so it goes on the command line).
  const profile = process.env.BENCH_SERVER_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
    : []
  buildService()
  const child: ChildProcess = spawn(process.execPath, [...profile, 'dist/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exited = false
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true
      resolve()
    }),
  )
  const url = `http://127.0.0.1:${port}`
  const started = Date.now()
  for (;;) {
    if (exited) throw new Error(`The server stopped while starting:\n${output}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) {
      child.kill('SIGKILL')
      throw new Error(`The server did not answer /healthz within 120 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    pid: child.pid as number,
    output: () => output,
    async stop() {
      if (exited) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await exit
      clearTimeout(timer)
    },
  }
}

/**
 * Resident memory of a process (VmRSS, Linux), sampled every 100 ms while `stop` is not called; null elsewhere.
 * `window` gives the highest since the last `window` (or the start) and opens a new one, so each scenario's own peak
 * can be told from the run's.
 */
export function sampleMemory(pid: number): {
  window(): number | null
  stop(): { maxRssMb: number | null; samples: number }
} {
  let max = 0
  let windowMax = 0
  let samples = 0
  const read = () => {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
      if (kb) {
        max = Math.max(max, Number(kb))
        windowMax = Math.max(windowMax, Number(kb))
        samples += 1
      }
    } catch {
      // not Linux, or the process has gone
    }
  }
  read()
  const timer = setInterval(read, 100)
  return {
    window() {
      read()
      const highest = samples ? Math.round(windowMax / 1024) : null
      windowMax = 0
      read()
      return highest
    },
    stop() {
      clearInterval(timer)
      read()
      return { maxRssMb: samples ? Math.round(max / 1024) : null, samples }
    },
  }
}
