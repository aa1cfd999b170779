import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'

for (const kind of databaseKinds()) {
  describe(`asset portal (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    let asset: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      asset = new Agent(t.app)
      await asset.signIn('asset')
    })
    after(() => t.close())

    /** A person referred to the demo asset's service (sharing name and a note) and to another asset's service. */
    async function referred() {
      const f = await connectionFixture(t.app)
      const mine = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.shedService, kind: 'referral', fields: ['name', 'ageBand', 'note'], note: 'Likes woodwork' })
      const theirs = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, { serviceId: f.otherService, kind: 'referral', fields: ['name', 'email'] })
      assert.equal(mine.statusCode, 201)
      assert.equal(theirs.statusCode, 201)
      return { ...f, mine: mine.json().id as string, theirs: theirs.json().id as string }
    }

    it('an asset user sees only its own referrals and only the need-to-know fields', async () => {
      const f = await referred()
      // Things the record holds that were not chosen to share: they must never reach the asset.
      const withheld = ['sian@example.org', '029 2000 0000', 'CF10 1AA', '1960', 'Dr Owen', 'Loneliness', 'loneliness_isolation', f.personId]
      const list = await asset.get('/asset')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, new RegExp(f.mine))
      assert.doesNotMatch(list.body, new RegExp(f.theirs))
      assert.match(list.body, /href="\/directory\/manage"/)
      const page = await asset.get(`/asset/connections/${f.mine}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(`${f.givenName} ap Llŷr`))
      assert.match(page.body, /Likes woodwork/)
      assert.match(page.body, /55 to 64|65 to 74/)
      for (const text of withheld) assert.ok(!page.body.includes(text), `asset page shows ${text}`)
      const api = await asset.api('GET', '/api/v1/asset/connections')
      assert.equal(api.statusCode, 200)
      const rows = api.json().connections as { id: string; needToKnow: Record<string, string> }[]
      assert.ok(rows.some((r) => r.id === f.mine))
      assert.ok(!rows.some((r) => r.id === f.theirs))
      assert.deepEqual(Object.keys(rows.find((r) => r.id === f.mine)?.needToKnow ?? {}).sort(), ['ageBand', 'name', 'note'])
      for (const text of withheld) assert.ok(!api.body.includes(text), `asset API shows ${text}`)
      assert.doesNotMatch(api.body, /personId|person_id|episode|reasons|nhs|dateOfBirth/i)
    })

    it('accepts, records attendance and completion, writing an event and telling the practitioner each time', async () => {
      const f = await referred()
      const db = t.app.deps.database.db
      await asset.get(`/asset/connections/${f.mine}`)
      for (const status of ['accepted', 'first_attended', 'attending', 'did_not_attend', 'attending', 'completed']) {
        const response = await asset.submit(`/asset/connections/${f.mine}/status`, { status, note: status === 'completed' ? 'Finished the course' : '' })
        assert.equal(response.statusCode, 303, `${status}: ${response.statusCode}`)
        await asset.get(String(response.headers.location))
      }
      const connection = await db.selectFrom('connections').select(['status', 'first_attended_at']).where('id', '=', f.mine).executeTakeFirstOrThrow()
      assert.equal(connection.status, 'completed')
      assert.ok(connection.first_attended_at)
      const events = await db.selectFrom('connection_events').select(['to_status', 'side']).where('connection_id', '=', f.mine).orderBy('at').execute()
      assert.deepEqual(events.map((e) => e.to_status), ['referred', 'accepted', 'first_attended', 'attending', 'did_not_attend', 'attending', 'completed'])
      const notifications = await db.selectFrom('notifications').select(['kind', 'recipient_user_id', 'sent_at']).where('connection_id', '=', f.mine).execute()
      assert.equal(notifications.length, 6)
      assert.ok(notifications.every((n) => n.kind === 'connection.updated' && n.recipient_user_id === f.practitioner && n.sent_at))
      const audited = await db.selectFrom('audit_events').select('action').where('record_id', '=', f.mine).where('action', '=', 'asset_connection.update').execute()
      assert.equal(audited.length, 6)
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /Completed/)
      assert.match(person.body, /Finished the course/)
      const history = await practitioner.api('GET', `/api/v1/people/${f.personId}/connections`)
      const mine = (history.json().connections as { id: string; events: { to: string }[] }[]).find((c) => c.id === f.mine)
      assert.equal(mine?.events.length, 7)
    })

    it('declines only with a reason and waitlists only with weeks; illegal moves are 400 invalid_transition', async () => {
      const f = await referred()
      const db = t.app.deps.database.db
      await asset.get(`/asset/connections/${f.mine}`)
      const noReason = await asset.submit(`/asset/connections/${f.mine}/status`, { status: 'declined' })
      assert.equal(noReason.statusCode, 400)
      assert.match(noReason.body, /Give the reason for declining/)
      const noWeeks = await asset.submit(`/asset/connections/${f.mine}/status`, { status: 'waitlisted', weeks: '0' })
      assert.equal(noWeeks.statusCode, 400)
      const illegal = await asset.submit(`/asset/connections/${f.mine}/status`, { status: 'completed' })
      assert.equal(illegal.statusCode, 400)
      assert.match(illegal.body, /cannot be recorded while the referral is &#39;Referred&#39;|cannot be recorded while the referral is 'Referred'/)
      const api = await asset.api('POST', `/api/v1/asset/connections/${f.mine}/status`, { status: 'attending' })
      assert.equal(api.statusCode, 400)
      assert.match(String(api.headers['content-type']), /application\/problem\+json/)
      assert.equal(api.json().code, 'invalid_transition')
      assert.equal(api.json().currentStatus, 'referred')
      assert.equal((await asset.api('POST', `/api/v1/asset/connections/${f.mine}/status`, { status: 'declined' })).statusCode, 422)
      assert.equal((await db.selectFrom('connection_events').select('id').where('connection_id', '=', f.mine).execute()).length, 1)
      const waitlisted = await asset.api('POST', `/api/v1/asset/connections/${f.mine}/status`, { status: 'waitlisted', weeks: 6 })
      assert.equal(waitlisted.statusCode, 200)
      assert.equal(waitlisted.json().waitingWeeks, 6)
      assert.deepEqual(waitlisted.json().nextStatuses, ['accepted', 'declined', 'withdrew'])
      const declined = await asset.api('POST', `/api/v1/asset/connections/${f.mine}/status`, { status: 'declined', reason: 'The group is full until spring' })
      assert.equal(declined.statusCode, 200)
      assert.deepEqual(declined.json().nextStatuses, [])
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /The group is full until spring/)
    })

    it('refuses another organisation’s referral with 404 and writes nothing', async () => {
      const f = await referred()
      const db = t.app.deps.database.db
      assert.equal((await asset.get(`/asset/connections/${f.theirs}`)).statusCode, 404)
      await asset.get('/asset')
      assert.equal((await asset.submit(`/asset/connections/${f.theirs}/status`, { status: 'accepted' })).statusCode, 404)
      assert.equal((await asset.api('POST', `/api/v1/asset/connections/${f.theirs}/status`, { status: 'accepted' })).statusCode, 404)
      const row = await db.selectFrom('connections').select('status').where('id', '=', f.theirs).executeTakeFirstOrThrow()
      assert.equal(row.status, 'referred')
      assert.equal((await db.selectFrom('connection_events').select('id').where('connection_id', '=', f.theirs).execute()).length, 1)
      assert.equal((await db.selectFrom('notifications').select('id').where('connection_id', '=', f.theirs).execute()).length, 0)
      const refusals = await db.selectFrom('audit_events').select('outcome').where('record_id', '=', f.theirs).where('outcome', '=', 'refused').execute()
      assert.equal(refusals.length, 3)
      // Practitioners are not asset users: the portal refuses them.
      assert.equal((await practitioner.get('/asset')).statusCode, 403)
    })

    it('speaks Welsh', async () => {
      const f = await referred()
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('asset')
      const list = await welsh.get('/asset?lng=cy')
      assert.match(list.body, /Atgyfeiriadau i&#39;ch gwasanaethau|Atgyfeiriadau i'ch gwasanaethau/)
      const page = await welsh.get(`/asset/connections/${f.mine}?lng=cy`)
      assert.match(page.body, /Beth sydd angen i chi ei wybod/)
      assert.match(page.body, /Derbyn yr atgyfeiriad/)
      assert.match(page.body, /Men&#39;s Shed .* \(Cymraeg\)|Men's Shed .* \(Cymraeg\)/)
    })
  })
}
