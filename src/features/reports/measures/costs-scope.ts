import { sql } from 'kysely'
import type { ReportContext } from '../modules.js'

/*
 * Which organisations' returns a report counts (issue 7 §4): the organisations asked for, or else those of the
 * referrals in scope (the facts with the filter's dimensions applied), so a commissioner's report for an area sums
 * the returns of the providers serving it. Returns are per organisation and cannot be split by a person's age,
 * sex or route: when such a filter is given the money measures say so rather than divide a whole service's costs
 * by part of its people.
 */
export const personDimensions = ['team', 'practitioner', 'route', 'age_band', 'sex', 'ethnicity', 'disability', 'wimd_quintile', 'language'] as const

export function filteredByPerson(context: ReportContext): boolean {
  return personDimensions.some((d) => (context.filter.where[d]?.length ?? 0) > 0)
}

export async function organisationsInScope(context: ReportContext): Promise<string[]> {
  const asked = context.filter.where.organisation
  if (asked && asked.length > 0 && Object.entries(context.filter.where).every(([d, v]) => d === 'organisation' || !v?.length)) return [...asked]
  if (context.unfiltered) {
    // Every organisation with a referral, found by skipping through the (organisation_id, received_on) index one
    // organisation at a time (a few hundred index probes) rather than reading all 1.25M facts rows for them.
    const rows = await sql<{ organisation_id: string }>`with recursive o(id) as (
        (select organisation_id from report_referral_facts order by organisation_id limit 1)
        union all
        select (select f.organisation_id from report_referral_facts f where f.organisation_id > o.id
          order by f.organisation_id limit 1) from o where o.id is not null)
      select id as organisation_id from o where id is not null`.execute(context.db)
    return rows.rows.map((r) => r.organisation_id)
  }
  const rows = await context.facts().select('organisation_id').distinct().execute()
  return rows.map((r) => r.organisation_id)
}

interface Dated {
  organisation_id: string
  period_from: string
  period_to: string
}

/** The latest return of each organisation (by the end of its period): for stocks such as headcount, counted once. */
export function latestPerOrganisation<T extends Dated>(rows: readonly T[]): T[] {
  const latest = new Map<string, T>()
  for (const row of rows) {
    const seen = latest.get(row.organisation_id)
    if (!seen || row.period_to > seen.period_to) latest.set(row.organisation_id, row)
  }
  return [...latest.values()]
}

/** Sum of a figure over rows, null when no row gives it ("not given" is not 0). */
export function sumOf<T>(rows: readonly T[], pick: (row: T) => number | string | null): number | null {
  let total: number | null = null
  for (const row of rows) {
    const v = pick(row)
    if (v !== null) total = (total ?? 0) + Number(v)
  }
  return total
}
