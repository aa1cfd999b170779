import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { changeFromInput, isChangeInput, isTotalInput, scoreFromTotal } from './api-change.js'
import { answersFromInput } from './api-input.js'
import type { InstrumentId } from './contract.js'
import { rulesOf } from './scoring/index.js'

/* Test helpers shared by the unit and API tests: the reference vectors and how their expectations are compared. */

export interface Vector {
  id: string
  instrument: InstrumentId
  description: string
  input: unknown
  expected: Record<string, unknown>
  provisional: boolean
}
export const vectors = (JSON.parse(readFileSync(new URL('./reference/test-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors

/** What the scoring API answers for one vector's input, through the same pure functions. */
export function scoreVector(id: InstrumentId, input: unknown): Record<string, unknown> {
  if (isChangeInput(input)) return changeFromInput(id, input)
  if (isTotalInput(input)) return scoreFromTotal(id, input as Record<string, unknown>)
  return rulesOf(id).score(answersFromInput(id, input)).report
}

/** Every expected field, named the same, equal (numbers to within float noise). */
export function assertExpected(actual: Record<string, unknown>, expected: Record<string, unknown>, label: string): void {
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key]
    if (typeof want === 'number' && typeof got === 'number') assert.ok(Math.abs(got - want) < 1e-9, `${label}: ${key} is ${got}, expected ${want}`)
    else assert.deepEqual(got, want, `${label}: ${key}`)
  }
}

