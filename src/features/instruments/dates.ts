import { walesDay } from '../../platform/i18n/formats.js'

/** A calendar day as YYYY-MM-DD in UK time, which is when a licence "valid until" a date stops. */
export function isoDay(now: Date): string {
  return walesDay(now)
}

/** Whether text is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}
