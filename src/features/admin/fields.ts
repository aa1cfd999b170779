import type { Params, Translate } from '../../platform/i18n/i18n.js'

/** A problem with one field, as the pure validators return it: the page and the API each word it. */
export interface FieldError {
  field: string
  key: string
  params?: Params
  /** The element the error summary links to, when it is not `#field` (date inputs: `#from-day`). */
  href?: string
}

/** The error summary's list for a page. */
export function summaryErrors(t: Translate, errors: FieldError[]) {
  return errors.map((e) => ({ field: e.field, text: t(e.key, e.params), href: e.href ?? `#${e.field}` }))
}

/** The `errors` array of a `validation_failed` problem. */
export function apiErrors(t: Translate, errors: FieldError[]) {
  return errors.map((e) => ({ field: e.field, message: t(e.key, e.params) }))
}

/** A single text value from a form or JSON body; anything else (a number, a repeated field) counts as absent. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return ''
}

/** Checkbox values: a form sends one string, several, or none; JSON sends an array. */
export function list(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return []
  const values = Array.isArray(value) ? value : [value]
  return values.map((v) => (typeof v === 'string' ? v : String(v)))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** Length as PostgreSQL's length() counts it: characters, not UTF-16 units. */
export function length(value: string): number {
  return [...value].length
}

/** The first value of a query parameter sent once or repeated. */
export function queryValue(value: unknown): string {
  return text(Array.isArray(value) ? value[0] : value).trim()
}

/** Escapes LIKE wildcards so that a user's `%` or `_` matches itself. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** PostgreSQL's unique_violation, from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

/** The organisation's name in the page's language: the Welsh name on Welsh pages when there is one. */
export function organisationName(row: { name: string; name_cy: string | null }, lang: string): string {
  return lang === 'cy' && row.name_cy ? row.name_cy : row.name
}
