import { parseDateParts } from '../admin/audit-filters.js'
import { text } from '../admin/fields.js'
import { walesDay } from '../../platform/i18n/formats.js'

/** Today's date in Wales as YYYY-MM-DD: "in the future" means after this day, wherever the server runs. */
export function todayInWales(now: Date): string {
  return walesDay(now)
}

export interface DayInput {
  day: string
  month: string
  year: string
}

/** A date from a form's three boxes (`name-day`, `-month`, `-year`) or the API's ISO `name` (YYYY-MM-DD). */
export function dayInput(raw: Record<string, unknown>, name: string): DayInput {
  const iso = text(raw[name]).trim()
  if (iso) {
    const [year = '', month = '', day = ''] = iso.split('-')
    return { day, month, year }
  }
  return {
    day: text(raw[`${name}-day`]).trim(),
    month: text(raw[`${name}-month`]).trim(),
    year: text(raw[`${name}-year`]).trim(),
  }
}

export type DayCheck = { ok: true; date: string } | { ok: false; problem: 'missing' | 'invalid' | 'future' }

/** A date something happened: required, a real date, and not after today (things that happened are not in the future). */
export function pastDay(input: DayInput, today: string): DayCheck {
  const parsed = parseDateParts(input.day, input.month, input.year)
  if (parsed === null) return { ok: false, problem: 'missing' }
  if (!('date' in parsed)) return { ok: false, problem: 'invalid' }
  if (parsed.date > today) return { ok: false, problem: 'future' }
  return { ok: true, date: parsed.date }
}
