import { type FieldError, queryValue } from './fields.js'

export const outcomes = ['success', 'refused', 'failed'] as const
export type Outcome = (typeof outcomes)[number]

/** What the audit search looks for; dates are whole days in Wales (Europe/London), `to` included. */
export interface AuditFilters {
  actorEmail?: string
  actionPrefix?: string
  recordType?: string
  recordId?: string
  outcome?: Outcome
  from?: string
  to?: string
}

/** The search form's values as typed, to show again and to carry into page links. */
export type AuditFilterValues = Record<string, string>

export const auditFilterFields = ['actor', 'action', 'recordType', 'recordId', 'outcome', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'] as const

type DateResult = { date: string } | { problem: 'incomplete' | 'invalid' } | null

/** A date from the three boxes of a GOV.UK date input, as `YYYY-MM-DD`; null when all three are blank. */
export function parseDateParts(day: string, month: string, year: string): DateResult {
  if (!day && !month && !year) return null
  if (!day || !month || !year) return { problem: 'incomplete' }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { problem: 'invalid' }
  const [d, m, y] = [Number(day), Number(month), Number(year)]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { problem: 'invalid' }
  return { date: `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` }
}

/** Reads the audit search form (a GET query). With errors, no search should run. */
export function parseAuditFilters(query: Record<string, unknown>): { filters: AuditFilters; values: AuditFilterValues; errors: FieldError[] } {
  const values: AuditFilterValues = {}
  for (const field of auditFilterFields) values[field] = queryValue(query[field]).slice(0, 254)
  const errors: FieldError[] = []
  const filters: AuditFilters = {}
  if (values.actor) filters.actorEmail = values.actor.toLowerCase()
  if (values.action) filters.actionPrefix = values.action
  if (values.recordType) filters.recordType = values.recordType
  if (values.recordId) filters.recordId = values.recordId
  if (values.outcome) {
    if ((outcomes as readonly string[]).includes(values.outcome)) filters.outcome = values.outcome as Outcome
    else errors.push({ field: 'outcome', key: 'admin.audit.errors.outcomeInvalid' })
  }
  for (const which of ['from', 'to'] as const) {
    const result = parseDateParts(values[`${which}-day`] ?? '', values[`${which}-month`] ?? '', values[`${which}-year`] ?? '')
    if (result === null) continue
    if ('date' in result) filters[which] = result.date
    else errors.push({ field: which, key: `admin.audit.errors.${which}${result.problem === 'incomplete' ? 'Incomplete' : 'Invalid'}`, href: `#${which}-day` })
  }
  if (filters.from && filters.to && filters.to < filters.from) errors.push({ field: 'to', key: 'admin.audit.errors.toBeforeFrom', href: '#to-day' })
  return { filters, values, errors }
}

/** The names of the filters used, for the audit trail of the search itself (never what was searched for). */
export function filterNames(filters: AuditFilters): string[] {
  return Object.keys(filters).sort()
}
