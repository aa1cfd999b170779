#!/usr/bin/env node
// Builds what `npm start` runs: src/ as JavaScript in dist/, beside copies of every other file the service reads
// (templates, message catalogues, reference JSON, Sass, assets), so dist/ stands where src/ stands and every path a
// module finds by import.meta.url (migrations/, .build/, node_modules/) is the same. ADR 0025 says why.
//
// esbuild does what tsx did at every start, once: the same transform, file by file, no bundling. Types are checked by
// `npm run typecheck`, not here. It takes about a second, so `npm start` always builds first.
import { build } from 'esbuild'
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const src = path.join(root, 'src')
const dist = path.join(root, 'dist')
// Built beside dist/ and swapped in whole, so a process starting from dist/ never meets half a build; and swapped in
// only when it differs, so builds of the same sources (tests in parallel, a second `npm start`) leave a service that is
// running from dist/ alone.
const staging = path.join(root, `.dist-${process.pid}`)

/** The files under `dir`, relative, sorted. */
const filesOf = (dir, prefix = '') =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesOf(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
    .sort()

const sameTree = (a, b) => {
  let filesA, filesB
  try {
    filesA = filesOf(a)
    filesB = filesOf(b)
  } catch {
    return false
  }
  return (
    filesA.length === filesB.length &&
    filesA.every(
      (file, i) => file === filesB[i] && readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))),
    )
  )
}

const isTest = (name) => name.endsWith('.test.ts')
const modules = []
const walk = (dir) => {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry)
    if (statSync(full).isDirectory()) walk(full)
    else if (entry.endsWith('.ts') && !isTest(entry)) modules.push(full)
  }
}
walk(src)

const started = Date.now()
rmSync(staging, { recursive: true, force: true })
try {
  await build({
    entryPoints: modules,
    outdir: staging,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    // Stack traces name dist/ files, which read like their sources; source maps would cost memory in every process.
    sourcemap: false,
    logLevel: 'warning',
  })
  // Everything else under src/ except tests, with its modification time: the stylesheet is rebuilt only when
  // app.scss is newer than the compiled one (src/platform/views/assets.ts).
  cpSync(src, staging, {
    recursive: true,
    preserveTimestamps: true,
    filter: (from) => statSync(from).isDirectory() || !from.endsWith('.ts'),
  })
  if (sameTree(staging, dist)) {
    rmSync(staging, { recursive: true, force: true })
  } else {
    rmSync(dist, { recursive: true, force: true })
    try {
      renameSync(staging, dist)
    } catch (error) {
      // Another build of ours swapped its own in between; it is this one unless the sources changed meanwhile.
      if (!sameTree(staging, dist)) throw error
      rmSync(staging, { recursive: true, force: true })
    }
  }
} catch (error) {
  rmSync(staging, { recursive: true, force: true })
  throw error
}
console.error(`built ${modules.length} modules into dist/ in ${Date.now() - started} ms`)
