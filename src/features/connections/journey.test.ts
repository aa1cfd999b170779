import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { addDays, CONNECTION_FOLLOW_UP_DAYS } from '../follow-ups/schedule.js'
import { connectionFixture } from './testing.js'

/** Issue 5 §5 on top of the connections of issue 4: suggestions, signpost format, travel, barriers, first response, follow-ups. */
for (const kind of databaseKinds()) {
  describe(`connections on the support journey (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const followUps = (personId: string) =>
      t.app.deps.database.db.selectFrom('follow_ups').selectAll().where('person_id', '=', personId).execute()

    it('records a suggested service, then refers it: one connection, its history, one follow-up two weeks later', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      await practitioner.get(`/people/${f.personId}`)
      const suggested = await practitioner.submit(`/people/${f.personId}/connections/suggestions`, {
        serviceId: f.shedService,
      })
      assert.equal(suggested.statusCode, 303)
      const row = await db
        .selectFrom('connections')
        .selectAll()
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      assert.deepEqual([row.status, row.kind], ['suggested', null])
      assert.equal((await followUps(f.personId)).length, 0, 'a suggestion is not yet a connection')
      const page = await practitioner.get(`/people/${f.personId}?suggested=1`)
      assert.match(page.body, new RegExp(`connections/new\\?suggestion=${row.id}`))
      const twice = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/suggestions`, {
        serviceId: f.shedService,
      })
      assert.equal(twice.statusCode, 409)
      assert.equal(twice.json().code, 'already_suggested')
      const progress = await practitioner.get(`/people/${f.personId}/connections/${row.id}`)
      assert.match(progress.body, /value="withdrew"/)
      assert.doesNotMatch(progress.body, /value="signposted"/)
      const form = await practitioner.get(`/people/${f.personId}/connections/new?suggestion=${row.id}`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, new RegExp(`name="suggestionId" value="${row.id}"`))
      assert.match(form.body, new RegExp(`value="${f.shedService}" checked`))
      const referred = await practitioner.submit(`/people/${f.personId}/connections`, {
        serviceId: f.shedService,
        suggestionId: row.id,
        kind: 'referral',
        fields: ['name'],
        travelMode: 'bus',
        distance: '4.5',
      })
      assert.equal(referred.statusCode, 303)
      assert.match(referred.headers.location as string, /followUp=\d{4}-\d{2}-\d{2}/)
      const after = await db.selectFrom('connections').selectAll().where('person_id', '=', f.personId).execute()
      assert.equal(after.length, 1)
      assert.deepEqual([after[0]?.status, after[0]?.kind, after[0]?.travel_mode], ['referred', 'referral', 'bus'])
      const events = await db
        .selectFrom('connection_events')
        .select(['from_status', 'to_status'])
        .where('connection_id', '=', row.id)
        .orderBy('at')
        .execute()
      assert.deepEqual(
        events.map((e) => `${String(e.from_status)}→${e.to_status}`),
        ['null→suggested', 'suggested→referred'],
      )
      assert.equal(
        (await db.selectFrom('information_sharing_log').select('id').where('connection_id', '=', row.id).execute())
          .length,
        1,
      )
      const [followUp] = await followUps(f.personId)
      assert.equal(followUp?.kind, 'connection')
      assert.equal(followUp?.connection_id, row.id)
      assert.equal(followUp?.due_on, addDays(new Date(), CONNECTION_FOLLOW_UP_DAYS))
      assert.equal(followUp?.assigned_to, f.practitioner)
      const again = await practitioner.submit(`/people/${f.personId}/connections`, {
        serviceId: f.shedService,
        suggestionId: row.id,
        kind: 'signpost',
      })
      assert.equal(again.statusCode, 400, 'a suggestion is acted on once')
      assert.match(again.body, /already been acted on or withdrawn/)
      assert.equal((await followUps(f.personId)).length, 1)
    })

    it('schedules a follow-up with each connection, records the signpost’s format and the travel, and refuses a closed service', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      const signpost = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.shedService,
        kind: 'signpost',
        distanceKm: 12,
      })
      assert.equal(signpost.statusCode, 201)
      assert.equal(signpost.json().signpostFormat, 'large_print', 'the fixture person needs large print')
      assert.equal(signpost.json().signpostLanguage, 'cy')
      const introduction = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.otherService,
        kind: 'supported_introduction',
        travelMode: 'community_transport',
      })
      assert.equal(introduction.json().travelMode, 'community_transport')
      assert.deepEqual(
        (await followUps(f.personId)).map((x) => x.connection_id).sort(),
        [signpost.json().id, introduction.json().id].sort(),
      )
      // Where the service has a location and the person's postcode is known, the distance is worked out.
      const location = randomUUID()
      await db
        .insertInto('locations')
        .values({ id: location, name: 'Shed', latitude: 51.4816, longitude: -3.1791 })
        .execute()
      await db
        .insertInto('service_at_locations')
        .values({ id: randomUUID(), service_id: f.otherService, location_id: location })
        .execute()
      const near = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.otherService,
        kind: 'signpost',
        signpostFormat: 'verbal',
        signpostLanguage: 'en',
        distanceKm: 999,
      })
      assert.equal(near.statusCode, 201)
      assert.deepEqual([near.json().signpostFormat, near.json().signpostLanguage], ['verbal', 'en'])
      const source = near.json().travelDistanceSource as string
      assert.ok(
        source === 'computed' ? near.json().travelDistanceKm < 50 : near.json().travelDistanceKm === 999,
        `${source} ${String(near.json().travelDistanceKm)}`,
      )
      const before = (await db.selectFrom('connections').select('id').where('person_id', '=', f.personId).execute())
        .length
      const closed = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.closedService,
        kind: 'referral',
        fields: ['name'],
      })
      assert.equal(closed.statusCode, 422)
      assert.match(closed.json().errors[0].message, /is closed: it cannot take new connections/)
      const page = await practitioner.submit(`/people/${f.personId}/connections`, {
        serviceId: f.closedService,
        kind: 'referral',
        fields: ['name'],
      })
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /is closed: it cannot take new connections/)
      const suggestClosed = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/suggestions`, {
        serviceId: f.closedService,
      })
      assert.equal(suggestClosed.statusCode, 422)
      assert.equal(
        (await db.selectFrom('connections').select('id').where('person_id', '=', f.personId).execute()).length,
        before,
      )
      assert.equal((await followUps(f.personId)).length, 3)
    })

    it('records barriers and reasons with the practitioner’s moves, and the asset’s first response in days', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      const referral = (
        await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
          serviceId: f.shedService,
          kind: 'referral',
          fields: ['name'],
        })
      ).json().id as string
      const asset = new Agent(t.app)
      await asset.signIn('asset')
      assert.equal(
        (await asset.api('POST', `/api/v1/asset/connections/${referral}/status`, { status: 'waitlisted', weeks: 2 }))
          .statusCode,
        200,
      )
      assert.equal(
        (await asset.api('POST', `/api/v1/asset/connections/${referral}/status`, { status: 'accepted' })).statusCode,
        200,
      )
      const row = await db
        .selectFrom('connections')
        .select(['first_responded_at', 'updated_at'])
        .where('id', '=', referral)
        .executeTakeFirstOrThrow()
      assert.ok(
        row.first_responded_at && row.first_responded_at < row.updated_at,
        'the first response is the waiting list, not the later acceptance',
      )
      const wrong = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/${referral}/status`, {
        status: 'first_attended',
        barriers: ['transport'],
      })
      assert.equal(wrong.statusCode, 422)
      const dna = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/${referral}/status`, {
        status: 'did_not_attend',
        barriers: ['transport', 'anxiety_or_confidence'],
        notActingReasons: ['not_ready'],
        note: 'Bus did not come',
      })
      assert.equal(dna.statusCode, 200)
      const last = dna.json().events.at(-1)
      assert.deepEqual([last.barriers, last.notActingReasons], [['transport', 'anxiety_or_confidence'], ['not_ready']])
      assert.equal(dna.json().daysToFirstResponse, 0)
      const page = await practitioner.submit(`/people/${f.personId}/connections/${referral}/status`, {
        status: 'withdrew',
        notActingReasons: 'other',
      })
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /say what in the note/)
      const shown = await practitioner.get(`/people/${f.personId}/connections/${referral}`)
      assert.match(
        shown.body,
        /Days from referral to the service’s first response|Days from referral to the service&#39;s first response|Days from referral to the service's first response/,
      )
      assert.match(shown.body, /Transport/)
      // The asset never sees the practitioner's note or the barriers.
      const portal = await asset.get(`/asset/connections/${referral}`)
      assert.doesNotMatch(portal.body, /Bus did not come/)
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal(
        (await other.api('POST', `/api/v1/people/${f.personId}/connections/suggestions`, { serviceId: f.shedService }))
          .statusCode,
        404,
      )
      // A suggestion by API, with no kind; it can be withdrawn but not moved on as if it had been made.
      const suggestion = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/suggestions`, {
        serviceId: f.otherService,
      })
      assert.equal(suggestion.statusCode, 201)
      assert.deepEqual([suggestion.json().status, suggestion.json().kind], ['suggested', null])
      const id = suggestion.json().id as string
      assert.equal(
        (
          await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/${id}/status`, {
            status: 'signposted',
          })
        ).json().code,
        'invalid_transition',
      )
      const withdrawn = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections/${id}/status`, {
        status: 'withdrew',
        notActingReasons: ['found_other_support'],
      })
      assert.equal(withdrawn.statusCode, 200)
      assert.deepEqual([withdrawn.json().status, withdrawn.json().kind], ['withdrew', null])
      assert.equal((await db.selectFrom('follow_ups').select('id').where('connection_id', '=', id).execute()).length, 0)
    })
  })
}
