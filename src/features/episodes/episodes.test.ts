import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { makeReferral, userId } from '../triage/test-referrals.js'
import { episodeFixture } from './testing.js'

const summary = 'Siân now goes to the walking group every week and feels less alone.'

for (const kind of databaseKinds()) {
  describe(`episode of support (${kind})`, () => {
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
      const list = await practitioner.api('GET', `/api/v1/people/${referral.personId}/episodes`)
      assert.equal(list.statusCode, 200)
      assert.equal(list.json().episodes[0].levelOfSupport, 'signposting')
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
        [log.purpose, log.basis, log.consent_id, log.shared_with_organisation_id, log.fields],
        ['feedback_to_referrer', 'consent', consent.id, surgery.organisation_id, ['outcome', 'summary']],
      )
      const notification = await db()
        .selectFrom('notifications')
        .selectAll()
        .where('referral_id', '=', f.referralId)
        .where('kind', '=', 'episode.feedback')
        .executeTakeFirstOrThrow()
      assert.equal(notification.recipient_user_id, await userId(t.app, 'referrer'))
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

    it('transfers with consent: a referral waiting at the receiver, the disclosure logged, this episode closed, both sides audited', async () => {
      const f = await episodeFixture(t.app)
      const gwynedd = await db()
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'Gwynedd Community Link')
        .executeTakeFirstOrThrow()
      const before = await written(f.personId)
      const bad = await practitioner.submit(`/episodes/${f.episodeId}/transfer`, {
        organisationId: f.organisationId,
        reason: 'Moving to Bangor',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Choose another social prescribing provider from the list/)
      assert.match(bad.body, /Confirm that the person agreed to the transfer/)
      assert.deepEqual(await written(f.personId), before)
      const page = await practitioner.get(`/episodes/${f.episodeId}/transfer`)
      assert.match(page.body, /Gwynedd Community Link/)
      const response = await practitioner.submit(`/episodes/${f.episodeId}/transfer`, {
        organisationId: gwynedd.id,
        reason: 'Moving to Bangor to be near her daughter',
        consented: 'yes',
        consentMethod: 'verbal',
      })
      assert.equal(response.statusCode, 303)
      const episode = await db()
        .selectFrom('episodes')
        .selectAll()
        .where('id', '=', f.episodeId)
        .executeTakeFirstOrThrow()
      assert.equal(episode.status, 'closed')
      assert.equal(episode.closing_reason, 'transferred')
      const referral = await db()
        .selectFrom('referrals')
        .selectAll()
        .where('id', '=', episode.transferred_to_referral_id as string)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [
          referral.organisation_id,
          referral.status,
          referral.channel,
          referral.referrer_organisation_id,
          referral.person_agreed,
          referral.reasons,
        ],
        [gwynedd.id, 'received', 'practitioner', f.organisationId, true, ['loneliness_isolation']],
      )
      const copy = await db()
        .selectFrom('people')
        .selectAll()
        .where('id', '=', referral.person_id)
        .executeTakeFirstOrThrow()
      assert.equal(copy.organisation_id, gwynedd.id)
      assert.equal(copy.given_name, f.givenName)
      assert.equal(copy.phone, '029 2000 0000')
      const log = await db()
        .selectFrom('information_sharing_log')
        .selectAll()
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      const consent = await db()
        .selectFrom('consents')
        .selectAll()
        .where('id', '=', log.consent_id as string)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [log.purpose, log.basis, log.shared_with_organisation_id, consent.scope, consent.given, consent.method],
        ['transfer', 'consent', gwynedd.id, 'transfer', true, 'verbal'],
      )
      assert.ok((await audits(f.episodeId)).includes('episode.transfer/success'))
      assert.deepEqual(await audits(referral.id), ['referral.transfer_in/success'])

      const receiver = new Agent(t.app)
      await receiver.signIn('practitioner2')
      assert.match((await receiver.get('/triage')).body, new RegExp(referral.reference))
      assert.equal(
        (await receiver.get(`/people/${f.personId}`)).statusCode,
        403,
        'the receiver gets its own copy, never the sender’s record',
      )
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /Transferred to Gwynedd Community Link/)
      const again = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/transfer`, {
        organisationId: gwynedd.id,
        reason: 'x',
        consented: true,
        consentMethod: 'verbal',
      })
      assert.equal(again.statusCode, 409)
    })

    it('transfers through the API too', async () => {
      const f = await episodeFixture(t.app, { followUp: false })
      const gwynedd = await db()
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'Gwynedd Community Link')
        .executeTakeFirstOrThrow()
      const invalid = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/transfer`, {
        organisationId: gwynedd.id,
        reason: 'x',
        consented: false,
        consentMethod: 'verbal',
      })
      assert.equal(invalid.statusCode, 422)
      assert.deepEqual(
        invalid.json().errors.map((e: { field: string }) => e.field),
        ['consented'],
      )
      const done = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/transfer`, {
        organisationId: gwynedd.id,
        reason: 'Moved',
        consented: true,
        consentMethod: 'written',
      })
      assert.equal(done.statusCode, 201)
      assert.equal(done.json().episode.closing.reason, 'transferred')
      assert.equal(done.json().transferredTo.organisationId, gwynedd.id)
      assert.match(done.json().transferredTo.reference, /^CYS-/)
    })
  })
}
