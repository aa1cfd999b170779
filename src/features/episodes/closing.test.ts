import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'
import { userId } from '../triage/test-referrals.js'
import { episodeFixture } from './testing.js'

const summary = 'Siân now goes to the walking group every week and feels less alone.'

for (const kind of databaseKinds()) {
  describe(`closing an episode and feedback to the referrer (${kind})`, () => {
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

    it('closes with feedback to the referrer: follow-ups not done, the disclosure logged, the referrer sees only outcome and summary', async () => {
      const f = await episodeFixture(t.app)
      const referrer = new Agent(t.app)
      await referrer.signIn('referrer')
      assert.doesNotMatch((await referrer.get(`/referrals/sent/${f.referralId}`)).body, /How the support ended/)

      const form = await practitioner.get(`/episodes/${f.episodeId}/close`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Send a summary to the referrer/)
      const response = await practitioner.submit(`/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary,
        sendFeedback: 'yes',
      })
      assert.equal(response.statusCode, 303)
      const episode = await db()
        .selectFrom('episodes')
        .selectAll()
        .where('id', '=', f.episodeId)
        .executeTakeFirstOrThrow()
      assert.equal(episode.status, 'closed')
      assert.equal(episode.closing_reason, 'goals_met')
      assert.ok(episode.ended_at && episode.feedback_sent_at)
      const followUp = await db()
        .selectFrom('follow_ups')
        .selectAll()
        .where('id', '=', f.followUpId as string)
        .executeTakeFirstOrThrow()
      assert.equal(followUp.status, 'not_done')
      assert.equal(followUp.outcome_note, 'episode closed')
      const log = await db()
        .selectFrom('information_sharing_log')
        .selectAll()
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      const consent = await db()
        .selectFrom('consents')
        .select('id')
        .where('person_id', '=', f.personId)
        .where('scope', '=', 'share_with_referrer')
        .executeTakeFirstOrThrow()
      const surgery = await db()
        .selectFrom('users')
        .select('organisation_id')
        .where('email', '=', 'referrer@demo.cyswllt.test')
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [
          log.purpose,
          log.recipient_kind,
          log.basis,
          log.consent_scope,
          log.consent_id,
          log.shared_with_organisation_id,
          log.fields,
        ],
        [
          'feedback_to_referrer',
          'referrer',
          'consent',
          'share_with_referrer',
          consent.id,
          surgery.organisation_id,
          ['outcome', 'summary'],
        ],
      )
      const notification = await db()
        .selectFrom('notifications')
        .selectAll()
        .where('referral_id', '=', f.referralId)
        .where('kind', '=', 'episode.feedback')
        .executeTakeFirstOrThrow()
      assert.equal(notification.recipient_user_id, await userId(t.app, 'referrer'))
      assert.ok(notification.sent_at, 'the feedback is handed to the notifier after the closing commits')
      assert.deepEqual(await audits(f.episodeId), [
        'episode.close_form/success',
        'episode.close/success',
        'episode.feedback/success',
      ])

      const person = await practitioner.get(`/people/${f.personId}?episode=closedWithFeedback`)
      assert.match(person.body, /summary sent to the referrer/)
      assert.match(person.body, /Goals met/)
      assert.match(person.body, /Sent on/)

      const seen = await referrer.get(`/referrals/sent/${f.referralId}`)
      assert.equal(seen.statusCode, 200)
      assert.match(seen.body, /How the support ended/)
      assert.match(seen.body, /Goals met/)
      assert.match(seen.body, /walking group every week/)
      for (const withheld of ['029 2000 0000', 'Ring about the walking group', 'Short-term', 'episodes/'])
        assert.ok(!seen.body.includes(withheld), `the referrer sees ${withheld}`)

      // Closing again: refused, nothing changes.
      const again = await practitioner.submit(`/episodes/${f.episodeId}/close`, { reason: 'died', summary: 'x' })
      assert.equal(again.statusCode, 409)
      const api = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, {
        reason: 'died',
        summary: 'x',
      })
      assert.equal(api.statusCode, 409)
      assert.equal(api.json().code, 'episode_closed')
      assert.equal(
        (
          await db()
            .selectFrom('episodes')
            .select('closing_reason')
            .where('id', '=', f.episodeId)
            .executeTakeFirstOrThrow()
        ).closing_reason,
        'goals_met',
      )
      assert.equal(
        (await practitioner.api('PATCH', `/api/v1/episodes/${f.episodeId}`, { levelOfSupport: 'holistic' })).statusCode,
        409,
      )
    })

    it('refuses feedback without the person’s consent in force and bad closing input, writing nothing', async () => {
      const f = await episodeFixture(t.app)
      await db()
        .insertInto('consents')
        .values({
          person_id: f.personId,
          organisation_id: f.organisationId,
          scope: 'share_with_referrer',
          given: false,
          method: 'verbal',
          recorded_by: f.practitioner,
        })
        .execute()
      const before = await written(f.personId)
      const form = await practitioner.get(`/episodes/${f.episodeId}/close`)
      assert.doesNotMatch(form.body, /Send a summary to the referrer/)
      assert.match(form.body, /has not agreed to the referrer being told the outcome/)
      const refused = await practitioner.submit(`/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary,
        sendFeedback: 'yes',
      })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
      assert.match(refused.body, /the summary cannot be sent/)
      const api = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary,
        sendFeedback: true,
      })
      assert.equal(api.statusCode, 409)
      assert.equal(api.json().code, 'consent_missing')
      const noReason = await practitioner.submit(`/episodes/${f.episodeId}/close`, { summary })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Choose why the episode is ending/)
      const tooLong = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, {
        reason: 'withdrew',
        summary: 'a'.repeat(1001),
      })
      assert.equal(tooLong.statusCode, 422)
      assert.deepEqual(
        tooLong.json().errors.map((e: { field: string }) => e.field),
        ['summary'],
      )
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      await welsh.get(`/episodes/${f.episodeId}/close?lng=cy`)
      const cy = await welsh.submit(`/episodes/${f.episodeId}/close?lng=cy`, { reason: 'withdrew' })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Ysgrifennwch grynodeb/)
      assert.deepEqual(await written(f.personId), before)
      assert.equal(
        (
          await db()
            .selectFrom('follow_ups')
            .select('status')
            .where('id', '=', f.followUpId as string)
            .executeTakeFirstOrThrow()
        ).status,
        'open',
      )
      assert.equal(
        (
          await db()
            .selectFrom('notifications')
            .select('id')
            .where('referral_id', '=', f.referralId)
            .where('kind', '=', 'episode.feedback')
            .execute()
        ).length,
        0,
      )

      // Closing without feedback is fine.
      const closed = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, {
        reason: 'withdrew',
        summary: 'Did not want to go on.',
      })
      assert.equal(closed.statusCode, 200)
      assert.equal(closed.json().closing.feedbackSentAt, null)
      assert.equal((await written(f.personId)).log, 0)
      const referrer = new Agent(t.app)
      await referrer.signIn('referrer')
      assert.doesNotMatch((await referrer.get(`/referrals/sent/${f.referralId}`)).body, /Did not want to go on/)
    })

    it('leaves connections still going on as they are, and says so', async () => {
      const f = await connectionFixture(t.app)
      const created = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.shedService,
        kind: 'signpost',
      })
      assert.equal(created.statusCode, 201)
      const episode = await db()
        .selectFrom('episodes')
        .select('id')
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      assert.match(
        (await practitioner.get(`/episodes/${episode.id}/close`)).body,
        /1 connection to a community service is still going on/,
      )
      const closed = await practitioner.submit(`/episodes/${episode.id}/close`, {
        reason: 'moved_away',
        summary: 'Moved to Swansea.',
      })
      assert.equal(closed.statusCode, 303)
      const connection = await db()
        .selectFrom('connections')
        .select('status')
        .where('id', '=', created.json().id)
        .executeTakeFirstOrThrow()
      assert.equal(connection.status, 'signposted')
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /1 connection to a community service is still going on. It has been left as it is./)
      assert.match(person.body, /Moved away/)
      assert.doesNotMatch(person.body, /href="\/episodes\/[^"]+\/close"/, 'a closed episode offers no closing')
    })
  })
}
