import { sql } from 'kysely'
import { populationBy } from '../../population/contract.js'
import type { Dimension, EquityRow, EquityTable } from '../contract.js'
import { eachMonth } from '../measures/monthly-pass.js'
import type { ReportContext } from '../modules.js'

/** The dimensions equity is shown by (issue 7 §3). */
export const equityDimensions = [
  'wimd_quintile',
  'age_band',
  'sex',
  'ethnicity',
  'disability',
  'language',
  'local_authority',
] as const

const columnOf: Record<(typeof equityDimensions)[number], string> = {
  wimd_quintile: 'wimd_quintile::text',
  age_band: 'age_band',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  language: 'language',
  local_authority: 'local_authority_code',
}

interface Counts {
  code: string | null
  referrals: number | string
  engaged: number | string
  completed: number | string
  paired: number | string
  improved: number | string
}

/**
 * For each dimension, over the referrals received in the period (one cohort, so the columns can be compared):
 * referrals; engaged (accepted, and at least one contact attended); completed (the episode closed with goals_met);
 * paired and improved on the primary wellbeing instrument (facts' wellbeing_paired/improved, refresh.ts); and,
 * for local authority and age band, the mid-year population and referrals per 1,000 (null until one is loaded).
 */
/**
 * The local authorities whose people a rate is per 1,000 of: those the filter names; else those of the health boards
 * or regional partnership boards it names; else, for a report of some organisations, the areas they serve; else all of
 * Wales (undefined). A provider's rate by age band is then per 1,000 of the people where it works, not of Wales.
 */
async function populationArea(context: ReportContext): Promise<string[] | undefined> {
  const { where } = context.filter
  const codes = new Set(where.local_authority ?? [])
  if (codes.size === 0 && (where.health_board?.length || where.rpb?.length)) {
    let q = context.db.selectFrom('local_authorities as la').innerJoin('health_boards as hb', 'hb.code', 'la.health_board_code').select('la.code')
    if (where.health_board?.length) q = q.where('la.health_board_code', 'in', where.health_board)
    if (where.rpb?.length) q = q.where('hb.regional_partnership_board_code', 'in', where.rpb)
    for (const r of await q.execute()) codes.add(r.code)
  }
  if (codes.size === 0 && where.organisation?.length)
    for (const r of await context.db.selectFrom('organisation_areas as oa').select('oa.local_authority_code').where('oa.organisation_id', 'in', where.organisation).execute())
      codes.add(r.local_authority_code)
  return codes.size > 0 ? [...codes] : undefined
}

/** The period's referrals counted by every dimension's codes, in one statement (issue 9), as numbers. */
async function countsOf(context: ReportContext): Promise<(Counts & { dimension: string })[]> {
  const { from, to } = context.filter
  // The period's referrals found once, then counted by every dimension in the same statement (issue 9).
  const branches = equityDimensions.map(
    (dimension) => sql`select ${sql.lit(dimension)}::text as dimension, ${sql.raw(`f.${columnOf[dimension]}`)}::text as code,
        count(*) as referrals,
        count(*) filter (where f.status = 'accepted' and f.contacts_attended > 0) as engaged,
        count(*) filter (where f.closing_reason = 'goals_met') as completed,
        count(*) filter (where f.wellbeing_paired) as paired,
        count(*) filter (where f.wellbeing_improved) as improved
      from period_referrals f group by 2`,
  )
  const all = await sql<Counts & { dimension: string }>`
    with period_referrals as materialized (
      select f.* from (${context.facts().selectAll()}) f where f.received_on between ${from}::date and ${to}::date)
    ${sql.join(branches, sql` union all `)}`.execute(context.db)
  return all.rows.map((r) => ({
    dimension: r.dimension,
    code: r.code,
    referrals: Number(r.referrals),
    engaged: Number(r.engaged),
    completed: Number(r.completed),
    paired: Number(r.paired),
    improved: Number(r.improved),
  }))
}

const countKeys = ['referrals', 'engaged', 'completed', 'paired', 'improved'] as const

/** Several months' counts added up by dimension and code (every count is of referrals received in its month). */
function addCounts(months: readonly (readonly (Counts & { dimension: string })[])[]): (Counts & { dimension: string })[] {
  const sums = new Map<string, Counts & { dimension: string }>()
  for (const rows of months)
    for (const row of rows) {
      const id = `${row.dimension}\u0000${row.code === null ? '\u0001' : row.code}`
      const sum = sums.get(id)
      if (!sum) sums.set(id, { ...row })
      else for (const key of countKeys) sum[key] = Number(sum[key]) + Number(row[key])
    }
  return [...sums.values()]
}

export async function equityTables(context: ReportContext): Promise<EquityTable[]> {
  const year = Number(context.filter.to.slice(0, 4))
  const tables: EquityTable[] = []
  // Every count is of referrals received in the period, so they add up month by month (ADR 0019): with the build's
  // month parts, unchanged months come from the cache.
  const months = await eachMonth(context, 'equity', {}, countsOf)
  const all = { rows: months ? addCounts(months) : await countsOf(context) }
  for (const dimension of equityDimensions) {
    const result = { rows: all.rows.filter((r) => r.dimension === dimension) }
    const population =
      dimension === 'local_authority' || dimension === 'age_band'
        ? await populationBy(context.db, dimension, { year, localAuthorityCodes: await populationArea(context) })
        : new Map<string, number>()
    const rowOf = (code: string, c: Omit<Counts, 'code'>): EquityRow => {
      const referrals = Number(c.referrals)
      const people = population.get(code) ?? null
      return {
        code,
        referrals,
        engaged: Number(c.engaged),
        completed: Number(c.completed),
        paired: Number(c.paired),
        improved: Number(c.improved),
        population: people,
        ratePer1000: people ? Math.round((10000 * referrals) / people) / 10 : null,
      }
    }
    const rows = result.rows.map((r) => rowOf(r.code ?? 'not_recorded', r)).sort((a, b) => a.code.localeCompare(b.code))
    const sum = (key: 'referrals' | 'engaged' | 'completed' | 'paired' | 'improved') =>
      rows.reduce((n, r) => n + (r[key] as number), 0)
    const totalPopulation = population.size > 0 ? [...population.values()].reduce((a, b) => a + b, 0) : null
    const total: EquityRow = {
      code: 'total',
      referrals: sum('referrals'),
      engaged: sum('engaged'),
      completed: sum('completed'),
      paired: sum('paired'),
      improved: sum('improved'),
      population: totalPopulation,
      ratePer1000: totalPopulation ? Math.round((10000 * sum('referrals')) / totalPopulation) / 10 : null,
    }
    tables.push({ dimension: dimension as Dimension, rows, total })
  }
  return tables
}
