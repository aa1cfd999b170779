import type { AxeResults, Result, RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { runCacheDir } from '../support/run-cache.js'

/** WCAG 2.1 A and AA, plus 2.2 AA (target size), which DESIGN §10 asks of every page. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * axe's findings for the page now loaded in `page`. Only the violations are wanted: not collecting the passing nodes
 * makes each check cheaper. axe-core is put into the page once and `axe.run` called there, which is what
 * @axe-core/playwright's legacy mode does, without its costs: it evaluated axe's 550 kB source twice per check and
 * configured it for frames our pages do not have (measured: 530–560 ms a check of the sign-in page, against 230–260
 * ms this way; ADR 0007, fourth addendum). Its default mode also opened a blank page per check.
 *
 * axe's findings depend only on the document, its stylesheets and the window's size, so a page whose document is
 * exactly one already checked in this `npm test` run (the sign-in page and each role's home in every journey) takes
 * that check's findings instead of running axe again (docs/adr/0007-test-speed.md, "axe once per document"). The
 * document is the browser's DOM as it stands (after scripts), with only the per-response CSRF token and CSP nonces
 * taken out; anything else that differs, a single character, means axe runs.
 */
export async function axeResults(page: Page): Promise<{ violations: Result[] }> {
  const html = (await page.content()).replace(/ nonce="[^"]*"/g, '').replace(/(name="_csrf" value=")[^"]*"/g, '$1"')
  const viewport = page.viewportSize()
  const key = createHash('sha256')
    .update(JSON.stringify([axeVersion, axeTags, viewport?.width, viewport?.height]))
    .update(html)
    .digest('hex')
  const kept = checkedDocuments.get(key) ?? (await readCheck(key))
  if (kept) return kept
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(axeSource)
  const options: RunOptions = { runOnly: { type: 'tag', values: axeTags }, resultTypes: ['violations'] }
  const violations = await page.evaluate(
    async (options) => (await (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe.run(document, options)).violations,
    options,
  )
  const results = { violations }
  checkedDocuments.set(key, results)
  await writeCheck(key, results)
  return results
}

const requireHere = createRequire(import.meta.url)
const axeVersion = (JSON.parse(readFileSync(requireHere.resolve('axe-core/package.json'), 'utf8')) as { version: string }).version
const axeSource = readFileSync(requireHere.resolve('axe-core/axe.min.js'), 'utf8')
/** This process's checks; `npm test`'s run cache (CYSWLLT_TEST_CACHE_DIR) shares them with the other files. */
const checkedDocuments = new Map<string, { violations: Result[] }>()

async function readCheck(key: string): Promise<{ violations: Result[] } | undefined> {
  const dir = runCacheDir()
  if (!dir) return undefined
  try {
    const kept = JSON.parse(await readFile(path.join(dir, 'axe', `${key}.json`), 'utf8')) as { violations: Result[] }
    checkedDocuments.set(key, kept)
    return kept
  } catch {
    return undefined
  }
}

async function writeCheck(key: string, results: { violations: Result[] }): Promise<void> {
  const dir = runCacheDir()
  if (!dir) return
  await mkdir(path.join(dir, 'axe'), { recursive: true })
  // Written whole, then renamed: another file reading meanwhile sees all of it or nothing.
  const target = path.join(dir, 'axe', `${key}.json`)
  await writeFile(`${target}.${process.pid}.tmp`, JSON.stringify(results))
  await rename(`${target}.${process.pid}.tmp`, target)
}
