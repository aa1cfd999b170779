import type { Answers, Headline } from '../contract.js'
import { itemIdsOf, swemwbsConversion } from '../definitions.js'
import { numberAt } from './answers.js'
import { roundTo } from './numbers.js'
import { type Band, bandOf, integerDomains, type InstrumentRules, series } from './types.js'

/*
 * Mental wellbeing (WEMWBS, SWEMWBS), personal wellbeing (ONS4) and self-efficacy (GSE), by the rules in
 * reference/instruments.json and REPORT.md §1, §2 and §4.
 */

const answeredValues = (answers: Answers, ids: readonly string[]) => ids.map((id) => numberAt(answers, id)).filter((v): v is number => v !== null)

/** Warwick's depression-benchmarked WEMWBS bands (medium confidence; signposting only, WEMWBS is not a screening tool). */
export const wemwbsBands: Band[] = [
  { id: 'probable_depression', min: 14, max: 40 },
  { id: 'possible_depression', min: 41, max: 44 },
  { id: 'average', min: 45, max: 59 },
  { id: 'high', min: 60, max: 70 },
]

const wemwbsItems = itemIdsOf('wemwbs')

export const wemwbs: InstrumentRules = {
  id: 'wemwbs',
  mode: 'items',
  domains: integerDomains(wemwbsItems, 1, 5),
  series: [series('total', 14, 70, true, { meaningfulChange: { lenient: 3, strict: 8 } })],
  primary: 'total',
  score(answers) {
    const values = answeredValues(answers, wemwbsItems)
    // UNCONFIRMED: Warwick's missing-data rule could not be read (its guide needs registration); like CamCOPS we
    // score only complete forms (REPORT.md §1 "Missing data"). Revisit with the Warwick user guide.
    const complete = values.length === wemwbsItems.length
    const total = complete ? values.reduce((a, b) => a + b, 0) : null
    const band = bandOf(wemwbsBands, total)
    const status = complete ? 'complete' : 'incomplete'
    const headline: Headline = { instrumentId: 'wemwbs', status, primary: 'total', scores: { total: { value: total, band } } }
    return { headline, report: { total, band, status, answered: values.length, bandProvisional: false } }
  },
}

/**
 * PROVISIONAL (REPORT.md §1, "Check before release" 2): SWEMWBS bands on the metric score, <18 / 18–<21 / 21–<28 /
 * ≥28, believed to match Warwick's 7–17 / 18–20 / 21–27 / 28–35 but not read from a primary source; the boundary
 * handling for non-integer metric scores (17.98, 27.03) is our choice. Every band we report says `bandProvisional`.
 */
export const swemwbsBands: { id: string; from: number; below: number }[] = [
  { id: 'probable_depression', from: 7, below: 18 },
  { id: 'possible_depression', from: 18, below: 21 },
  { id: 'average', from: 21, below: 28 },
  { id: 'high', from: 28, below: Infinity },
]

export const swemwbsBandOf = (metric: number | null): string | null =>
  metric === null ? null : (swemwbsBands.find((band) => metric >= band.from && metric < band.below)?.id ?? null)

/**
 * Raw 7–35 → metric. The table was not read from Warwick's copy (registration); independent copies agree, except
 * one that gives raw 29 → 25.99 where we use 26.02 (REPORT.md §1; "Check before release" 1).
 */
export function swemwbsMetric(raw: number | null): number | null {
  return raw === null ? null : (swemwbsConversion.get(raw) ?? null)
}

const swemwbsItems = itemIdsOf('swemwbs')

