import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The 125 statements of the Core Data Set (Core Standards, Appendix Five), every column as published. The data is
 * reference/statements.json, generated from the verbatim appendix (reference/generate-statements.ts) and checked
 * against it cell for cell by statements.test.ts.
 */
export interface Statement {
  number: number
  cluster: number
  /** Published in English only. */
  statement: string
  bridgingValue: number
  importance: number
  easeOfCollection: number
  /** As printed: "PM", "ILO & PLO", "ILO & PMO" … (the Key explains the abbreviations). */
  typeOfData: string
  /** As printed in the column headed "RDA question": "What difference?", "How well?", "How much?" or "N/A". */
  rbaQuestion: string
  /** The printed figures, e.g. "0.38", "4.50", so the page shows them as published. */
  published: { bridgingValue: string; importance: string; easeOfCollection: string }
}

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference', 'statements.json')

/** In published order (by cluster, then as the appendix lists them). */
export const statements: readonly Statement[] = Object.freeze(JSON.parse(readFileSync(file, 'utf8')) as Statement[])

const byNumber = new Map(statements.map((s) => [s.number, s]))

export function statementOf(number: number): Statement | undefined {
  return byNumber.get(number)
}

/** The values the filters offer, in a stable order. */
export const clusters = [...new Set(statements.map((s) => s.cluster))].sort((a, b) => a - b)
export const publishedQuestions = ['How much?', 'How well?', 'What difference?', 'N/A'] as const
export const typesOfData = [...new Set(statements.map((s) => s.typeOfData))].sort()
