import { parseDateParts } from '../admin/audit-filters.js'
import type { FieldError } from '../admin/fields.js'
import { walesDay } from '../../platform/i18n/formats.js'

/*
 * Calendar dates from a page's three-field GOV.UK date input (`heldOn-day`, `heldOn-month`, `heldOn-year`) or from
 * an API body's ISO `heldOn` ('YYYY-MM-DD'), for the What Matters and plan forms alike.
 */
export type DayResult = { date: string } | { problem: 'missing' | 'incomplete' | 'invalid' }

export interface DayValues {
  day: string
  month: string
  year: string
}

/** The values to show again in the date input: the parts typed, or the parts of an ISO date sent. */
export function dayValues(raw: Record<string, unknown>, name: string): DayValues {
  const iso = raw[name]
  if (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [year, month, day] = iso.split('-') as [string, string, string]
    return { day: String(Number(day)), month: String(Number(month)), year }
  }
  const part = (p: string) => (typeof raw[`${name}-${p}`] === 'string' ? (raw[`${name}-${p}`] as string).trim() : '')
  return { day: part('day'), month: part('month'), year: part('year') }
}

export function parseDay(raw: Record<string, unknown>, name: string): DayResult {
  const iso = raw[name]
  if (iso !== undefined && iso !== null && iso !== '') {
    if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { problem: 'invalid' }
    const [y, m, d] = iso.split('-') as [string, string, string]
    const parsed = parseDateParts(String(Number(d)), String(Number(m)), y)
    return parsed ?? { problem: 'invalid' }
  }
  const v = dayValues(raw, name)
  return parseDateParts(v.day, v.month, v.year) ?? { problem: 'missing' }
}

/** Today's calendar date in the UK, as the people recording things count days. */
export function todayInWales(now: Date): string {
  return walesDay(now)
}

/**
 * A required date that has already happened (a conversation held, a review done): missing, incomplete, impossible
 * or future dates become errors under `<namespace>.errors.<name>Missing|Incomplete|Invalid|Future`.
 */
export function pastDay(
  raw: Record<string, unknown>,
  name: string,
  today: string,
  namespace: string,
  errors: FieldError[],
): string | null {
  const prefix = `${namespace}.errors`
  const result = parseDay(raw, name)
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
  if ('problem' in result) {
    errors.push({ field: name, key: `${prefix}.${name}${cap(result.problem)}`, href: `#${name}-day` })
    return null
  }
  if (result.date > today) {
    errors.push({ field: name, key: `${prefix}.${name}Future`, href: `#${name}-day` })
    return null
  }
  return result.date
}
