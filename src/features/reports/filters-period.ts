import type { FilterError } from './filters.js'
import { walesDay } from '../../platform/i18n/formats.js'

/**
 * The report's period from a query (issue 7 §2, bad input): `from`/`to` as YYYY-MM-DD, or the page form's GOV.UK
 * date inputs (`from-day`, `from-month`, `from-year`). Both ends are inclusive. Pure: `today` is passed in.
 */

/** Reports start with the first data Cyswllt could hold: nothing is recorded before 2015. */
export const EARLIEST = '2015-01-01'
export const MAX_YEARS = 10

export const periodKeys = {
  fromIncomplete: 'reportFilters.period.fromIncomplete',
  fromInvalid: 'reportFilters.period.fromInvalid',
  fromTooEarly: 'reportFilters.period.fromTooEarly',
  fromFuture: 'reportFilters.period.fromFuture',
  toIncomplete: 'reportFilters.period.toIncomplete',
  toInvalid: 'reportFilters.period.toInvalid',
  toFuture: 'reportFilters.period.toFuture',
  toBeforeFrom: 'reportFilters.period.toBeforeFrom',
  tooLong: 'reportFilters.period.tooLong',
} as const

/** Today's date in Wales (Europe/London), YYYY-MM-DD: a report asked for just after midnight BST is for the new day. */
export function walesToday(now: Date): string {
  return walesDay(now)
}

/** 1 April of the financial year the day falls in. */
export function financialYearStart(day: string): string {
  const year = Number(day.slice(0, 4))
  return day.slice(5) >= '04-01' ? `${year}-04-01` : `${year - 1}-04-01`
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const maxDay = (a: string, b: string) => (a > b ? a : b)

export function addYears(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCFullYear(date.getUTCFullYear() + years)
  return date.toISOString().slice(0, 10)
}

function single(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first.trim() : undefined
}

type Read = { kind: 'absent' } | { kind: 'incomplete' } | { kind: 'value'; value: string }

/** One end of the period: the plain parameter wins; otherwise the three parts of a date input, all needed. */
function readEnd(query: Record<string, unknown>, name: 'from' | 'to'): Read {
  const plain = single(query[name])
  if (plain) return { kind: 'value', value: plain }
  const parts = ['day', 'month', 'year'].map((part) => single(query[`${name}-${part}`]) ?? '')
  if (parts.every((p) => p === '')) return { kind: 'absent' }
  const [day, month, year] = parts as [string, string, string]
  if (!day || !month || !year) return { kind: 'incomplete' }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { kind: 'value', value: `${year}-${month}-${day}` }
  return { kind: 'value', value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` }
}

export type PeriodResult = { ok: true; from: string; to: string } | { ok: false; errors: FilterError[] }

/**
 * Defaults: the current financial year to date. With only `to`, from the start of its financial year; with only
 * `from`, to today. Refused, one error per field: incomplete or impossible dates, a start before 2015, either end
 * after today, an end before the start, and a period longer than ten years.
 */
export function parsePeriod(query: Record<string, unknown>, today: string): PeriodResult {
  const errors: FilterError[] = []
  const fromRead = readEnd(query, 'from')
  const toRead = readEnd(query, 'to')

  let to: string | null = toRead.kind === 'absent' ? today : null
  if (toRead.kind === 'incomplete') errors.push({ field: 'to', key: periodKeys.toIncomplete })
  else if (toRead.kind === 'value') {
    if (!isRealDate(toRead.value)) errors.push({ field: 'to', key: periodKeys.toInvalid })
    else if (toRead.value > today) errors.push({ field: 'to', key: periodKeys.toFuture })
    else to = toRead.value
  }

  let from: string | null = fromRead.kind === 'absent' ? maxDay(financialYearStart(to ?? today), EARLIEST) : null
  if (fromRead.kind === 'incomplete') errors.push({ field: 'from', key: periodKeys.fromIncomplete })
  else if (fromRead.kind === 'value') {
    if (!isRealDate(fromRead.value)) errors.push({ field: 'from', key: periodKeys.fromInvalid })
    else if (fromRead.value < EARLIEST) errors.push({ field: 'from', key: periodKeys.fromTooEarly })
    else if (fromRead.value > today) errors.push({ field: 'from', key: periodKeys.fromFuture })
    else from = fromRead.value
  }

  if (from !== null && to !== null) {
    if (to < from) errors.push({ field: 'to', key: periodKeys.toBeforeFrom })
    else if (to >= addYears(from, MAX_YEARS)) errors.push({ field: 'to', key: periodKeys.tooLong })
  }
  if (errors.length > 0 || from === null || to === null) return { ok: false, errors }
  return { ok: true, from, to }
}
