#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and bench/ with Node's test runner (unit, integration and browser).
// Extra arguments are passed to `node --test` (e.g. --test-name-pattern=sign-in), or name test files to run.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import pg from 'pg'
import { compileTree } from './compile.mjs'

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
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
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
  return kindOf(file, source) * 1e9 + source.length
}
const kindOf = (file, source) => (file.includes(`test${path.sep}browser${path.sep}`) ? 2 : /startTestApp|openTestDatabase/.test(source) ? 1 : 0)
const weights = new Map(files.map((file) => [file, weight(file)]))

// The tests run as JavaScript compiled once for the run, not under tsx (ADR 0026): tsx cost every test process about
// two seconds of CPU before its first test (its loader thread, resolving and reading every module, its own and
// node_modules'), and a run is about seventy processes on two cores. esbuild is the transform tsx runs, so the code
// is the same; source maps keep stack traces pointing at the .ts lines. The compiled tree stands one level below the
// root, as src/ does, with every other entry of the root linked into it, so every path a module finds by
// import.meta.url (migrations/, .build/, node_modules/, dist/) is the one it finds from the sources. The .ts sources
// are copied too: some tests read them. TEST_TSX=1 runs the sources under tsx instead.
const useTsx = process.env.TEST_TSX === '1'
const compiledRoots = ['src', 'test', 'bench']
const compiledPrefix = '.test-dist-'
const compiled = useTsx ? null : path.join(root, `${compiledPrefix}${process.pid}`)
const isRunning = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}
async function compileTests() {
  // Trees left by runs that were killed before they could remove their own.
  for (const entry of readdirSync(root)) {
    const pid = entry.startsWith(compiledPrefix) ? Number(entry.slice(compiledPrefix.length)) : NaN
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(path.join(root, entry), { recursive: true, force: true })
  }
  const began = Date.now()
  rmSync(compiled, { recursive: true, force: true })
  const counts = await Promise.all(
    compiledRoots.map((dir) => compileTree(path.join(root, dir), path.join(compiled, dir), { tests: true, sources: true, sourcemap: true })),
  )
  // The stylesheet's folder is made here first: a link to a folder that does not exist yet cannot be made into one.
  mkdirSync(path.join(root, '.build'), { recursive: true })
  const linked = new Set([...readdirSync(root), 'dist'])
  for (const entry of linked) {
    if (compiledRoots.includes(entry) || entry === '.git' || entry.startsWith(compiledPrefix) || entry.startsWith('.dist-')) continue
    symlinkSync(path.join('..', entry), path.join(compiled, entry))
  }
  console.log(`compiled ${counts.reduce((a, b) => a + b, 0)} modules for the tests in ${Date.now() - began} ms`)
}
/** Where a test file's compiled JavaScript is (the file itself under TEST_TSX=1). */
const runnable = (file) => {
  if (!compiled) return path.resolve(file)
  const relative = path.relative(root, path.resolve(file))
  if (!compiledRoots.some((dir) => relative.startsWith(`${dir}${path.sep}`)))
    throw new Error(`${file}: test files live under ${compiledRoots.join(', ')}`)
  return path.join(compiled, relative.replace(/\.ts$/, '.js'))
}
files.sort((a, b) => weights.get(b) - weights.get(a) || a.localeCompare(b))

// The run's cache (test/support/run-cache.ts): the first test file to need a migrated database makes one for the
// whole run, PGlite as a data-directory tarball and PostgreSQL as a template database, and the rest copy it. A run of
// one file has nobody to share with (making the copy would cost more than it saves), so it goes without.
const runId = randomBytes(6).toString('hex')
const cacheDir = files.length > 1 ? mkdtempSync(path.join(tmpdir(), 'cyswllt-test-')) : null
const env = { ...process.env, NODE_ENV: 'test', ...(cacheDir ? { CYSWLLT_TEST_CACHE_DIR: cacheDir, CYSWLLT_TEST_RUN_ID: runId } : {}) }

