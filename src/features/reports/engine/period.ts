import type { FilterError } from '../filters.js'

const isDay = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * The period every report needs: `from` and `to` real calendar dates, `from` not after `to`. The API checks it
 * before `parseReportQuery` (which checks it too, with the dimension filters) so a bad period is refused even
 * where the filters are not yet checked.
 */
export function periodErrors(query: Record<string, unknown>): FilterError[] {
  const errors: FilterError[] = []
  if (!isDay(query.from)) errors.push({ field: 'from', key: 'reports.api.fromMissing' })
  if (!isDay(query.to)) errors.push({ field: 'to', key: 'reports.api.toMissing' })
  if (errors.length === 0 && (query.from as string) > (query.to as string))
    errors.push({ field: 'from', key: 'reports.api.fromAfterTo' })
  return errors
}
