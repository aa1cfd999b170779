import type { ActionRow, RatingRow } from './repository.js'
import { change, tally } from './rules.js'
import type { StandardRating } from './schema.js'
import { sections, sectionTitle } from './standards.js'

/* What the pages and the API show of an assessment: per standard or component, its statements and counts. */

const ratingMap = (ratings: readonly RatingRow[]) => new Map(ratings.map((r) => [r.statement_id, r.rating] as const))

/** Per standard and component: how many statements are fully, partly or not yet met, and the open actions. */
export function sectionSummaries(ratings: readonly RatingRow[], actions: readonly ActionRow[], lang: 'cy' | 'en') {
  const rated = ratingMap(ratings)
  return sections.map((s) => {
    const ids = s.statements.map((st) => st.id)
    return {
      id: s.id,
      kind: s.kind,
      title: sectionTitle(s, lang),
      statements: ids.length,
      ...tally(ids, rated),
      openActions: actions.filter((a) => a.status === 'open' && ids.includes(a.statement_id)).length,
    }
  })
}

/** The assessment's statements grouped by standard and component, each with its rating, evidence and actions. */
export function statementsBySection(ratings: readonly RatingRow[], actions: readonly ActionRow[], lang: 'cy' | 'en') {
  const byId = new Map(ratings.map((r) => [r.statement_id, r] as const))
  return sections.map((s) => ({
    id: s.id,
    kind: s.kind,
    title: sectionTitle(s, lang),
    summary: s.summary,
    inPractice: s.inPractice,
    statements: s.statements.map((st) => ({
      ...st,
      rating: byId.get(st.id)?.rating ?? null,
      evidence: byId.get(st.id)?.evidence ?? null,
      actions: actions.filter((a) => a.statement_id === st.id),
    })),
  }))
}

/** Each statement's rating then and now, and per section how many got better or worse. */
export function compare(previous: readonly RatingRow[], current: readonly RatingRow[], lang: 'cy' | 'en') {
  const before = ratingMap(previous)
  const now = ratingMap(current)
  return sections.map((s) => {
    const rows = s.statements.map((st) => {
      const was: StandardRating | undefined = before.get(st.id)
      const is: StandardRating | undefined = now.get(st.id)
      return { id: st.id, paragraph: st.paragraph, previous: was ?? null, current: is ?? null, change: change(was, is) }
    })
    return {
      id: s.id,
      title: sectionTitle(s, lang),
      better: rows.filter((r) => r.change === 'better').length,
      worse: rows.filter((r) => r.change === 'worse').length,
      rows,
    }
  })
}

export const actionJson = (a: ActionRow) => ({
  id: a.id,
  statementId: a.statement_id,
  action: a.action,
  ownerUserId: a.owner_user_id,
  ownerName: a.owner_user_name ?? a.owner_name,
  dueOn: a.due_on,
  status: a.status,
  doneOn: a.done_on,
})
