import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { MIN_COMPRESSED_BYTES } from '../http/compression.js'
import { sourceRoot } from '../i18n/i18n.js'
import { govukDist } from './views.js'

const scss = path.join(sourceRoot, 'platform/views/app.scss')
export const assetsDir = path.join(sourceRoot, 'platform/views/assets')
export const buildDir = path.resolve(sourceRoot, '../.build')
export const govukAssetsDir = path.join(govukDist, 'govuk/assets')

/**
 * The stylesheet: GOV.UK Frontend's Sass with Cyswllt's font and colours, compiled once and kept in `.build/`
 * until app.scss or govuk-frontend changes (compiling takes a couple of seconds). The Sass compiler is loaded only
 * when it has to compile: once loaded it holds about 60 MB of the process's memory for nothing (issue 9, measured).
 */
export async function buildStylesheet(): Promise<string> {
  const out = path.join(buildDir, 'app.css')
  const govukVersion = (JSON.parse(readFileSync(path.join(govukDist, '../package.json'), 'utf8')) as { version: string }).version
  const stamp = `/* govuk-frontend ${govukVersion} */\n`
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(scss).mtimeMs && readFileSync(out, 'utf8').startsWith(stamp)) return out
  const sass = await import('sass')
  const result = sass.compile(scss, { loadPaths: [govukDist], style: 'compressed', quietDeps: true, silenceDeprecations: ['import'] })
  mkdirSync(buildDir, { recursive: true })
  // Write then rename (atomic), so a test process running in parallel never reads half a file.
  const tmp = `${out}.${process.pid}.tmp`
  writeFileSync(tmp, stamp + result.css)
  renameSync(tmp, out)
  return out
}

/** Where `/assets/` and `/assets/govuk/` are served from (`preparePublicAssets`). */
export interface PublicAssets {
  own: string
  govuk: string
}

/** The kinds of file that gain from compression: text, and the icon (an uncompressed bitmap). */
const COMPRESSIBLE = /\.(?:css|js|mjs|json|svg|ico|txt|map)$/

/**
 * Every file the service serves under `/assets/`, gathered in `.build/public/` with, beside each that gains from it,
 * a brotli (`.br`, best quality) and a gzip (`.gz`, level 9) version, made once, so that `@fastify/static`
 * (`preCompressed`) sends a browser the smallest it accepts without compressing anything per request (issue 9,
 * ADR 0015). The stylesheet, our own files and GOV.UK Frontend's are copied there (node_modules is left as it is).
 * A copy and its compressed versions take the mtime of their source, so they are redone only when it changes and
 * ETags do not change from one start to the next; files no longer served are removed.
 */
export function preparePublicAssets(stylesheet: string): PublicAssets {
  const publicDir = path.join(buildDir, 'public')
  const own = path.join(publicDir, 'own')
  const govuk = path.join(publicDir, 'govuk')
  const sources = new Map<string, string>()
  for (const file of readdirSync(assetsDir)) sources.set(path.join(own, file), path.join(assetsDir, file))
  sources.set(path.join(own, 'app.css'), stylesheet)
  sources.set(path.join(own, 'govuk-frontend.min.js'), path.join(govukDist, 'govuk/govuk-frontend.min.js'))
  for (const file of filesUnder(govukAssetsDir)) sources.set(path.join(govuk, file), path.join(govukAssetsDir, file))

  const wanted = new Set<string>()
  for (const [target, source] of sources) {
    wanted.add(target)
    const stat = statSync(source)
    if (!sameFile(target, stat)) writeAtomically(target, stat, (tmp) => copyFileSync(source, tmp))
    if (!COMPRESSIBLE.test(target) || stat.size < MIN_COMPRESSED_BYTES) continue
    let body: Buffer | undefined
    const read = () => (body ??= readFileSync(source))
    for (const [extension, compress] of encoders) {
      const compressed = target + extension
      if (!existsSync(compressed) || !sameTime(statSync(compressed), stat)) {
        const result = compress(read())
        // Kept only where it is smaller: send then serves the file itself.
        if (result.length >= stat.size) continue
        writeAtomically(compressed, stat, (tmp) => writeFileSync(tmp, result))
      }
      wanted.add(compressed)
    }
  }
  for (const file of filesUnder(publicDir)) {
    const full = path.join(publicDir, file)
    if (!wanted.has(full) && !full.endsWith('.tmp')) rmSync(full, { force: true })
  }
  return { own, govuk }
}

const encoders: [string, (body: Buffer) => Buffer][] = [
  ['.br', (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })],
  ['.gz', (body) => gzipSync(body, { level: 9 })],
]

function sameFile(target: string, source: { size: number; mtimeMs: number }): boolean {
  if (!existsSync(target)) return false
  const stat = statSync(target)
  return stat.size === source.size && sameTime(stat, source)
}

/**
 * A copy's mtime is set from a Date, to the millisecond, and read back through the file system's seconds and
 * nanoseconds, so it can come back a hair off (…375.999 for …376): within a millisecond of its source is the same.
 * Exact equality had every start compress every file again at brotli's best quality.
 */
export function sameTime(copy: { mtimeMs: number }, source: { mtimeMs: number }): boolean {
  return Math.abs(copy.mtimeMs - source.mtimeMs) < 1
}

/** Writes through a temporary file and a rename, so that a test process starting alongside never reads half a file. */
function writeAtomically(target: string, source: { atime: Date; mtime: Date }, write: (tmp: string) => void): void {
  mkdirSync(path.dirname(target), { recursive: true })
  const tmp = `${target}.${process.pid}.tmp`
  write(tmp)
  utimesSync(tmp, source.atime, source.mtime)
  renameSync(tmp, target)
}

/** Paths of the files under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
}
