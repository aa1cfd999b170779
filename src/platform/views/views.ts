import path from 'node:path'
import { createRequire } from 'node:module'
import nunjucks from 'nunjucks'
import { formatDate, formatNumber, type Language, sourceRoot } from '../i18n/i18n.js'
import { createMacroMemo } from './macro-memo.js'

const require = createRequire(import.meta.url)
/** govuk-frontend's `dist` folder: templates are imported as `govuk/components/<name>/macro.njk`. */
export const govukDist = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist')

/**
 * Templates are found by path from `src/` (`features/auth/views/sign-in.njk`, `platform/views/layout.njk`) so
 * that each feature's views stay in its own folder without name clashes. Output is escaped by default.
 */
export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
  cacheContextFreeImports()
  const loader = new nunjucks.FileSystemLoader([sourceRoot, govukDist], { noCache: options.watch ?? false })
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true })
  env.addFilter('date', (value: Date | string | null, lang: Language) => formatDate(value, lang))
  env.addFilter('dateTime', (value: Date | string | null, lang: Language) => formatDate(value, lang, true))
  env.addFilter('number', (value: number, lang: Language) => formatNumber(value, lang))
  addComponentFilters(env)
  return env
}

export interface FieldError {
  field: string
  text: string
  href: string
}

/**
 * Filters the project macros use: `withError` attaches a field's error (from the page's `errors` list) to a
 * component's params; `assign` merges params.
 */
export function addComponentFilters(env: nunjucks.Environment): void {
  env.addFilter('withError', (params: Record<string, unknown>, errors: FieldError[] | undefined, hidden: string) => {
    const field = (params.errorField ?? params.name ?? params.namePrefix ?? params.idPrefix) as string | undefined
    const error = errors?.find((e) => e.field === field)
    return error ? { ...params, errorMessage: { text: error.text, visuallyHiddenText: hidden } } : params
  })
  env.addFilter('assign', (params: Record<string, unknown>, extra: Record<string, unknown>) => ({ ...params, ...extra }))
}

type ExportedCallback = (error: Error | null, exported: unknown) => void
type WithExports = { path?: string; getExported(...args: unknown[]): void; [exportsCache]?: unknown }
const exportsCache = Symbol('cyswllt.exports')
let patched = false

/** Output of GOV.UK Frontend's macros, kept by their params (macro-memo.ts); one for the process. */
export const govukMacroMemo = createMacroMemo()
let templates = 0

/**
 * A context-free template's exports, GOV.UK Frontend's macros answering from govukMacroMemo. The scope names the
 * Template object, so a template read again in development starts with nothing kept.
 */
function keptExports(template: WithExports, exported: unknown): unknown {
  if (!template.path?.startsWith(govukDist + path.sep) || typeof exported !== 'object' || exported === null) return exported
  const id = ++templates
  return Object.fromEntries(
    Object.entries(exported).map(([name, value]) => [
      name,
      typeof value === 'function' ? govukMacroMemo.wrap(value as (...args: unknown[]) => unknown, `${id}:${name}`) : value,
    ]),
  )
}

/**
 * `{% from "…" import x %}` without `with context` runs the imported template's top level again on every render to
 * collect its macros, and components.njk imports fourteen GOV.UK macros that way: most of a page's rendering time
 * (issue 9: the caseload's profile). Without a context those macros cannot depend on the request, so each compiled
 * template's exports are kept and handed out again. Imports `with context` (components.njk itself) still run every
 * time. The cache lives on the Template object, so in development, where templates are re-read, it goes with them.
 * GOV.UK Frontend's macros among those exports also keep their output by params (keptExports).
 */
function cacheContextFreeImports(): void {
  if (patched) return
  patched = true
  const prototype = (nunjucks.Template as unknown as { prototype: WithExports }).prototype
  const original = prototype.getExported
  prototype.getExported = function (this: WithExports, ...args: unknown[]) {
    // nunjucks calls getExported(callback) for an import without context, getExported(ctx, frame, callback) with one.
    const [callback] = args
    if (args.length !== 1 || typeof callback !== 'function') return original.apply(this, args)
    const done = callback as ExportedCallback
    if (exportsCache in this) return done(null, this[exportsCache])
    return original.call(this, (error: Error | null, exported: unknown) => {
      if (error) return done(error, exported)
      this[exportsCache] = keptExports(this, exported)
      done(null, this[exportsCache])
    })
  }
}
