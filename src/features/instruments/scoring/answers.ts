import type { Answer, Answers } from '../contract.js'

/*
 * What each item accepts. Stored answers are an item's numeric value or its response code (null = not answered);
 * coded items also take the code's published number or its label ("Some of the time"), so that a form, an import
 * and an API caller can each send what they naturally have. Everything is normalised to one stored form.
 */

export type Domain =
  | { kind: 'integer'; min: number; max: number }
  /** PAM activation scores come from the licensed software with one decimal place. */
  | { kind: 'decimal'; min: number; max: number; places: number }
  /** `codes` maps every accepted code to the stored value; `numbers` maps accepted numbers to the same. */
  | { kind: 'coded'; codes: Record<string, number | string>; numbers: Record<number, number | string> }

export type AnswerProblem = 'wrong_type' | 'not_integer' | 'out_of_range' | 'unknown_code' | 'too_many_decimals'

export type Normalised = { ok: true; value: number | string | null } | { ok: false; problem: AnswerProblem }

/** "Some of the time", "some-of-the-time" and "SOME_OF_THE_TIME" are the same code. */
export const codeOf = (text: string): string => text.trim().toLowerCase().replace(/[\s/-]+/g, '_')

/**
 * Normalises one answer. `strict` (the JSON API) refuses numbers sent as strings, as a wrong type; stored answers and
 * form posts are read leniently, where "3" is 3.
 */
export function normaliseAnswer(domain: Domain, value: Answer | undefined | unknown, strict: boolean): Normalised {
  if (value === null || value === undefined) return { ok: true, value: null }
  if (domain.kind === 'coded') {
    if (typeof value === 'number') {
      const mapped = domain.numbers[value]
      return mapped === undefined ? { ok: false, problem: Number.isInteger(value) ? 'out_of_range' : 'not_integer' } : { ok: true, value: mapped }
    }
    if (typeof value !== 'string') return { ok: false, problem: 'wrong_type' }
    if (!strict && /^\d+$/.test(value.trim())) return normaliseAnswer(domain, Number(value), strict)
    const mapped = domain.codes[codeOf(value)]
    return mapped === undefined ? { ok: false, problem: 'unknown_code' } : { ok: true, value: mapped }
  }
  let number: number
  if (typeof value === 'number') number = value
  else if (!strict && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) number = Number(value)
  else return { ok: false, problem: 'wrong_type' }
  if (!Number.isFinite(number)) return { ok: false, problem: 'wrong_type' }
  if (domain.kind === 'integer' && !Number.isInteger(number)) return { ok: false, problem: 'not_integer' }
  if (domain.kind === 'decimal' && Math.abs(Math.round(number * 10 ** domain.places) - number * 10 ** domain.places) > 1e-9) return { ok: false, problem: 'too_many_decimals' }
  if (number < domain.min || number > domain.max) return { ok: false, problem: 'out_of_range' }
  return { ok: true, value: number }
}

export interface ItemProblem {
  itemId: string
  problem: AnswerProblem | 'unknown_item'
}

/** Normalises answers keyed by item id: unknown ids and bad values are reported, absent items become null. */
export function normaliseAnswers(domains: ReadonlyMap<string, Domain>, answers: Record<string, unknown>, strict: boolean): { answers: Answers; problems: ItemProblem[] } {
  const problems: ItemProblem[] = []
  const normalised: Answers = {}
  for (const itemId of Object.keys(answers)) if (!domains.has(itemId)) problems.push({ itemId, problem: 'unknown_item' })
  for (const [itemId, domain] of domains) {
    const result = normaliseAnswer(domain, answers[itemId], strict)
    if (result.ok) normalised[itemId] = result.value
    else {
      problems.push({ itemId, problem: result.problem })
      normalised[itemId] = null
    }
  }
  return { answers: normalised, problems }
}

export const numberAt = (answers: Answers, itemId: string): number | null => {
  const value = answers[itemId]
  return typeof value === 'number' ? value : null
}

export const stringAt = (answers: Answers, itemId: string): string | null => {
  const value = answers[itemId]
  return typeof value === 'string' ? value : null
}
