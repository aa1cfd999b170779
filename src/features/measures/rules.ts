import type { Answer, Answers, Change, FormItem, Headline, InstrumentId, ScoreSeries } from '../instruments/contract.js'
import { type Occasion, occasions } from './schema.js'

/*
 * Pure rules for measures (issue 6 §2, §4): which occasion to suggest, reading answers from a form, and arranging a
 * person's measures of one instrument into series over time with the change from baseline to the latest.
 */

/** A measure as these rules need it. */
export interface MeasureFacts {
  id: string
  instrument_id: string
  occasion: Occasion
  status: 'awaiting_person' | 'partial' | 'complete'
  scores: Headline | null
  taken_on: string | null
  completed_at: Date | null
  created_at: Date
}

/**
 * The occasion to offer first: baseline until the episode has a completed or started baseline of that instrument,
 * then review; exit and follow-up are the practitioner's choice, never guessed.
 */
export function defaultOccasion(episodeMeasures: Pick<MeasureFacts, 'instrument_id' | 'occasion'>[], instrument: string | null): Occasion {
  const hasBaseline = episodeMeasures.some((m) => m.occasion === 'baseline' && (instrument === null || m.instrument_id === instrument))
  return hasBaseline ? 'review' : 'baseline'
}

export const isOccasion = (value: unknown): value is Occasion => typeof value === 'string' && (occasions as readonly string[]).includes(value)

/**
 * Answers as a form sent them: each item's field holds the option's value as text, or a number typed in (entered
 * scores). An option's own value is used when it matches (numbers stay numbers, codes stay codes); anything else is
 * passed on as given, so validateAnswers refuses it rather than this quietly dropping it. Empty fields are unanswered.
 */
export function answersFromForm(body: Record<string, unknown>, items: FormItem[]): Answers {
  const answers: Answers = {}
  for (const item of items) {
    const raw = body[item.id]
    if (typeof raw !== 'string' || raw.trim() === '') continue
    const given = raw.trim()
    const option = item.options.find((o) => String(o.value) === given)
    if (option) answers[item.id] = option.value
    else answers[item.id] = /^-?\d+(\.\d+)?$/.test(given) ? Number(given) : given
  }
  return answers
}

/** Answers from a JSON body: an object of item id → number, string or null; anything else is not an answer set. */
export function answersFromJson(value: unknown): Answers | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const answers: Answers = {}
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) answers[key] = v as Answer
    else return null
  }
  return answers
}

/** The day a measure counts for on charts: the day it was taken, else the day it was started. */
export const measureDay = (m: Pick<MeasureFacts, 'taken_on' | 'created_at'>): string => m.taken_on ?? m.created_at.toISOString().slice(0, 10)

/** One point of a series: a completed measure's score for that series. */
export interface SeriesPoint {
  measureId: string
  day: string
  occasion: Occasion
  value: number
  band: string | null
}

export interface InstrumentHistory {
  instrumentId: InstrumentId
  /** Completed measures, oldest first (every row of the table). */
  measures: MeasureFacts[]
  /** The series charted: the instrument's primary series, or every series when it has none (ONS4). */
  charted: { series: ScoreSeries; points: SeriesPoint[] }[]
  /** From the baseline (or, without one, the first measure) to the latest, when there are two; per series charted. */
  change: { from: MeasureFacts; to: MeasureFacts; changes: Change[] } | null
}

/**
 * A person's completed measures of one instrument arranged for the person page. `changeBetween` is the instruments
 * contract's, passed in so this stays pure and testable.
 */
export function instrumentHistory(
  instrumentId: InstrumentId,
  measures: MeasureFacts[],
  series: ScoreSeries[],
  changeBetween: (id: InstrumentId, baseline: Headline, followUp: Headline) => Change[],
): InstrumentHistory {
  const complete = measures
    .filter((m) => m.status === 'complete' && m.scores && m.instrument_id === instrumentId)
    .sort((a, b) => measureDay(a).localeCompare(measureDay(b)) || (a.completed_at?.getTime() ?? 0) - (b.completed_at?.getTime() ?? 0))
  const primary = complete.find((m) => m.scores?.primary)?.scores?.primary ?? null
  const chartedSeries = primary ? series.filter((s) => s.key === primary) : series
  const charted = chartedSeries.map((s) => ({
    series: s,
    points: complete.flatMap((m): SeriesPoint[] => {
      const score = m.scores?.scores[s.key]
      return score && score.value !== null ? [{ measureId: m.id, day: measureDay(m), occasion: m.occasion, value: score.value, band: score.band }] : []
    }),
  }))
  const from = complete.find((m) => m.occasion === 'baseline') ?? complete[0]
  const to = complete.at(-1)
  const change =
    from && to && from !== to && from.scores && to.scores
      ? { from, to, changes: changeBetween(instrumentId, from.scores, to.scores).filter((c) => chartedSeries.some((s) => s.key === c.series)) }
      : null
  return { instrumentId, measures: complete, charted, change }
}

/** How a change reads: meets the strict threshold, the lenient one only, neither, or there is no published one. */
export type ChangeVerdict = 'meets_strict' | 'meets_lenient' | 'not_meaningful' | 'no_threshold' | 'not_scored'

export function changeVerdict(change: Change): ChangeVerdict {
  if (change.change === null) return 'not_scored'
  if (change.meetsLenient === null || change.meetsStrict === null) return 'no_threshold'
  if (change.meetsStrict) return 'meets_strict'
  if (change.meetsLenient) return 'meets_lenient'
  return 'not_meaningful'
}
