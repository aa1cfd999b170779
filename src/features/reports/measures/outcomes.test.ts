import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import type { DB } from '../../../platform/db/schema.js'
import type { MeasureResult } from '../contract.js'
import { outcomesModule } from './outcomes.js'
import { buildMeasureData, change, MARCH, type MeasureData, report } from './testing.js'

/* Outcome change (issue 7 §2) on the hand-built data set of testing.ts, every number known in advance. */

for (const kind of databaseKinds()) {
  describe(`outcome change per instrument on a hand-built data set (${kind})`, () => {
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
    it('outcome change per instrument: paired in the period by the later score, lost when the episode ended without one', async () => {
      const r = await report(db, MARCH)
      // WEMWBS: 42→50 (+8), 40→42 (+2), 40→50 (+10); E3's April follow-up is outside the period.
      assert.deepEqual(value(r, 'cds91.wemwbs'), change(3, 0, 6.67, [-3.68, 17.01], 2, 66.7, 3, 'wemwbs'))
      assert.deepEqual(r.get('cds91.wemwbs')?.cds, [91])
      assert.equal(r.get('cds91.wemwbs')?.table2, true)
      assert.equal(r.get('cds91.wemwbs')?.question, 'how_well')
      // SWEMWBS metric 19.25→22.35; E2's baseline has no later score and its episode ended in March.
      assert.deepEqual(value(r, 'cds91.swemwbs'), change(1, 1, 3.1, null, 1, 100, 1.03, 'swemwbs'))
      assert.deepEqual(value(r, 'cds87.ucla3_ons'), change(0, 0, null, null, 0, null, null, 'ucla3_ons'))
      assert.deepEqual(
        value(r, 'cds87.ons_loneliness_direct'),
        change(1, 0, -1, null, 0, null, null, 'ons_loneliness_direct'),
      )
      assert.deepEqual(value(r, 'cds87.djg6'), change(1, 0, -6, null, 0, null, null, 'djg6'))
      assert.deepEqual(value(r, 'cds88.djg6_social'), change(1, 0, -3, null, 0, null, null, 'djg6'))
      assert.deepEqual(value(r, 'cds93.ons4_satisfaction'), change(1, 0, 2, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds93.ons4_worthwhile'), change(1, 0, 0, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds93.ons4_happiness'), change(1, 0, 4, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds93.ons4_anxiety'), change(1, 0, -4, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds64.ons4_happiness'), change(1, 0, 4, null, 0, null, null, 'ons4'))
      assert.deepEqual(value(r, 'cds73.gse'), change(1, 0, 10, null, 0, null, null, 'gse'))
      assert.deepEqual(value(r, 'cds65.eq5d5l_vas'), change(1, 0, 20, null, 0, null, null, 'eq5d5l'))
      for (const [dim, delta] of [
        ['mobility', -1],
        ['self_care', 0],
        ['usual_activities', -1],
        ['pain_discomfort', -1],
      ] as const) {
        assert.deepEqual(value(r, `cds84.eq5d5l_${dim}`), change(1, 0, delta, null, 0, null, null, 'eq5d5l'))
        assert.deepEqual(value(r, `cds92.eq5d5l_${dim}`), change(1, 0, delta, null, 0, null, null, 'eq5d5l'))
      }
      assert.deepEqual(value(r, 'cds84.eq5d5l_anxiety_depression'), change(1, 0, 0, null, 0, null, null, 'eq5d5l'))
      assert.ok(!r.has('cds92.eq5d5l_anxiety_depression'))
      // Goal motivation 4→8 (the March review; February's is not the latest) and 5→7.
      assert.deepEqual(value(r, 'cds96.motivation'), change(2, 0, 3, [-9.71, 15.71], 0, null, null, 'plan_motivation'))
      assert.deepEqual(value(r, 'cds61.gp_appointments'), change(1, 1, -4, null, 0, null, null, 'healthcare_use'))
      assert.deepEqual(value(r, 'cds58.ae_attendances'), change(1, 0, -2, null, 0, null, null, 'healthcare_use'))
      for (const id of ['cds57.other_services', 'cds59.emergency_calls', 'cds60.gp_contacts'])
        assert.deepEqual(value(r, id), change(0, 0, null, null, 0, null, null, 'healthcare_use'))
      // Complete measures taken in March (the partial SWEMWBS is not one), and pairs per instrument.
      const none = { ucla3_ons: 0, mycaw: 0, pam: 0, outcomes_star: 0 }
      const order = (x: Record<string, number>) =>
        [
          'wemwbs',
          'swemwbs',
          'ons4',
          'ucla3_ons',
          'ons_loneliness_direct',
          'djg6',
          'gse',
          'mycaw',
          'pam',
          'eq5d5l',
          'outcomes_star',
        ].map((code) => ({ code, count: x[code] }))
      assert.deepEqual(value(r, 'cds78'), {
        kind: 'breakdown',
        total: 12,
        additive: true,
        rows: order({ ...none, wemwbs: 4, swemwbs: 1, ons4: 1, ons_loneliness_direct: 1, djg6: 1, gse: 2, eq5d5l: 2 }),
      })
      assert.deepEqual(value(r, 'cds78.pairs'), {
        kind: 'breakdown',
        total: 9,
        additive: true,
        rows: order({ ...none, wemwbs: 3, swemwbs: 1, ons4: 1, ons_loneliness_direct: 1, djg6: 1, gse: 1, eq5d5l: 1 }),
      })
    })

    it('follows the filter: provider A only; EQ-5D-5L statements not available where none were entered', async () => {
      const a = await report(db, { ...MARCH, where: { organisation: [data.A] } })
      assert.deepEqual(value(a, 'cds91.wemwbs'), change(2, 0, 5, [-33.12, 43.12], 1, 50, 3, 'wemwbs'))
      const b = await report(db, { ...MARCH, where: { organisation: [data.B] } })
      assert.deepEqual(value(b, 'cds91.wemwbs'), change(1, 0, 10, null, 1, 100, 3, 'wemwbs'))
      for (const n of [65, 84, 92]) {
        assert.deepEqual(b.get(`cds${n}`), {
          id: `cds${n}`,
          cds: [n],
          question: 'better_off',
          table2: false,
          value: { kind: 'not_available', reasonKey: 'reportMeasures.notAvailable.noEq5d' },
        })
        assert.ok(![...b.keys()].some((id) => id.startsWith(`cds${n}.`)))
      }
      // Nothing in February but E1's review, which is not a later score of a pair taken then.
      const feb = await report(db, { from: '2026-02-01', to: '2026-02-28', where: {} })
      assert.deepEqual(value(feb, 'cds91.wemwbs'), change(0, 0, null, null, 0, null, 3, 'wemwbs'))
    })

    it("refresh rewrites a referral's pairs: idempotent, and a removed follow-up makes the pair lost", async () => {
      const count = async () =>
        Number(
          (
            await db
              .selectFrom('report_outcome_pairs')
              .select(db.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await count()
      await outcomesModule.refresh?.(db, [data.e1.referralId, data.e2.referralId])
      assert.equal(await count(), before)
      await db
        .updateTable('measures')
        .set({ status: 'partial', completed_at: null })
        .where('episode_id', '=', data.e4.episodeId as string)
        .where('occasion', '=', 'exit')
        .execute()
      await outcomesModule.refresh?.(db, [data.e4.referralId])
      const b = await report(db, { ...MARCH, where: { organisation: [data.B] } })
      assert.deepEqual(value(b, 'cds91.wemwbs'), change(0, 1, null, null, 0, null, 3, 'wemwbs'))
      await db
        .updateTable('measures')
        .set({ status: 'complete', completed_at: '2026-03-10T12:00:00Z' })
        .where('episode_id', '=', data.e4.episodeId as string)
        .where('occasion', '=', 'exit')
        .execute()
      await outcomesModule.refresh?.(db, [data.e4.referralId])
    })
  })
}