// Several files to a process (ADR 0007, fourth addendum). A process costs about three seconds of CPU before its first
// test (Node, tsx, and the app's modules for a file that starts it), which was a quarter of the run for the hundred-odd
// files that open a database. Files that need only Node, or a database of their own, share a process with others of
// their kind; each still opens its own database, and the app keeps its caches per database, so nothing else is
// shared. Browser journeys are long, keep their process to themselves and come first. TEST_GROUP_SIZE=1 runs one
// file per process, as before.
const groupSizes = { 0: 12, 1: 4, 2: 1 }
const groupOverride = Number(process.env.TEST_GROUP_SIZE) || 0
const units = []
for (const file of files) {
  const kind = Math.floor(weights.get(file) / 1e9)
  const size = cacheDir ? groupOverride || groupSizes[kind] : 1
  const last = units.at(-1)
  if (last && last.kind === kind && last.files.length < size) last.files.push(file)
  else units.push({ kind, files: [file] })
}
const entryOf = (unit, index) => {
  if (unit.files.length === 1) return runnable(unit.files[0])
  // Imported one after another: each file's suites are queued on the process's root test in that order.
  const entry = path.join(cacheDir, `group-${index}.mjs`)
  const urls = unit.files.map((file) => JSON.stringify(pathToFileURL(runnable(file)).href))
  writeFileSync(entry, `for (const file of [${urls.join(', ')}]) await import(file)\n`)
  return entry
}

async function cleanUp() {
  if (compiled) rmSync(compiled, { recursive: true, force: true })
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

// Ctrl-C reaches the test files too (same process group): let them stop, then clean up. A TERM sent to this script
// alone (a CI job cancelled) would otherwise leave the running files, and the queue, going: stop them and clean up.
const running = new Set()
let stopping = false
process.on('SIGINT', () => {
  stopping = true
})
process.on('SIGTERM', () => {
  stopping = true
  for (const child of running) child.kill('SIGTERM')
  cleanUp().finally(() => process.exit(143))
})

// Our own scheduler, not `node --test a b c`: Node 20 sorts the files it is given, which put the long browser journeys
// last whatever order we chose (docs/adr/0007-test-speed.md). Each process runs as `node --test <file>` (a file, or
// the entry importing a group's files), at most `concurrency` at once, in the longest-first order above; its report
// is printed whole when it ends, so parallel processes do not interleave. Two at a time on CI's two cores (TEST_CONCURRENCY overrides):
// three measured slower (tests 1321 s against 1244 s).
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY) || Math.max(2, availableParallelism()))
const reporter = flags.some((f) => f.startsWith('--test-reporter')) ? [] : ['--test-reporter=spec']
const totals = { tests: 0, pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 }
const failed = []
const durations = []
const started = Date.now()

function runUnit(unit, index) {
  return new Promise((resolve) => {
    const fileStarted = Date.now()
    const loader = compiled ? ['--enable-source-maps'] : ['--import', 'tsx']
    const child = spawn(process.execPath, [...loader, '--test', ...reporter, ...flags, entryOf(unit, index)], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    const chunks = []
    child.stdout.on('data', (c) => chunks.push(c))
    child.stderr.on('data', (c) => chunks.push(c))
    child.on('close', (code, signal) => {
      running.delete(child)
      const output = Buffer.concat(chunks).toString('utf8')
      // The spec reporter ends with "ℹ tests 12" … lines; the TAP reporter with "# tests 12".
      for (const key of Object.keys(totals)) {
        const match = output.match(new RegExp(`^(?:ℹ|#) ${key} (\\d+)$`, 'm'))
        if (match) totals[key] += Number(match[1])
      }
      const seconds = ((Date.now() - fileStarted) / 1000).toFixed(1)
      const ok = code === 0
      const name = unit.files.map((file) => path.relative(process.cwd(), file)).join(' + ')
      if (!ok) failed.push(name)
      durations.push([name, Number(seconds)])
      process.stdout.write(`\n▶ ${name} — ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s\n${output}`)
      resolve()
    })
  })
}

if (compiled) {
  try {
    await compileTests()
  } catch (error) {
    await cleanUp()
    throw error
  }
}
const queue = units.map((unit, index) => [unit, index])
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    while (queue.length && !stopping) await runUnit(...queue.shift())
  })
)
await cleanUp()
if (stopping) {
  console.log(`\nInterrupted: ${queue.length} files not run.`)
  process.exit(130)
}
const wall = ((Date.now() - started) / 1000).toFixed(0)
console.log(`\n${files.length} files in ${units.length} processes, ${concurrency} at a time, ${wall} s: ${Object.entries(totals).map(([k, v]) => `${k} ${v}`).join(', ')}`)
// The slowest processes, to see where the time goes and whether the order above still starts them first.
const slowest = durations.sort((a, b) => b[1] - a[1]).slice(0, 8)
console.log(`slowest: ${slowest.map(([name, s]) => `${name} ${s} s`).join(', ')}`)
if (failed.length) {
  // A process of several files failed: the failing test is named in its report above, with its file.
  console.log(`\nFAILED files:\n${failed.map((name) => `  ${name}`).join('\n')}`)
  process.exit(1)
}
