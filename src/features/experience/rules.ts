import { type FieldError, isUuid, length, list, text } from '../admin/fields.js'
import { isThemeCode } from '../directory/matching/themes.js'
import { pastDay } from '../what-matters/dates.js'
import { type OwnWordsOccasion, ownWordsOccasions } from './schema.js'

/*
 * The person's voice as pure rules (issue 6 §5), shared by the pages and the API: outcomes in their own words
 * (CDS #97) and the experience survey asking the Core Standards' Table 2 "How well?" measures. The questions and
 * their wording are ours (docs/experience.md), not a licensed instrument.
 */

export const WORDS_LIMIT = 2000
export const COMMENT_LIMIT = 2000

export interface OwnWordsForm {
  saidOn: string
  words: string
  theme: string | null
  occasion: OwnWordsOccasion
}

/** A record of what the person says has changed for them: their words are required, the date is not in the future. */
export function validateOwnWords(
  body: Record<string, unknown>,
  today: string,
): { ok: true; value: OwnWordsForm } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const saidOn = pastDay(body, 'saidOn', today, 'experience', errors)
  const words = text(body.words).trim()
  if (!words) errors.push({ field: 'words', key: 'experience.errors.wordsMissing' })
  else if (length(words) > WORDS_LIMIT)
    errors.push({ field: 'words', key: 'experience.errors.wordsTooLong', params: { max: WORDS_LIMIT } })
  const theme = text(body.theme).trim()
  if (theme && !isThemeCode(theme)) errors.push({ field: 'theme', key: 'experience.errors.theme' })
  const occasion = text(body.occasion)
  if (!(ownWordsOccasions as readonly string[]).includes(occasion))
    errors.push({ field: 'occasion', key: 'experience.errors.occasion' })
  if (errors.length || !saidOn) return { ok: false, errors }
  return { ok: true, value: { saidOn, words, theme: theme || null, occasion: occasion as OwnWordsOccasion } }
}

/** Five-point scales, 5 the best; "prefer not to say" is stored as null. */
export const satisfactionScale = ['5', '4', '3', '2', '1', 'prefer_not'] as const
export const PREFER_NOT = 'prefer_not'

/** The survey's five-point questions: CDS #94, #72, #70 and #71/#76, in the order the person meets them. */
export const scaleQuestions = [
  { name: 'serviceSatisfaction', scale: 'satisfaction', cds: [94] },
  { name: 'informationSatisfaction', scale: 'satisfaction', cds: [72] },
  { name: 'influencedDecisions', scale: 'agreement', cds: [70] },
  { name: 'positiveExperience', scale: 'agreement', cds: [71, 76] },
] as const
export type ScaleQuestion = (typeof scaleQuestions)[number]['name']

/** Kinds of barrier (CDS #80 to the services, #81 to working with the practitioner); 'none' stands alone. */
export const barrierKinds = ['cost', 'transport', 'timing', 'language', 'accessibility', 'confidence', 'other'] as const
export const barrierQuestions = ['serviceBarriers', 'practitionerBarriers'] as const
export type BarrierQuestion = (typeof barrierQuestions)[number]

export interface SurveyAnswers {
  anonymous: boolean
  scales: Record<ScaleQuestion, number | null>
  barriers: Record<BarrierQuestion, string[]>
  /** CDS #95: one rating per service the person was connected to; null is "prefer not to say". */
  services: { serviceId: string; satisfaction: number | null }[]
  comment: string | null
}

/** The anonymity choice on the survey's first page: linked to the person's record ('named') or 'anonymous'. */
export function parseLinking(value: unknown): 'named' | 'anonymous' | null {
  const v = text(value)
  return v === 'named' || v === 'anonymous' ? v : null
}

function scaleValue(value: unknown): number | null | undefined {
  const v = text(value)
  if (v === PREFER_NOT) return null
  return /^[1-5]$/.test(v) ? Number(v) : undefined
}

