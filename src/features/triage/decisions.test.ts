import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import type { Notification } from '../../platform/notify/notifier.js'
import { validateDecision } from './forms.js'
import { makeReferral, userId } from './test-referrals.js'

describe('triage decision rules', () => {
  it('needs a practitioner of the organisation to accept, and a reason and explanation to decline', () => {
    assert.deepEqual(validateDecision({ decision: 'accept', practitionerId: 'x' }, ['y']).errors.map((e) => e.key), ['triage.errors.practitionerInvalid'])
    assert.deepEqual(validateDecision({ decision: 'decline' }, []).errors.map((e) => e.field), ['reason', 'explanation'])
    assert.deepEqual(validateDecision({ decision: 'decline', reason: 'nonsense', explanation: 'x' }, []).errors.map((e) => e.key), ['triage.errors.choiceInvalid'])
    assert.equal(validateDecision({ decision: 'maybe' }, []).errors[0]?.field, 'decision')
    assert.deepEqual(validateDecision({ decision: 'decline', reason: 'out_of_area', explanation: ' Lives in Powys ', redirectedTo: '' }, []).value, {
      decision: 'decline',
      reason: 'out_of_area',
      explanation: 'Lives in Powys',
      redirectedTo: null,
    })
  })
})

for (const kind of databaseKinds()) {
  describe(`triage decisions (${kind})`, () => {
    let t: TestApp
    const sent: Notification[] = []
    before(async () => {
      t = await startTestApp(kind)
      t.app.deps.notifier = { send: async (n) => void sent.push(n) }
    })
    after(() => t.close())

    it('shows everything the referral says, with risks highlighted and the under-18 consent', async () => {
      const { referralId } = await makeReferral(t.app, {
        dateOfBirth: '2012-06-01',
        guardianName: 'Mair Jones',
        guardianContact: '07700 900 982',
        guardianRelationship: 'Mother',
        youngPersonCompetent: 'yes',
        risks: 'Dog in the house <b>bites</b>',
        loneWorkerRisk: 'yes',
        crisis: 'yes',
      })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const page = await agent.get(`/triage/${referralId}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /govuk-warning-text/)
      assert.match(page.body, /Risks to know about: Dog in the house &lt;b&gt;bites&lt;\/b&gt;/)
      assert.match(page.body, /risk to a lone worker/)
      assert.match(page.body, /The person is in crisis/)
      assert.match(page.body, /Young person judged competent to consent alone/)
      assert.match(page.body, /Mair Jones/)
      assert.match(page.body, /Open the person record/)
      const audited = await t.app.deps.database.db.selectFrom('audit_events').select('outcome').where('action', '=', 'referral.view').where('record_id', '=', referralId).execute()
      assert.deepEqual(audited, [{ outcome: 'success' }])
    })

    it('accepts with a practitioner: the episode of support begins and the referrer is told', async () => {
      const db = t.app.deps.database.db
      const { referralId, personId } = await makeReferral(t.app)
      const practitioner = await userId(t.app, 'practitioner')
      const referrer = await userId(t.app, 'referrer')
      const agent = new Agent(t.app)
      await agent.signIn('teamlead')
      await agent.get(`/triage/${referralId}`)
      const response = await agent.submit(`/triage/${referralId}/accept`, { practitionerId: practitioner })
      assert.equal(response.statusCode, 303)
      const referral = await db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(referral.status, 'accepted')
      assert.equal(referral.allocated_practitioner_id, practitioner)
      assert.equal(referral.triaged_by, await userId(t.app, 'teamlead'))
      assert.ok(referral.triaged_at)
      const episode = await db.selectFrom('episodes').selectAll().where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(episode.status, 'open')
      assert.equal(episode.practitioner_id, practitioner)
      assert.equal(episode.person_id, personId)
      const notification = await db.selectFrom('notifications').selectAll().where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(notification.kind, 'referral.accepted')
      assert.equal(notification.recipient_user_id, referrer)
      assert.ok(notification.sent_at, 'marked sent after the notifier took it')
      assert.deepEqual(sent.at(-1), { kind: 'referral.accepted', notificationId: notification.id, referralId, recipientUserId: referrer })
      const audit = await db.selectFrom('audit_events').select(['action', 'detail']).where('action', '=', 'referral.accept').where('record_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(audit.detail?.episodeId, episode.id)

      const page = await agent.get(String(response.headers.location))
      assert.match(page.body, /The referral has been accepted/)
      assert.match(page.body, /Rhian Practitioner/)
      // Accept or decline only while waiting for triage.
      const again = await agent.submit(`/triage/${referralId}/decline`, { reason: 'duplicate', explanation: 'Sent twice' })
      assert.equal(again.statusCode, 409)
      assert.match(again.body, /no longer waiting for triage: it is now &quot;Accepted&quot;/)
      assert.equal((await db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status, 'accepted')
    })

    it('refuses a decline without a reason and explanation: 400, values kept, nothing written', async () => {
      const db = t.app.deps.database.db
      const { referralId } = await makeReferral(t.app)
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      await agent.get(`/triage/${referralId}`)
      const counts = async () => ({
        audit: (await db.selectFrom('audit_events').select('id').where('record_id', '=', referralId).where('action', '<>', 'referral.view').execute()).length,
        notifications: (await db.selectFrom('notifications').select('id').where('referral_id', '=', referralId).execute()).length,
      })
      const before = await counts()
      const response = await agent.submit(`/triage/${referralId}/decline`, { reason: '', explanation: '', redirectedTo: 'Community <mental> health team' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /Choose why the referral is not appropriate/)
      assert.match(response.body, /Explain why the referral is not appropriate/)
      assert.match(response.body, /value="Community &lt;mental&gt; health team"/)
      const onlyExplanation = await agent.submit(`/triage/${referralId}/decline`, { reason: 'safeguarding', explanation: '' })
      assert.equal(onlyExplanation.statusCode, 400)
      assert.match(onlyExplanation.body, /value="safeguarding" checked/)
      assert.equal((await db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status, 'received')
      assert.deepEqual(await counts(), before)

      const declined = await agent.submit(`/triage/${referralId}/decline`, { reason: 'acute_mental_health', explanation: 'Needs the crisis team today', redirectedTo: 'Crisis team' })
      assert.equal(declined.statusCode, 303)
      const row = await db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow()
      assert.deepEqual([row.status, row.decline_reason, row.decline_explanation, row.redirected_to], ['declined', 'acute_mental_health', 'Needs the crisis team today', 'Crisis team'])
      const notification = await db.selectFrom('notifications').select(['kind']).where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(notification.kind, 'referral.declined')
      const shown = await agent.get(`/triage/${referralId}`)
      assert.match(shown.body, /Acute mental health need/)
      assert.match(shown.body, /Needs the crisis team today/)
    })

    it('tells no referrer when the person withdrew consent to share the outcome', async () => {
      const db = t.app.deps.database.db
      const { referralId, personId, organisationId } = await makeReferral(t.app)
      await db.insertInto('consents').values({ person_id: personId, organisation_id: organisationId, scope: 'share_with_referrer', given: false, method: 'verbal', recorded_at: new Date(Date.now() + 1000) }).execute()
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      await agent.get(`/triage/${referralId}`)
      await agent.submit(`/triage/${referralId}/decline`, { reason: 'person_declined', explanation: 'Does not want support now' })
      const notification = await db.selectFrom('notifications').select(['recipient_user_id']).where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(notification.recipient_user_id, null)
    })

    it('refuses a practitioner of another organisation, or from another provider, and audits it', async () => {
      const db = t.app.deps.database.db
      const { referralId } = await makeReferral(t.app)
      const gwynedd = await makeReferral(t.app, {}, { provider: 'gwynedd' })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const ownPractitioner = await userId(t.app, 'practitioner')
      await agent.get(`/triage/${referralId}`)
      const wrongPractitioner = await agent.submit(`/triage/${referralId}/accept`, { practitionerId: await userId(t.app, 'practitioner2') })
      assert.equal(wrongPractitioner.statusCode, 400)
      assert.match(wrongPractitioner.body, /Choose a practitioner from the list/)

      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      const page = await other.get(`/triage/${referralId}`)
      assert.equal(page.statusCode, 403)
      assert.doesNotMatch(page.body, /Siân/)
      const post = await other.submit(`/triage/${referralId}/accept`, { practitionerId: ownPractitioner })
      assert.equal(post.statusCode, 403)
      assert.equal((await db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status, 'received')
      const refusals = await db.selectFrom('audit_events').select(['action', 'outcome', 'actor_user_id']).where('record_id', '=', referralId).where('outcome', '=', 'refused').orderBy('id').execute()
      const practitioner2 = await userId(t.app, 'practitioner2')
      assert.deepEqual(refusals, [
        { action: 'referral.view', outcome: 'refused', actor_user_id: practitioner2 },
        { action: 'referral.accept', outcome: 'refused', actor_user_id: practitioner2 },
      ])
      assert.equal((await other.get(`/triage/${gwynedd.referralId}`)).statusCode, 200)
    })

    it('lets a team lead reallocate an accepted referral, and no one else', async () => {
      const db = t.app.deps.database.db
      const { referralId } = await makeReferral(t.app)
      const practitioner = await userId(t.app, 'practitioner')
      const teamlead = await userId(t.app, 'teamlead')
      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      await lead.get(`/triage/${referralId}`)
      await lead.submit(`/triage/${referralId}/accept`, { practitionerId: practitioner })
      const page = await lead.get(`/triage/${referralId}`)
      assert.match(page.body, /Allocate to another practitioner/)
      // An open follow-up on the practitioner's caseload goes with the episode.
      const opened = await db.selectFrom('episodes').select(['id', 'person_id', 'organisation_id']).where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      const task = await db
        .insertInto('follow_ups')
        .values({ person_id: opened.person_id, episode_id: opened.id, organisation_id: opened.organisation_id, kind: 'task', description: 'Ring back', due_on: '2030-01-01', assigned_to: practitioner })
        .returning('id')
        .executeTakeFirstOrThrow()
      const moved = await lead.submit(`/triage/${referralId}/allocate`, { allocateTo: teamlead })
      assert.equal(moved.statusCode, 303)
      const episode = await db.selectFrom('episodes').select('practitioner_id').where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(episode.practitioner_id, teamlead)
      assert.equal((await db.selectFrom('follow_ups').select('assigned_to').where('id', '=', task.id).executeTakeFirstOrThrow()).assigned_to, teamlead)
      const audit = await db.selectFrom('audit_events').select('detail').where('action', '=', 'referral.allocate').where('record_id', '=', referralId).executeTakeFirstOrThrow()
      assert.deepEqual(audit.detail, { episodeId: opened.id, from: practitioner, to: teamlead, followUpsMoved: 1 })

      const plain = new Agent(t.app)
      await plain.signIn('practitioner')
      assert.doesNotMatch((await plain.get(`/triage/${referralId}`)).body, /Allocate to another practitioner/)
      assert.equal((await plain.submit(`/triage/${referralId}/allocate`, { allocateTo: practitioner })).statusCode, 403)
    })
  })
}
