import type { Headline, InstrumentId, Score } from '../contract.js'
import { type Domain, numberAt } from './answers.js'
import { type InstrumentRules, series } from './types.js'

/*
 * Licensed instruments whose items and scoring we may not ship (REPORT.md §5–6): the organisation copies the scores
 * from its licensed form or software, and we only check they are in range. The field keys below are ours.
 */

const int = (min: number, max: number): Domain => ({ kind: 'integer', min, max })

function entered(id: InstrumentId, fields: [string, Domain][], seriesList: InstrumentRules['series'], primary: string | null, optional: string[] = [], bandOf: (key: string, values: Record<string, number | null>) => string | null = () => null): InstrumentRules {
  return {
    id,
    mode: 'entered_scores',
    domains: new Map(fields),
    optional,
    series: seriesList,
    primary,
    score(answers) {
      const values = Object.fromEntries(fields.map(([key]) => [key, numberAt(answers, key)]))
      const required = fields.map(([key]) => key).filter((key) => !optional.includes(key))
      const status = required.every((key) => values[key] !== null) ? 'complete' : 'incomplete'
      const scores: Record<string, Score> = {}
      for (const [key] of fields) scores[key] = { value: values[key] ?? null, band: bandOf(key, values) }
      const headline: Headline = { instrumentId: id, status, primary, scores }
      return { headline, report: { ...values, status } }
    },
  }
}

/**
 * MYCaW (PROVISIONAL: anchor wording and any minimal important change unconfirmed, REPORT.md §5): one or two concerns
 * and general wellbeing, each 0–6 where lower is better. The second concern is optional.
 */
export const mycaw = entered(
  'mycaw',
  [
    ['concern1', int(0, 6)],
    ['concern2', int(0, 6)],
    ['wellbeing', int(0, 6)],
  ],
  [series('concern1', 0, 6, false), series('concern2', 0, 6, false), series('wellbeing', 0, 6, false)],
  'concern1',
  ['concern2'],
)

/** PAM: the activation score (0–100, one decimal, from Insignia's licensed software) and its activation level 1–4. */
export const pam = entered(
  'pam',
  [
    ['activation_score', { kind: 'decimal', min: 0, max: 100, places: 1 }],
    ['activation_level', int(1, 4)],
  ],
  [series('activation_score', 0, 100, true), series('activation_level', 1, 4, true)],
  'activation_score',
  [],
  (key, values) => (key === 'activation_score' && values.activation_level != null ? `level_${values.activation_level}` : null),
)

/** EQ-5D-5L: the five dimension levels (1 no problems … 5 extreme) and the EQ VAS 0–100. No index: that needs a licensed value set. */
export const eq5dDimensions = ['mobility', 'self_care', 'usual_activities', 'pain_discomfort', 'anxiety_depression'] as const
export const eq5d5l = entered(
  'eq5d5l',
  [...eq5dDimensions.map((d): [string, Domain] => [d, int(1, 5)]), ['vas', int(0, 100)]],
  [series('vas', 0, 100, true), ...eq5dDimensions.map((d) => series(d, 1, 5, false))],
  'vas',
)

/** Outcomes Star (Wellbeing Star): the eight outcome areas' Journey of Change readings, 1–10, from a Triangle-approved system. */
export const starAreas = ['area_1', 'area_2', 'area_3', 'area_4', 'area_5', 'area_6', 'area_7', 'area_8'] as const
export const outcomesStar = entered(
  'outcomes_star',
  starAreas.map((a): [string, Domain] => [a, int(1, 10)]),
  starAreas.map((a) => series(a, 1, 10, true)),
  // Areas are read one by one on the Star; we do not invent a combined score.
  null,
)