/**
 * The survey's answers from its form: each five-point question answered (a point or "prefer not to say"), barrier
 * kinds from the list with 'none' alone, a rating for each connected service and for no other, a short comment.
 * Anything else is refused with the field it is about, so nothing is stored.
 */
export function validateSurvey(
  body: Record<string, unknown>,
  connectedServiceIds: readonly string[],
): { ok: true; value: SurveyAnswers } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const linking = parseLinking(body.linking)
  if (!linking) errors.push({ field: 'linking', key: 'experience.survey.errors.linking' })
  const scales = {} as Record<ScaleQuestion, number | null>
  for (const q of scaleQuestions) {
    const value = scaleValue(body[q.name])
    if (value === undefined)
      errors.push({ field: q.name, key: `experience.survey.errors.${q.name}`, href: `#${q.name}` })
    else scales[q.name] = value
  }
  const barriers = {} as Record<BarrierQuestion, string[]>
  for (const q of barrierQuestions) {
    const chosen = [...new Set(list(body[q]))]
    const known = chosen.every((c) => c === 'none' || (barrierKinds as readonly string[]).includes(c))
    if (!known) errors.push({ field: q, key: 'experience.survey.errors.barrierUnknown', href: `#${q}` })
    else if (chosen.includes('none') && chosen.length > 1)
      errors.push({ field: q, key: 'experience.survey.errors.barrierNone', href: `#${q}` })
    barriers[q] = chosen
  }
  const services: SurveyAnswers['services'] = []
  for (const key of Object.keys(body).filter((k) => k.startsWith('service-'))) {
    const id = key.slice('service-'.length)
    if (!isUuid(id) || !connectedServiceIds.includes(id))
      errors.push({ field: 'services', key: 'experience.survey.errors.serviceUnknown', href: '#services' })
  }
  for (const id of connectedServiceIds) {
    const value = scaleValue(body[`service-${id}`])
    if (value === undefined)
      errors.push({ field: `service-${id}`, key: 'experience.survey.errors.serviceRating', href: `#service-${id}` })
    else services.push({ serviceId: id, satisfaction: value })
  }
  const comment = text(body.comment).trim()
  if (length(comment) > COMMENT_LIMIT)
    errors.push({ field: 'comment', key: 'experience.survey.errors.commentTooLong', params: { max: COMMENT_LIMIT } })
  if (errors.length || !linking) return { ok: false, errors }
  return {
    ok: true,
    value: { anonymous: linking === 'anonymous', scales, barriers, services, comment: comment || null },
  }
}

/** The first day of the month a reply arrived, in Wales: all an anonymous reply keeps of when. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`
}

export interface QuestionSummary {
  /** Replies per point, 5 to 1, and those who preferred not to say. */
  counts: Record<'5' | '4' | '3' | '2' | '1' | 'prefer_not', number>
  answered: number
  /** Of those who answered on the scale (not "prefer not to say"), the share at 4 or 5, rounded; null with none. */
  percentSatisfied: number | null
}

/** Counts per answer of one five-point question, and the share satisfied (or agreeing). */
export function summariseScale(values: readonly (number | null)[]): QuestionSummary {
  const counts = { '5': 0, '4': 0, '3': 0, '2': 0, '1': 0, prefer_not: 0 }
  for (const v of values) {
    if (v === null) counts.prefer_not += 1
    else counts[String(v) as '5' | '4' | '3' | '2' | '1'] += 1
  }
  const onScale = values.length - counts.prefer_not
  return {
    counts,
    answered: values.length,
    percentSatisfied: onScale === 0 ? null : Math.round(((counts['5'] + counts['4']) / onScale) * 100),
  }
}

/** How many replies named each barrier kind (and 'none'); replies that left the question blank are not counted. */
export function summariseBarriers(values: readonly string[][]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries([...barrierKinds, 'none'].map((k) => [k, 0]))
  for (const chosen of values) for (const c of chosen) if (c in counts) counts[c] = (counts[c] ?? 0) + 1
  return counts
}
