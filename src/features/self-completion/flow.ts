import type { Answer, Answers, FormItem } from '../instruments/contract.js'
import { walesDay } from '../../platform/i18n/formats.js'

/*
 * The rules of answering a measure alone through a link, one item a page (issue 6 §2): where a person who comes
 * back resumes, how a page's answer is read, and what the start page promises. Pure, so they are tested alone.
 */

/** The link pages' URLs, in one place for routes, redirects and templates. */
export const questionnairePaths = {
  route: { start: '/q/:token', question: '/q/:token/question/:number', check: '/q/:token/check', done: '/q/:token/done' },
  start: (token: string) => `/q/${token}`,
  question: (token: string, number: number) => `/q/${token}/question/${number}`,
  check: (token: string) => `/q/${token}/check`,
  done: (token: string) => `/q/${token}/done`,
}

/**
 * Where someone who comes back resumes: the first item not yet reached. An item left out is stored as null, so it
 * counts as reached and is not asked again; when every item is reached, the check-your-answers page.
 */
export function resumeAt(items: readonly Pick<FormItem, 'id'>[], answers: Answers): number | 'check' {
  const index = items.findIndex((item) => !(item.id in answers))
  return index === -1 ? 'check' : index + 1
}

/** The item number in a URL, when it names one of the items (1 to the number of items). */
export function itemNumber(param: string, count: number): number | null {
  if (!/^[1-9][0-9]{0,2}$/.test(param)) return null
  const number = Number(param)
  return number <= count ? number : null
}

/**
 * One page's answer as the form sent it: no choice means the item is left out (null, which the person may do);
 * a choice must be one of the item's own options, compared as the form sends them (text), and is kept in the
 * option's own type. Anything else was not offered on the page and is refused.
 */
export function readItemAnswer(item: Pick<FormItem, 'options'>, posted: unknown): { ok: true; value: Answer } | { ok: false } {
  if (posted === undefined || posted === '') return { ok: true, value: null }
  if (typeof posted !== 'string') return { ok: false }
  const option = item.options.find((o) => String(o.value) === posted)
  return option ? { ok: true, value: option.value } : { ok: false }
}

/** About how long the questionnaire takes, for the start page: some 20 seconds an item, and reading the start. */
export function estimatedMinutes(itemCount: number): number {
  return Math.max(2, Math.ceil((itemCount * 20) / 60))
}

/** How many items have an answer, and how many were left out, of those the form asks. */
export function answeredCount(items: readonly Pick<FormItem, 'id'>[], answers: Answers): { answered: number; leftOut: number } {
  let answered = 0
  let leftOut = 0
  for (const item of items) {
    if (!(item.id in answers)) continue
    if (answers[item.id] === null) leftOut += 1
    else answered += 1
  }
  return { answered, leftOut }
}

/** Today's date in Wales (YYYY-MM-DD): the day a measure completed through a link was taken. */
export function todayInWales(now: Date): string {
  return walesDay(now)
}
