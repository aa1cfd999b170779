// The TypeScript-to-JavaScript step shared by `npm start`'s build (scripts/build.mjs, ADR 0025) and `npm test`'s
// (scripts/test.mjs, ADR 0026): esbuild, the transform tsx runs as each module loads, run once over a tree, file by
// file, no bundling. Types are checked by `npm run typecheck`, not here.
import { build } from 'esbuild'
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** The files under `dir`, relative, sorted. */
export const filesOf = (dir, prefix = '') =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesOf(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
    .sort()

/** Whether two trees hold the same files with the same bytes (false when either is missing). */
export const sameTree = (a, b) => {
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
const isModule = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')

/**
 * Compiles every module under `from` into `to` (same layout, `.js`), and copies every other file beside the output
 * with its modification time (the stylesheet is rebuilt only when app.scss is newer than the compiled one).
 * `tests` keeps the `*.test.ts` files (compiled, and their sources copied with the rest); `sources` copies the `.ts`
 * sources too, for tests that read them. Returns how many modules were compiled.
 */
export async function compileTree(from, to, { tests = false, sources = false, sourcemap = false } = {}) {
  const modules = filesOf(from)
    .filter((file) => isModule(file) && (tests || !isTest(file)))
    .map((file) => path.join(from, file))
  await build({
    entryPoints: modules,
    outdir: to,
    outbase: from,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    sourcemap,
    logLevel: 'warning',
  })
  cpSync(from, to, {
    recursive: true,
    preserveTimestamps: true,
    filter: (file) =>
      statSync(file).isDirectory() || (sources ? tests || !isTest(file) : !file.endsWith('.ts')),
  })
  return modules.length
}
