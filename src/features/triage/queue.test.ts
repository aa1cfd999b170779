import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { ageOn } from '../people/person-rules.js'
import { daysWaiting, parseStatus } from './queue.js'
import { makeReferral } from './test-referrals.js'

describe('waiting time', () => {
  it('counts whole days, and stops at first contact', () => {
    const received = new Date('2026-03-01T10:00:00Z')
    assert.equal(daysWaiting(received, null, new Date('2026-03-04T09:59:00Z')), 2)
    assert.equal(daysWaiting(received, new Date('2026-03-02T11:00:00Z'), new Date('2026-03-30T00:00:00Z')), 1)
    assert.equal(parseStatus('declined'), 'declined')
    assert.equal(parseStatus('<script>'), 'received')
  })
})

for (const kind of databaseKinds()) {
  describe(`triage queue (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    it('lists the provider’s waiting referrals crisis first, then by urgency, then oldest, with their details', async () => {
      const db = t.app.deps.database.db
      const routineOld = await makeReferral(t.app, { givenName: 'Routine', familyName: 'Old' })
      const urgent = await makeReferral(t.app, { givenName: 'Urgent', familyName: 'New', urgency: 'urgent' })
      const crisis = await makeReferral(t.app, { givenName: 'Crisis', familyName: 'Newest', crisis: 'yes', urgency: 'routine' })
      const routineNew = await makeReferral(t.app, { givenName: 'Routine', familyName: 'New' })
      const elsewhere = await makeReferral(t.app, { givenName: 'Gwynedd', familyName: 'Person' }, { provider: 'gwynedd' })
      const days = (n: number) => new Date(Date.now() - n * 86_400_000)
      await db.updateTable('referrals').set({ received_at: days(10) }).where('id', '=', routineOld.referralId).execute()
      await db.updateTable('referrals').set({ received_at: days(2) }).where('id', '=', urgent.referralId).execute()
      await db.updateTable('referrals').set({ received_at: days(1) }).where('id', '=', crisis.referralId).execute()
      await db.updateTable('referrals').set({ received_at: days(5) }).where('id', '=', routineNew.referralId).execute()

      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const page = await agent.get('/triage')
      assert.equal(page.statusCode, 200)
      const order = [crisis, urgent, routineOld, routineNew].map((r) => page.body.indexOf(r.reference))
      assert.ok(order.every((position) => position > 0), 'every Cardiff referral is listed')
      assert.deepEqual([...order].sort((a, b) => a - b), order, 'crisis first, then urgent, then the oldest')
      assert.ok(!page.body.includes(elsewhere.reference), 'another provider’s referral is not listed')
      assert.match(page.body, /Crisis/)
      assert.match(page.body, /10 days waiting/)
      assert.match(page.body, /Loneliness or isolation/)
      assert.match(page.body, /Primary care/)
      assert.match(page.body, new RegExp(`>\\s*${ageOn('1960-04-12', new Date())}\\s*<`), 'age in years')

      const audited = await db.selectFrom('audit_events').select('action').where('action', '=', 'referral.list').execute()
      assert.ok(audited.length >= 1)
    })

    it('filters by status, and shows nothing of other statuses by default', async () => {
      const db = t.app.deps.database.db
      const declined = await makeReferral(t.app, { givenName: 'Declined', familyName: 'Earlier' })
      await db.updateTable('referrals').set({ status: 'declined', decline_reason: 'out_of_area', triaged_at: new Date() }).where('id', '=', declined.referralId).execute()
      const agent = new Agent(t.app)
      await agent.signIn('teamlead')
      assert.ok(!(await agent.get('/triage')).body.includes(declined.reference))
      const filtered = await agent.get('/triage?status=declined')
      assert.equal(filtered.statusCode, 200)
      assert.ok(filtered.body.includes(declined.reference))
    })

    it('warns of a possible duplicate in the queue', async () => {
      const first = await makeReferral(t.app, { givenName: 'Zoë', familyName: 'Duplicate', dateOfBirth: '1970-01-01' })
      const second = await makeReferral(t.app, { givenName: 'ZOE', familyName: 'duplicate', dateOfBirth: '1970-01-01' })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const page = await agent.get('/triage')
      const row = (reference: string) => page.body.slice(page.body.indexOf(reference), page.body.indexOf('</tr>', page.body.indexOf(reference)))
      assert.match(row(second.reference), /Possible duplicate/)
      assert.match(row(first.reference), /Possible duplicate/)
    })

    it('is in Welsh for Welsh speakers, and linked from the home page and the menu', async () => {
      const agent = new Agent(t.app, 'cy')
      await agent.signIn('practitioner')
      const home = agent.last?.body ?? ''
      assert.match(home, /href="\/triage"/)
      assert.match(home, /Ciw brysbennu/)
      const page = await agent.get('/triage')
      assert.match(page.body, /<html lang="cy"/)
      assert.match(page.body, /<h1 class="govuk-heading-l">Ciw brysbennu<\/h1>/)
      assert.match(page.body, /Argyfwng/)
      assert.match(page.body, /diwrnod yn aros/)
    })

    it('is not offered to referrers, and refused to them', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('referrer')
      assert.doesNotMatch(agent.last?.body ?? '', /href="\/triage"/)
      assert.equal((await agent.get('/triage')).statusCode, 403)
    })
  })
}
