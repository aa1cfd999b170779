import type { Headline } from '../contract.js'
import { itemIdsOf, referenceOf } from '../definitions.js'
import { type Domain, numberAt, stringAt } from './answers.js'
import { type Band, bandOf, type InstrumentRules, series } from './types.js'

/* Loneliness: the ONS three-item UCLA scale, the ONS direct question and the De Jong Gierveld 6-item scale (REPORT.md §3). */

const uclaItems = itemIdsOf('ucla3_ons')
/** Hardly ever or never = 1, Some of the time = 2, Often = 3 (ONS). Stored as the number. */
const uclaDomain: Domain = {
  kind: 'coded',
  codes: { hardly_ever_or_never: 1, some_of_the_time: 2, often: 3 },
  numbers: { 1: 1, 2: 2, 3: 3 },
}

/** Matthews 2022: a total of 5 or more best screens for risk of common mental health problems. Not an ONS cut-off. */
export const MATTHEWS_2022_CUTOFF = 5

export const ucla3: InstrumentRules = {
  id: 'ucla3_ons',
  mode: 'items',
  domains: new Map(uclaItems.map((id) => [id, uclaDomain])),
  series: [series('total', 3, 9, false)],
  primary: 'total',
  score(answers) {
    const coded = uclaItems.map((id) => numberAt(answers, id))
    const values = coded.filter((v): v is number => v !== null)
    // No prorating rule is published: only complete sets are scored.
    const complete = values.length === uclaItems.length
    const total = complete ? values.reduce((a, b) => a + b, 0) : null
    const status = complete ? 'complete' : 'incomplete'
    // No official ONS band, so the headline carries none.
    const headline: Headline = { instrumentId: 'ucla3_ons', status, primary: 'total', scores: { total: { value: total, band: null } } }
    const meets = total === null ? null : total >= MATTHEWS_2022_CUTOFF
    return { headline, report: { total, coded, status, answered: values.length, meetsMatthews2022ScreeningCutoff_ge5: meets } }
  },
}

const directOptions = referenceOf('ons_loneliness_direct').responseOptions ?? []
const directDomain: Domain = {
  kind: 'coded',
  codes: Object.fromEntries(directOptions.flatMap((o) => [[o.code as string, o.code as string], [o.label.toLowerCase().replace(/[\s/-]+/g, '_'), o.code as string]])),
  // 1–5 are storage codes only, not an ONS score.
  numbers: Object.fromEntries(directOptions.map((o) => [o.value, o.code as string])),
}

export const onsLonelinessDirect: InstrumentRules = {
  id: 'ons_loneliness_direct',
  mode: 'items',
  domains: new Map([['ons_lonely', directDomain]]),
  // A category, not a score: nothing to chart as a number.
  series: [],
  primary: null,
  score(answers) {
    const category = stringAt(answers, 'ons_lonely')
    // ONS headline reporting: the share answering often/always ("chronic loneliness").
    const chronicLoneliness = category === null ? null : category === 'often_always'
    const status = category === null ? 'incomplete' : 'complete'
    const headline: Headline = {
      instrumentId: 'ons_loneliness_direct',
      status,
      primary: null,
      scores: { loneliness: { value: null, band: category }, chronic: { value: chronicLoneliness === null ? null : chronicLoneliness ? 1 : 0, band: null } },
    }
    return { headline, report: { category, chronicLoneliness, status } }
  },
}

/**
 * De Jong Gierveld answers. The standard form is yes / more or less / no (values 3 / 2 / 1); self-completion may use
 * five options, yes! / yes / more or less / no / no!, kept as given and dichotomised the same way.
 */
const djgDomain: Domain = {
  kind: 'coded',
  // The emphatic answers keep their own codes; a few spellings of them are read as the same.
  codes: { yes: 'yes', more_or_less: 'more_or_less', no: 'no', 'yes!': 'yes!', 'no!': 'no!', yes_strong: 'yes!', strong_yes: 'yes!', definitely_yes: 'yes!', no_strong: 'no!', strong_no: 'no!', definitely_no: 'no!' },
  numbers: { 1: 'no', 2: 'more_or_less', 3: 'yes' },
}

const djgItems = referenceOf('djg6').items ?? []
/** "More or less" counts as lonely on both subscales; emotional items on yes, social (positively worded) items on no. */
const lonelyAnswers = { emotional: new Set(['yes!', 'yes', 'more_or_less']), social: new Set(['more_or_less', 'no', 'no!']) }

export const djgTotalBands: Band[] = [
  { id: 'not_lonely', min: 0, max: 1 },
  { id: 'moderately_lonely', min: 2, max: 4 },
  { id: 'severely_lonely', min: 5, max: 6 },
]
export const djgSubscaleBands: Band[] = [
  { id: 'not_lonely', min: 0, max: 0 },
  { id: 'lonely', min: 1, max: 3 },
]

export const djg6: InstrumentRules = {
  id: 'djg6',
  mode: 'items',
  domains: new Map(itemIdsOf('djg6').map((id) => [id, djgDomain])),
  series: [series('total', 0, 6, false), series('emotional', 0, 3, false), series('social', 0, 3, false)],
  primary: 'total',
  score(answers) {
    const scored = djgItems.map((item) => {
      const answer = stringAt(answers, item.id)
      const subscale = item.subscale as 'emotional' | 'social'
      return { subscale, point: answer === null ? null : lonelyAnswers[subscale].has(answer) ? 1 : 0 }
    })
    const count = (points: (number | null)[]) => points.reduce<number>((sum, p) => sum + (p ?? 0), 0)
    const missing = (points: (number | null)[]) => points.filter((p) => p === null).length
    const all = scored.map((s) => s.point)
    // Manual's SPSS syntax: the total allows at most one missing item (counted over the answered, no prorating);
    // a subscale allows none.
    const total = missing(all) <= 1 ? count(all) : null
    const sub = (name: 'emotional' | 'social') => {
      const points = scored.filter((s) => s.subscale === name).map((s) => s.point)
      return missing(points) === 0 ? count(points) : null
    }
    const emotional = sub('emotional')
    const social = sub('social')
    const totalBand = bandOf(djgTotalBands, total)
    const status = total === null ? 'too_many_missing' : emotional === null || social === null ? 'incomplete' : 'complete'
    const headline: Headline = {
      instrumentId: 'djg6',
      status,
      primary: 'total',
      scores: {
        total: { value: total, band: totalBand },
        emotional: { value: emotional, band: bandOf(djgSubscaleBands, emotional) },
        social: { value: social, band: bandOf(djgSubscaleBands, social) },
      },
    }
    const report = {
      total,
      emotional,
      social,
      totalBand,
      emotionalBand: bandOf(djgSubscaleBands, emotional),
      socialBand: bandOf(djgSubscaleBands, social),
      // The National Survey for Wales classes 4 or more as lonely; reported alongside, never instead.
      lonelyNationalSurveyForWales_ge4: total === null ? null : total >= 4,
      status,
      answered: all.length - missing(all),
    }
    return { headline, report }
  },
}
