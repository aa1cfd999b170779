import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { EquityRow, EquityTable, MeasureValue, ReportResult } from './contract.js'
import { isSmall, suppress, suppressEquity, suppressValue } from './suppression.js'

const rows = (...counts: number[]) => counts.map((count, i) => ({ code: `c${i}`, count }))
const equityRow = (code: string, referrals: number, engaged: number, completed: number, paired: number, improved: number): EquityRow => ({
  code,
  referrals,
  engaged,
  completed,
  paired,
  improved,
  population: 1000,
  ratePer1000: referrals,
})

describe('small-number suppression (issue 7 §6)', () => {
  it('hides counts of 1 to 4 and keeps 0 and 5 or more', () => {
    assert.deepEqual([0, 1, 4, 5, 120].map(isSmall), [false, true, true, false, false])
    for (const [count, shown] of [[0, 0], [1, '<5'], [2, '<5'], [4, '<5'], [5, 5], [1234, 1234]] as const) {
      assert.deepEqual(suppressValue({ kind: 'count', count }), { kind: 'count', count: shown })
    }
  })

  it('is idempotent: hidden values stay hidden and reveal nothing', () => {
    const once = suppressValue({ kind: 'breakdown', total: 30, additive: true, rows: rows(3, 7, 20) })
    assert.deepEqual(suppressValue(once), once)
  })

  describe('shares', () => {
    it('hides a numerator of 1–4 and the percentage with it', () => {
      assert.deepEqual(suppressValue({ kind: 'share', numerator: 3, denominator: 40, percent: 7.5 }), { kind: 'share', numerator: '<5', denominator: 40, percent: null })
    })
    it('hides the numerator when the complement (denominator − numerator) is 1–4', () => {
      assert.deepEqual(suppressValue({ kind: 'share', numerator: 37, denominator: 40, percent: 92.5 }), { kind: 'share', numerator: 'suppressed', denominator: 40, percent: null })
      assert.deepEqual(suppressValue({ kind: 'share', numerator: 36, denominator: 40, percent: 90 }), { kind: 'share', numerator: 'suppressed', denominator: 40, percent: null })
    })
    it('keeps a share whose numerator and complement are 0 or 5 or more', () => {
      assert.deepEqual(suppressValue({ kind: 'share', numerator: 35, denominator: 40, percent: 87.5 }), { kind: 'share', numerator: 35, denominator: 40, percent: 87.5 })
      assert.deepEqual(suppressValue({ kind: 'share', numerator: 40, denominator: 40, percent: 100 }), { kind: 'share', numerator: 40, denominator: 40, percent: 100 })
      assert.deepEqual(suppressValue({ kind: 'share', numerator: 0, denominator: 40, percent: 0 }), { kind: 'share', numerator: 0, denominator: 40, percent: 0 })
    })
    it('hides the percentage when the denominator is 1–4', () => {
      assert.deepEqual(suppressValue({ kind: 'share', numerator: 0, denominator: 3, percent: 0 }), { kind: 'share', numerator: 'suppressed', denominator: '<5', percent: null })
    })
  })

  describe('additive breakdowns (subtraction from the total)', () => {
    it('hides the next smallest row when exactly one row is hidden', () => {
      const value = suppressValue({ kind: 'breakdown', total: 30, additive: true, rows: rows(3, 7, 20) })
      assert.deepEqual(value, { kind: 'breakdown', total: 30, additive: true, rows: [{ code: 'c0', count: '<5' }, { code: 'c1', count: 'suppressed' }, { code: 'c2', count: 20 }] })
    })
    it('skips zero rows when choosing the second cell (a hidden 0 protects nothing)', () => {
      const value = suppressValue({ kind: 'breakdown', total: 28, additive: true, rows: rows(0, 2, 26, 0) })
      assert.deepEqual(value, { kind: 'breakdown', total: 28, additive: true, rows: [{ code: 'c0', count: 0 }, { code: 'c1', count: '<5' }, { code: 'c2', count: 'suppressed' }, { code: 'c3', count: 0 }] })
    })
    it('needs nothing more when two rows are already hidden', () => {
      const value = suppressValue({ kind: 'breakdown', total: 50, additive: true, rows: rows(2, 4, 44) })
      assert.deepEqual(value, { kind: 'breakdown', total: 50, additive: true, rows: [{ code: 'c0', count: '<5' }, { code: 'c1', count: '<5' }, { code: 'c2', count: 44 }] })
    })
    it('leaves a non-additive breakdown (an item in several rows) to primary suppression only', () => {
      const value = suppressValue({ kind: 'breakdown', total: 30, additive: false, rows: rows(3, 7, 25) })
      assert.deepEqual(value, { kind: 'breakdown', total: 30, additive: false, rows: [{ code: 'c0', count: '<5' }, { code: 'c1', count: 7 }, { code: 'c2', count: 25 }] })
    })
    it('a small total hides its non-zero rows, which are small too', () => {
      const value = suppressValue({ kind: 'breakdown', total: 3, additive: true, rows: rows(3, 0) })
      assert.deepEqual(value, { kind: 'breakdown', total: '<5', additive: true, rows: [{ code: 'c0', count: '<5' }, { code: 'c1', count: 0 }] })
    })
  })

  describe('funnels', () => {
    it('hides a stage whose drop from the stage before is 1–4, and small stages', () => {
      const value = suppressValue({ kind: 'funnel', stages: rows(40, 38, 20, 20, 3) })
      assert.deepEqual(value, { kind: 'funnel', stages: [{ code: 'c0', count: 40 }, { code: 'c1', count: 'suppressed' }, { code: 'c2', count: 20 }, { code: 'c3', count: 20 }, { code: 'c4', count: '<5' }] })
    })
    it('compares each stage with the stage before by its real number', () => {
      // 38 is hidden (2 dropped out after 40); 35 is 3 below 38, so it is hidden too.
      const value = suppressValue({ kind: 'funnel', stages: rows(40, 38, 35, 10) })
      assert.deepEqual(value.kind === 'funnel' && value.stages.map((s) => s.count), [40, 'suppressed', 'suppressed', 10])
    })
  })

  it('nulls durations on 1–4 people and keeps them on 5 or more', () => {
    assert.deepEqual(suppressValue({ kind: 'duration', n: 4, median: 10, p90: 30, unit: 'days' }), { kind: 'duration', n: '<5', median: null, p90: null, unit: 'days' })
    assert.deepEqual(suppressValue({ kind: 'duration', n: 5, median: 10, p90: 30, unit: 'days' }), { kind: 'duration', n: 5, median: 10, p90: 30, unit: 'days' })
  })

  describe('changes', () => {
    const change = (paired: number, improved: number): MeasureValue => ({
      kind: 'change',
      instrumentId: 'swemwbs',
      paired,
      lost: 2,
      meanChange: 2.5,
      ciLow: 1,
      ciHigh: 4,
      improved,
      improvedPercent: paired ? (100 * improved) / paired : null,
      threshold: 3,
    })
    it('keeps only paired "<5" when 1–4 people are paired', () => {
      assert.deepEqual(suppressValue(change(4, 2)), { ...change(4, 2), paired: '<5', lost: '<5', meanChange: null, ciLow: null, ciHigh: null, improved: 'suppressed', improvedPercent: null })
    })
    it('treats improved as a share of paired', () => {
      assert.deepEqual(suppressValue(change(20, 18)), { ...change(20, 18), lost: '<5', improved: 'suppressed', improvedPercent: null })
      assert.deepEqual(suppressValue(change(20, 10)), { ...change(20, 10), lost: '<5' })
    })
  })

  it('suppresses a scale: n, mean, positive as a share, and the distribution adding up to n', () => {
    const value = suppressValue({ kind: 'scale', n: 30, mean: 4.1, positive: 27, positivePercent: 90, rows: rows(0, 1, 2, 7, 20) })
    assert.deepEqual(value, { kind: 'scale', n: 30, mean: 4.1, positive: 'suppressed', positivePercent: null, rows: [{ code: 'c0', count: 0 }, { code: 'c1', count: '<5' }, { code: 'c2', count: '<5' }, { code: 'c3', count: 7 }, { code: 'c4', count: 20 }] })
    assert.deepEqual(suppressValue({ kind: 'scale', n: 3, mean: 4, positive: 3, positivePercent: 100, rows: rows(0, 0, 0, 0, 3) }), { kind: 'scale', n: '<5', mean: null, positive: '<5', positivePercent: null, rows: [{ code: 'c0', count: 0 }, { code: 'c1', count: 0 }, { code: 'c2', count: 0 }, { code: 'c3', count: 0 }, { code: 'c4', count: '<5' }] })
  })

  it('nulls money per 1–4 people and keeps totals', () => {
    assert.deepEqual(suppressValue({ kind: 'money', pence: 50000, per: 3 }), { kind: 'money', pence: null, per: '<5' })
    assert.deepEqual(suppressValue({ kind: 'money', pence: 50000, per: 10 }), { kind: 'money', pence: 50000, per: 10 })
    assert.deepEqual(suppressValue({ kind: 'money', pence: 1250000, per: null }), { kind: 'money', pence: 1250000, per: null })
  })

  it('suppresses carbon over 1–4 connections and its rows by mode as a breakdown', () => {
    assert.deepEqual(suppressValue({ kind: 'carbon', kgCo2e: 12.5, connections: 3, factorYear: 2025, rows: rows(3) }), { kind: 'carbon', kgCo2e: null, connections: '<5', factorYear: 2025, rows: [{ code: 'c0', count: '<5' }] })
    assert.deepEqual(suppressValue({ kind: 'carbon', kgCo2e: 80, connections: 20, factorYear: 2025, rows: rows(2, 8, 10) }), { kind: 'carbon', kgCo2e: 80, connections: 20, factorYear: 2025, rows: [{ code: 'c0', count: '<5' }, { code: 'c1', count: 'suppressed' }, { code: 'c2', count: 10 }] })
  })

  it('leaves not_available alone', () => {
    const value: MeasureValue = { kind: 'not_available', reasonKey: 'reports.notAvailable.noData' }
    assert.deepEqual(suppressValue(value), value)
  })

  describe('equity tables (rows add up to the total row, column by column)', () => {
    it('hides a second cell in a column with one small cell, and repeats until stable across rows and columns', () => {
      const table: EquityTable = {
        dimension: 'sex',
        rows: [equityRow('female', 30, 20, 10, 10, 5), equityRow('male', 12, 8, 3, 6, 2), equityRow('prefer_not_to_say', 6, 6, 5, 0, 0)],
        total: equityRow('all', 48, 34, 18, 16, 7),
      }
      const out = suppressEquity(table)
      const cells = [...out.rows, out.total].map((r) => [r.referrals, r.engaged, r.completed, r.paired, r.improved, r.ratePer1000])
      assert.deepEqual(cells, [
        // completed: 3 hidden → next smallest 5 (prefer_not_to_say). improved: 2 hidden → next smallest non-zero 5.
        // paired 10, improved 5: complement 5, kept. male paired 6, improved 2: primary.
        [30, 20, 10, 10, 'suppressed', 30],
        [12, 8, '<5', 6, '<5', 12],
        [6, 6, 'suppressed', 0, 0, 6],
        [48, 34, 18, 16, 7, 48],
      ])
    })
    it('hides improved when paired − improved is 1–4, then its column partner', () => {
      const table: EquityTable = {
        dimension: 'age_band',
        rows: [equityRow('18-24', 20, 10, 5, 10, 8), equityRow('25-34', 40, 30, 20, 20, 10)],
        total: equityRow('all', 60, 40, 25, 30, 18),
      }
      const out = suppressEquity(table)
      assert.deepEqual([...out.rows, out.total].map((r) => r.improved), ['suppressed', 'suppressed', 18])
    })
    it('nulls the rate per 1,000 with a hidden referrals count and keeps the population', () => {
      const table: EquityTable = { dimension: 'wimd_quintile', rows: [equityRow('1', 3, 0, 0, 0, 0), equityRow('2', 9, 0, 0, 0, 0)], total: equityRow('all', 12, 0, 0, 0, 0) }
      const out = suppressEquity(table)
      assert.deepEqual(out.rows.map((r) => [r.referrals, r.ratePer1000, r.population]), [['<5', null, 1000], ['suppressed', null, 1000]])
      assert.equal(out.total.referrals, 12)
    })
  })

  it('suppresses a whole report, keeping its filter and order', () => {
    const result: ReportResult = {
      filter: { from: '2026-04-01', to: '2026-09-30', where: {} },
      audience: 'aggregate',
      refreshedAt: '2026-10-01T00:00:00.000Z',
      measures: [
        { id: 'cds45', cds: [45], question: 'how_much', table2: false, value: { kind: 'count', count: 2 } },
        { id: 'cds122', cds: [122], question: 'how_much', table2: true, value: { kind: 'count', count: 9 } },
      ],
      equity: [],
    }
    const out = suppress(result)
    assert.deepEqual(out.measures.map((m) => [m.id, m.value]), [['cds45', { kind: 'count', count: '<5' }], ['cds122', { kind: 'count', count: 9 }]])
    assert.deepEqual(out.filter, result.filter)
    assert.equal(result.measures[0]?.value.kind === 'count' && result.measures[0].value.count, 2, 'the input is not changed')
  })
})
