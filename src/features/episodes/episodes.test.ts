import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { makeReferral, userId } from '../triage/test-referrals.js'
import { episodeFixture } from './testing.js'

for (const kind of databaseKinds()) {
  describe(`episode of support: level of support and access (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const audits = async (recordId: string) =>
      (
        await db()
          .selectFrom('audit_events')
          .select(['action', 'outcome'])
          .where('record_id', '=', recordId)
          .orderBy('id')
          .execute()
      ).map((a) => `${a.action}/${a.outcome}`)
    const written = async (personId: string) => ({
      log: (await db().selectFrom('information_sharing_log').select('id').where('person_id', '=', personId).execute())
        .length,
      events: (await db().selectFrom('episode_events').select('id').where('person_id', '=', personId).execute()).length,
      open: (
        await db()
          .selectFrom('episodes')
          .select('id')
          .where('person_id', '=', personId)
          .where('status', '=', 'open')
          .execute()
      ).length,
    })

    it('starts the episode with the level chosen at acceptance, then keeps each change of level, audited', async () => {
      const referral = await makeReferral(t.app)
      const page = await practitioner.get(`/triage/${referral.referralId}`)
      assert.match(page.body, /Level of support \(optional\)/)
      const bad = await practitioner.submit(`/triage/${referral.referralId}/accept`, {
        practitionerId: await userId(t.app, 'practitioner'),
        levelOfSupport: 'weekly',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Choose one of the levels of support/)
      const accepted = await practitioner.submit(`/triage/${referral.referralId}/accept`, {
        practitionerId: await userId(t.app, 'practitioner'),
        levelOfSupport: 'short_term',
      })
      assert.equal(accepted.statusCode, 303)
      const episode = await db()
        .selectFrom('episodes')
        .selectAll()
        .where('referral_id', '=', referral.referralId)
        .executeTakeFirstOrThrow()
      assert.equal(episode.level_of_support, 'short_term')
      assert.match(
        (await practitioner.get(`/triage/${referral.referralId}`)).body,
        /Level of support<\/dt>\s*<dd[^>]*>Short-term support/,
      )

      const person = await practitioner.get(`/people/${referral.personId}`)
      assert.match(person.body, /Episode of support/)
      assert.match(person.body, /Short-term support/)
      assert.match(person.body, /Level of support: Short-term support/, 'the timeline says the level was set')

      const form = await practitioner.get(`/episodes/${episode.id}/level`)
      assert.equal(form.statusCode, 200)
      assert.equal((await practitioner.submit(`/episodes/${episode.id}/level`, {})).statusCode, 400)
      assert.equal(
        (await practitioner.submit(`/episodes/${episode.id}/level`, { levelOfSupport: 'holistic' })).statusCode,
        303,
      )
      const api = await practitioner.api('PATCH', `/api/v1/episodes/${episode.id}`, { levelOfSupport: 'holistic' })
      assert.equal(api.statusCode, 200, 'the same level again changes nothing')
      assert.equal(
        (await practitioner.api('PATCH', `/api/v1/episodes/${episode.id}`, { levelOfSupport: 'lots' })).statusCode,
        422,
      )
      const changed = await practitioner.api('PATCH', `/api/v1/episodes/${episode.id}`, {
        levelOfSupport: 'signposting',
      })
      assert.deepEqual(
        changed
          .json()
          .events.map(
            (e: { kind: string; previousLevel: string | null; levelOfSupport: string }) =>
              `${e.kind}:${e.previousLevel ?? '-'}>${e.levelOfSupport}`,
          ),
        ['level_set:->short_term', 'level_changed:short_term>holistic', 'level_changed:holistic>signposting'],
      )
      assert.equal((await audits(episode.id)).filter((a) => a === 'episode.level/success').length, 2)
      assert.deepEqual(changed.json().daysAtLevel, { signposting: 0, short_term: 0, holistic: 0 })
      assert.match((await practitioner.get(`/episodes/${episode.id}/level`)).body, /Time at each level so far/)
      const list = await practitioner.api('GET', `/api/v1/people/${referral.personId}/episodes`)
      assert.equal(list.statusCode, 200)
      assert.equal(list.json().episodes[0].levelOfSupport, 'signposting')
    })

    it('takes the level through the triage API, optional there, and refuses an unknown one', async () => {
      const practitionerId = await userId(t.app, 'practitioner')
      const refused = await makeReferral(t.app)
      const bad = await practitioner.api('POST', `/api/v1/referrals/${refused.referralId}/triage`, {
        decision: 'accept',
        practitionerId,
        levelOfSupport: 'weekly',
      })
      assert.equal(bad.statusCode, 422)
      assert.deepEqual(
        bad.json().errors.map((e: { field: string }) => e.field),
        ['levelOfSupport'],
      )
      assert.equal(
        (await db().selectFrom('episodes').select('id').where('referral_id', '=', refused.referralId).execute()).length,
        0,
      )
      for (const level of ['holistic', undefined] as const) {
        const referral = await makeReferral(t.app)
        const accepted = await practitioner.api('POST', `/api/v1/referrals/${referral.referralId}/triage`, {
          decision: 'accept',
          practitionerId,
          ...(level ? { levelOfSupport: level } : {}),
        })
        assert.equal(accepted.statusCode, 200)
        const episode = await db()
          .selectFrom('episodes')
          .select(['id', 'level_of_support'])
          .where('referral_id', '=', referral.referralId)
          .executeTakeFirstOrThrow()
        assert.equal(episode.level_of_support, level ?? null)
        const events = await db()
          .selectFrom('episode_events')
          .select('kind')
          .where('episode_id', '=', episode.id)
          .execute()
        assert.deepEqual(
          events.map((e) => e.kind),
          level ? ['level_set'] : [],
        )
      }
    })

    it('keeps other organisations, referrers and assets out, auditing the refusal', async () => {
      const f = await episodeFixture(t.app)
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.get(`/episodes/${f.episodeId}/close`)).statusCode, 403)
      assert.equal(
        (await other.submit(`/episodes/${f.episodeId}/close`, { reason: 'died', summary: 'x' })).statusCode,
        403,
      )
      assert.equal((await other.api('GET', `/api/v1/episodes/${f.episodeId}`)).statusCode, 404)
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/episodes`)).statusCode, 404)
      assert.ok((await audits(f.episodeId)).includes('episode.manage/refused'))
      for (const who of ['referrer', 'asset']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.get(`/episodes/${f.episodeId}/close`)).statusCode, 403, who)
        assert.equal((await agent.api('GET', `/api/v1/episodes/${f.episodeId}`)).statusCode, 403, who)
      }
      assert.equal((await written(f.personId)).open, 1)
    })
  })
}
