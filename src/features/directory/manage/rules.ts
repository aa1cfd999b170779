import { type FieldError, isUuid, length, list, text } from '../../admin/fields.js'
import { normalisePostcode } from '../../people/person-rules.js'
import { accessibilityFeatures, attendingTypes, capacityStatuses, howToAccess, lifeStages, serviceStatuses, welshProvision } from '../schema.js'
import { CAPACITY_STALE_DAYS, olderThan, VERIFIED_STALE_DAYS } from '../search/present.js'
import { weekDays } from '../search/query.js'

/**
 * The rules of directory editing (issue 4 §4), pure: flags for stale entries, checking what an editor or an asset
 * organisation's user typed, and what an approved proposal changes. Pages and API share them.
 */

export const SCHEDULE_LINES = 5
export const NAME_MAX = 200
export const DESCRIPTION_MAX = 5000
export const REASON_MAX = 1000
export const WAITING_WEEKS_MAX = 104
export const AGE_MAX = 120

export interface WeeklyLine {
  day: string
  opens: string
  closes: string
}

/** What an asset organisation's user may change at once: capacity, timetable and contact. */
export interface LiveDetails {
  capacityStatus: (typeof capacityStatuses)[number]
  waitingListWeeks: number | null
  schedules: WeeklyLine[]
  email: string | null
  phone: string | null
  website: string | null
}

export interface ServiceValues extends Omit<LiveDetails, 'capacityStatus'> {
  name: string | null
  nameCy: string | null
  description: string | null
  descriptionCy: string | null
  directoryOrganisationId: string
  categories: string[]
  howToAccess: (typeof howToAccess)[number] | null
  capacityStatus: (typeof capacityStatuses)[number] | null
  welshProvision: (typeof welshProvision)[number] | null
  lifeStages: string[]
  accessibilityFeatures: string[]
  attendingTypes: string[]
  minimumAge: number | null
  maximumAge: number | null
  freeOrLowCost: boolean | null
  safeguardingPolicy: boolean | null
  dbsChecks: boolean | null
  address1: string | null
  city: string | null
  postcode: string | null
  latitude: number | null
  longitude: number | null
  published: boolean
  status: (typeof serviceStatuses)[number]
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

const E = (key: string) => `directory.manage.errors.${key}`

/** Which of the two staleness flags a service carries (unverified for 6 months; capacity unconfirmed for 30 days). */
export function serviceFlags(service: { last_verified_at: Date | string | null; capacity_confirmed_at: Date | string | null }, now: Date) {
  return {
    unverified: olderThan(service.last_verified_at, VERIFIED_STALE_DAYS, now),
    capacityUnconfirmed: olderThan(service.capacity_confirmed_at, CAPACITY_STALE_DAYS, now),
  }
}

export const flagFilters = ['unverified', 'capacity'] as const
export type FlagFilter = (typeof flagFilters)[number]

const trimmed = (value: unknown): string | null => {
  const v = text(value).trim()
  return v === '' ? null : v
}

function optionOf<T extends string>(value: unknown, allowed: readonly T[], field: string, errors: FieldError[]): T | null {
  const v = trimmed(value)
  if (v === null) return null
  if ((allowed as readonly string[]).includes(v)) return v as T
  errors.push({ field, key: E('unknownOption') })
  return null
}

function optionsOf(value: unknown, allowed: readonly string[], field: string, errors: FieldError[], key = 'unknownOption'): string[] {
  const values = [...new Set(list(value).map((v) => v.trim()).filter(Boolean))]
  if (values.some((v) => !allowed.includes(v))) errors.push({ field, key: E(key) })
  return values.filter((v) => allowed.includes(v))
}

/** yes/no from a form, true/false from JSON; blank means not known. */
function yesNo(value: unknown, field: string, errors: FieldError[]): boolean | null {
  if (value === true || value === 'yes') return true
  if (value === false || value === 'no') return false
  if (value === undefined || value === null || value === '') return null
  errors.push({ field, key: E('unknownOption') })
  return null
}

function wholeNumber(value: unknown, min: number, max: number, field: string, key: string, errors: FieldError[]): number | null {
  const v = trimmed(value)
  if (v === null) return null
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    errors.push({ field, key: E(key), params: { min, max } })
    return null
  }
  return Number(v)
}

function coordinate(value: unknown, limit: number, field: string, errors: FieldError[]): number | null {
  const v = trimmed(value)
  if (v === null) return null
  const n = Number(v)
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    errors.push({ field, key: E(field) })
    return null
  }
  return n
}

function limited(value: unknown, max: number, field: string, errors: FieldError[]): string | null {
  const v = trimmed(value)
  if (v !== null && length(v) > max) errors.push({ field, key: E('tooLong'), params: { max } })
  return v
}

