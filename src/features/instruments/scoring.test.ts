import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { changeFromInput } from './api-change.js'
import { InvalidResponse } from './api-input.js'
import { assertExpected, scoreVector, vectors } from './testing.js'
import { cohortChange, headlineOf, instrumentIds, type InstrumentId, scoreSeries, validateAnswers } from './contract.js'
import { roundTo, tQuantile } from './scoring/numbers.js'

describe('test vectors (reference/test-vectors.json) through the pure scoring', () => {
  for (const v of vectors) {
    // The 4 provisional vectors depend on unconfirmed bands or anchors (REPORT.md): they run but do not gate.
    it(`${v.id} ${v.instrument}: ${v.description}`, v.provisional ? { todo: 'provisional' } : {}, () => {
      assertExpected(scoreVector(v.instrument, v.input), v.expected, v.id)
    })
  }
})

const swemwbsTable: [number, number][] = [
  [7, 7], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32], [15, 15.84], [16, 16.36],
  [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73], [24, 21.54], [25, 22.35],
  [26, 23.21], [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7], [34, 32.55], [35, 35],
]

/** Seven responses summing to `raw`. */
const responsesFor = (raw: number, items: number, min: number, max: number) => {
  const out = Array<number>(items).fill(min)
  let left = raw - items * min
  for (let i = 0; i < items && left > 0; i++) {
    const add = Math.min(max - min, left)
    out[i] = (out[i] as number) + add
    left -= add
  }
  return out
}

describe('SWEMWBS', () => {
  it('converts every raw sum 7–35 to the published metric score', () => {
    assert.equal(swemwbsTable.length, 29)
    for (const [raw, metric] of swemwbsTable) {
      const report = scoreVector('swemwbs', { responses: responsesFor(raw, 7, 1, 5) })
      assert.equal(report.raw, raw)
      assert.equal(report.metric, metric, `raw ${raw}`)
      assert.equal(report.bandProvisional, true)
    }
  })
  it('puts provisional bands on the metric score: <18, 18–<21, 21–<28, ≥28', () => {
    const band = (raw: number) => scoreVector('swemwbs', { responses: responsesFor(raw, 7, 1, 5) }).band
    // raw 19 → 17.98 stays below 18, raw 23 → 20.73 below 21, raw 30 → 27.03 below 28: the boundary choice REPORT.md asks to confirm.
    assert.deepEqual([band(7), band(19), band(20), band(23), band(24), band(30), band(31), band(35)], ['probable_depression', 'probable_depression', 'possible_depression', 'possible_depression', 'average', 'average', 'high', 'high'])
  })
  it('flags raw 29, whose metric score differs between copies of the table', () => {
    assert.equal(scoreVector('swemwbs', { responses: responsesFor(29, 7, 1, 5) }).metricProvisionalNote, 'raw_29_metric_unconfirmed')
  })
  it('measures individual change on metric scores with ≥ thresholds, both naming styles, without float noise', () => {
    const r = changeFromInput('swemwbs', { baselineRaw: 21, followUpRaw: 24 })
    assertExpected(r, { change: 2.29, 'exceedsLenient_1.03': true, 'meetsLenient_1.03': true, 'exceedsStrict_2.87': false, baselineMetric: 19.25, followUpMetric: 21.54 }, 'raw')
    // 19.98 → 21.54 is 1.56; 17.43 → 18.59 is 1.16 ; 24.11 → 27.03 = 2.92 (strict)
    assert.equal(changeFromInput('swemwbs', { baselineRaw: 27, followUpRaw: 30 })['exceedsStrict_2.87'], true)
    assert.equal(changeFromInput('swemwbs', { baselineRaw: 24, followUpRaw: 21 }).change, -2.29)
    assert.equal(changeFromInput('swemwbs', { baselineRaw: 24, followUpRaw: 21 })['meetsLenient_1.03'], false)
  })
  it('averages metric (never raw) scores for a cohort, from raws or from response sets', () => {
    const fromResponses = changeFromInput('swemwbs', { baseline: [responsesFor(21, 7, 1, 5), responsesFor(24, 7, 1, 5)], followUp: [responsesFor(24, 7, 1, 5), responsesFor(26, 7, 1, 5)] })
    assertExpected(fromResponses, { baselineMetricMean: 20.4, followUpMetricMean: 22.38, meanPairedChange: 1.98, paired: 2 }, 'cohort')
  })
  it('scores a lone raw or metric score as well as responses', () => {
    assertExpected(scoreVector('swemwbs', { raw: 29 }), { raw: 29, metric: 26.02, band: 'average', metricProvisionalNote: 'raw_29_metric_unconfirmed' }, 'raw')
    assertExpected(scoreVector('wemwbs', { total: 60 }), { total: 60, band: 'high' }, 'total')
    assert.throws(() => scoreVector('swemwbs', { raw: 36 }), InvalidResponse)
    assert.throws(() => scoreVector('ons4', { total: 5 }), InvalidResponse)
  })
  it('does not score a partial sum', () => {
    assertExpected(scoreVector('swemwbs', { responses: [5, 5, 5, 5, 5, 5, null] }), { raw: null, metric: null, band: null, status: 'incomplete' }, 'partial')
  })
})

