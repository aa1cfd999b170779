import type { Answers, Headline, InstrumentId, InstrumentMode, ScoreSeries } from '../contract.js'
import type { Domain } from './answers.js'

/** What the scoring API reports for one measure: the fields of test-vectors.json's `expected`, named the same. */
export type Report = Record<string, unknown>

export interface Scored {
  headline: Headline
  report: Report
}

/** One instrument's rules: what each item accepts, the series it yields and how answers are scored. */
export interface InstrumentRules {
  id: InstrumentId
  mode: InstrumentMode
  /** Item id (or entered-score field) → what it accepts, in the order the instrument asks them. */
  domains: ReadonlyMap<string, Domain>
  /** Items that may be left out without making the measure incomplete (MYCaW's second concern). */
  optional?: readonly string[]
  series: ScoreSeries[]
  primary: string | null
  /** Scores normalised answers (see answers.ts); never throws for missing answers. */
  score(answers: Answers): Scored
}

export const series = (key: string, min: number, max: number, higherIsBetter: boolean, extra: Partial<ScoreSeries> = {}): ScoreSeries => ({
  key,
  min,
  max,
  higherIsBetter,
  meaningfulChange: null,
  provisionalBands: false,
  ...extra,
})

/** A band by inclusive integer edges, as the owners publish them. */
export interface Band {
  id: string
  min: number
  max: number
}

export const bandOf = (bands: readonly Band[], value: number | null): string | null =>
  value === null ? null : (bands.find((band) => value >= band.min && value <= band.max)?.id ?? null)

export const integerDomains = (ids: readonly string[], min: number, max: number): Map<string, Domain> =>
  new Map(ids.map((id) => [id, { kind: 'integer', min, max } as Domain]))
