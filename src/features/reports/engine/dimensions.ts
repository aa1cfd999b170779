import type { Dimension, ReportFilter } from '../contract.js'

/** The facts column each filter dimension reads. */
export const dimensionColumns = {
  organisation: 'organisation_id',
  team: 'team_id',
  practitioner: 'practitioner_id',
  local_authority: 'local_authority_code',
  health_board: 'health_board_code',
  rpb: 'rpb_code',
  route: 'route',
  age_band: 'age_band',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  wimd_quintile: 'wimd_quintile',
  language: 'language',
} as const satisfies Record<Dimension, string>

/**
 * The filter's (facts column, code) pairs, sorted and each once, as migration 0056 keeps their versions: the codes as
 * the facts hold them in text (a WIMD quintile as its number). Empty for a report with no filter.
 */
export function filterCodes(where: ReportFilter['where']): [string, string][] {
  const pairs = new Map<string, [string, string]>()
  for (const [dimension, codes] of Object.entries(where) as [Dimension, string[] | undefined][]) {
    const column = dimensionColumns[dimension]
    for (const code of codes ?? []) {
      const text = column === 'wimd_quintile' ? String(Number(code)) : code
      pairs.set(JSON.stringify([column, text]), [column, text])
    }
  }
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, pair]) => pair)
}
