import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
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
