import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { episodeFixture } from './testing.js'

for (const kind of databaseKinds()) {
  describe(`transfer to another provider (${kind})`, () => {
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
        [
          log.purpose,
          log.recipient_kind,
          log.basis,
          log.consent_scope,
          log.shared_with_organisation_id,
          consent.scope,
          consent.given,
          consent.method,
        ],
        ['transfer', 'agency', 'consent', 'transfer', gwynedd.id, 'transfer', true, 'verbal'],
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
