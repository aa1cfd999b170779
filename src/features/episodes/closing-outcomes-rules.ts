import { type FieldError, text } from '../admin/fields.js'
import {
  type ClosingOutcomeAnswers,
  closingOutcomeItems,
  type ClosingOutcomeName,
  NOT_ASKED,
} from './closing-outcomes-schema.js'

/*
 * The closing outcomes' rules as pure functions, shared by the close form, the edit page and the API
 * (docs/closing-outcomes.md). Every question is optional: "not asked" (null) is always an answer.
 */

/** How long after closing the answers may still be corrected: a month's report stops moving a month later. */
export const OUTCOMES_EDIT_DAYS = 30
const DAY = 86_400_000

const names: readonly string[] = closingOutcomeItems.map((i) => i.name)

export function notAsked(): ClosingOutcomeAnswers {
  return Object.fromEntries(closingOutcomeItems.map((i) => [i.name, null])) as ClosingOutcomeAnswers
}

/** The questions answered (not "not asked"): what the audit row names, never the answers themselves. */
export function answered(answers: ClosingOutcomeAnswers): ClosingOutcomeName[] {
  return closingOutcomeItems.filter((i) => answers[i.name] !== null).map((i) => i.name)
}

/**
 * Reads the answers from a form (`prefix` '') or a JSON object (`prefix` 'outcomes.' in the closing API, '' for
 * PUT …/closing-outcomes). Empty, null, missing and "not_asked" are "not asked"; any other value must be one of the
 * question's codes. `strict` (JSON): a property that is not a question is refused too, so a misspelt name is
 * not silently dropped.
 */
export function validateClosingOutcomes(
  raw: unknown,
  options: { prefix?: string; strict?: boolean } = {},
): { value: ClosingOutcomeAnswers; values: Record<string, string>; errors: FieldError[] } {
  const prefix = options.prefix ?? ''
  const value = notAsked()
  const values: Record<string, string> = {}
  const errors: FieldError[] = []
  if (raw === undefined || raw === null) return { value, values, errors }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ field: prefix.replace(/\.$/, '') || 'outcomes', key: 'episodes.closingOutcomes.errors.notAnObject' })
    return { value, values, errors }
  }
  const body = raw as Record<string, unknown>
  if (options.strict)
    for (const key of Object.keys(body))
      if (!names.includes(key)) errors.push({ field: `${prefix}${key}`, key: 'episodes.closingOutcomes.errors.unknownItem' })
  for (const item of closingOutcomeItems) {
    const given = body[item.name]
    const code = given === null || given === undefined ? '' : text(given).trim()
    values[item.name] = code === '' ? NOT_ASKED : code
    if (code === '' || code === NOT_ASKED) continue
    if ((item.answers as readonly string[]).includes(code)) value[item.name] = code
    else
      errors.push({
        field: `${prefix}${item.name}`,
        key: `episodes.closingOutcomes.errors.${item.name}`,
        // The error summary links to the first radio of the group, whose id is the item's name.
        href: `#${item.name}`,
      })
  }
  return { value, values, errors }
}

export type OutcomesEditable = { ok: true; until: Date } | { ok: false; problem: 'episode_open' | 'outcomes_locked' }

/** Whether the answers may be recorded or changed now: only for a closed episode, until 30 days after it closed. */
export function outcomesEditable(
  episode: { status: 'open' | 'closed'; ended_at: Date | null },
  now: Date,
): OutcomesEditable {
  if (episode.status !== 'closed' || !episode.ended_at) return { ok: false, problem: 'episode_open' }
  const until = new Date(episode.ended_at.getTime() + OUTCOMES_EDIT_DAYS * DAY)
  return now.getTime() <= until.getTime() ? { ok: true, until } : { ok: false, problem: 'outcomes_locked' }
}

/** A table row's answers by the API's names. */
export function answersOf(row: Record<string, unknown> | undefined): ClosingOutcomeAnswers {
  const answers = notAsked()
  if (!row) return answers
  for (const item of closingOutcomeItems) {
    const v = row[item.column]
    answers[item.name] = typeof v === 'string' ? v : null
  }
  return answers
}

/** The answers as table columns. */
export function columnsOf(answers: ClosingOutcomeAnswers): Record<string, string | null> {
  return Object.fromEntries(closingOutcomeItems.map((i) => [i.column, answers[i.name]]))
}
