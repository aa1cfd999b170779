import assert from 'node:assert/strict'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { before, describe, it } from 'node:test'
import pg from 'pg'

/*
 * The service as `npm start` runs it (built by scripts/build.mjs, then `node dist/main.js`): a real process on a
 * loopback port that creates its database, applies migrations, loads demo data, serves, and stops cleanly on SIGTERM.
 */
before(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] })
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = ''
  const child = spawn(process.execPath, ['dist/main.js'], { env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** `before`: what the log must say before the service is stopped (something it does in the background). */
async function runService(env: Record<string, string>, before?: RegExp) {
  const port = await freePort()
  const service = start({ PORT: String(port), ...env })
  await waitFor(() => service.output().includes('Cyswllt is listening') || service.child.exitCode !== null, 'the service to listen')
  assert.match(service.output(), /Cyswllt is listening/, service.output())
  const base = `http://127.0.0.1:${port}`
  const ready = await fetch(`${base}/readyz`)
  assert.equal(ready.status, 200)
  const start_ = await fetch(`${base}/?lng=cy`)
  assert.match(await start_.text(), /<html lang="cy"/)
  // Word searches on the demo directory, then the database must still answer: on PGlite on disk the trigram
  // similarity operator once left the embedded database hung after the first search (docs/adr/0006).
  for (const words of ['grwp cerdded', 'walking group', 'cor']) {
    const search = await fetch(`${base}/directory?lng=en&q=${encodeURIComponent(words)}`, { signal: AbortSignal.timeout(15_000) })
    assert.equal(search.status, 200)
    assert.doesNotMatch(await search.text(), /No services match your search/, words)
  }
  assert.equal((await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(15_000) })).status, 200)
  if (before) await waitFor(() => before.test(service.output()), String(before))
  service.child.kill('SIGTERM')
  assert.equal(await service.exited, 0, service.output())
  assert.match(service.output(), /"event":"shutdown.done"/)
  return service.output()
}

describe('the service process', () => {
  it('starts on the embedded database with demo data, prints the generated password once, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cyswllt-main-'))
    try {
      const first = await runService({ DATA_DIR: dataDir, DEMO_PASSWORD: '', DATABASE_URL: '' })
      assert.match(first, /shown only now: \S+/)
      // The default reports are built at start on PostgreSQL only (ADR 0021).
      assert.doesNotMatch(first, /report_prewarm/)
      assert.doesNotMatch(first, /"password"/)
      const second = await runService({ DATA_DIR: dataDir, DEMO_PASSWORD: '', DATABASE_URL: '' })
      assert.doesNotMatch(second, /shown only now/)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses to start in production without its required settings', async () => {
    const service = start({ NODE_ENV: 'production', DATABASE_URL: '', SESSION_SECRET: '' })
    assert.equal(await service.exited, 78)
    assert.match(service.output(), /DATABASE_URL is required in production/)
  })

  it('runs on PostgreSQL when DATABASE_URL is set', { skip: process.env.TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL is not set' }, async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    const name = `cyswllt_main_${process.pid}`
    await admin.query(`create database ${name}`)
    try {
      const url = new URL(process.env.TEST_DATABASE_URL as string)
      url.pathname = `/${name}`
      // And builds the default all-Wales reports once it listens (REPORT_PREWARM, ADR 0021), which it logs.
      const output = await runService({ DATABASE_URL: url.toString(), DEMO_PASSWORD: 'a-password-for-the-test' }, /"event":"report_prewarm\.done"/)
      assert.match(output, /"database":"postgres"/)
      assert.match(output, /"event":"report_prewarm\.done","reports":2,"months":\d+/)
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  })
})
