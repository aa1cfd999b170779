#!/usr/bin/env node
// Builds what `npm start` runs: src/ as JavaScript in dist/, beside copies of every other file the service reads
// (templates, message catalogues, reference JSON, Sass, assets), so dist/ stands where src/ stands and every path a
// module finds by import.meta.url (migrations/, .build/, node_modules/) is the same. ADR 0025 says why.
//
// esbuild does what tsx did at every start, once: the same transform, file by file, no bundling. Types are checked by
// `npm run typecheck`, not here. It takes about a second, so `npm start` always builds first.
import { compileTree, sameTree } from './compile.mjs'
import { renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const src = path.join(root, 'src')
const dist = path.join(root, 'dist')
// Built beside dist/ and swapped in whole, so a process starting from dist/ never meets half a build; and swapped in
// only when it differs, so builds of the same sources (tests in parallel, a second `npm start`) leave a service that is
// running from dist/ alone.
const staging = path.join(root, `.dist-${process.pid}`)

const started = Date.now()
rmSync(staging, { recursive: true, force: true })
let modules
try {
  // No source maps: stack traces name dist/ files, which read like their sources, and a map would cost memory in
  // every process (ADR 0025).
  modules = await compileTree(src, staging)
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
console.error(`built ${modules} modules into dist/ in ${Date.now() - started} ms`)
