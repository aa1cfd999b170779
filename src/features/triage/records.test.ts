import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import type { Notification } from '../../platform/notify/notifier.js'
import { mayCloseUnableToContact } from './records.js'
import { makeReferral } from './test-referrals.js'

describe('unable-to-contact rule', () => {
  it('applies only to a waiting referral never reached, after 3 unsuccessful attempts', () => {
    assert.equal(mayCloseUnableToContact({ status: 'received', first_contact_at: null }, 3), true)
    assert.equal(mayCloseUnableToContact({ status: 'received', first_contact_at: null }, 2), false)
    assert.equal(mayCloseUnableToContact({ status: 'received', first_contact_at: new Date() }, 5), false)
    assert.equal(mayCloseUnableToContact({ status: 'accepted', first_contact_at: null }, 5), false)
  })
})

for (const kind of databaseKinds()) {
  describe(`contact attempts and duplicates (${kind})`, () => {
    let t: TestApp
    const sent: Notification[] = []
    before(async () => {
      t = await startTestApp(kind)
      t.app.deps.notifier = { send: async (n) => void sent.push(n) }
    })
    after(() => t.close())

    it('records contact attempts; the first successful one stops the waiting clock', async () => {
      const db = t.app.deps.database.db
      const { referralId } = await makeReferral(t.app)
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      await agent.get(`/triage/${referralId}`)
      const bad = await agent.submit(`/triage/${referralId}/contact-attempts`, { mode: '', successful: '', note: 'Rang twice' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Choose how you tried to make contact/)
      assert.match(bad.body, /Choose whether you made contact/)
      assert.match(bad.body, /Rang twice<\/textarea>/)
      assert.equal((await db.selectFrom('referral_contact_attempts').select('id').where('referral_id', '=', referralId).execute()).length, 0)

      assert.equal((await agent.submit(`/triage/${referralId}/contact-attempts`, { mode: 'phone', successful: 'no', note: 'No answer' })).statusCode, 303)
      assert.equal((await db.selectFrom('referrals').select('first_contact_at').where('id', '=', referralId).executeTakeFirstOrThrow()).first_contact_at, null)
      assert.equal((await agent.submit(`/triage/${referralId}/contact-attempts`, { mode: 'text', successful: 'yes' })).statusCode, 303)
      const first = (await db.selectFrom('referrals').select('first_contact_at').where('id', '=', referralId).executeTakeFirstOrThrow()).first_contact_at
      assert.ok(first)
      await agent.submit(`/triage/${referralId}/contact-attempts`, { mode: 'phone', successful: 'yes' })
      const still = (await db.selectFrom('referrals').select('first_contact_at').where('id', '=', referralId).executeTakeFirstOrThrow()).first_contact_at
      assert.equal(still?.getTime(), first.getTime(), 'later contact does not move first contact')
      const page = await agent.get(`/triage/${referralId}`)
      assert.match(page.body, /First contact on/)
      assert.match(page.body, /No answer/)
      assert.equal((await db.selectFrom('audit_events').select('id').where('action', '=', 'referral.contact_attempt').where('record_id', '=', referralId).execute()).length, 3)
      assert.doesNotMatch(page.body, /Close as unable to contact/)
    })

    it('offers "unable to contact" after 3 unsuccessful attempts, closes and tells the referrer', async () => {
      const db = t.app.deps.database.db
      const { referralId } = await makeReferral(t.app)
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      await agent.get(`/triage/${referralId}`)
      for (const mode of ['phone', 'text']) await agent.submit(`/triage/${referralId}/contact-attempts`, { mode, successful: 'no' })
      assert.doesNotMatch((await agent.get(`/triage/${referralId}`)).body, /Close as unable to contact/)
      const early = await agent.submit(`/triage/${referralId}/unable-to-contact`, {})
      assert.equal(early.statusCode, 409)
      assert.match(early.body, /after 3 unsuccessful attempts/)
      await agent.submit(`/triage/${referralId}/contact-attempts`, { mode: 'letter', successful: 'no' })
      const page = await agent.get(`/triage/${referralId}`)
      assert.match(page.body, /Close as unable to contact/)
      assert.equal((await agent.submit(`/triage/${referralId}/unable-to-contact`, {})).statusCode, 303)
      const referral = await db.selectFrom('referrals').select(['status', 'triaged_at']).where('id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(referral.status, 'unable_to_contact')
      assert.ok(referral.triaged_at)
      const notification = await db.selectFrom('notifications').select(['id', 'kind']).where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(notification.kind, 'referral.unable_to_contact')
      assert.equal(sent.at(-1)?.notificationId, notification.id)
      assert.equal((await db.selectFrom('audit_events').select('id').where('action', '=', 'referral.unable_to_contact').where('record_id', '=', referralId).execute()).length, 1)
      const queue = await agent.get('/triage?status=unable_to_contact')
      assert.match(queue.body, /Unable to contact/)
    })

    it('links a referral to an earlier record of the same person, never merging the records', async () => {
      const db = t.app.deps.database.db
      const earlier = await makeReferral(t.app, { givenName: 'Dafydd', familyName: 'ap Gwilym', dateOfBirth: '1955-03-03', phone: '01234 567890' })
      const later = await makeReferral(t.app, { givenName: 'dafydd', familyName: 'AP GWILYM', dateOfBirth: '1955-03-03', phone: '07700 900 123' })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const page = await agent.get(`/triage/${later.referralId}`)
      assert.match(page.body, /Possible earlier records/)
      assert.match(page.body, /Link to this person/)
      assert.ok(page.body.includes(`name="personId" value="${earlier.personId}"`))
      assert.match(page.body, /keep the referral&#39;s record as a new person/)

      const wrong = await agent.submit(`/triage/${later.referralId}/link-person`, { personId: later.personId })
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /Choose one of the earlier records listed/)

      const linked = await agent.submit(`/triage/${later.referralId}/link-person`, { personId: earlier.personId })
      assert.equal(linked.statusCode, 303)
      const referral = await db.selectFrom('referrals').select('person_id').where('id', '=', later.referralId).executeTakeFirstOrThrow()
      assert.equal(referral.person_id, earlier.personId)
      const newer = await db.selectFrom('people').select(['duplicate_of', 'given_name', 'phone']).where('id', '=', later.personId).executeTakeFirstOrThrow()
      assert.deepEqual(newer, { duplicate_of: earlier.personId, given_name: 'dafydd', phone: '07700 900 123' })
      const kept = await db.selectFrom('people').select(['given_name', 'phone', 'duplicate_of']).where('id', '=', earlier.personId).executeTakeFirstOrThrow()
      assert.deepEqual(kept, { given_name: 'Dafydd', phone: '01234 567890', duplicate_of: null }, 'no field merged silently')
      const audit = await db.selectFrom('audit_events').select('detail').where('action', '=', 'person.link_duplicate').where('record_id', '=', later.personId).executeTakeFirstOrThrow()
      assert.equal(audit.detail?.linkedTo, earlier.personId)

      const person = await agent.get(`/people/${earlier.personId}`)
      assert.ok(person.body.includes(later.reference), 'the moved referral is on the earlier record’s timeline')
      assert.match(person.body, /later records were linked to this one/)
      const duplicate = await agent.get(`/people/${later.personId}`)
      assert.match(duplicate.body, /This record is a duplicate/)
    })
  })
}
