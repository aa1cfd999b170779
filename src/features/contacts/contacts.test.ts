import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'
import { walesParts } from './rules.js'

/** A contact earlier today (or yesterday just after midnight), in the page's three boxes and a 24-hour time. */
function earlier(hours = 2) {
  const { date, time } = walesParts(new Date(Date.now() - hours * 3600_000))
  const [y, m, d] = date.split('-')
  return { 'when-day': String(Number(d)), 'when-month': String(Number(m)), 'when-year': y as string, time }
}

for (const kind of databaseKinds()) {
  describe(`contacts and healthcare use (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const contactsOf = (personId: string) =>
      t.app.deps.database.db.selectFrom('support_contacts').selectAll().where('person_id', '=', personId).execute()
    const audits = (action: string, recordId?: string) =>
      t.app.deps.database.db
        .selectFrom('audit_events')
        .select(['action', 'outcome'])
        .where('action', '=', action)
        .$if(recordId !== undefined, (qb) => qb.where('record_id', '=', recordId as string))
        .execute()

    it('records a contact in the open episode, audited, and shows it with the counts on the person page', async () => {
      const f = await connectionFixture(t.app)
      const form = await practitioner.get(`/people/${f.personId}/contacts/new`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Competency Framework, 2\.5/)
      const response = await practitioner.submit(`/people/${f.personId}/contacts`, {
        ...earlier(),
        mode: 'phone',
        duration: '40',
        withWhom: ['person', 'carer'],
        type: 'review',
        language: 'cy',
        progressNote: 'Enjoying the walking group; sleeping better',
      })
      assert.equal(response.statusCode, 303)
      const [row] = await contactsOf(f.personId)
      assert.ok(row)
      const episode = await t.app.deps.database.db
        .selectFrom('episodes')
        .select('id')
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      assert.equal(row.episode_id, episode.id)
      assert.deepEqual(row.with_whom, ['person', 'carer'])
      assert.equal(row.duration_minutes, 40)
      assert.equal((await audits('contact.create', row.id)).length, 1)
      const missed = await practitioner.api('POST', `/api/v1/people/${f.personId}/contacts`, {
        occurredAt: new Date(Date.now() - 86400_000).toISOString(),
        mode: 'face_to_face',
        withWhom: ['person'],
        type: 'follow_up',
        language: 'en',
        didNotAttend: true,
        barriers: ['transport'],
      })
      assert.equal(missed.statusCode, 201)
      assert.equal(missed.json().didNotAttend, true)
      assert.deepEqual(missed.json().barriers, ['transport'])
      const page = await practitioner.get(`/people/${f.personId}`)
      assert.match(page.body, /id="contacts"/)
      assert.match(page.body, /1 attended, 1 did not attend/)
      assert.match(page.body, /40 minutes in all, 40 minutes on average/)
      assert.match(page.body, /Enjoying the walking group/)
      assert.match(page.body, /Contact: Review, Phone, 40 minutes/)
      const list = await practitioner.api('GET', `/api/v1/people/${f.personId}/contacts`)
      assert.equal(list.statusCode, 200)
      assert.equal(list.json().contacts.length, 2)
      assert.deepEqual(
        { ...list.json().counts, lengthOfSupportDays: 0 },
        { contacts: 2, attended: 1, didNotAttend: 1, totalMinutes: 40, meanMinutes: 40, lengthOfSupportDays: 0 },
      )
      assert.ok((await audits('contact.list')).length >= 2)
    })

    it('refuses a future date and durations below zero or over 12 hours, in Welsh too, writing nothing', async () => {
      const f = await connectionFixture(t.app)
      const base = { mode: 'phone', withWhom: 'person', type: 'review', language: 'en' }
      const tomorrow = walesParts(new Date(Date.now() + 36 * 3600_000)).date.split('-')
      const future = await practitioner.submit(`/people/${f.personId}/contacts`, {
        ...base,
        duration: '30',
        'when-day': String(Number(tomorrow[2])),
        'when-month': String(Number(tomorrow[1])),
        'when-year': tomorrow[0] as string,
        time: '10:00',
      })
      assert.equal(future.statusCode, 400)
      assert.match(future.body, /govuk-error-summary/)
      assert.match(future.body, /cannot be in the future/)
      assert.match(future.body, /href="#when-day"/)
      for (const duration of ['-1', '721']) {
        const bad = await practitioner.submit(`/people/${f.personId}/contacts`, { ...base, ...earlier(), duration })
        assert.equal(bad.statusCode, 400)
        assert.match(bad.body, /below zero or over 12 hours/)
      }
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.submit(`/people/${f.personId}/contacts`, { ...base, ...earlier(), duration: '721' })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /dros 12 awr/)
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/contacts`, {
        ...base,
        withWhom: ['person'],
        occurredAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: -3,
      })
      assert.equal(api.statusCode, 422)
      assert.equal(api.json().code, 'validation_failed')
      assert.deepEqual(
        api
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
        ['duration', 'occurredAt'],
      )
      assert.equal((await contactsOf(f.personId)).length, 0)
    })

    it('records healthcare use at the start and the end, one record per occasion, shown start against end', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      const episode = await db
        .selectFrom('episodes')
        .select('id')
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      assert.equal((await practitioner.get(`/people/${f.personId}/healthcare-use/new?occasion=start`)).statusCode, 200)
      const bad = await practitioner.submit(`/people/${f.personId}/healthcare-use`, {
        occasion: 'start',
        gpAppointments: '100',
        gpContacts: '1',
        aeAttendances: '0',
        emergencyCalls: '0',
        otherServices: '',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /GP appointments must be a whole number from 0 to 99/)
      assert.match(bad.body, /Enter the number of contacts with other health services/)
      assert.equal(
        (await db.selectFrom('healthcare_use').select('id').where('episode_id', '=', episode.id).execute()).length,
        0,
      )
      const ok = await practitioner.submit(`/people/${f.personId}/healthcare-use`, {
        occasion: 'start',
        gpAppointments: '6',
        gpContacts: '2',
        aeAttendances: '1',
        emergencyCalls: '',
        otherServices: '0',
        preferNotToSay: 'emergencyCalls',
      })
      assert.equal(ok.statusCode, 303)
      const again = await practitioner.api('POST', `/api/v1/episodes/${episode.id}/healthcare-use`, {
        occasion: 'start',
        gpAppointments: 5,
        gpContacts: 2,
        aeAttendances: 1,
        otherServices: 0,
        preferNotToSay: ['emergencyCalls'],
      })
      assert.equal(again.statusCode, 200)
      const end = await practitioner.api('POST', `/api/v1/episodes/${episode.id}/healthcare-use`, {
        occasion: 'end',
        gpAppointments: 2,
        gpContacts: 1,
        aeAttendances: 0,
        emergencyCalls: 0,
        otherServices: 0,
      })
      assert.equal(end.statusCode, 200)
      assert.deepEqual(end.json().items[0], { item: 'gpAppointments', cds: 61, start: 5, end: 2, change: -3 })
      assert.equal(end.json().items[3].start, 'prefer_not_to_say')
      assert.equal(
        (await db.selectFrom('healthcare_use').select('id').where('episode_id', '=', episode.id).execute()).length,
        2,
      )
      assert.equal((await audits('healthcare_use.update')).length >= 1, true)
      const page = await practitioner.get(`/people/${f.personId}`)
      assert.match(page.body, /id="healthcare-table"/)
      const invalid = await practitioner.api('POST', `/api/v1/episodes/${episode.id}/healthcare-use`, {
        occasion: 'end',
        gpAppointments: 200,
      })
      assert.equal(invalid.statusCode, 422)
      assert.equal(
        (await practitioner.api('GET', `/api/v1/episodes/${episode.id}/healthcare-use`)).json().items[0].end,
        2,
      )
    })

    it('keeps other providers, assets and referrers out; the asset never sees the record of progress', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      const episode = await db
        .selectFrom('episodes')
        .select('id')
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      // A referral so that the asset user has this person in its portal.
      const referral = await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.shedService,
        kind: 'referral',
        fields: ['name'],
      })
      assert.equal(referral.statusCode, 201)
      await practitioner.api('POST', `/api/v1/people/${f.personId}/contacts`, {
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        mode: 'phone',
        durationMinutes: 20,
        withWhom: ['person'],
        type: 'review',
        language: 'en',
        progressNote: 'Secret progress words',
      })
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.get(`/people/${f.personId}/contacts/new`)).statusCode, 403)
      assert.equal(
        (
          await other.submit(`/people/${f.personId}/contacts`, {
            ...earlier(),
            mode: 'phone',
            duration: '10',
            withWhom: 'person',
            type: 'review',
            language: 'en',
          })
        ).statusCode,
        403,
      )
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/contacts`)).statusCode, 404)
      assert.equal(
        (await other.api('POST', `/api/v1/episodes/${episode.id}/healthcare-use`, { occasion: 'start' })).statusCode,
        404,
      )
      const refused = await db
        .selectFrom('audit_events')
        .select('outcome')
        .where('record_id', '=', f.personId)
        .where('outcome', '=', 'refused')
        .execute()
      assert.ok(refused.length >= 3)
      for (const who of ['asset', 'referrer']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.get(`/people/${f.personId}/contacts/new`)).statusCode, 403, who)
        assert.ok(
          [403, 404].includes((await agent.api('GET', `/api/v1/people/${f.personId}/contacts`)).statusCode),
          who,
        )
        if (who === 'asset') {
          const portal = await agent.get(`/asset/connections/${(referral.json() as { id: string }).id}`)
          assert.equal(portal.statusCode, 200)
          assert.doesNotMatch(portal.body, /Secret progress words/)
        }
      }
      assert.equal((await contactsOf(f.personId)).length, 1)
    })
  })
}
