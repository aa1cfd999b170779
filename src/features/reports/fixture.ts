import type { Audience, ReportFilter, ReportResult } from './contract.js'
import { suppress } from './suppression.js'

/**
 * A report with every kind of measure value and an equity table, for the pages', exports' and browser tests (and
 * anyone building against the contract before the engine's numbers arrive). Numbers are chosen so that suppression
 * changes some of them: cds45 (3) becomes '<5', the referral route breakdown hides 3 and then 7, and so on.
 */
export function reportFixture(filter: ReportFilter, audience: Audience): ReportResult {
  const result: ReportResult = {
    filter,
    audience,
    refreshedAt: '2026-10-01T06:00:00.000Z',
    measures: [
      { id: 'cds122', cds: [122], question: 'how_much', table2: true, value: { kind: 'count', count: 1234 } },
      { id: 'cds123', cds: [123], question: 'how_much', table2: true, value: { kind: 'share', numerator: 37, denominator: 40, percent: 92.5 } },
      { id: 'cds109', cds: [109], question: 'how_well', table2: true, value: { kind: 'share', numerator: 30, denominator: 60, percent: 50 } },
      {
        id: 'cds94',
        cds: [94],
        question: 'how_well',
        table2: true,
        value: { kind: 'scale', n: 30, mean: 4.1, positive: 25, positivePercent: 83.3, rows: [{ code: '1', count: 0 }, { code: '2', count: 1 }, { code: '3', count: 4 }, { code: '4', count: 10 }, { code: '5', count: 15 }] },
      },
      {
        id: 'cds91.swemwbs',
        cds: [91],
        question: 'better_off',
        table2: true,
        value: { kind: 'change', instrumentId: 'swemwbs', paired: 24, lost: 6, meanChange: 2.4, ciLow: 1.1, ciHigh: 3.7, improved: 12, improvedPercent: 50, threshold: 3 },
      },
      { id: 'cds45', cds: [45], question: 'how_much', table2: false, value: { kind: 'count', count: 3 } },
      {
        id: 'cds41',
        cds: [41],
        question: 'how_much',
        table2: false,
        value: { kind: 'breakdown', total: 30, additive: true, rows: [{ code: 'primary_care', count: 20 }, { code: 'self', count: 7 }, { code: 'third_sector', count: 3 }] },
      },
      {
        id: 'cds51',
        cds: [51],
        question: 'how_much',
        table2: false,
        value: { kind: 'breakdown', total: 30, additive: false, rows: [{ code: 'loneliness_isolation', count: 18 }, { code: 'financial_wellbeing', count: 2 }, { code: 'mental_wellbeing', count: 12 }] },
      },
      {
        id: 'funnel',
        cds: [121, 43, 42, 109, 100],
        question: 'how_well',
        table2: false,
        value: { kind: 'funnel', stages: [{ code: 'signposted', count: 80 }, { code: 'referred', count: 60 }, { code: 'accepted', count: 58 }, { code: 'attended', count: 40 }, { code: 'completed', count: 20 }] },
      },
      { id: 'cds47', cds: [47], question: 'how_well', table2: false, value: { kind: 'duration', n: 50, median: 6, p90: 21.5, unit: 'days' } },
      { id: 'cds46', cds: [46], question: 'how_well', table2: false, value: { kind: 'duration', n: 4, median: 12, p90: 30, unit: 'days' } },
      { id: 'cds68', cds: [68], question: 'how_well', table2: false, value: { kind: 'money', pence: 12345, per: 120 } },
      { id: 'cds10', cds: [10], question: 'how_much', table2: false, value: { kind: 'money', pence: 1480000, per: null } },
      {
        id: 'carbon',
        cds: [17, 18],
        question: 'better_off',
        table2: false,
        value: { kind: 'carbon', kgCo2e: 152.4, connections: 40, factorYear: 2025, rows: [{ code: 'car', count: 22 }, { code: 'bus', count: 10 }, { code: 'walk', count: 8 }] },
      },
      { id: 'cds9', cds: [9], question: 'how_well', table2: false, value: { kind: 'not_available', reasonKey: 'reports.notAvailable.noData' } },
    ],
    equity: [
      {
        dimension: 'sex',
        rows: [
          { code: 'female', referrals: 30, engaged: 20, completed: 10, paired: 10, improved: 5, population: 250000, ratePer1000: 0.12 },
          { code: 'male', referrals: 12, engaged: 8, completed: 3, paired: 6, improved: 2, population: 240000, ratePer1000: 0.05 },
        ],
        total: { code: 'all', referrals: 42, engaged: 28, completed: 13, paired: 16, improved: 7, population: 490000, ratePer1000: 0.086 },
      },
    ],
  }
  return audience === 'aggregate' ? suppress(result) : result
}
