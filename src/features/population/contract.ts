import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

/**
 * Mid-year population estimates (issue 7 §3) for rates per 1,000: the latest loaded year at or before `year`, summed
 * by local authority or by age band over the local authorities given (all of Wales when none). Empty when nothing
 * is loaded. Figures for both sexes: the 'all' rows where the file gave them, else female plus male.
 */
export async function populationBy(
  db: Kysely<DB>,
  dimension: 'local_authority' | 'age_band',
  options: { year: number; localAuthorityCodes?: readonly string[] },
): Promise<Map<string, number>> {
  const latest = await db.selectFrom('population_estimates').select((eb) => eb.fn.max('year').as('year')).where('year', '<=', options.year).executeTakeFirst()
  const result = new Map<string, number>()
  if (latest?.year === null || latest?.year === undefined) return result
  const year = Number(latest.year)
  const codes = options.localAuthorityCodes
  if (codes && codes.length === 0) return result
  const column = dimension === 'local_authority' ? 'p.local_authority_code' : 'p.age_band'
  let query = db
    .selectFrom('population_estimates as p')
    .select([column, 'p.sex', (eb) => eb.fn.sum<string>('p.population').as('population')])
    .where('p.year', '=', year)
    .groupBy([column, 'p.sex'])
  if (codes) query = query.where('p.local_authority_code', 'in', [...codes])
  const rows = await query.execute()
  // Prefer 'all' for a code; else add the sexes (a file gives one or the other, never both for a row).
  const all = new Map<string, number>()
  const sexes = new Map<string, number>()
  for (const row of rows) {
    const code = (dimension === 'local_authority' ? (row as { local_authority_code: string }).local_authority_code : (row as { age_band: string }).age_band)
    const target = row.sex === 'all' ? all : sexes
    target.set(code, (target.get(code) ?? 0) + Number(row.population))
  }
  for (const [code, n] of sexes) result.set(code, n)
  for (const [code, n] of all) result.set(code, n)
  return result
}