describe('WEMWBS', () => {
  it('bands every total at its edges', () => {
    const cases: [number, string][] = [[14, 'probable_depression'], [40, 'probable_depression'], [41, 'possible_depression'], [44, 'possible_depression'], [45, 'average'], [59, 'average'], [60, 'high'], [70, 'high']]
    for (const [total, band] of cases) assertExpected(scoreVector('wemwbs', { responses: responsesFor(total, 14, 1, 5) }), { total, band, status: 'complete' }, `total ${total}`)
  })
  it('meets the lenient threshold at 3 and the strict at 8, from totals or responses, in both naming styles', () => {
    assertExpected(changeFromInput('wemwbs', { baselineTotal: 45, followUpTotal: 52 }), { change: 7, meetsLenient_3: true, meetsStrict_8: false, exceedsLenient_3: true }, '7')
    assertExpected(changeFromInput('wemwbs', { baselineTotal: 45, followUpTotal: 53 }), { change: 8, meetsStrict_8: true, exceedsStrict_8: true }, '8')
    assertExpected(changeFromInput('wemwbs', { baselineTotal: 45, followUpTotal: 47 }), { change: 2, meetsLenient_3: false }, '2')
    assertExpected(changeFromInput('wemwbs', { baseline: responsesFor(45, 14, 1, 5), followUp: responsesFor(48, 14, 1, 5) }), { change: 3, meetsLenient_3: true, baselineTotal: 45, followUpTotal: 48 }, 'responses')
    assertExpected(changeFromInput('wemwbs', { baselineTotal: [40, 50], followUpTotal: [44, 50] }), { baselineTotalMean: 45, followUpTotalMean: 47, meanPairedChange: 2, paired: 2 }, 'cohort')
  })
})

describe('ONS4', () => {
  it('bands each answer on its own, anxiety the other way, and never combines them', () => {
    const edges: [number, string, string][] = [[0, 'low', 'very_low'], [1, 'low', 'very_low'], [2, 'low', 'low'], [3, 'low', 'low'], [4, 'low', 'medium'], [5, 'medium', 'medium'], [6, 'medium', 'high'], [7, 'high', 'high'], [8, 'high', 'high'], [9, 'very_high', 'high'], [10, 'very_high', 'high']]
    for (const [score, positive, anxiety] of edges) {
      const r = scoreVector('ons4', { answers: { satisfaction: score, worthwhile: score, happiness: score, anxiety: score } })
      assert.deepEqual([r.satisfaction, r.anxiety], [{ score, band: positive }, { score, band: anxiety }])
      assert.equal(r.total, undefined)
    }
  })
  it('keeps the other answers when one is missing', () => {
    const r = scoreVector('ons4', { answers: { satisfaction: 7, worthwhile: 8, happiness: null } })
    assertExpected(r, { satisfaction: { score: 7, band: 'high' }, happiness: { score: null, band: null }, anxiety: { score: null, band: null }, status: 'incomplete' }, 'missing')
  })
})

describe('loneliness', () => {
  it('UCLA: codes or coded values, 3–9, Matthews ≥5', () => {
    assertExpected(scoreVector('ucla3_ons', { coded: [1, 1, 2] }), { total: 4, meetsMatthews2022ScreeningCutoff_ge5: false }, 'coded')
    assertExpected(scoreVector('ucla3_ons', { responses: ['often', 'often', 'often'] }), { total: 9, meetsMatthews2022ScreeningCutoff_ge5: true }, 'codes')
    assertExpected(scoreVector('ucla3_ons', { responses: ['Hardly ever or never', 'hardly_ever_or_never', 1] }), { total: 3 }, 'labels')
    assert.throws(() => scoreVector('ucla3_ons', { responses: ['often', 'often', 'often'], coded: [3, 3, 1] }), InvalidResponse)
  })
  it('direct question: often/always is chronic loneliness', () => {
    assertExpected(scoreVector('ons_loneliness_direct', { response: 'often_always' }), { category: 'often_always', chronicLoneliness: true }, 'often')
    assertExpected(scoreVector('ons_loneliness_direct', { response: 'never' }), { category: 'never', chronicLoneliness: false }, 'never')
    assertExpected(scoreVector('ons_loneliness_direct', { response: null }), { category: null, chronicLoneliness: null, status: 'incomplete' }, 'missing')
  })
  it('De Jong Gierveld: "more or less" is lonely on both subscales; ≤1 missing for the total, none for a subscale', () => {
    assertExpected(scoreVector('djg6', { emotional: ['more_or_less', 'more_or_less', 'more_or_less'], social: ['more_or_less', 'more_or_less', 'more_or_less'] }), { total: 6, emotional: 3, social: 3, totalBand: 'severely_lonely' }, 'mol')
    assertExpected(scoreVector('djg6', { emotional: ['no', 'no', 'no'], social: ['yes', 'yes', null] }), { total: 0, emotional: 0, social: null, totalBand: 'not_lonely', status: 'incomplete' }, '1 missing')
    assertExpected(scoreVector('djg6', { emotional: ['no', 'no', 'no'], social: ['yes', null, null] }), { total: null, social: null, totalBand: null, status: 'too_many_missing' }, '2 missing')
    // Five-option self-completion answers dichotomise the same way.
    assertExpected(scoreVector('djg6', { emotional: ['yes!', 'yes', 'no!'], social: ['no!', 'yes!', 'More or less'] }), { total: 4, emotional: 2, social: 2, totalBand: 'moderately_lonely' }, 'five')
  })
})

