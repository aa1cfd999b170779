import { type FieldError, length, list, text } from '../admin/fields.js'
import { isThemeCode, type ThemeCode, themeCodes, themesFromReasons } from '../directory/matching/themes.js'
import { pastDay } from './dates.js'
import { groupPreferences, settingPreferences, timesOfDay, welshMediumPreferences } from './schema.js'

/*
 * The 'What Matters' conversation as pure rules (CS §27 "Hold a thorough 'What Matters' conversation to understand
 * the person's circumstances, goals, and preferences … to uncover what is truly important beyond the initial
 * referral"; CF 5.1), shared by the pages and the API.
 */

/**
 * CDS #53 "Number of health and wellbeing needs a person has presented with". Neither the seeds nor DESIGN name a
 * list of wellbeing domains, so this is ours (docs/what-matters-and-plans.md): one need counts once per domain.
 */
export const wellbeingDomains = [
  'physical_health',
  'mental_emotional',
  'social_connection',
  'practical_money',
  'housing',
  'work_learning_volunteering',
  'caring',
] as const
export type WellbeingDomain = (typeof wellbeingDomains)[number]

export const TEXT_LIMIT = 2000
export const TRAVEL_LIMIT = 500

/** CDS #53: the number of wellbeing domains in which the person presented a need (unknown codes do not count). */
export function needsCount(domains: readonly string[]): number {
  return new Set(domains.filter((d) => (wellbeingDomains as readonly string[]).includes(d))).size
}

export interface ReferralComparison {
  /** Referral reasons the conversation confirmed, and those it did not. */
  confirmed: string[]
  notConfirmed: string[]
  /** Themes of what matters that the referral's reasons do not point to: issues that emerged in the conversation. */
  newThemes: ThemeCode[]
  /** Whether the practitioner wrote down other issues that emerged. */
  otherIssues: boolean
  /** CDS #125: the same issues as at referral, or different ones. */
  outcome: 'same' | 'different'
}

/**
 * CDS #125 "Comparison of issues raised during 'What Matters' conversation to those described at referral": the
 * same when every reason given at referral was confirmed and nothing new emerged (no theme the reasons do not lead
 * to, no other issue written down); different otherwise.
 */
export function compareWithReferral(
  referralReasons: readonly string[],
  confirmedReasons: readonly string[],
  themes: readonly string[],
  emergedIssues: string | null,
): ReferralComparison {
  const confirmed = referralReasons.filter((r) => confirmedReasons.includes(r))
  const notConfirmed = referralReasons.filter((r) => !confirmedReasons.includes(r))
  const expected = new Set<string>(themesFromReasons(referralReasons))
  const newThemes = themeCodes.filter((c) => themes.includes(c) && !expected.has(c))
  const otherIssues = Boolean(emergedIssues && emergedIssues.trim())
  return {
    confirmed,
    notConfirmed,
    newThemes,
    otherIssues,
    outcome: notConfirmed.length === 0 && newThemes.length === 0 && !otherIssues ? 'same' : 'different',
  }
}

export interface ConversationForm {
  heldOn: string
  completed: boolean
  themes: ThemeCode[]
  ownWords: string | null
  strengths: string | null
  needsDomains: WellbeingDomain[]
  needsNote: string | null
  confirmedReasons: string[]
  emergedIssues: string | null
  settingPreference: (typeof settingPreferences)[number] | null
  groupPreference: (typeof groupPreferences)[number] | null
  welshMedium: (typeof welshMediumPreferences)[number] | null
  timesOfDay: (typeof timesOfDay)[number][]
  travel: string | null
}

export type ConversationValues = Record<string, string | string[]>

const optionalText = (value: string) => (value === '' ? null : value)

/** A yes/no from a page ('yes'/'no') or JSON (true/false); anything else is null. */
export function yesNo(value: unknown): boolean | null {
  if (value === true || value === 'yes') return true
  if (value === false || value === 'no') return false
  return null
}

function pick<T extends string>(
  value: string,
  allowed: readonly T[],
  field: string,
  key: string,
  errors: FieldError[],
): T | null {
  if (value === '') return null
  if ((allowed as readonly string[]).includes(value)) return value as T
  errors.push({ field, key })
  return null
}

