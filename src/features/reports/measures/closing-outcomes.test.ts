import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { columnsOf, notAsked } from '../../episodes/closing-outcomes-rules.js'
import type { ClosingOutcomeAnswers } from '../../episodes/closing-outcomes-schema.js'
import { episodeFixture } from '../../episodes/testing.js'
import type { MeasureResult } from '../contract.js'
import { closingOutcomesModule } from './closing-outcomes.js'
import { measureModules } from './index.js'

/*
 * The closing outcomes measure on hand-built data with known answers. The facts rows are written here by a small
 * helper (the engine's refresh writes them in the product), with only the columns the measure reads mattering.
 */
for (const kind of databaseKinds()) {
  describe(`closing outcomes measure (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())
    const db = () => t.app.deps.database.db

    /** An episode whose facts row says it ended on `endedOn` (null: still open), with these answers (null: none). */
    async function episode(endedOn: string | null, answers: Partial<ClosingOutcomeAnswers> | null, la = 'W06000015') {
      const f = await episodeFixture(t.app, { followUp: false })
      await db()
        .insertInto('report_referral_facts')
        .values({
          referral_id: f.referralId,
          episode_id: f.episodeId,
          person_id: f.personId,
          organisation_id: f.organisationId,
          local_authority_code: la,
          route: 'primary_care',
          channel: 'professional_form',
          received_on: '2026-03-01',
          status: 'accepted',
          episode_started_on: '2026-03-02',
          episode_ended_on: endedOn,
        })
        .execute()
      if (answers)
        await db()
          .insertInto('episode_closing_outcomes')
          .values({
            episode_id: f.episodeId,
            person_id: f.personId,
            organisation_id: f.organisationId,
            ...columnsOf({ ...notAsked(), ...answers }),
          })
          .execute()
    }

    const compute = (from: string, to: string, la?: string) =>
      closingOutcomesModule.compute({
        db: db(),
        filter: { from, to, where: la ? { local_authority: [la] } : {} },
        facts: () =>
          la
            ? db().selectFrom('report_referral_facts').where('local_authority_code', '=', la)
            : db().selectFrom('report_referral_facts'),
        unfiltered: !la,
      })
    const byId = (results: MeasureResult[]) => Object.fromEntries(results.map((r) => [r.id, r]))

    it('is registered, and emits every statement with zero counts when nothing was recorded', async () => {
      assert.ok(measureModules.includes(closingOutcomesModule))
      const results = await compute('2026-04-01', '2026-06-30')
      assert.deepEqual(
        results.map((r) => [r.id, r.cds, r.question, r.table2]),
        [
          ['cds1', [1], 'better_off', false],
          ['cds74', [74], 'better_off', false],
          ['cds79', [79], 'better_off', false],
          ['cds89', [89], 'better_off', false],
          ['cds63', [63], 'better_off', false],
          ['cds62', [62], 'better_off', false],
          ['cds110', [110], 'better_off', false],
          ['cds12', [12], 'how_much', false],
          ['cds33', [33], 'how_much', false],
        ],
      )
      assert.deepEqual(byId(results).cds1?.value, { kind: 'share', numerator: 0, denominator: 0, percent: null })
      assert.deepEqual(byId(results).cds62?.value, {
        kind: 'breakdown',
        total: 0,
        additive: true,
        rows: [
          { code: 'reduced', count: 0 },
          { code: 'increased', count: 0 },
          { code: 'no_change', count: 0 },
          { code: 'not_known', count: 0 },
        ],
      })
    })

    it('counts, of the episodes closed in the period, those asked and their answers exactly', async () => {
      await episode('2026-04-10', {
        learntSkills: 'yes',
        knowsSupport: 'yes',
        benefitsIncome: 'increased',
        employment: 'into_work',
        medication: 'reduced',
        carersAssessment: 'yes',
      })
      await episode('2026-05-01', {
        learntSkills: 'no',
        knowsSupport: 'yes',
        benefitsIncome: 'no_change',
        medication: 'reduced',
        statutoryGap: 'yes',
        carersAssessment: 'no',
      })
      await episode(
        '2026-06-30',
        { learntSkills: 'not_known', benefitsIncome: 'increased', employment: 'no_change', carerSupportsAccess: 'yes' },
        'W06000014',
      )
      // Outside the period, closed with nothing asked, and still open: none of them counts.
      await episode('2026-07-01', { learntSkills: 'yes', knowsSupport: 'no', startedVolunteering: 'yes' })
      await episode('2026-03-31', { learntSkills: 'yes' })
      await episode('2026-05-15', null)
      await episode(null, { learntSkills: 'yes', startedVolunteering: 'yes' })

      const results = byId(await compute('2026-04-01', '2026-06-30'))
      const share = (numerator: number, denominator: number, percent: number | null) => ({
        kind: 'share',
        numerator,
        denominator,
        percent,
      })
      assert.deepEqual(results.cds1?.value, share(1, 3, 33.3))
      assert.deepEqual(results.cds74?.value, share(2, 2, 100))
      assert.deepEqual(results.cds79?.value, share(0, 0, null))
      assert.deepEqual(results.cds110?.value, share(1, 1, 100))
      assert.deepEqual(results.cds12?.value, share(1, 2, 50))
      assert.deepEqual(results.cds33?.value, share(1, 1, 100))
      assert.deepEqual(results.cds89?.value, {
        kind: 'breakdown',
        total: 3,
        additive: true,
        rows: [
          { code: 'increased', count: 2 },
          { code: 'decreased', count: 0 },
          { code: 'no_change', count: 1 },
          { code: 'not_known', count: 0 },
        ],
      })
      assert.deepEqual(results.cds63?.value, {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: [
          { code: 'into_work', count: 1 },
          { code: 'more_hours', count: 0 },
          { code: 'fewer_hours', count: 0 },
          { code: 'out_of_work', count: 0 },
          { code: 'no_change', count: 1 },
          { code: 'not_known', count: 0 },
        ],
      })
      assert.deepEqual(results.cds62?.value, {
        kind: 'breakdown',
        total: 2,
        additive: true,
        rows: [
          { code: 'reduced', count: 2 },
          { code: 'increased', count: 0 },
          { code: 'no_change', count: 0 },
          { code: 'not_known', count: 0 },
        ],
      })

      // The filter's dimensions come with the facts: Cardiff only leaves out the Vale of Glamorgan's episode.
      const cardiff = byId(await compute('2026-04-01', '2026-06-30', 'W06000015'))
      assert.deepEqual(cardiff.cds1?.value, share(1, 2, 50))
      assert.equal((cardiff.cds89?.value as { total: number }).total, 2)
      assert.deepEqual(cardiff.cds33?.value, share(0, 0, null))

      // One day's period: only the episode closed on it.
      const day = byId(await compute('2026-07-01', '2026-07-01'))
      assert.deepEqual(day.cds1?.value, share(1, 1, 100))
      assert.deepEqual(day.cds74?.value, share(0, 1, 0))
      assert.deepEqual(day.cds79?.value, share(1, 1, 100))
    })
  })
}
