import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { addReferrerOrganisation, decide, validForm, withdrawShareConsent } from './testing.js'

for (const kind of databaseKinds()) {
  describe(`referrals sent, as the referrer sees them (${kind})`, () => {
    let t: TestApp
    let referrer: Agent
    before(async () => {
      t = await startTestApp(kind)
      referrer = new Agent(t.app)
      await referrer.signIn('referrer')
    })
    after(() => t.close())

    /** Sends a referral through the form and returns its id and reference. */
    const send = async (overrides: Record<string, string | string[]> = {}) => {
      await referrer.get('/referrals/new')
      const sent = await referrer.submit('/referrals/new', validForm(overrides))
      assert.equal(sent.statusCode, 303)
      const id = /\/referrals\/sent\/([0-9a-f-]{36})\/confirmation/.exec(String(sent.headers.location))?.[1] as string
      const row = await t.app.deps.database.db
        .selectFrom('referrals')
        .select('reference')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      return { id, reference: row.reference }
    }

    const auditsOf = (id: string, action: string) =>
      t.app.deps.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('record_id', '=', id)
        .where('action', '=', action)
        .execute()

    it('lists the organisation’s referrals newest first with the person, date, receiver and status, and audits the read', async () => {
      const first = await send({ givenName: 'Gwenllian', familyName: 'Jones' })
      const second = await send({ givenName: 'Iolo', familyName: 'Morgan' })
      const list = await referrer.get('/referrals/sent')
      assert.equal(list.statusCode, 200)
      assert.ok(list.body.indexOf(second.reference) < list.body.indexOf(first.reference), 'newest first')
      assert.match(list.body, /Gwenllian Jones/)
      assert.match(list.body, /Cardiff and Vale Community Connectors/)
      assert.match(list.body, /Waiting for triage/)
      const audits = await t.app.deps.database.db
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'referral.list')
        .execute()
      assert.ok(audits.length >= 1)

      const one = await referrer.get(`/referrals/sent/${first.id}`)
      assert.equal(one.statusCode, 200)
      assert.match(one.body, /Gwenllian Jones/)
      assert.match(one.body, /Waiting for triage/)
      assert.match(one.body, /not decided about this referral yet/)
      assert.equal((await auditsOf(first.id, 'referral.view')).length, 1)
    })

    it('shows the outcome, with the decline reason, when the person agreed to share it', async () => {
      const referral = await send({ givenName: 'Llŷr', familyName: 'Evans' })
      await decide(t.app.deps.database.db, referral.id, {
        status: 'declined',
        declineReason: 'clinical_or_specialist',
        explanation: 'Needs the <memory> clinic first',
        redirectedTo: 'Memory assessment service',
      })
      const one = await referrer.get(`/referrals/sent/${referral.id}`)
      assert.match(one.body, /Declined/)
      assert.match(one.body, /Needs a clinical or specialist service/)
      assert.match(one.body, /Needs the &lt;memory&gt; clinic first/)
      assert.match(one.body, /Memory assessment service/)
      const list = await referrer.get('/referrals/sent')
      assert.match(list.body, /Needs a clinical or specialist service/)

      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('referrer')
      const cy = await welsh.get(`/referrals/sent/${referral.id}`)
      assert.match(cy.body, /Gwrthodwyd/)
      assert.match(cy.body, /Angen gwasanaeth clinigol neu arbenigol/)
    })

    it('hides the outcome when the person did not agree to share it', async () => {
      const referral = await send({ givenName: 'Zoë', familyName: 'Price', shareOutcomeWithReferrer: 'no' })
      await decide(t.app.deps.database.db, referral.id, {
        status: 'declined',
        declineReason: 'safeguarding',
        explanation: 'Private reason',
      })
      const one = await referrer.get(`/referrals/sent/${referral.id}`)
      assert.match(one.body, /The person has not agreed to share the outcome/)
      assert.match(one.body, /Outcome not shared/)
      assert.doesNotMatch(one.body, /Declined|Safeguarding|Private reason/)
      const list = await referrer.get('/referrals/sent')
      assert.doesNotMatch(list.body, /Safeguarding|Private reason/)
    })

    it('hides the outcome at once when the person withdraws their consent to share it', async () => {
      const referral = await send({ givenName: 'Elin', familyName: 'Hughes' })
      await decide(t.app.deps.database.db, referral.id, { status: 'accepted' })
      assert.match((await referrer.get(`/referrals/sent/${referral.id}`)).body, /Accepted/)
      await withdrawShareConsent(t.app.deps.database.db, referral.id)
      const after = await referrer.get(`/referrals/sent/${referral.id}`)
      assert.match(after.body, /The person has not agreed to share the outcome/)
      assert.doesNotMatch(after.body, /Accepted/)
    })

    it('keeps one organisation’s referrals from another referrer organisation and from other providers, auditing the attempts', async () => {
      const referral = await send({ givenName: 'Angharad', familyName: 'Rees' })
      const email = await addReferrerOrganisation(t.app.deps.database.db, TEST_PASSWORD)
      const stranger = new Agent(t.app)
      await stranger.signIn(email)
      const list = await stranger.get('/referrals/sent')
      assert.equal(list.statusCode, 200)
      assert.doesNotMatch(list.body, /Angharad Rees/)
      assert.match(list.body, /has not sent any referrals yet/)
      const page = await stranger.get(`/referrals/sent/${referral.id}`)
      assert.equal(page.statusCode, 404)
      assert.doesNotMatch(page.body, /Angharad/)

      const otherProvider = new Agent(t.app)
      await otherProvider.signIn('practitioner2')
      assert.equal((await otherProvider.get(`/referrals/sent/${referral.id}`)).statusCode, 404)

      const refused = (await auditsOf(referral.id, 'referral.view')).filter((a) => a.outcome === 'refused')
      assert.equal(refused.length, 2)
      const receiver = await t.app.deps.database.db
        .selectFrom('referrals')
        .select('organisation_id')
        .where('id', '=', referral.id)
        .executeTakeFirstOrThrow()
      assert.ok(refused.every((a) => a.organisation_id === receiver.organisation_id))
    })

    it('answers 404 for a referral that does not exist or an id that is not one', async () => {
      assert.equal((await referrer.get('/referrals/sent/8b7e6a43-4b1e-4f7e-9f3a-1d2c3b4a5e6f')).statusCode, 404)
      assert.equal((await referrer.get('/referrals/sent/not-an-id')).statusCode, 404)
    })
  })
}