function codes<T extends string>(
  values: string[],
  allowed: readonly T[],
  field: string,
  key: string,
  errors: FieldError[],
): T[] {
  if (values.some((v) => !(allowed as readonly string[]).includes(v))) errors.push({ field, key })
  return allowed.filter((a) => values.includes(a))
}

/**
 * The conversation form. `referralReasons` are the reasons of the episode's referral: only those can be confirmed.
 * The date it was held is required and not in the future; at least one theme or the person's own words say what
 * matters when the conversation was completed.
 */
export function validateConversation(
  raw: Record<string, unknown>,
  referralReasons: readonly string[],
  today: string,
): { value: ConversationForm; values: ConversationValues; errors: FieldError[] } {
  const errors: FieldError[] = []
  const heldOn = pastDay(raw, 'heldOn', today, 'whatMatters', errors)
  const completed = yesNo(raw.completed)
  if (completed === null) errors.push({ field: 'completed', key: 'whatMatters.errors.completedMissing' })
  const themes = codes(list(raw.themes), themeCodes, 'themes', 'whatMatters.errors.themeUnknown', errors)
  const words = {
    ownWords: text(raw.ownWords).trim(),
    strengths: text(raw.strengths).trim(),
    needsNote: text(raw.needsNote).trim(),
    emergedIssues: text(raw.emergedIssues).trim(),
    travel: text(raw.travel).trim(),
  }
  for (const field of ['ownWords', 'strengths', 'needsNote', 'emergedIssues'] as const)
    if (length(words[field]) > TEXT_LIMIT)
      errors.push({ field, key: 'whatMatters.errors.tooLong', params: { max: TEXT_LIMIT } })
  if (length(words.travel) > TRAVEL_LIMIT)
    errors.push({ field: 'travel', key: 'whatMatters.errors.tooLong', params: { max: TRAVEL_LIMIT } })
  if (completed === true && list(raw.themes).length === 0 && words.ownWords === '')
    errors.push({ field: 'themes', key: 'whatMatters.errors.themesMissing' })
  const needsDomains = codes(
    list(raw.needsDomains),
    wellbeingDomains,
    'needsDomains',
    'whatMatters.errors.domainUnknown',
    errors,
  )
  const confirmedRaw = list(raw.confirmedReasons)
  if (confirmedRaw.some((r) => !referralReasons.includes(r)))
    errors.push({ field: 'confirmedReasons', key: 'whatMatters.errors.reasonUnknown' })
  const confirmedReasons = referralReasons.filter((r) => confirmedRaw.includes(r))
  const settingPreference = pick(
    text(raw.settingPreference).trim(),
    settingPreferences,
    'settingPreference',
    'whatMatters.errors.choiceUnknown',
    errors,
  )
  const groupPreference = pick(
    text(raw.groupPreference).trim(),
    groupPreferences,
    'groupPreference',
    'whatMatters.errors.choiceUnknown',
    errors,
  )
  const welshMedium = pick(
    text(raw.welshMedium).trim(),
    welshMediumPreferences,
    'welshMedium',
    'whatMatters.errors.choiceUnknown',
    errors,
  )
  const times = codes(list(raw.timesOfDay), timesOfDay, 'timesOfDay', 'whatMatters.errors.choiceUnknown', errors)
  const values: ConversationValues = {
    ...words,
    completed: completed === null ? text(raw.completed) : completed ? 'yes' : 'no',
    themes: list(raw.themes),
    needsDomains: list(raw.needsDomains),
    confirmedReasons: confirmedRaw,
    settingPreference: text(raw.settingPreference),
    groupPreference: text(raw.groupPreference),
    welshMedium: text(raw.welshMedium),
    timesOfDay: list(raw.timesOfDay),
  }
  return {
    value: {
      heldOn: heldOn ?? '',
      completed: completed ?? false,
      themes: themes.filter(isThemeCode),
      ownWords: optionalText(words.ownWords),
      strengths: optionalText(words.strengths),
      needsDomains,
      needsNote: optionalText(words.needsNote),
      confirmedReasons,
      emergedIssues: optionalText(words.emergedIssues),
      settingPreference,
      groupPreference,
      welshMedium,
      timesOfDay: times,
      travel: optionalText(words.travel),
    },
    values,
    errors,
  }
}