/** "9:30" → "09:30"; null when it is not a time of day. */
export function timeOfDay(value: string): string | null {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(value.trim())
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2]}` : null
}

/** Weekly timetable lines: JSON sends `schedules: [{ day, opens, closes }]`, the form day1/opens1/closes1 …; blank lines are skipped. */
export function scheduleLines(raw: Record<string, unknown>, errors: FieldError[]): WeeklyLine[] {
  const given: unknown[] = Array.isArray(raw.schedules) ? raw.schedules : Array.from({ length: SCHEDULE_LINES }, (_, i) => ({ day: raw[`day${i + 1}`], opens: raw[`opens${i + 1}`], closes: raw[`closes${i + 1}`] }))
  const lines: WeeklyLine[] = []
  given.forEach((entry, i) => {
    const line = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>
    const [day, opens, closes] = [trimmed(line.day), trimmed(line.opens), trimmed(line.closes)]
    if (day === null && opens === null && closes === null) return
    const n = i + 1
    if (day === null || !(weekDays as readonly string[]).includes(day)) errors.push({ field: `day${n}`, key: E('scheduleDay') })
    const from = opens === null ? null : timeOfDay(opens)
    const to = closes === null ? null : timeOfDay(closes)
    if (from === null) errors.push({ field: `opens${n}`, key: E('scheduleTime') })
    if (to === null) errors.push({ field: `closes${n}`, key: E('scheduleTime') })
    else if (from !== null && to <= from) errors.push({ field: `closes${n}`, key: E('scheduleOrder') })
    if (day && from && to) lines.push({ day, opens: from, closes: to })
  })
  return lines
}

function contact(raw: Record<string, unknown>, errors: FieldError[]) {
  const email = limited(raw.email, 254, 'email', errors)
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', key: E('email') })
  const phone = limited(raw.phone, 40, 'phone', errors)
  if (phone !== null && (!/^\+?[\d\s()-]+$/.test(phone) || phone.replace(/\D/g, '').length < 6)) errors.push({ field: 'phone', key: E('phone') })
  const website = limited(raw.website, 500, 'website', errors)
  if (website !== null && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(website)) errors.push({ field: 'website', key: E('website') })
  return { email, phone, website }
}

function capacity(raw: Record<string, unknown>, errors: FieldError[]) {
  const capacityStatus = optionOf(raw.capacityStatus, capacityStatuses, 'capacityStatus', errors)
  const waitingListWeeks = wholeNumber(raw.waitingListWeeks, 0, WAITING_WEEKS_MAX, 'waitingListWeeks', 'waitingWeeks', errors)
  return { capacityStatus, waitingListWeeks: capacityStatus === 'waiting_list' ? waitingListWeeks : null }
}

/** Capacity, timetable and contact as an asset organisation's user updates them; the capacity status is required. */
export function parseLiveDetails(raw: Record<string, unknown>): Parsed<LiveDetails> {
  const errors: FieldError[] = []
  const { capacityStatus, waitingListWeeks } = capacity(raw, errors)
  if (capacityStatus === null && !errors.some((e) => e.field === 'capacityStatus')) errors.push({ field: 'capacityStatus', key: E('capacityMissing') })
  const schedules = scheduleLines(raw, errors)
  const value = { capacityStatus: capacityStatus ?? 'places_available', waitingListWeeks, schedules, ...contact(raw, errors) }
  return errors.length ? { ok: false, errors } : { ok: true, value }
}

/** A whole service entry as an editor creates or edits it. `categoryCodes`: the taxonomy's codes. */
export function parseService(raw: Record<string, unknown>, categoryCodes: readonly string[]): Parsed<ServiceValues> {
  const errors: FieldError[] = []
  const name = limited(raw.name, NAME_MAX, 'name', errors)
  const nameCy = limited(raw.nameCy, NAME_MAX, 'nameCy', errors)
  if (name === null && nameCy === null) errors.push({ field: 'name', key: E('nameMissing') })
  const description = limited(raw.description, DESCRIPTION_MAX, 'description', errors)
  const descriptionCy = limited(raw.descriptionCy, DESCRIPTION_MAX, 'descriptionCy', errors)
  const directoryOrganisationId = trimmed(raw.directoryOrganisationId)
  if (directoryOrganisationId === null) errors.push({ field: 'directoryOrganisationId', key: E('organisationMissing') })
  else if (!isUuid(directoryOrganisationId)) errors.push({ field: 'directoryOrganisationId', key: E('organisationUnknown') })
  const categories = optionsOf(raw.categories, categoryCodes, 'categories', errors, 'categoryUnknown')
  const { capacityStatus, waitingListWeeks } = capacity(raw, errors)
  const minimumAge = wholeNumber(raw.minimumAge, 0, AGE_MAX, 'minimumAge', 'age', errors)
  const maximumAge = wholeNumber(raw.maximumAge, 0, AGE_MAX, 'maximumAge', 'age', errors)
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge) errors.push({ field: 'maximumAge', key: E('ageOrder') })
  const address1 = limited(raw.address1, 200, 'address1', errors)
  const city = limited(raw.city, 100, 'city', errors)
  const postcodeText = trimmed(raw.postcode)
  const latitude = coordinate(raw.latitude, 90, 'latitude', errors)
  const longitude = coordinate(raw.longitude, 180, 'longitude', errors)
  let postcode: string | null = null
  const located = address1 !== null || city !== null || postcodeText !== null || latitude !== null || longitude !== null
  if (located) {
    if (address1 === null) errors.push({ field: 'address1', key: E('address1Missing') })
    if (city === null) errors.push({ field: 'city', key: E('cityMissing') })
    if (postcodeText === null) errors.push({ field: 'postcode', key: E('postcodeMissing') })
    else {
      postcode = normalisePostcode(postcodeText)
      if (postcode === null) errors.push({ field: 'postcode', key: E('postcodeFormat') })
    }
  }
  if ((trimmed(raw.latitude) === null) !== (trimmed(raw.longitude) === null)) errors.push({ field: 'latitude', key: E('coordinatePair') })
  const status = optionOf(raw.status, serviceStatuses, 'status', errors) ?? 'active'
  const published = yesNo(raw.published, 'published', errors)
  const value: ServiceValues = {
    name,
    nameCy,
    description,
    descriptionCy,
    directoryOrganisationId: directoryOrganisationId ?? '',
    categories,
    howToAccess: optionOf(raw.howToAccess, howToAccess, 'howToAccess', errors),
    capacityStatus,
    waitingListWeeks,
    welshProvision: optionOf(raw.welshProvision, welshProvision, 'welshProvision', errors),
    lifeStages: optionsOf(raw.lifeStages, lifeStages, 'lifeStages', errors),
    accessibilityFeatures: optionsOf(raw.accessibilityFeatures, accessibilityFeatures, 'accessibilityFeatures', errors),
    attendingTypes: optionsOf(raw.attendingTypes, attendingTypes, 'attendingTypes', errors),
    minimumAge,
    maximumAge,
    freeOrLowCost: yesNo(raw.freeOrLowCost, 'freeOrLowCost', errors),
    safeguardingPolicy: yesNo(raw.safeguardingPolicy, 'safeguardingPolicy', errors),
    dbsChecks: yesNo(raw.dbsChecks, 'dbsChecks', errors),
    schedules: scheduleLines(raw, errors),
    ...contact(raw, errors),
    address1,
    city,
    postcode,
    latitude,
    longitude,
    published: published ?? true,
    status,
  }
  return errors.length ? { ok: false, errors } : { ok: true, value }
}

export interface Texts {
  name: string | null
  nameCy: string | null
  description: string | null
  descriptionCy: string | null
}

const textFields = ['name', 'nameCy', 'description', 'descriptionCy'] as const

/** The fields a proposal would change, compared with the service as it is now. */
export function changedTexts(current: Texts, proposed: Texts): (keyof Texts)[] {
  return textFields.filter((field) => (current[field] ?? '') !== (proposed[field] ?? ''))
}

/** A name and description change proposed by an asset organisation's user: one name at least, and something changed. */
export function parseProposal(raw: Record<string, unknown>, current: Texts): Parsed<Texts> {
  const errors: FieldError[] = []
  const proposed: Texts = {
    name: limited(raw.name, NAME_MAX, 'name', errors),
    nameCy: limited(raw.nameCy, NAME_MAX, 'nameCy', errors),
    description: limited(raw.description, DESCRIPTION_MAX, 'description', errors),
    descriptionCy: limited(raw.descriptionCy, DESCRIPTION_MAX, 'descriptionCy', errors),
  }
  if (proposed.name === null && proposed.nameCy === null) errors.push({ field: 'name', key: E('nameMissing') })
  if (!errors.length && changedTexts(current, proposed).length === 0) errors.push({ field: 'name', key: E('nothingChanged') })
  return errors.length ? { ok: false, errors } : { ok: true, value: proposed }
}

/** The update an approved proposal makes to the service row, and the fields it changes. */
export function applyProposal(current: Texts, proposed: Texts): { update: { name: string; name_cy: string | null; description: string | null; description_cy: string | null }; fields: (keyof Texts)[] } {
  return {
    // services.name is not null: a Welsh-only entry has an empty English name, so pages show the "not in English" note.
    update: { name: proposed.name ?? '', name_cy: proposed.nameCy, description: proposed.description, description_cy: proposed.descriptionCy },
    fields: changedTexts(current, proposed),
  }
}

/** A rejection needs a reason the asset organisation can act on. */
export function parseRejection(raw: Record<string, unknown>): Parsed<string> {
  const errors: FieldError[] = []
  const reason = limited(raw.reason, REASON_MAX, 'reason', errors)
  if (reason === null) errors.push({ field: 'reason', key: E('reasonMissing') })
  return errors.length || reason === null ? { ok: false, errors } : { ok: true, value: reason }
}

/** Field names (not values) that differ between two versions of an entry, for the audit trail. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).map(String)
}
