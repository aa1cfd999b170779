import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

/**
 * Mid-year population estimates (issue 7 §3) for rates per 1,000: the latest loaded year at or before `year`, summed
 * by local authority or by age band over the local authorities given (all of Wales when none). Empty when nothing
 * is loaded. Stub until the population helper lands.
 */
export async function populationBy(
  db: Kysely<DB>,
  dimension: 'local_authority' | 'age_band',
  options: { year: number; localAuthorityCodes?: readonly string[] },
): Promise<Map<string, number>> {
  void db
  void dimension
  void options
  return new Map()
}
