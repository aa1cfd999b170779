#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and bench/ with Node's test runner (unit, integration and browser).
// Extra arguments are passed to `node --test` (e.g. --test-name-pattern=sign-in), or name test files to run.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

const roots = ['src', 'test', 'bench']
const files = []
const walk = (dir) => {
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const entry of entries) {
    const full = path.join(dir, entry)
    if (entry === 'node_modules') continue
    if (statSync(full).isDirectory()) walk(full)
    else if (entry.endsWith('.test.ts')) files.push(full)
  }
}
const args = process.argv.slice(2)
const named = args.filter((a) => a.endsWith('.test.ts'))
const flags = args.filter((a) => !a.endsWith('.test.ts'))
if (named.length) files.push(...named)
else roots.forEach(walk)

// Longest first: with two files at a time, a long file started last runs alone at the end while the other core idles
// (the browser journeys sorted last, so it was one of them). Browser journeys cost the most, then files that open a
// database; within each, a larger file has more tests. Each file is a process of its own, so order changes nothing else.
const weight = (file) => {
  let source = ''
  try {
    source = readFileSync(file, 'utf8')
  } catch {
    // A named file that does not exist: node --test reports it.
  }
  const kind = file.includes(`test${path.sep}browser${path.sep}`) ? 2 : /startTestApp|openTestDatabase/.test(source) ? 1 : 0
  return kind * 1e9 + source.length
}
const weights = new Map(files.map((file) => [file, weight(file)]))
files.sort((a, b) => weights.get(b) - weights.get(a) || a.localeCompare(b))

// The run's cache (test/support/run-cache.ts): the first test file to need a migrated database makes one for the
// whole run, PGlite as a data-directory tarball and PostgreSQL as a template database, and the rest copy it. A run of
// one file has nobody to share with (making the copy would cost more than it saves), so it goes without.
const runId = randomBytes(6).toString('hex')
const cacheDir = files.length > 1 ? mkdtempSync(path.join(tmpdir(), 'cyswllt-test-')) : null
const env = { ...process.env, NODE_ENV: 'test', ...(cacheDir ? { CYSWLLT_TEST_CACHE_DIR: cacheDir, CYSWLLT_TEST_RUN_ID: runId } : {}) }

async function cleanUp() {
  if (!cacheDir) return
  rmSync(cacheDir, { recursive: true, force: true })
  if (!process.env.TEST_DATABASE_URL) return
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  try {
    await admin.connect()
    await admin.query(`drop database if exists cyswllt_template_${runId} with (force)`)
  } catch (error) {
    console.error(`could not drop the run's template database cyswllt_template_${runId}: ${error.message}`)
  } finally {
    await admin.end().catch(() => {})
  }
}

// Ctrl-C reaches the test runner too (same process group): let it stop the tests, then clean up.
process.on('SIGINT', () => {})
// Two files at a time on CI's two cores (TEST_CONCURRENCY overrides): three measured slower in CI (tests 1321 s
// against 1244 s). Node 20 sorts the files it is given, so the long browser suites (test/browser) run last: the
// longest-first order above does not take effect under Node 20 (docs/adr/0007-test-speed.md).
const concurrency = process.env.TEST_CONCURRENCY || String(Math.max(2, availableParallelism()))
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...flags, ...files], { stdio: 'inherit', env })
await cleanUp()
process.exit(result.status ?? 1)
