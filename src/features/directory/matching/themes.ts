import type { ReferralReason } from '../../referrals/vocabulary.js'
import type { accessibilityFeatures } from '../schema.js'

/**
 * The bilingual reference list of "What Matters" themes (issue 5 item 3; CDS #108), as data so that the What
 * Matters conversation can reuse it. Each theme names the codes of the Cyswllt social prescribing taxonomy
 * (migrations/0010_social_prescribing_taxonomy.sql) whose services can meet it: matching and the gaps report both
 * read this mapping. Welsh for review by a Welsh speaker.
 */
export interface Theme {
  code: string
  name: string
  nameCy: string
  /** Taxonomy term codes of services that can meet this theme. */
  taxonomyCodes: readonly string[]
}

export const themes = [
  { code: 'reduce_isolation', name: 'Reduce isolation', nameCy: 'Lleihau unigrwydd', taxonomyCodes: ['social', 'peer_support', 'older_people'] },
  { code: 'be_more_active', name: 'Be more active', nameCy: 'Bod yn fwy egnïol', taxonomyCodes: ['physical_activity', 'green', 'blue'] },
  { code: 'mental_wellbeing', name: 'Mental wellbeing', nameCy: 'Llesiant meddyliol', taxonomyCodes: ['mental_wellbeing', 'peer_support'] },
  { code: 'long_term_condition', name: 'Manage a long-term condition', nameCy: 'Rheoli cyflwr hirdymor', taxonomyCodes: ['long_term_conditions'] },
  { code: 'money_and_debt', name: 'Money and debt', nameCy: 'Arian a dyledion', taxonomyCodes: ['money_and_benefits'] },
  { code: 'housing', name: 'Housing', nameCy: 'Tai', taxonomyCodes: ['housing'] },
  { code: 'work_and_volunteering', name: 'Work and volunteering', nameCy: 'Gwaith a gwirfoddoli', taxonomyCodes: ['employment_and_volunteering'] },
  { code: 'learning', name: 'Learning', nameCy: 'Dysgu', taxonomyCodes: ['learning_and_skills'] },
  { code: 'caring_role', name: 'Caring role', nameCy: 'Rôl ofalu', taxonomyCodes: ['carers_support'] },
  { code: 'confidence', name: 'Confidence', nameCy: 'Hyder', taxonomyCodes: ['peer_support', 'learning_and_skills', 'creative'] },
  { code: 'digital_skills', name: 'Digital skills', nameCy: 'Sgiliau digidol', taxonomyCodes: ['digital_inclusion'] },
  { code: 'food', name: 'Food', nameCy: 'Bwyd', taxonomyCodes: ['food'] },
  { code: 'families_and_play', name: 'Families and play', nameCy: 'Teuluoedd a chwarae', taxonomyCodes: ['children_families_play'] },
  { code: 'creative', name: 'Being creative', nameCy: 'Bod yn greadigol', taxonomyCodes: ['creative'] },
  { code: 'green_spaces', name: 'Green and blue spaces', nameCy: 'Mannau gwyrdd a glas', taxonomyCodes: ['green', 'blue'] },
] as const satisfies readonly Theme[]

export type ThemeCode = (typeof themes)[number]['code']
export const themeCodes: readonly ThemeCode[] = themes.map((t) => t.code)

export function isThemeCode(value: unknown): value is ThemeCode {
  return typeof value === 'string' && (themeCodes as readonly string[]).includes(value)
}

export function themeByCode(code: ThemeCode): Theme {
  return themes.find((t) => t.code === code) as Theme
}

/** A theme's name in the page language. */
export function themeName(code: ThemeCode, lang: string): string {
  const theme = themeByCode(code)
  return lang === 'cy' ? theme.nameCy : theme.name
}

/**
 * Until the What Matters conversation exists (issue 5), a person's themes are derived from the reasons of their
 * referrals (CDS #51, src/features/referrals/vocabulary.ts) through this explicit mapping. `other` says nothing
 * about what matters, so it gives no theme. Replace the derivation, not this list, when What Matters is recorded.
 */
export const themesOfReason: Record<ReferralReason, readonly ThemeCode[]> = {
  physical_wellbeing: ['be_more_active', 'long_term_condition'],
  mental_wellbeing: ['mental_wellbeing'],
  social_wellbeing: ['reduce_isolation', 'confidence'],
  financial_wellbeing: ['money_and_debt'],
  loneliness_isolation: ['reduce_isolation'],
  housing: ['housing'],
  carer_support: ['caring_role'],
  other: [],
}

/** The distinct themes of a set of referral reasons, in the order of the themes list. */
export function themesFromReasons(reasons: readonly string[]): ThemeCode[] {
  const wanted = new Set<ThemeCode>()
  for (const reason of reasons) for (const code of themesOfReason[reason as ReferralReason] ?? []) wanted.add(code)
  return themeCodes.filter((c) => wanted.has(c))
}

type AccessibilityFeature = (typeof accessibilityFeatures)[number]

/**
 * The accessibility features a person's recorded needs ask of a service. Communication needs map where a
 * directory feature answers them (easy read, an interpreter and "other" have none). Disability (the census
 * question) only says how much day-to-day activity is limited, not how; "limited a lot" is read as wanting
 * step-free access and an accessible toilet, a preference that raises a service's rank and never hides one.
 */
const featuresOfCommunicationNeed: Record<string, readonly AccessibilityFeature[]> = {
  bsl: ['bsl'],
  large_print: ['large_print'],
  hearing_loop: ['hearing_loop'],
}
const featuresOfDisability: Record<string, readonly AccessibilityFeature[]> = {
  limited_a_lot: ['step_free', 'accessible_toilet'],
}

export function accessNeedsOf(communicationNeeds: readonly string[], disability: string | null): AccessibilityFeature[] {
  const wanted = new Set<AccessibilityFeature>()
  for (const need of communicationNeeds) for (const f of featuresOfCommunicationNeed[need] ?? []) wanted.add(f)
  for (const f of featuresOfDisability[disability ?? ''] ?? []) wanted.add(f)
  return [...wanted]
}
