/*
 * The query parameters of the ORUK list endpoints, checked by one pure function. Parameters the standard defines
 * but Cyswllt does not act on (`format`, `full`, `minimal`, …) are ignored; a value Cyswllt does act on and
 * cannot read is refused (400), never silently dropped.
 */

export const DEFAULT_PER_PAGE = 50
/** A larger `per_page` is refused with 400 (not capped), so a client never believes it has everything when it has not. */
export const MAX_PER_PAGE = 200
/** The largest `proximity` accepted, in metres (the standard's unit): 1,000 km covers Wales many times over. */
export const MAX_PROXIMITY = 1_000_000

export interface ListQuery {
  page: number
  perPage: number
  search?: string
  taxonomyTermId?: string
  taxonomyId?: string
  organizationId?: string
  parentId?: string
  topOnly?: boolean
  modifiedAfter?: Date
  postcode?: string
  proximity?: number
  latitude?: number
  longitude?: number
}

export interface QueryError {
  field: string
  message: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const INTEGER = /^[0-9]{1,9}$/
const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/
const DATE_TIME =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

export function parseListQuery(
  query: Record<string, unknown>,
): { ok: true; value: ListQuery } | { ok: false; errors: QueryError[] } {
  const errors: QueryError[] = []
  const value: ListQuery = { page: 1, perPage: DEFAULT_PER_PAGE }
  const text = (name: string): string | undefined => {
    const raw = query[name]
    if (raw === undefined) return undefined
    if (typeof raw !== 'string') {
      errors.push({ field: name, message: 'must be given once' })
      return undefined
    }
    const trimmed = raw.trim()
    return trimmed === '' ? undefined : trimmed
  }
  const integer = (name: string, min: number, max: number): number | undefined => {
    const raw = text(name)
    if (raw === undefined) return undefined
    const n = INTEGER.test(raw) ? Number(raw) : NaN
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push({ field: name, message: `must be a whole number from ${min} to ${max}` })
      return undefined
    }
    return n
  }
  const decimal = (name: string, min: number, max: number): number | undefined => {
    const raw = text(name)
    if (raw === undefined) return undefined
    const n = NUMBER.test(raw) ? Number(raw) : NaN
    if (!Number.isFinite(n) || n < min || n > max) {
      errors.push({ field: name, message: `must be a number from ${min} to ${max}` })
      return undefined
    }
    return n
  }
  const uuid = (name: string): string | undefined => {
    const raw = text(name)
    if (raw === undefined) return undefined
    if (!UUID.test(raw)) {
      errors.push({ field: name, message: 'must be a UUID' })
      return undefined
    }
    return raw.toLowerCase()
  }

  value.page = integer('page', 1, 1_000_000) ?? 1
  value.perPage = integer('per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE
  value.search = text('search')?.slice(0, 200)
  value.taxonomyTermId = uuid('taxonomy_term_id')
  value.taxonomyId = uuid('taxonomy_id')
  value.organizationId = uuid('organization_id')
  value.parentId = uuid('parent_id')

  const topOnly = text('top_only')
  if (topOnly !== undefined) {
    if (topOnly === 'true' || topOnly === 'false') value.topOnly = topOnly === 'true'
    else errors.push({ field: 'top_only', message: 'must be true or false' })
  }

  const modifiedAfter = text('modified_after')
  if (modifiedAfter !== undefined) {
    const date = DATE_TIME.test(modifiedAfter) ? new Date(modifiedAfter) : new Date(NaN)
    if (Number.isNaN(date.getTime()))
      errors.push({ field: 'modified_after', message: 'must be an ISO 8601 date or date-time' })
    else value.modifiedAfter = date
  }

  value.postcode = text('postcode')
  value.proximity = decimal('proximity', 0, MAX_PROXIMITY)
  value.latitude = decimal('latitude', -90, 90)
  value.longitude = decimal('longitude', -180, 180)
  if ((query.latitude === undefined) !== (query.longitude === undefined))
    errors.push({
      field: query.latitude === undefined ? 'latitude' : 'longitude',
      message: 'latitude and longitude go together',
    })
  if (value.postcode !== undefined && query.latitude !== undefined)
    errors.push({ field: 'postcode', message: 'give a postcode or a latitude and longitude, not both' })
  if (value.proximity !== undefined && value.postcode === undefined && query.latitude === undefined)
    errors.push({ field: 'proximity', message: 'needs a postcode (or latitude and longitude) to measure from' })

  return errors.length ? { ok: false, errors } : { ok: true, value }
}
