/**
 * What other features may use of the Core Data Set catalogue (issue 7 §1): the published statements, how each is
 * covered, and the message key of its definition (reports link to `/core-data-set/<N>#definition`).
 */
import type { RbaQuestion } from '../reports/contract.js'
import { coverage, type Coverage } from './coverage.js'
import { type Statement, statementOf, statements } from './statements.js'

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

/** Table 2 (CS §115): the recommended top measures, under the question Table 2 gives them (coverage plan). */
export const table2: Readonly<Record<RbaQuestion, readonly number[]>> = {
  how_much: [122, 123, 36, 51, 112],
  how_well: [94, 109, 72, 70, 80, 108, 91],
  better_off: [82, 87, 93],
}

const appendixQuestions: Record<string, RbaQuestion> = {
  'How much?': 'how_much',
  'How well?': 'how_well',
  'What difference?': 'better_off',
  // #16 (the RBA report itself) is "N/A" in the appendix; reports place it under How much.
  'N/A': 'how_much',
}

export function inTable2(n: number): boolean {
  return Object.values(table2).some((numbers) => numbers.includes(n))
}

/** The question a report shows statement `n` under: Table 2's for its measures, else Appendix Five's. */
export function reportQuestionOf(n: number): RbaQuestion | undefined {
  for (const [question, numbers] of Object.entries(table2) as [RbaQuestion, readonly number[]][])
    if (numbers.includes(n)) return question
  const statement = statementOf(n)
  return statement ? appendixQuestions[statement.rbaQuestion] : undefined
}
