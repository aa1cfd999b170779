import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadDemoServices } from '../directory/demo/load.js'
import { loadDemoPostcodes } from '../postcodes/demo.js'
import { loadDemoJourney } from './demo-journey.js'
import { loadDemoReferrals } from './demo-referrals.js'

interface Item {
  personId: string
  name: string
  stage: string
  overdue: boolean
  nextDue: string | null
  levelOfSupport: string | null
}

for (const kind of databaseKinds()) {
  describe(`demo support journey (${kind})`, () => {
    let t: TestApp
    let loaded = 0
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      await loadDemoPostcodes(db)
      await loadDemoServices(db)
      await loadDemoReferrals(db)
      loaded = await loadDemoJourney(db)
    })
    after(() => t.close())

    it('gives the Cardiff practitioner, the team lead and the unallocated list people at every stage, once', async () => {
      const db = t.app.deps.database.db
      assert.equal(loaded, 15)
      const count = async (
        table:
          | 'support_contacts'
          | 'what_matters_conversations'
          | 'action_plans'
          | 'plan_reviews'
          | 'healthcare_use'
          | 'safeguarding_concerns'
          | 'information_sharing_log'
          | 'follow_ups'
          | 'connections'
          | 'episodes'
          | 'people',
      ) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = Object.fromEntries(
        await Promise.all(
          (
            [
              'support_contacts',
              'what_matters_conversations',
              'action_plans',
              'plan_reviews',
              'healthcare_use',
              'safeguarding_concerns',
              'information_sharing_log',
              'follow_ups',
              'connections',
              'episodes',
              'people',
            ] as const
          ).map(async (k) => [k, await count(k)]),
        ),
      )
      assert.equal(await loadDemoJourney(db), 0, 'loading twice adds nothing')
      for (const [k, n] of Object.entries(before)) assert.equal(await count(k as 'people'), n, `${k} unchanged`)

      // 2 episodes from the demo referrals, 15 from the journey.
      assert.equal(before.episodes, 17)
      assert.equal(before.what_matters_conversations, 12)
      assert.equal(before.action_plans, 8)
      assert.equal(before.plan_reviews, 3, 'one review and two ends')
      assert.equal(before.healthcare_use, 6, 'five at the start, one at the end')
      assert.equal(before.safeguarding_concerns, 1)
      assert.equal(before.connections, 3 + 3)
      assert.ok(before.support_contacts >= 20)

      const rhian = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'practitioner@demo.cyswllt.test')
        .executeTakeFirstOrThrow()
      const episodes = await db
        .selectFrom('episodes')
        .select(['practitioner_id', 'status', 'closing_reason', 'feedback_sent_at', 'level_of_support'])
        .execute()
      const closed = episodes.filter((e) => e.status === 'closed')
      assert.deepEqual(closed.map((e) => e.closing_reason).sort(), ['disengaged', 'goals_met', 'goals_met'])
      assert.equal(closed.filter((e) => e.feedback_sent_at).length, 2)
      assert.equal(
        episodes.filter((e) => e.status === 'open' && e.practitioner_id === null).length,
        1,
        'one unallocated',
      )
      assert.deepEqual([...new Set(episodes.map((e) => e.level_of_support).filter(Boolean))].sort(), [
        'holistic',
        'short_term',
        'signposting',
      ])
      const feedback = await db
        .selectFrom('information_sharing_log')
        .select(['recipient_kind', 'consent_scope', 'basis'])
        .where('purpose', '=', 'feedback_to_referrer')
        .execute()
      assert.equal(feedback.length, 2)
      assert.ok(
        feedback.every(
          (f) => f.recipient_kind === 'referrer' && f.consent_scope === 'share_with_referrer' && f.basis === 'consent',
        ),
      )
      const dna = await db.selectFrom('support_contacts').select('id').where('did_not_attend', '=', true).execute()
      assert.ok(dna.length >= 1)
      const parties = await db.selectFrom('support_contacts').select('with_whom').execute()
      assert.equal(parties.filter((c) => c.with_whom.includes('carer')).length, 1)
      assert.equal(parties.filter((c) => c.with_whom.includes('asset')).length, 1)
      const told = await db.selectFrom('notifications').select('id').where('kind', '=', 'episode.feedback').execute()
      assert.equal(told.length, 2, 'the referrer is told of both closings with feedback')
      const welsh = await db.selectFrom('support_contacts').select('id').where('language', '=', 'cy').execute()
      assert.ok(welsh.length >= 1)

      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      const response = await practitioner.api('GET', '/api/v1/caseload')
      assert.equal(response.statusCode, 200)
      const items = response.json().items as Item[]
      assert.ok(items.length >= 9, `Rhian has ${items.length} open`)
      assert.equal(items[0]?.overdue, true, 'overdue first')
      const firstNotOverdue = items.findIndex((i) => !i.overdue)
      assert.ok(firstNotOverdue > 0 && items.slice(firstNotOverdue).every((i) => !i.overdue))
      const week = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
      assert.ok(
        items.some((i) => !i.overdue && i.nextDue !== null && i.nextDue <= week),
        'something due this week',
      )
      const stages = new Set(items.map((i) => i.stage))
      assert.ok(stages.size >= 4, `stages: ${[...stages].join(', ')}`)
      assert.ok(
        items.every((i) => i.personId),
        String(rhian.id),
      )

      // Every journey person's page renders for the practitioner, closed episodes included, in English and Welsh.
      const people = await db
        .selectFrom('people')
        .select('id')
        .where('family_name', 'in', ['Evans', 'Jenkins', 'Harris', 'Bennett', 'Thomas', 'Pritchard'])
        .execute()
      assert.equal(people.length, 6)
      const cymraeg = new Agent(t.app, 'cy')
      await cymraeg.signIn('practitioner')
      for (const person of people) {
        assert.equal((await practitioner.get(`/people/${person.id}`)).statusCode, 200)
        assert.equal((await cymraeg.get(`/people/${person.id}`)).statusCode, 200)
      }

      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      const team = (await lead.api('GET', '/api/v1/caseload/team')).json()
      assert.ok(team.unallocated.length >= 1)
      assert.ok(((await lead.api('GET', '/api/v1/caseload')).json().items as Item[]).length >= 2)
    })
  })
}
