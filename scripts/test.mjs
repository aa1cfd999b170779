#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and bench/ with Node's test runner (unit, integration and browser).
// Extra arguments are passed to `node --test` (e.g. --test-name-pattern=sign-in), or name test files to run.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

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
files.sort()

const env = { ...process.env, NODE_ENV: 'test' }
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...flags, ...files], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
