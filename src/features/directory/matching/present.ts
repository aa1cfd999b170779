import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import type { Translate } from '../../../platform/i18n/i18n.js'
import { matchServices, type PersonNeeds, type Reason, type Suggestion } from './match.js'
import { candidateServices, needsOf, type PersonForMatching } from './repository.js'
import { themeName, type ThemeCode } from './themes.js'
import { numberFormat } from '../../../platform/i18n/formats.js'

export const DEFAULT_WITHIN_KM = 25
export const MAX_WITHIN_KM = 200
export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 50
/** How many suggestions the person page shows. */
export const PAGE_LIMIT = 5

/** Suggestions for one person: their needs, the candidate services near them, matched. */
/** `database` (the app's, whose transaction `trx` is) names the directory kept for matching (kept-directory.ts). */
export async function suggestionsFor(
  trx: Kysely<DB> | Transaction<DB>,
  person: PersonForMatching,
  options: { withinKm: number; limit: number; database: object; recordedThemes?: ThemeCode[] | null },
): Promise<{ needs: PersonNeeds; suggestions: Suggestion[] }> {
  const { needs, origin } = await needsOf(trx, person, new Date(), options.recordedThemes)
  const candidates = await candidateServices(trx, needs.themes, origin, options.withinKm, options.database)
  return { needs, suggestions: matchServices(needs, candidates, options) }
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1)

export function kilometres(metres: number, lang: string): string {
  return numberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(metres / 1000)
}

/** One reason in the page language, written to sit in a list: "reduce isolation", "Welsh-medium", "2.3 km". */
export function reasonText(reason: Reason, lang: string, t: Translate): string {
  switch (reason.kind) {
    case 'theme':
      return lowerFirst(themeName(reason.theme, lang))
    case 'welsh':
      return t(`directory.matching.reasons.welsh.${reason.provision}`)
    case 'access':
      return t(`directory.matching.reasons.access.${reason.feature}`)
    case 'distance':
      return t('directory.matching.reasons.distance', { km: kilometres(reason.metres, lang) })
    case 'remote':
      return t(`directory.matching.reasons.remote.${reason.attending}`)
    case 'capacity':
      if (reason.status === 'full') return t('directory.matching.reasons.full')
      return reason.weeks === null ? t('directory.matching.reasons.waitingList') : t('directory.matching.reasons.waitingWeeks', { count: reason.weeks })
  }
}

/** The reasons as one line: "reduce isolation; Welsh-medium; step-free; 2.3 km". */
export function reasonsLine(reasons: readonly Reason[], lang: string, t: Translate): string {
  return reasons.map((r) => reasonText(r, lang, t)).join('; ')
}

/** What the person page and the API show of a suggestion. */
export function presentSuggestion(suggestion: Suggestion, lang: string, t: Translate) {
  const s = suggestion.service
  const welshName = lang === 'cy' && s.nameCy
  return {
    id: s.id,
    href: `/directory/services/${s.id}`,
    name: welshName ? s.nameCy : s.name,
    nameLang: lang === 'cy' && !s.nameCy ? 'en' : null,
    score: suggestion.score,
    reasons: suggestion.reasons.map((r) => reasonText(r, lang, t)),
    reasonsLine: reasonsLine(suggestion.reasons, lang, t),
    full: suggestion.full,
    capacityStatus: s.capacityStatus,
    waitingListWeeks: s.capacityStatus === 'waiting_list' ? s.waitingListWeeks : null,
    metres: s.metres === null ? null : Math.round(s.metres),
  }
}
