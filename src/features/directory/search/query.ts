import { type FieldError, list, text } from '../../admin/fields.js'
import { accessibilityFeatures, attendingTypes, lifeStages, welshProvision } from '../schema.js'
import { searchText } from '../search-text.js'

/** Days as iCalendar writes them in `schedules.byday`, Monday first. */
export const weekDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type WeekDay = (typeof weekDays)[number]

export const PER_PAGE = 20
export const MAX_PER_PAGE = 100
export const MAX_PAGE = 500
export const DEFAULT_RADIUS_KM = 25
export const MAX_RADIUS_KM = 200
const MAX_WORDS = 200

export interface SearchQuery {
  /** What was typed, trimmed, for showing back. */
  words: string
  /** The same, lower-case and accent-free, as `search_text` is. */
  normalised: string
  category: string | null
  lifeStage: (typeof lifeStages)[number] | null
  welsh: (typeof welshProvision)[number][]
  access: (typeof accessibilityFeatures)[number][]
  freeOnly: boolean
  days: WeekDay[]
  attending: (typeof attendingTypes)[number][]
  postcode: string | null
  latitude: number | null
  longitude: number | null
  radiusKm: number
  sort: 'relevance' | 'distance'
  page: number
  perPage: number
}

export type { Origin } from '../distance.js'

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/
const OUTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/

