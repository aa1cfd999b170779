import type { FieldError } from '../../admin/fields.js'
import { queryValue } from '../../admin/fields.js'
import { themeName } from '../matching/themes.js'
import type { GapRow } from './repository.js'

/** The distances a gaps report may be run for, in kilometres, and the default. */
export const GAP_DISTANCES = [2, 5, 10, 25] as const
export const DEFAULT_GAP_KM = 10
/** Counts below this are shown as "fewer than 5" (statistical disclosure control). */
export const SUPPRESS_BELOW = 5

export interface GapQuery {
  withinKm: number
  localAuthority: string | null
}

/** `within` (one of GAP_DISTANCES) and `la` (a local authority's code, or empty for all) from the query string. */
export function parseGapQuery(raw: Record<string, unknown>, authorityCodes: readonly string[]): { query: GapQuery; errors: FieldError[] } {
  const errors: FieldError[] = []
  const within = queryValue(raw.within)
  let withinKm = DEFAULT_GAP_KM
  if (within !== '') {
    if ((GAP_DISTANCES as readonly number[]).includes(Number(within)) && /^[0-9]+$/.test(within)) withinKm = Number(within)
    else errors.push({ field: 'within', key: 'directory.gaps.errors.within' })
  }
  const la = queryValue(raw.la)
  let localAuthority: string | null = null
  if (la !== '') {
    if (authorityCodes.includes(la)) localAuthority = la
    else errors.push({ field: 'la', key: 'directory.gaps.errors.la' })
  }
  return { query: { withinKm, localAuthority }, errors }
}

/** A count as it may be shown: null when it is below the suppression threshold. */
export function suppressed(count: number): number | null {
  return count < SUPPRESS_BELOW ? null : count
}

export interface ShownGap {
  localAuthorityCode: string
  localAuthority: string
  themeCode: string
  theme: string
  people: number | null
  unmet: number | null
}

/** The rows as they are shown: names in the page language, every count under 5 suppressed. */
export function showGaps(rows: readonly GapRow[], lang: string): ShownGap[] {
  return rows.map((r) => ({
    localAuthorityCode: r.localAuthorityCode,
    localAuthority: lang === 'cy' ? r.localAuthorityNameCy : r.localAuthorityName,
    themeCode: r.theme,
    theme: themeName(r.theme, lang),
    people: suppressed(r.people),
    unmet: suppressed(r.unmet),
  }))
}

const csvCell = (value: string) => {
  // Cells that a spreadsheet would read as a formula are prefixed with an apostrophe (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The report as CSV (RFC 4180, CRLF), headings and "fewer than 5" in the page language. */
export function gapsCsv(rows: readonly ShownGap[], headings: readonly string[], fewer: string): string {
  const lines = [headings.map(csvCell).join(',')]
  for (const r of rows) {
    const count = (n: number | null) => (n === null ? fewer : String(n))
    lines.push([r.localAuthorityCode, r.localAuthority, r.themeCode, r.theme, count(r.people), count(r.unmet)].map(csvCell).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
