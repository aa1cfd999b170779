/**
 * What other features may use of the Core Data Set catalogue (issue 7 §1): the published statements, how each is
 * covered, and the message key of its definition (reports link to `/core-data-set/<N>#definition`).
 */
import { coverage, type Coverage } from './coverage.js'
import { type Statement, statements } from './statements.js'

export type { Coverage, CoverageStatus, OutsideReason } from './coverage.js'
export type { Statement } from './statements.js'
export { coverageSummary, definitionKey } from './coverage.js'
export { statementOf, statements } from './statements.js'

/** How statement `n` is covered; undefined for a number not in Appendix Five. */
export function coverageOf(n: number): Coverage | undefined {
  return coverage.get(n)
}

/** Every measure id the catalogue expects report modules to emit for computed statements, sorted, no repeats. */
export function computedMeasureIds(): string[] {
  const ids = new Set<string>()
  for (const c of coverage.values()) if (c.status === 'computed') for (const id of c.measureIds) ids.add(id)
  return [...ids].sort()
}

/** The link to a statement's definition, for report pages and exports. */
export function definitionHref(n: number): string {
  return `/core-data-set/${n}#definition`
}

/** The statement a measure id answers first: `cds91.swemwbs` → 91; other ids (funnel, carbon) → undefined. */
export function statementOfMeasure(id: string): Statement | undefined {
  const match = /^cds(\d{1,3})(?:\.|$)/.exec(id)
  return match ? statements.find((s) => s.number === Number(match[1])) : undefined
}

