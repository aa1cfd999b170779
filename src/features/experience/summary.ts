import { barrierQuestions, type QuestionSummary, scaleQuestions, summariseBarriers, summariseScale } from './rules.js'

/*
 * The organisation's experience survey results for a period (issue 6 §5 "Results"), as a pure function of the
 * stored replies. Periods are whole months, because an anonymous reply keeps nothing finer than its month.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2}))?$/

/** 'YYYY-MM' or 'YYYY-MM-DD' to the first day of its month; null when it is neither. */
export function monthParam(value: string): string | null {
  const m = MONTH.exec(value.trim())
  if (!m) return null
  if (m[3] !== undefined) {
    const d = Number(m[3])
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate()
    if (d < 1 || d > last) return null
  }
  return `${m[1]}-${m[2]}-01`
}

/** The period asked for, or by default the twelve months to this one; from after to is refused. */
export function periodOf(
  query: { from?: string; to?: string },
  today: string,
): { ok: true; from: string; to: string } | { ok: false; field: 'from' | 'to'; key: string } {
  const thisMonth = `${today.slice(0, 7)}-01`
  const yearAgo = `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`
  const from = query.from ? monthParam(query.from) : yearAgo
  if (!from) return { ok: false, field: 'from', key: 'experience.summary.errors.from' }
  const to = query.to ? monthParam(query.to) : thisMonth
  if (!to) return { ok: false, field: 'to', key: 'experience.summary.errors.to' }
  if (from > to) return { ok: false, field: 'from', key: 'experience.summary.errors.order' }
  return { ok: true, from, to }
}

export interface StoredReply {
  month: string
  anonymous: boolean
  service_satisfaction: number | null
  information_satisfaction: number | null
  influenced_decisions: number | null
  positive_experience: number | null
  service_barriers: string[]
  practitioner_barriers: string[]
  comment: string | null
}

export interface StoredRating {
  service_id: string
  satisfaction: number | null
  name: string
  name_cy: string | null
}

/** The reply's column for each question. */
export const columns = {
  serviceSatisfaction: 'service_satisfaction',
  informationSatisfaction: 'information_satisfaction',
  influencedDecisions: 'influenced_decisions',
  positiveExperience: 'positive_experience',
  serviceBarriers: 'service_barriers',
  practitionerBarriers: 'practitioner_barriers',
} as const

export interface ExperienceSummary {
  replies: number
  anonymousReplies: number
  questions: { name: string; cds: readonly number[]; summary: QuestionSummary }[]
  barriers: { name: string; answered: number; counts: Record<string, number> }[]
  services: { serviceId: string; name: string; summary: QuestionSummary }[]
  /** Comments of named replies only: an anonymous reply's words could point to the person in a small team. */
  comments: { month: string; text: string }[]
  anonymousComments: number
}

export function summarise(
  replies: readonly StoredReply[],
  ratings: readonly StoredRating[],
  lang: 'cy' | 'en',
): ExperienceSummary {
  const byService = new Map<string, { name: string; values: (number | null)[] }>()
  for (const r of ratings) {
    const entry = byService.get(r.service_id) ?? { name: lang === 'cy' && r.name_cy ? r.name_cy : r.name, values: [] }
    entry.values.push(r.satisfaction)
    byService.set(r.service_id, entry)
  }
  return {
    replies: replies.length,
    anonymousReplies: replies.filter((r) => r.anonymous).length,
    questions: scaleQuestions.map((q) => ({
      name: q.name,
      cds: q.cds,
      summary: summariseScale(replies.map((r) => r[columns[q.name]])),
    })),
    barriers: barrierQuestions.map((q) => {
      const answered = replies.map((r) => r[columns[q]]).filter((v) => v.length > 0)
      return { name: q, answered: answered.length, counts: summariseBarriers(answered) }
    }),
    services: [...byService.entries()]
      .map(([serviceId, e]) => ({ serviceId, name: e.name, summary: summariseScale(e.values) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang)),
    comments: replies
      .filter((r) => !r.anonymous && r.comment)
      .map((r) => ({ month: r.month, text: r.comment as string })),
    anonymousComments: replies.filter((r) => r.anonymous && r.comment).length,
  }
}
