import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { formatNumber } from '../../../platform/i18n/i18n.js'
import { daysOf, nextDay } from './query.js'

const DAY = 86_400_000
export const CAPACITY_STALE_DAYS = 30
export const VERIFIED_STALE_DAYS = 182

/** A text in the page's language, or in the other one with a note saying so (issue 4 §1). */
export function inLanguage(lang: Language, en: string | null | undefined, cy: string | null | undefined): { text: string; missingIn: Language | null } {
  const wanted = lang === 'cy' ? cy : en
  const other = lang === 'cy' ? en : cy
  if (wanted?.trim()) return { text: wanted, missingIn: null }
  if (other?.trim()) return { text: other, missingIn: lang }
  return { text: '', missingIn: null }
}

/** Kilometres to one decimal place, in the page's language. */
export function kilometres(metres: number, lang: Language): string {
  return formatNumber(Math.round(metres / 100) / 10, lang)
}

export const capacityTagClass: Record<string, string> = {
  places_available: 'govuk-tag--green',
  limited: 'govuk-tag--yellow',
  full: 'govuk-tag--red',
  waiting_list: 'govuk-tag--orange',
}

export function olderThan(value: Date | string | null | undefined, days: number, now: Date): boolean {
  if (!value) return true
  const date = typeof value === 'string' ? new Date(value) : value
  return now.getTime() - date.getTime() > days * DAY
}

/** "Monday and Thursday" / "dydd Llun a dydd Iau". */
export function dayList(t: Translate, byday: string | null): string {
  const names = daysOf(byday).map((d) => t(`directory.labels.days.${d}`))
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} ${t('directory.service.and')} ${names.at(-1) ?? ''}`
}

const hhmm = (time: string | null) => (time ?? '').slice(0, 5)

/** One timetable line in words in the page's language, e.g. "Every Tuesday, 10:00 to 11:30". */
export function scheduleInWords(t: Translate, lang: Language, schedule: { byday: string | null; freq: string | null; opens_at: string | null; closes_at: string | null; description: string | null; description_cy: string | null }): string {
  const days = dayList(t, schedule.byday)
  if (!days) return inLanguage(lang, schedule.description, schedule.description_cy).text
  const key = schedule.freq === 'MONTHLY' ? 'directory.service.monthly' : 'directory.service.weekly'
  return t(key, { days, opens: hhmm(schedule.opens_at), closes: hhmm(schedule.closes_at) })
}

export interface ResultRow {
  id: string
  name: string
  name_cy: string | null
  description: string | null
  description_cy: string | null
  organisation_name: string | null
  organisation_name_cy: string | null
  capacity_status: string | null
  waiting_list_weeks: number | null
  welsh_provision: string | null
  free_or_low_cost: boolean | null
  attending_types: string[]
  metres: number | null
  bydays: string[]
}

/** A search result as the list shows it. */
export function presentResult(row: ResultRow, lang: Language, t: Translate, fromDistrict: string | null, located: boolean, today: Date) {
  const name = inLanguage(lang, row.name, row.name_cy)
  const description = inLanguage(lang, row.description, row.description_cy)
  const next = nextDay(row.bydays, today)
  let distance: string | null = null
  if (located) {
    if (row.metres === null) distance = t('directory.search.noLocation')
    else if (fromDistrict) distance = t('directory.search.distanceDistrict', { km: kilometres(row.metres, lang), district: fromDistrict })
    else distance = t('directory.search.distance', { km: kilometres(row.metres, lang) })
  }
  const summary = description.text.length > 220 ? `${description.text.slice(0, 217).trimEnd()}…` : description.text
  return {
    id: row.id,
    href: `/directory/services/${row.id}`,
    name: name.text,
    nameMissingIn: name.missingIn,
    summary,
    descriptionMissingIn: description.missingIn,
    organisation: inLanguage(lang, row.organisation_name, row.organisation_name_cy).text,
    capacity: row.capacity_status ? { text: t(`directory.labels.capacity.${row.capacity_status}`), classes: capacityTagClass[row.capacity_status] ?? '' } : null,
    waitingWeeks: row.capacity_status === 'waiting_list' ? row.waiting_list_weeks : null,
    welsh: row.welsh_provision ? t(`directory.labels.welshProvision.${row.welsh_provision}`) : null,
    free: row.free_or_low_cost === true,
    attending: row.attending_types.map((a) => t(`directory.labels.attending.${a}`)),
    distance,
    next: next ? t('directory.search.next', { day: next.inDays === 0 ? t('directory.search.today') : t(`directory.labels.days.${next.day}`) }) : null,
  }
}

/** A result as the JSON API returns it. */
export function apiResult(row: ResultRow & { rank: number }, today: Date) {
  const next = nextDay(row.bydays, today)
  return {
    id: row.id,
    name: row.name,
    nameCy: row.name_cy,
    description: row.description,
    descriptionCy: row.description_cy,
    organisation: row.organisation_name,
    organisationCy: row.organisation_name_cy,
    capacityStatus: row.capacity_status,
    waitingListWeeks: row.waiting_list_weeks,
    welshProvision: row.welsh_provision,
    freeOrLowCost: row.free_or_low_cost,
    attendingTypes: row.attending_types,
    distanceKm: row.metres === null ? null : Math.round(row.metres / 100) / 10,
    nextDay: next?.day ?? null,
    relevance: Math.round(row.rank * 1000) / 1000,
    url: `/directory/services/${row.id}`,
  }
}