export const swemwbs: InstrumentRules = {
  id: 'swemwbs',
  mode: 'items',
  domains: integerDomains(swemwbsItems, 1, 5),
  series: [series('metric', 7, 35, true, { meaningfulChange: { lenient: 1.03, strict: 2.87 }, provisionalBands: true })],
  primary: 'metric',
  score(answers) {
    const values = answeredValues(answers, swemwbsItems)
    // The conversion table is defined for complete 7-item sums only: never prorate a partial sum.
    const complete = values.length === swemwbsItems.length
    const raw = complete ? values.reduce((a, b) => a + b, 0) : null
    const metric = swemwbsMetric(raw)
    const band = swemwbsBandOf(metric)
    const status = complete ? 'complete' : 'incomplete'
    const headline: Headline = { instrumentId: 'swemwbs', status, primary: 'metric', scores: { metric: { value: metric, band }, raw: { value: raw, band: null } } }
    return { headline, report: { raw, metric, band, bandProvisional: true, status, answered: values.length, metricProvisionalNote: raw === 29 ? 'raw_29_metric_unconfirmed' : null } }
  },
}

/** The ONS thresholds (high confidence). Anxiety is stored as answered; a higher score is worse, so its bands read the other way. */
export const onsPositiveBands: Band[] = [
  { id: 'low', min: 0, max: 4 },
  { id: 'medium', min: 5, max: 6 },
  { id: 'high', min: 7, max: 8 },
  { id: 'very_high', min: 9, max: 10 },
]
export const onsAnxietyBands: Band[] = [
  { id: 'very_low', min: 0, max: 1 },
  { id: 'low', min: 2, max: 3 },
  { id: 'medium', min: 4, max: 5 },
  { id: 'high', min: 6, max: 10 },
]

export const ons4Questions = ['satisfaction', 'worthwhile', 'happiness', 'anxiety'] as const

export const ons4: InstrumentRules = {
  id: 'ons4',
  mode: 'items',
  domains: integerDomains(itemIdsOf('ons4'), 0, 10),
  series: ons4Questions.map((q) => series(q, 0, 10, q !== 'anxiety')),
  // ONS: the four answers are never combined, so there is no headline series.
  primary: null,
  score(answers) {
    const scores: Headline['scores'] = {}
    const report: Record<string, unknown> = {}
    let answered = 0
    for (const question of ons4Questions) {
      const value = numberAt(answers, `ons4_${question}`)
      if (value !== null) answered++
      const band = bandOf(question === 'anxiety' ? onsAnxietyBands : onsPositiveBands, value)
      scores[question] = { value, band }
      report[question] = { score: value, band }
    }
    // Missing data is per question: the other answers still stand.
    const status = answered === ons4Questions.length ? 'complete' : 'incomplete'
    return { headline: { instrumentId: 'ons4', status, primary: null, scores }, report: { ...report, status, answered } }
  },
}

const gseItems = itemIdsOf('gse')

export const gse: InstrumentRules = {
  id: 'gse',
  mode: 'items',
  domains: integerDomains(gseItems, 1, 4),
  series: [series('total', 10, 40, true)],
  primary: 'total',
  score(answers) {
    const values = answeredValues(answers, gseItems)
    // GSE FAQ: score when no more than 3 of the 10 are missing, as the mean of the answered items (× 10 for the sum).
    const scorable = values.length >= gseItems.length - 3
    const exactMean = scorable ? values.reduce((a, b) => a + b, 0) / values.length : null
    // The FAQ sets no rounding, so the API reports the prorated mean and total unrounded (only binary-float noise
    // removed: 2.875 stays 2.875, 7 answered gives 2.2857142857); pages and charts show the total to 2 places.
    const mean = exactMean === null ? null : roundTo(exactMean, 10)
    const total = exactMean === null ? null : roundTo(exactMean * 10, 10)
    const status = scorable ? 'complete' : 'too_many_missing'
    // The authors publish no cut-off and do not endorse categorising people: no band.
    const headline: Headline = { instrumentId: 'gse', status, primary: 'total', scores: { total: { value: total === null ? null : roundTo(total, 2), band: null } } }
    return { headline, report: { total, mean, answered: values.length, status, prorated: scorable && values.length < gseItems.length } }
  },
}