describe('GSE', () => {
  it('prorates with up to 3 missing and refuses 4', () => {
    assertExpected(scoreVector('gse', { responses: [4, 4, 4, 4, 4, 4, 4, null, null, null] }), { total: 40, mean: 4, answered: 7, status: 'complete' }, '3 missing')
    assertExpected(scoreVector('gse', { responses: [1, 2, 2, 2, 2, 2, 2, null, null, null] }), { total: 18.5714285714, mean: 1.8571428571, answered: 7 }, '3 missing, seventh')
    assertExpected(scoreVector('gse', { responses: [4, 4, 4, 4, 4, 4, null, null, null, null] }), { total: null, mean: null, status: 'too_many_missing' }, '4 missing')
  })
})

describe('invalid input', () => {
  const problems = (id: InstrumentId, input: unknown) => {
    try {
      scoreVector(id, input)
    } catch (error) {
      if (error instanceof InvalidResponse) return error.problems
      throw error
    }
    assert.fail('accepted')
  }
  it('names the item for out-of-range, non-integer, wrong type, unknown code and wrong count', () => {
    assert.deepEqual(problems('swemwbs', { responses: [3, 3, 6, 3, 3, 3, 3] }), [{ item: 'swemwbs_3', problem: 'out_of_range' }])
    assert.deepEqual(problems('swemwbs', { responses: [3, 3, 3.5, 3, 3, 3, 3] }), [{ item: 'swemwbs_3', problem: 'not_integer' }])
    assert.deepEqual(problems('swemwbs', { responses: [3, '3', 3, 3, 3, 3, 3] }), [{ item: 'swemwbs_2', problem: 'wrong_type' }])
    assert.deepEqual(problems('swemwbs', { responses: [3, 3, 3] }), [{ item: 'responses', problem: 'wrong_count' }])
    assert.deepEqual(problems('ucla3_ons', { responses: ['often', 'sometimes', 'often'] }), [{ item: 'ucla3_2', problem: 'unknown_code' }])
    assert.deepEqual(problems('ons4', { answers: { satisfaction: 11 } }), [{ item: 'ons4_satisfaction', problem: 'out_of_range' }])
    assert.deepEqual(problems('ons4', { answers: { joy: 3 } }), [{ item: 'joy', problem: 'unknown_item' }])
    assert.deepEqual(problems('mycaw', { concern1: 7 }), [{ item: 'concern1', problem: 'out_of_range' }])
    assert.deepEqual(problems('wemwbs', { baselineTotal: 13, followUpTotal: 45 }), [{ item: 'baselineTotal', problem: 'out_of_range' }])
    assert.deepEqual(problems('wemwbs', 'hello'), [{ item: 'body', problem: 'not_an_object' }])
  })
})

describe('contract', () => {
  it('scores stored answers leniently and validates them before storing', () => {
    const answers = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`swemwbs_${i + 1}`, '3']))
    assert.deepEqual(headlineOf('swemwbs', answers).scores.metric, { value: 19.25, band: 'possible_depression' })
    assert.deepEqual(validateAnswers('swemwbs', { swemwbs_1: 9, nope: 1 }), { ok: false, errors: [{ itemId: 'nope', problem: 'unknown_item' }, { itemId: 'swemwbs_1', problem: 'out_of_range' }] })
    assert.equal(headlineOf('gse', {}).status, 'too_many_missing')
    for (const id of instrumentIds) assert.ok(Array.isArray(scoreSeries(id)))
  })
  it('gives a paired t interval for cohort change', () => {
    assert.equal(roundTo(tQuantile(0.975, 1), 3), 12.706)
    assert.equal(roundTo(tQuantile(0.975, 10), 3), 2.228)
    assert.equal(roundTo(tQuantile(0.975, 29), 3), 2.045)
    const c = cohortChange('wemwbs', [{ baseline: 40, followUp: 44 }, { baseline: 45, followUp: 47 }, { baseline: 50, followUp: 59 }, { baseline: 50, followUp: null }])
    // changes 4, 2, 9: mean 5, sd 3.606, se 2.082, t(2) 4.303 → 5 ± 8.96
    assert.deepEqual(c, { series: 'total', paired: 3, meanBaseline: 45, meanFollowUp: 50, meanChange: 5, ci95: [-3.96, 13.96], shareMeetingLenient: 0.6667, shareMeetingStrict: 0.3333, belowRecommendedSize: true })
  })
})