/** A UK postcode or postcode district in its usual form (upper case, one space), or null when it is not one. */
export function tidyPostcode(value: string): string | null {
  const compact = value.toUpperCase().replace(/\s+/g, '')
  if (OUTCODE.test(compact)) return compact
  if (!POSTCODE.test(compact)) return null
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

function pick<T extends string>(values: unknown, allowed: readonly T[], field: string, errors: FieldError[]): T[] {
  const chosen = list(values).filter(Boolean)
  const bad = chosen.filter((v) => !allowed.includes(v as T))
  if (bad.length) errors.push({ field, key: 'directory.search.errors.unknownOption' })
  return [...new Set(chosen.filter((v): v is T => allowed.includes(v as T)))]
}

function number(value: unknown): number | null {
  const raw = text(value).trim()
  if (raw === '') return null
  const parsed = Number(raw)
  return Number.isFinite(parsed) ? parsed : Number.NaN
}

function wholeNumber(value: unknown, field: string, key: string, min: number, max: number, fallback: number, errors: FieldError[]): number {
  const n = number(value)
  if (n === null) return fallback
  if (!Number.isInteger(n) || n < min || n > max) {
    errors.push({ field, key, params: { min, max } })
    return fallback
  }
  return n
}

/**
 * Reads a search from the page's or the API's query string (both use the same names). Unknown codes, coordinates
 * out of range, half a coordinate pair, a postcode that is not one, sorting by distance without a place, and page
 * numbers out of range are errors; `perPage` above the maximum is capped, as the API documents.
 */
export function parseSearch(raw: Record<string, unknown>, categoryCodes: readonly string[]): { query: SearchQuery; errors: FieldError[] } {
  const errors: FieldError[] = []
  const words = text(raw.q).trim().slice(0, MAX_WORDS)
  const categoryRaw = text(raw.category).trim()
  let category: string | null = null
  if (categoryRaw) {
    if (categoryCodes.includes(categoryRaw)) category = categoryRaw
    else errors.push({ field: 'category', key: 'directory.search.errors.unknownOption' })
  }
  const lifeStageRaw = text(raw.lifeStage).trim()
  let lifeStage: SearchQuery['lifeStage'] = null
  if (lifeStageRaw) {
    if ((lifeStages as readonly string[]).includes(lifeStageRaw)) lifeStage = lifeStageRaw as SearchQuery['lifeStage']
    else errors.push({ field: 'lifeStage', key: 'directory.search.errors.unknownOption' })
  }
  const welsh = pick(raw.welsh, welshProvision, 'welsh', errors)
  const access = pick(raw.access, accessibilityFeatures, 'access', errors)
  const days = pick(raw.day, weekDays, 'day', errors)
  const attending = pick(raw.attending, attendingTypes, 'attending', errors)
  const freeRaw = text(raw.free).trim()
  const freeOnly = freeRaw === 'yes' || freeRaw === 'true' || freeRaw === '1'

  const postcodeRaw = text(raw.postcode).trim()
  let postcode: string | null = null
  if (postcodeRaw) {
    postcode = tidyPostcode(postcodeRaw)
    if (!postcode) errors.push({ field: 'postcode', key: 'directory.search.errors.postcodeFormat' })
  }
  const latitude = number(raw.lat)
  const longitude = number(raw.lon)
  let origin: { latitude: number; longitude: number } | null = null
  if (latitude !== null || longitude !== null) {
    if (latitude === null || longitude === null) errors.push({ field: latitude === null ? 'lat' : 'lon', key: 'directory.search.errors.coordinatePair' })
    else if (Number.isNaN(latitude) || latitude < -90 || latitude > 90) errors.push({ field: 'lat', key: 'directory.search.errors.latitude' })
    else if (Number.isNaN(longitude) || longitude < -180 || longitude > 180) errors.push({ field: 'lon', key: 'directory.search.errors.longitude' })
    else origin = { latitude, longitude }
  }
  const radiusKm = wholeNumber(raw.within, 'within', 'directory.search.errors.within', 1, MAX_RADIUS_KM, DEFAULT_RADIUS_KM, errors)
  const sortRaw = text(raw.sort).trim()
  let sort: SearchQuery['sort'] = postcode || origin ? 'distance' : 'relevance'
  if (sortRaw === 'relevance' || sortRaw === 'distance') sort = sortRaw
  else if (sortRaw) errors.push({ field: 'sort', key: 'directory.search.errors.unknownOption' })
  if (sort === 'distance' && !postcode && !origin && !errors.some((e) => e.field === 'postcode' || e.field === 'lat' || e.field === 'lon')) {
    errors.push({ field: 'postcode', key: 'directory.search.errors.distanceNeedsPlace' })
  }
  const page = wholeNumber(raw.page, 'page', 'directory.search.errors.page', 1, MAX_PAGE, 1, errors)
  const perPageRaw = number(raw.perPage)
  let perPage = PER_PAGE
  if (perPageRaw !== null) {
    if (!Number.isInteger(perPageRaw) || perPageRaw < 1) errors.push({ field: 'perPage', key: 'directory.search.errors.perPage', params: { max: MAX_PER_PAGE } })
    else perPage = Math.min(perPageRaw, MAX_PER_PAGE)
  }

  return {
    query: { words, normalised: searchText(words), category, lifeStage, welsh, access, freeOnly, days, attending, postcode, latitude: origin?.latitude ?? null, longitude: origin?.longitude ?? null, radiusKm, sort, page, perPage },
    errors,
  }
}

/** The query string of a search (for paging links and the language toggle), leaving out defaults. */
export function searchQueryString(query: SearchQuery, page = query.page): string {
  const params = new URLSearchParams()
  if (query.words) params.set('q', query.words)
  if (query.category) params.set('category', query.category)
  if (query.lifeStage) params.set('lifeStage', query.lifeStage)
  for (const v of query.welsh) params.append('welsh', v)
  for (const v of query.access) params.append('access', v)
  if (query.freeOnly) params.set('free', 'yes')
  for (const v of query.days) params.append('day', v)
  for (const v of query.attending) params.append('attending', v)
  if (query.postcode) params.set('postcode', query.postcode)
  if (query.latitude !== null && query.longitude !== null) {
    params.set('lat', String(query.latitude))
    params.set('lon', String(query.longitude))
  }
  if (query.radiusKm !== DEFAULT_RADIUS_KM) params.set('within', String(query.radiusKm))
  if (query.sort === 'relevance' && (query.postcode || query.latitude !== null)) params.set('sort', 'relevance')
  if (query.sort === 'distance' && !(query.postcode || query.latitude !== null)) params.set('sort', 'distance')
  if (page > 1) params.set('page', String(page))
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** The next day a service meets on, from today (0 = today), given its timetables' `byday` lists. */
export function nextDay(bydays: (string | null)[], today: Date): { day: WeekDay; inDays: number } | null {
  const days = new Set(bydays.flatMap((b) => (b ?? '').split(',').map((d) => d.trim().toUpperCase().replace(/^[+-]?\d+/, ''))))
  const todayIndex = (today.getUTCDay() + 6) % 7
  for (let i = 0; i < 7; i++) {
    const day = weekDays[(todayIndex + i) % 7] as WeekDay
    if (days.has(day)) return { day, inDays: i }
  }
  return null
}

/** The days in a `byday` list, Monday first, ignoring anything that is not a day. */
export function daysOf(byday: string | null): WeekDay[] {
  const given = new Set((byday ?? '').split(',').map((d) => d.trim().toUpperCase().replace(/^[+-]?\d+/, '')))
  return weekDays.filter((d) => given.has(d))
}
