import { type FieldError, queryValue } from '../../admin/fields.js'
import { DEFAULT_LIMIT, DEFAULT_WITHIN_KM, MAX_LIMIT, MAX_WITHIN_KM } from './present.js'

/** A whole number between min and max, or the fallback when absent; anything else is an error on the field. */
export function wholeNumberIn(raw: unknown, field: string, min: number, max: number, fallback: number, errors: FieldError[], key: string): number {
  const value = queryValue(raw)
  if (value === '') return fallback
  if (!/^[0-9]{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    errors.push({ field, key, params: { min, max } })
    return fallback
  }
  return Number(value)
}

/** The query of GET /api/v1/people/{id}/suggested-services: `within` (km) and `limit`. */
export function parseSuggestionQuery(raw: Record<string, unknown>): { withinKm: number; limit: number; errors: FieldError[] } {
  const errors: FieldError[] = []
  const withinKm = wholeNumberIn(raw.within, 'within', 1, MAX_WITHIN_KM, DEFAULT_WITHIN_KM, errors, 'directory.matching.errors.within')
  const limit = wholeNumberIn(raw.limit, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT, errors, 'directory.matching.errors.limit')
  return { withinKm, limit, errors }
}
