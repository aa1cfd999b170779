import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Change, Headline } from '../instruments/contract.js'
import { answersFromForm, answersFromJson, changeVerdict, defaultOccasion, instrumentHistory, type MeasureFacts } from './rules.js'

const headline = (metric: number | null, band: string | null = null): Headline => ({ instrumentId: 'swemwbs', status: metric === null ? 'too_many_missing' : 'complete', primary: 'metric', scores: { metric: { value: metric, band } } })
const measure = (id: string, occasion: MeasureFacts['occasion'], day: string, metric: number | null, status: MeasureFacts['status'] = 'complete'): MeasureFacts => ({
  id,
  instrument_id: 'swemwbs',
  occasion,
  status,
  scores: status === 'awaiting_person' ? null : headline(metric),
  taken_on: status === 'complete' ? day : null,
  completed_at: status === 'complete' ? new Date(`${day}T10:00:00Z`) : null,
  created_at: new Date(`${day}T09:00:00Z`),
})
const series = [{ key: 'metric', min: 7, max: 35, higherIsBetter: true, meaningfulChange: { lenient: 1.03, strict: 2.87 }, provisionalBands: true }]
/** Change as the instruments contract words it, with the published SWEMWBS thresholds. */
const change = (_id: string, a: Headline, b: Headline): Change[] => {
  const from = a.scores.metric?.value ?? null
  const to = b.scores.metric?.value ?? null
  const diff = from === null || to === null ? null : Math.round((to - from) * 100) / 100
  return [{ series: 'metric', baseline: from, followUp: to, change: diff, meetsLenient: diff === null ? null : diff >= 1.03, meetsStrict: diff === null ? null : diff >= 2.87 }]
}

describe('measure rules', () => {
  it('suggests baseline until the episode has one of that instrument, then review', () => {
    assert.equal(defaultOccasion([], 'swemwbs'), 'baseline')
    assert.equal(defaultOccasion([{ instrument_id: 'ons4', occasion: 'baseline' }], 'swemwbs'), 'baseline')
    assert.equal(defaultOccasion([{ instrument_id: 'swemwbs', occasion: 'baseline' }], 'swemwbs'), 'review')
    assert.equal(defaultOccasion([{ instrument_id: 'ons4', occasion: 'baseline' }], null), 'review')
  })

  it('reads form answers as the options’ own values, leaves blanks out, and passes anything else on for validation', () => {
    const items = [
      { id: 'a', text: 'A', options: [{ value: 1, label: 'One' }, { value: 2, label: 'Two' }] },
      { id: 'b', text: 'B', options: [{ value: 'often_always', label: 'Often' }] },
      { id: 'c', text: 'C', options: [] },
      { id: 'd', text: 'D', options: [{ value: 1, label: 'One' }] },
    ]
    assert.deepEqual(answersFromForm({ a: '2', b: 'often_always', c: ' 47.5 ', d: '', e: '3' }, items), { a: 2, b: 'often_always', c: 47.5 })
    assert.deepEqual(answersFromForm({ a: '9', b: 'sometimes' }, items), { a: 9, b: 'sometimes' })
    assert.deepEqual(answersFromForm({ a: ['1', '2'] }, items), {})
  })

  it('accepts JSON answers only as an object of numbers, strings and nulls', () => {
    assert.deepEqual(answersFromJson({ a: 1, b: 'x', c: null }), { a: 1, b: 'x', c: null })
    assert.equal(answersFromJson([1, 2]), null)
    assert.equal(answersFromJson({ a: { nested: 1 } }), null)
    assert.equal(answersFromJson({ a: Number.NaN }), null)
    assert.equal(answersFromJson('a'), null)
  })

  it('charts completed measures oldest first and measures the change from the baseline to the latest', () => {
    const h = instrumentHistory(
      'swemwbs',
      [measure('r', 'review', '2026-05-01', 22.35), measure('b', 'baseline', '2026-02-01', 19.25), measure('f', 'follow_up', '2026-08-01', 25.03), measure('p', 'review', '2026-09-01', null, 'partial')],
      series,
      change,
    )
    assert.deepEqual(h.measures.map((m) => m.id), ['b', 'r', 'f'])
    assert.deepEqual(h.charted[0]?.points.map((p) => p.value), [19.25, 22.35, 25.03])
    assert.equal(h.change?.from.id, 'b')
    assert.equal(h.change?.to.id, 'f')
    assert.equal(h.change?.changes[0]?.change, 5.78)
    assert.equal(changeVerdict(h.change?.changes[0] as Change), 'meets_strict')
  })

  it('has no change with one measure, and leaves unscored measures off the chart but in the table', () => {
    assert.equal(instrumentHistory('swemwbs', [measure('b', 'baseline', '2026-02-01', 19.25)], series, change).change, null)
    const h = instrumentHistory('swemwbs', [measure('b', 'baseline', '2026-02-01', null), measure('f', 'follow_up', '2026-03-01', 20)], series, change)
    assert.equal(h.measures.length, 2)
    assert.equal(h.charted[0]?.points.length, 1)
    assert.equal(changeVerdict(h.change?.changes[0] as Change), 'not_scored')
  })

  it('words a change by the thresholds published for it, or says there is none', () => {
    const c = (change: number, lenient: boolean | null, strict: boolean | null): Change => ({ series: 'x', baseline: 0, followUp: change, change, meetsLenient: lenient, meetsStrict: strict })
    assert.equal(changeVerdict(c(2, true, false)), 'meets_lenient')
    assert.equal(changeVerdict(c(0.5, false, false)), 'not_meaningful')
    assert.equal(changeVerdict(c(-4, false, false)), 'not_meaningful')
    assert.equal(changeVerdict(c(3, null, null)), 'no_threshold')
  })
})
