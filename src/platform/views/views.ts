import path from 'node:path'
import { createRequire } from 'node:module'
import nunjucks from 'nunjucks'
import { formatDate, formatNumber, type Language, sourceRoot } from '../i18n/i18n.js'

const require = createRequire(import.meta.url)
/** govuk-frontend's `dist` folder: templates are imported as `govuk/components/<name>/macro.njk`. */
export const govukDist = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist')

/**
 * Templates are found by path from `src/` (`features/auth/views/sign-in.njk`, `platform/views/layout.njk`) so
 * that each feature's views stay in its own folder without name clashes. Output is escaped by default.
 */
export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
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
