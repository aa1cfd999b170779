import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { changeBetween as changeOf, type CohortChange, cohortChange as cohortOf, type CohortPair } from './change.js'
import { formAvailability } from './form.js'
import { normaliseAnswers } from './scoring/answers.js'
import { rulesOf } from './scoring/index.js'

/*
 * The face the instruments feature shows to the rest of Cyswllt (measures, self-completion, reports). Other
 * features import from here only; how instruments are described and scored lives behind it (docs/measures.md).
 * The functions below only forward to the feature's modules: scoring/ (pure rules per instrument), change.ts
 * (individual and cohort change) and form.ts (what an organisation may show, from its settings).
 */

export const instrumentIds = ['wemwbs', 'swemwbs', 'ons4', 'ucla3_ons', 'ons_loneliness_direct', 'djg6', 'gse', 'mycaw', 'pam', 'eq5d5l', 'outcomes_star'] as const
export type InstrumentId = (typeof instrumentIds)[number]
export const isInstrumentId = (value: unknown): value is InstrumentId => typeof value === 'string' && (instrumentIds as readonly string[]).includes(value)

/** How a measure of the instrument is taken: answers to its items, or scores copied from a licensed source. */
export type InstrumentMode = 'items' | 'entered_scores'

/** One answer as stored: an item's numeric value or response code; null when not answered. */
export type Answer = number | string | null
/** Item id (e.g. 'swemwbs_3', 'ons4_anxiety', 'djg_e1') or entered-score field (e.g. 'activation_score') → answer. */
export type Answers = Record<string, Answer>

/** One number an instrument yields (WEMWBS total; SWEMWBS metric; each ONS4 question; DJG total and subscales). */
export interface ScoreSeries {
  key: string
  min: number
  max: number
  higherIsBetter: boolean
  /** The published individual meaningful-change thresholds, where the instrument has them (WEMWBS 3/8, SWEMWBS 1.03/2.87). */
  meaningfulChange: { lenient: number; strict: number } | null
  /** True when the bands are provisional (SWEMWBS): show them with that caveat. */
  provisionalBands: boolean
}

export interface Score {
  value: number | null
  /** The band id where the instrument defines bands (e.g. 'probable_depression', 'very_high'); else null. */
  band: string | null
}

export interface Headline {
  instrumentId: InstrumentId
  /** 'complete' when every series that can be scored was; otherwise the instrument's missing-data verdict. */
  status: 'complete' | 'incomplete' | 'too_many_missing'
  /** The series shown first on charts (null for ONS4, whose four answers are never combined). */
  primary: string | null
  scores: Record<string, Score>
}

export interface Change {
  series: string
  baseline: number | null
  followUp: number | null
  change: number | null
  /** Whether the change, in the better direction, meets the lenient / strict published threshold; null where none is published. */
  meetsLenient: boolean | null
  meetsStrict: boolean | null
}

export interface FormItem {
  id: string
  text: string
  options: { value: number | string; label: string }[]
}

export interface InstrumentForm {
  instrumentId: InstrumentId
  /** The language the items are in: English when no approved translation is loaded for the interface's language. */
  itemLanguage: 'cy' | 'en'
  /** Set when the items are not in the interface's language, so the page can say why. */
  fallback: 'no_approved_translation' | null
  instructions: string
  copyrightLine: string
  items: FormItem[]
}

export type FormAvailability =
  | { available: true; mode: 'items'; form: InstrumentForm }
  | { available: true; mode: 'entered_scores'; fields: FormItem[]; licence: string }
  | { available: false; reason: 'registration_required' | 'licence_required' }

/** The instrument's series, in chart order. */
export function scoreSeries(id: InstrumentId): ScoreSeries[] {
  return rulesOf(id).series.map((s) => ({ ...s, meaningfulChange: s.meaningfulChange ? { ...s.meaningfulChange } : null }))
}

/** Scores stored answers by the instrument's rules, including its missing-data rule. Never throws for missing answers. */
export function headlineOf(id: InstrumentId, answers: Answers): Headline {
  const rules = rulesOf(id)
  // Stored answers were validated when written; anything unreadable is treated as not answered rather than thrown.
  return rules.score(normaliseAnswers(rules.domains, answers ?? {}, false).answers).headline
}

/** Individual change from one measure to a later one, per series (metric scores for SWEMWBS). */
export function changeBetween(id: InstrumentId, baseline: Headline, followUp: Headline): Change[] {
  return changeOf(id, baseline, followUp)
}

/** Checks answers before they are stored: unknown item ids and out-of-range values are refused, missing ones allowed. */
export function validateAnswers(id: InstrumentId, answers: Answers): { ok: true; answers: Answers } | { ok: false; errors: { itemId: string; problem: 'unknown_item' | 'out_of_range' }[] } {
  const { answers: normalised, problems } = normaliseAnswers(rulesOf(id).domains, answers ?? {}, false)
  if (problems.length === 0) return { ok: true, answers: normalised }
  // Wrong types, unknown codes and non-integers are all answers outside what the item accepts.
  return { ok: false, errors: problems.map((p) => ({ itemId: p.itemId, problem: p.problem === 'unknown_item' ? 'unknown_item' : 'out_of_range' })) }
}

/** What an organisation may show or record for an instrument, in the interface's language (registration, licence, translation). */
export async function instrumentForm(db: Kysely<DB> | Transaction<DB>, organisationId: string, id: InstrumentId, language: 'cy' | 'en'): Promise<FormAvailability> {
  return formAvailability(db, organisationId, id, language)
}

export type { CohortChange, CohortPair }

/**
 * Group change for reports (paired t 95% interval, share meeting the individual thresholds). Pass each person's
 * value of the series (default: the instrument's primary; SWEMWBS metric scores), null where a time point is missing.
 */
export function cohortChange(id: InstrumentId, pairs: readonly CohortPair[], series?: string): CohortChange {
  return cohortOf(id, pairs, series)
}
