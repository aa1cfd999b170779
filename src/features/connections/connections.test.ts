import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from './testing.js'

for (const kind of databaseKinds()) {
  describe(`connections to community assets, practitioner side (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const count = async (table: 'connections' | 'connection_events' | 'information_sharing_log', personId: string) => {
      const db = t.app.deps.database.db
      if (table === 'connection_events') return (await db.selectFrom('connection_events as e').innerJoin('connections as c', 'c.id', 'e.connection_id').select('e.id').where('c.person_id', '=', personId).execute()).length
      return (await db.selectFrom(table).select('id').where('person_id', '=', personId).execute()).length
    }

    it('refers a person sharing only the fields ticked, logs the disclosure and lists it on the person page', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      const page = await practitioner.get(`/people/${f.personId}/connections/new?q=${encodeURIComponent("Men's Shed")}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(f.shedService))
      assert.doesNotMatch(page.body, new RegExp(f.closedService), 'inactive services are not offered')
      const response = await practitioner.submit(`/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'referral', fields: ['name', 'note'], note: 'Prefers mornings' })
      assert.equal(response.statusCode, 303)
      const connection = await db.selectFrom('connections').selectAll().where('person_id', '=', f.personId).executeTakeFirstOrThrow()
      assert.equal(connection.status, 'referred')
      assert.deepEqual(connection.need_to_know, { name: `${f.givenName} ap Llŷr`, note: 'Prefers mornings' })
      const log = await db.selectFrom('information_sharing_log').selectAll().where('connection_id', '=', connection.id).executeTakeFirstOrThrow()
      assert.deepEqual(log.fields, ['name', 'note'])
      assert.equal(log.basis, 'consent')
      assert.equal(log.shared_with_organisation_id, f.shedOrganisationId)
      assert.ok(log.consent_id)
      const events = await db.selectFrom('connection_events').selectAll().where('connection_id', '=', connection.id).execute()
      assert.deepEqual(events.map((e) => [e.from_status, e.to_status, e.side]), [[null, 'referred', 'practitioner']])
      const audited = await db.selectFrom('audit_events').select('action').where('record_id', '=', connection.id).execute()
      assert.deepEqual(audited.map((a) => a.action), ['connection.create'])
      const person = await practitioner.get(`/people/${f.personId}?connected=1`)
      assert.match(person.body, /Connections to community services/)
      assert.match(person.body, /Referred/)
      assert.match(person.body, /Men&#39;s Shed|Men's Shed/)
    })

    it('refuses a referral without the person’s consent to share with assets, writing nothing; a signpost needs none', async () => {
      for (const consent of [null, false]) {
        const f = await connectionFixture(t.app, { consent })
        const response = await practitioner.submit(`/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'referral', fields: ['name'], q: 'Shed' })
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /govuk-error-summary/)
        assert.match(response.body, /has not given consent to share their details with community services/)
        for (const table of ['connections', 'connection_events', 'information_sharing_log'] as const) assert.equal(await count(table, f.personId), 0, table)
        const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'referral', fields: ['name'] })
        assert.equal(api.statusCode, 409)
        assert.equal(api.json().code, 'consent_missing')
        const signpost = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'signpost' })
        assert.equal(signpost.statusCode, 201)
        assert.equal(signpost.json().status, 'signposted')
        assert.deepEqual(signpost.json().needToKnow, {})
        assert.equal(await count('information_sharing_log', f.personId), 0)
      }
    })

    it('shows every problem with the form, in Welsh too, and writes nothing', async () => {
      const f = await connectionFixture(t.app)
      const nothingChosen = await practitioner.submit(`/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'referral', q: 'Shed' })
      assert.equal(nothingChosen.statusCode, 400)
      assert.match(nothingChosen.body, /Choose what the service needs to know/)
      const emptyNote = await practitioner.submit(`/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'referral', fields: ['note', 'contactTimes'] })
      assert.equal(emptyNote.statusCode, 400)
      assert.match(emptyNote.body, /Write the note for the service/)
      assert.match(emptyNote.body, /Best times to contact is not recorded for this person/)
      const closed = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.closedService, kind: 'signpost' })
      assert.equal(closed.statusCode, 422)
      assert.deepEqual(closed.json().errors.map((e: { field: string }) => e.field), ['serviceId'])
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.submit(`/people/${f.personId}/connections?lng=cy`, { serviceId: 'nonsense', q: 'Shed' })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Dewiswch wasanaeth/)
      assert.match(cy.body, /Dewiswch y math o gysylltiad/)
      for (const table of ['connections', 'connection_events', 'information_sharing_log'] as const) assert.equal(await count(table, f.personId), 0, table)
    })

    it('records what the person reports on the practitioner’s moves only', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      const signpost = (await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'signpost' })).json().id as string
      const page = await practitioner.get(`/people/${f.personId}/connections/${signpost}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /They went for the first time/)
      assert.doesNotMatch(page.body, /value="accepted"/)
      assert.equal((await practitioner.submit(`/people/${f.personId}/connections/${signpost}/status`, { status: 'first_attended', note: 'Went with her sister' })).statusCode, 303)
      const illegal = await practitioner.submit(`/people/${f.personId}/connections/${signpost}/status`, { status: 'accepted' })
      assert.equal(illegal.statusCode, 400)
      assert.match(illegal.body, /govuk-error-summary/)
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/${signpost}/status`, { status: 'waitlisted', weeks: 3 })
      assert.equal(api.statusCode, 400)
      assert.equal(api.json().code, 'invalid_transition')
      const done = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/${signpost}/status`, { status: 'completed' })
      assert.equal(done.statusCode, 200)
      assert.deepEqual(done.json().events.map((e: { to: string; side: string }) => `${e.to}/${e.side}`), ['signposted/practitioner', 'first_attended/practitioner', 'completed/practitioner'])
      assert.equal((await db.selectFrom('notifications').select('id').where('connection_id', '=', signpost).execute()).length, 0)
      // The asset acts on referrals only; a practitioner cannot accept one for it.
      const referral = (await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'referral', fields: ['name'] })).json().id as string
      assert.equal((await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/${referral}/status`, { status: 'accepted' })).json().code, 'invalid_transition')
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.api('POST', `/api/v1/people/${f.personId}/connections/${referral}/status`, { status: 'withdrew' })).statusCode, 404)
      assert.equal((await db.selectFrom('connections').select('status').where('id', '=', referral).executeTakeFirstOrThrow()).status, 'referred')
    })

    it('offers no connection without an open episode, and keeps other providers out', async () => {
      const f = await connectionFixture(t.app, { episode: false })
      const page = await practitioner.get(`/people/${f.personId}/connections/new`)
      assert.match(page.body, /has no open episode/)
      assert.doesNotMatch((await practitioner.get(`/people/${f.personId}`)).body, /href="\/people\/[^"]+\/connections\/new"/)
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'signpost' })
      assert.equal(api.statusCode, 409)
      assert.equal(api.json().code, 'no_open_episode')
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.get(`/people/${f.personId}/connections/new`)).statusCode, 403)
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/connections`)).statusCode, 404)
      assert.equal(await count('connections', f.personId), 0)
    })
  })
}
