import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import type { DB } from '../../../platform/db/schema.js'
import { I18n } from '../../../platform/i18n/i18n.js'
import type { MeasureResult } from '../contract.js'
import { measureLabelKey } from './shared.js'
import { buildMeasureData, MARCH, type MeasureData, report, rows } from './testing.js'

/* Experience and journey measures (issue 7 §2, §3) on the hand-built data set of testing.ts, every number known. */

for (const kind of databaseKinds()) {
  describe(`experience and journey measures on a hand-built data set (${kind})`, () => {
    let t: TestDatabase
    let db: Kysely<DB>
    let data: MeasureData
    before(async () => {
      t = await openTestDatabase(kind)
      db = t.database.db
      data = await buildMeasureData(db)
    })
    after(() => t.dispose())

    const value = (r: Map<string, MeasureResult>, id: string) => {
      const m = r.get(id)
      assert.ok(m, `${id} is emitted`)
      return m.value
    }
    it('experience: replies whose month overlaps the period, positive = 4 or 5, anonymous ones for their organisation', async () => {
      const r = await report(db, MARCH)
      const scale = (
        n: number,
        mean: number | null,
        positive: number,
        positivePercent: number | null,
        counts: number[],
      ) => ({
        kind: 'scale',
        n,
        mean,
        positive,
        positivePercent,
        rows: counts.map((count, i) => ({ code: String(i + 1), count })),
      })
      assert.deepEqual(value(r, 'cds94'), scale(4, 3, 2, 50, [1, 1, 0, 1, 1]))
      assert.equal(r.get('cds94')?.table2, true)
      assert.equal(r.get('cds94')?.question, 'how_well')
      assert.deepEqual(value(r, 'cds72'), scale(3, 3.33, 2, 66.7, [1, 0, 0, 1, 1]))
      assert.deepEqual(value(r, 'cds70'), scale(4, 3.25, 2, 50, [1, 0, 1, 1, 1]))
      assert.deepEqual(value(r, 'cds71'), scale(4, 3, 2, 50, [1, 1, 0, 1, 1]))
      assert.deepEqual(value(r, 'cds76'), { kind: 'count', count: 2 })
      assert.deepEqual(value(r, 'cds77'), {
        kind: 'breakdown',
        total: 4,
        additive: true,
        rows: rows({ named: 2, anonymous: 2 }),
      })
      assert.deepEqual(value(r, 'cds95'), scale(2, 3, 1, 50, [0, 1, 0, 1, 0]))
      const barriers = (x: Record<string, number>) =>
        [
          'cost',
          'transport',
          'timing',
          'language',
          'accessibility',
          'confidence',
          'other',
          'distance',
          'health_or_mobility',
          'caring_responsibilities',
          'anxiety_or_confidence',
          'digital_access',
          'waiting_time',
        ].map((code) => ({ code, count: x[code] ?? 0 }))
      // Two replies and two connection moves name barriers to the activity; February's move is outside.
      assert.deepEqual(value(r, 'cds80'), {
        kind: 'breakdown',
        total: 4,
        additive: false,
        rows: barriers({ transport: 2, cost: 1, accessibility: 2, distance: 1 }),
      })
      // 'none' is no barrier; a missed contact's barrier counts.
      assert.deepEqual(value(r, 'cds81'), {
        kind: 'breakdown',
        total: 3,
        additive: false,
        rows: barriers({ timing: 1, accessibility: 1, health_or_mobility: 1 }),
      })
      const reasons = [
        'not_ready',
        'not_what_expected',
        'felt_better',
        'circumstances_changed',
        'found_other_support',
        'did_not_like_it',
        'barrier',
        'other',
      ]
      assert.deepEqual(value(r, 'cds55'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: reasons.map((code) => ({ code, count: ['not_ready', 'barrier', 'other'].includes(code) ? 1 : 0 })),
      })
      assert.deepEqual(value(r, 'cds124'), { kind: 'count', count: 3 })

      const a = await report(db, { ...MARCH, where: { organisation: [data.A] } })
      assert.deepEqual(value(a, 'cds94'), scale(3, 3.67, 2, 66.7, [0, 1, 0, 1, 1]))
      assert.deepEqual(value(a, 'cds77'), {
        kind: 'breakdown',
        total: 3,
        additive: true,
        rows: rows({ named: 2, anonymous: 1 }),
      })
      // A person dimension: anonymous replies cannot be placed, only E1's named reply counts.
      const young = await report(db, { ...MARCH, where: { age_band: ['25-34'] } })
      assert.deepEqual(value(young, 'cds94'), scale(1, 5, 1, 100, [0, 0, 0, 0, 1]))
      assert.deepEqual(value(young, 'cds77'), {
        kind: 'breakdown',
        total: 1,
        additive: true,
        rows: rows({ named: 1, anonymous: 0 }),
      })
      assert.deepEqual(value(young, 'cds124'), { kind: 'count', count: 0 })
    })

    it('the journey: What Matters, plans, goals, own words (people, not words)', async () => {
      const r = await report(db, MARCH)
      const themes = Object.fromEntries(
        [
          'reduce_isolation',
          'be_more_active',
          'mental_wellbeing',
          'long_term_condition',
          'money_and_debt',
          'housing',
          'work_and_volunteering',
          'learning',
          'caring_role',
          'confidence',
          'digital_skills',
          'food',
          'families_and_play',
          'creative',
          'green_spaces',
        ].map((c) => [c, 0]),
      )
      // E1's later conversation replaces its earlier one; E3's is not completed.
      assert.deepEqual(value(r, 'cds108'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: rows({ ...themes, reduce_isolation: 2, green_spaces: 1 }),
      })
      assert.equal(r.get('cds108')?.table2, true)
      assert.deepEqual(value(r, 'cds53'), {
        kind: 'breakdown',
        total: 3,
        additive: true,
        rows: rows({
          physical_health: 0,
          mental_emotional: 1,
          social_connection: 1,
          practical_money: 0,
          housing: 1,
          work_learning_volunteering: 0,
          caring: 0,
        }),
      })
      assert.deepEqual(value(r, 'cds125'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: rows({
          reasons_at_referral: 3,
          reasons_confirmed: 2,
          reasons_not_confirmed: 1,
          conversations_with_new_issues: 1,
        }),
      })
      assert.deepEqual(value(r, 'cds37'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ indoor: 1, outdoor: 1, either: 0 }),
      })
      assert.deepEqual(value(r, 'cds98'), { kind: 'share', numerator: 1, denominator: 2, percent: 50 })
      assert.deepEqual(value(r, 'cds82'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ fully: 1, partly: 1, not_achieved: 0 }),
      })
      assert.equal(r.get('cds82')?.table2, true)
      assert.deepEqual(value(r, 'cds83'), {
        kind: 'breakdown',
        total: 1,
        additive: true,
        rows: rows({ fully: 0, partly: 1, not_achieved: 0 }),
      })
      assert.deepEqual(value(r, 'cds97'), { kind: 'count', count: 1 })
    })

    it('the journey: language, safeguarding, agencies, transfers, circumstances, case studies, travel, green and blue', async () => {
      const r = await report(db, MARCH)
      assert.deepEqual(value(r, 'cds13'), { kind: 'share', numerator: 3, denominator: 4, percent: 75 })
      // E1's person: all in Welsh; E2's: one of two in English; E3's: in English (February's Welsh one is outside).
      assert.deepEqual(value(r, 'cds13.people'), { kind: 'share', numerator: 2, denominator: 3, percent: 66.7 })
      assert.deepEqual(value(r, 'cds27'), { kind: 'count', count: 1 })
      assert.deepEqual(value(r, 'cds54'), { kind: 'count', count: 1 })
      assert.deepEqual(value(r, 'cds99'), { kind: 'count', count: 1 })
      assert.deepEqual(value(r, 'cds34'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ yes: 1, no: 0, prefer_not_to_say: 0, not_recorded: 1 }),
      })
      assert.deepEqual(value(r, 'cds32'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ yes: 1, no: 1, prefer_not_to_say: 0, not_recorded: 0 }),
      })
      const tenure = value(r, 'cds35')
      assert.ok(tenure.kind === 'breakdown')
      assert.equal(tenure.total, 2)
      assert.deepEqual(
        tenure.rows.filter((x) => x.count !== 0),
        rows({ rents_privately: 1, not_recorded: 1 }),
      )
      assert.deepEqual(value(r, 'cds20'), { kind: 'count', count: 3 })
      assert.deepEqual(value(r, 'cds17'), {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: rows({ under_1km: 1, '1_to_5km': 0, '5_to_10km': 1, '10_to_20km': 0, '20km_or_more': 0 }),
      })
      assert.deepEqual(value(r, 'cds18'), {
        kind: 'breakdown',
        total: 3,
        additive: true,
        rows: rows({
          walk: 1,
          cycle: 0,
          bus: 1,
          train: 0,
          car: 1,
          community_transport: 0,
          taxi: 0,
          online: 0,
          other: 0,
        }),
      })
      assert.deepEqual(value(r, 'cds38'), {
        kind: 'breakdown',
        total: 2,
        additive: false,
        rows: rows({ green: 1, blue: 1 }),
      })

      const a = await report(db, { ...MARCH, where: { organisation: [data.A] } })
      assert.deepEqual(value(a, 'cds99'), { kind: 'count', count: 0 })
      assert.deepEqual(value(a, 'cds20'), { kind: 'count', count: 2 })
      const young = await report(db, { ...MARCH, where: { age_band: ['25-34'] } })
      assert.deepEqual(value(young, 'cds20'), { kind: 'count', count: 1 })
      assert.deepEqual(value(young, 'cds13'), { kind: 'share', numerator: 1, denominator: 1, percent: 100 })
      assert.deepEqual(value(young, 'cds27'), { kind: 'count', count: 0 })
      assert.deepEqual(value(young, 'cds18'), {
        kind: 'breakdown',
        total: 1,
        additive: true,
        rows: rows({
          walk: 1,
          cycle: 0,
          bus: 0,
          train: 0,
          car: 0,
          community_transport: 0,
          taxi: 0,
          online: 0,
          other: 0,
        }),
      })
    })

    it('emits every statement the coverage plan gives the measures modules, and nothing person-identifying', async () => {
      const r = await report(db, MARCH)
      const owned = [
        91, 87, 88, 93, 64, 84, 65, 92, 73, 96, 78, 57, 58, 59, 60, 61, 94, 72, 70, 71, 76, 95, 77, 80, 81, 55, 124, 82,
        83, 97, 108, 98, 125, 37, 53, 13, 27, 54, 99, 34, 32, 35, 20, 17, 18, 38,
      ]
      const emitted = new Set([...r.values()].flatMap((m) => m.cds))
      assert.deepEqual(
        owned.filter((n) => !emitted.has(n)),
        [],
      )
      const text = JSON.stringify([...r.values()])
      for (const secret of ['Feeling better', 'Money worries', 'Test', data.e1.personId])
        assert.ok(!text.includes(secret), secret)
      // Every measure has a label in both languages, including the not-available forms of #65, #84, #92.
      const i18n = new I18n()
      const ids = [...r.keys(), 'cds65', 'cds84', 'cds92']
      for (const lang of ['en', 'cy'] as const)
        assert.deepEqual(
          ids.filter((id) => !i18n.has(lang, measureLabelKey(id))),
          [],
          lang,
        )
    })
  })
}
