import type { Answers, InstrumentId } from './contract.js'
import { type AnswerProblem, normaliseAnswer, normaliseAnswers } from './scoring/answers.js'
import { rulesOf } from './scoring/index.js'

/*
 * The input shapes the scoring API accepts, exactly as test-vectors.json writes them, turned into answers keyed by
 * item id: {responses:[…]} in item order (numbers or codes, null for missing), UCLA's {coded:[…]} with or without
 * the codes, ONS4's {answers:{satisfaction:…}}, De Jong Gierveld's {emotional:[…], social:[…]}, the direct
 * question's {response:"…"}, and entered scores as fields ({concern1, concern2, wellbeing}). Answers keyed by item
 * id (or by the id without its instrument prefix) are accepted everywhere, at the top level or under `answers`.
 */

export type InputProblem = AnswerProblem | 'unknown_item' | 'wrong_count' | 'not_an_object' | 'codes_disagree' | 'not_scorable_shape'

export interface ProblemAt {
  /** The item id or field the problem is about ('body' when the shape itself is wrong). */
  item: string
  problem: InputProblem
}

export class InvalidResponse extends Error {
  constructor(readonly problems: ProblemAt[]) {
    super(`invalid_response: ${problems.map((p) => `${p.item} ${p.problem}`).join(', ')}`)
    this.name = 'InvalidResponse'
  }
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Item id → the id, and also without its prefix ('ons4_satisfaction' ← 'satisfaction', 'djg_e1' ← 'e1'). */
function aliasesOf(id: InstrumentId): Map<string, string> {
  const aliases = new Map<string, string>()
  for (const itemId of rulesOf(id).domains.keys()) {
    aliases.set(itemId, itemId)
    const short = itemId.replace(/^[a-z0-9]+_/, '')
    if (short !== itemId && !aliases.has(short)) aliases.set(short, itemId)
  }
  return aliases
}

function fromObject(id: InstrumentId, object: Record<string, unknown>, into: Record<string, unknown>, problems: ProblemAt[]): void {
  const aliases = aliasesOf(id)
  for (const [key, value] of Object.entries(object)) {
    const itemId = aliases.get(key)
    if (!itemId) problems.push({ item: key, problem: 'unknown_item' })
    else into[itemId] = value
  }
}

function fromList(ids: readonly string[], list: unknown, field: string, into: Record<string, unknown>, problems: ProblemAt[]): void {
  if (!Array.isArray(list)) return void problems.push({ item: field, problem: 'wrong_type' })
  if (list.length !== ids.length) return void problems.push({ item: field, problem: 'wrong_count' })
  ids.forEach((itemId, i) => (into[itemId] = list[i]))
}

/** Parses one measure's input into normalised answers, or throws InvalidResponse naming every bad item. */
export function answersFromInput(id: InstrumentId, input: unknown): Answers {
  const rules = rulesOf(id)
  const itemIds = [...rules.domains.keys()]
  const problems: ProblemAt[] = []
  const raw: Record<string, unknown> = {}
  if (Array.isArray(input)) fromList(itemIds, input, 'responses', raw, problems)
  else if (!isPlainObject(input)) throw new InvalidResponse([{ item: 'body', problem: 'not_an_object' }])
  else {
    const { responses, coded, answers, emotional, social, response, ...rest } = input
    if (responses !== undefined && rules.mode === 'items') fromList(itemIds, responses, 'responses', raw, problems)
    else if (responses !== undefined) problems.push({ item: 'responses', problem: 'not_scorable_shape' })
    if (coded !== undefined) {
      // UCLA's coded 1–3 values; when the codes are sent too they must say the same.
      const fromCoded: Record<string, unknown> = {}
      fromList(itemIds, coded, 'coded', fromCoded, problems)
      for (const [itemId, value] of Object.entries(fromCoded)) {
        if (!(itemId in raw)) raw[itemId] = value
        else {
          const domain = rules.domains.get(itemId)!
          const a = normaliseAnswer(domain, raw[itemId], true)
          const b = normaliseAnswer(domain, value, true)
          if (a.ok && b.ok && a.value !== b.value) problems.push({ item: itemId, problem: 'codes_disagree' })
        }
      }
    }
    if (answers !== undefined) {
      if (isPlainObject(answers)) fromObject(id, answers, raw, problems)
      else problems.push({ item: 'answers', problem: 'wrong_type' })
    }
    if (emotional !== undefined || social !== undefined) {
      if (id !== 'djg6') problems.push({ item: emotional !== undefined ? 'emotional' : 'social', problem: 'unknown_item' })
      else {
        fromList(['djg_e1', 'djg_e2', 'djg_e3'], emotional ?? [null, null, null], 'emotional', raw, problems)
        fromList(['djg_s1', 'djg_s2', 'djg_s3'], social ?? [null, null, null], 'social', raw, problems)
      }
    }
    if (response !== undefined) {
      if (itemIds.length === 1) raw[itemIds[0] as string] = response
      else problems.push({ item: 'response', problem: 'unknown_item' })
    }
    fromObject(id, rest, raw, problems)
  }
  const { answers: normalised, problems: answerProblems } = normaliseAnswers(rules.domains, raw, true)
  problems.push(...answerProblems.map((p) => ({ item: p.itemId, problem: p.problem })))
  if (problems.length) throw new InvalidResponse(problems)
  return normalised
}
