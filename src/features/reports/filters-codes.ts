import { vocabulary } from '../people/vocabulary.js'
import { referralRoutes } from '../referrals/vocabulary.js'
import { ageBands, type Dimension, dimensions, type ReportFilter } from './contract.js'
import type { FilterError } from './filters.js'

/**
 * The dimension filters of a report query (issue 7 §2): each dimension's parameter, comma-separated or repeated,
 * read into a list of codes and checked against what exists. Pure: the codes held in the database (geography,
 * organisations, teams, practitioners) are passed in as sets by filters.ts.
 */

/** More codes than any real filter needs (22 local authorities, a few hundred providers at most). */
export const MAX_CODES = 300
const MAX_CODE_LENGTH = 64
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One message per dimension: the field names the thing, so the error can say what to choose. */
export const unknownKeys: Record<Dimension, string> = {
  organisation: 'reportFilters.unknown.organisation',
  team: 'reportFilters.unknown.team',
  practitioner: 'reportFilters.unknown.practitioner',
  local_authority: 'reportFilters.unknown.local_authority',
  health_board: 'reportFilters.unknown.health_board',
  rpb: 'reportFilters.unknown.rpb',
  route: 'reportFilters.unknown.route',
  age_band: 'reportFilters.unknown.age_band',
  sex: 'reportFilters.unknown.sex',
  ethnicity: 'reportFilters.unknown.ethnicity',
  disability: 'reportFilters.unknown.disability',
  wimd_quintile: 'reportFilters.unknown.wimd_quintile',
  language: 'reportFilters.unknown.language',
}
export const tooManyKey = 'reportFilters.tooMany'

/** The dimensions whose codes are ids of rows (looked up in the database), and those from fixed lists. */
export const idDimensions = ['organisation', 'team', 'practitioner'] as const
export type IdDimension = (typeof idDimensions)[number]
export const geographyDimensions = ['local_authority', 'health_board', 'rpb'] as const

/** Codes fixed in the code: the person vocabulary, the referral routes, the contract's age bands. */
export const fixedCodes: Partial<Record<Dimension, readonly string[]>> = {
  route: referralRoutes,
  age_band: ageBands,
  sex: vocabulary.sex,
  ethnicity: vocabulary.ethnicity,
  disability: vocabulary.disability,
  wimd_quintile: ['1', '2', '3', '4', '5'],
  language: ['cy', 'en'],
}

/** The codes asked for in each dimension, as given (trimmed, without repeats); `null` when the value is not text. */
export function readDimensions(query: Record<string, unknown>): Partial<Record<Dimension, string[] | null>> {
  const read: Partial<Record<Dimension, string[] | null>> = {}
  for (const dimension of dimensions) {
    const raw = query[dimension]
    if (raw === undefined) continue
    const values = Array.isArray(raw) ? raw : [raw]
    if (!values.every((v) => typeof v === 'string')) {
      read[dimension] = null
      continue
    }
    const codes = [...new Set((values as string[]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''))]
    if (codes.length > 0) read[dimension] = codes
  }
  return read
}

/** The codes in the database, by dimension, for the checks (`team` etc. only for the ids asked for). */
export type KnownCodes = Record<(typeof geographyDimensions)[number] | IdDimension, ReadonlySet<string>>

/** Checks every code: one error per dimension with any unknown code; the filter when all are known. */
export function checkDimensions(
  read: Partial<Record<Dimension, string[] | null>>,
  known: KnownCodes,
): { ok: true; where: ReportFilter['where'] } | { ok: false; errors: FilterError[] } {
  const where: ReportFilter['where'] = {}
  const errors: FilterError[] = []
  for (const dimension of dimensions) {
    const codes = read[dimension]
    if (codes === undefined) continue
    if (codes !== null && codes.length > MAX_CODES) {
      errors.push({ field: dimension, key: tooManyKey })
      continue
    }
    const fixed = fixedCodes[dimension]
    const isId = (idDimensions as readonly string[]).includes(dimension)
    const good = (code: string): boolean => {
      if (code.length > MAX_CODE_LENGTH) return false
      if (fixed) return fixed.includes(code)
      if (isId && !UUID.test(code)) return false
      return known[dimension as keyof KnownCodes].has(isId ? code.toLowerCase() : code)
    }
    if (codes === null || !codes.every(good)) errors.push({ field: dimension, key: unknownKeys[dimension] })
    else where[dimension] = isId ? [...new Set(codes.map((c) => c.toLowerCase()))] : codes
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, where }
}

/** The ids asked for that need looking up, so filters.ts loads only those rows. */
export function idsToLookUp(read: Partial<Record<Dimension, string[] | null>>, dimension: IdDimension): string[] {
  return (read[dimension] ?? []).filter((code) => UUID.test(code)).map((code) => code.toLowerCase())
}
