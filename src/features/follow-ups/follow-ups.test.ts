import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'
import { userId } from '../triage/test-referrals.js'
import { plusDays, walesToday } from './rules.js'

const dateFields = (iso: string) => {
  const [year, month, day] = iso.split('-') as [string, string, string]
  return { 'dueOn-day': String(Number(day)), 'dueOn-month': String(Number(month)), 'dueOn-year': year }
}

for (const kind of databaseKinds()) {
  describe(`follow-ups and tasks (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const followUps = (personId: string) =>
      t.app.deps.database.db
        .selectFrom('follow_ups')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .execute()
    const audits = (action: string, recordId: string) =>
      t.app.deps.database.db
        .selectFrom('audit_events')
        .select(['outcome', 'detail'])
        .where('action', '=', action)
        .where('record_id', '=', recordId)
        .execute()

    it('adds a task from the person page, shows it, marks it done with a note, and puts that on the timeline', async () => {
      const f = await connectionFixture(t.app)
      const today = walesToday()
      const page = await practitioner.get(`/people/${f.personId}`)
      assert.match(page.body, /id="follow-ups"/)
      assert.match(page.body, /Nothing is waiting to be done/)
      assert.match(page.body, new RegExp(`href="/people/${f.personId}/follow-ups/new"`))
      const form = await practitioner.get(`/people/${f.personId}/follow-ups/new`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Add a task/)
      const added = await practitioner.submit(`/people/${f.personId}/follow-ups`, {
        description: 'Ring the leisure centre about the swim',
        ...dateFields(plusDays(today, 3)),
        assignedTo: '',
      })
      assert.equal(added.statusCode, 303)
      assert.equal(added.headers.location, `/people/${f.personId}?followUpAdded=1#follow-ups`)
      const [task] = await followUps(f.personId)
      assert.ok(task)
      assert.equal(task.kind, 'task')
      assert.equal(task.assigned_to, f.practitioner, 'on the caseload of the episode’s practitioner')
      assert.equal(task.due_on, plusDays(today, 3))
      assert.equal((await audits('follow_up.create', task.id)).length, 1)
      const shown = await practitioner.get(`/people/${f.personId}?followUpAdded=1`)
      assert.match(shown.body, /Task added/)
      assert.match(shown.body, /Ring the leisure centre about the swim/)

      const outcome = await practitioner.get(`/people/${f.personId}/follow-ups/${task.id}`)
      assert.equal(outcome.statusCode, 200)
      const done = await practitioner.submit(`/people/${f.personId}/follow-ups/${task.id}`, {
        status: 'done',
        note: 'Booked for Tuesdays',
      })
      assert.equal(done.statusCode, 303)
      const [after] = await followUps(f.personId)
      assert.equal(after?.status, 'done')
      assert.equal(after?.outcome_note, 'Booked for Tuesdays')
      assert.equal(after?.completed_by, f.practitioner)
      assert.ok(after?.completed_at)
      assert.equal((await audits('follow_up.complete', task.id)).length, 1)
      const timeline = await practitioner.get(`/people/${f.personId}`)
      assert.match(timeline.body, /Follow-up done: Ring the leisure centre about the swim/)
      assert.match(timeline.body, /Booked for Tuesdays/)
      // A second outcome for the same follow-up is refused: it is no longer open.
      const again = await practitioner.submit(`/people/${f.personId}/follow-ups/${task.id}`, { status: 'not_done' })
      assert.equal(again.statusCode, 409)
      assert.equal((await followUps(f.personId))[0]?.status, 'done')
    })

    it('refuses bad tasks and outcomes with the error summary in the user’s language, writing nothing', async () => {
      const f = await connectionFixture(t.app)
      const yesterday = plusDays(walesToday(), -1)
      const past = await practitioner.submit(`/people/${f.personId}/follow-ups`, {
        description: '',
        ...dateFields(yesterday),
      })
      assert.equal(past.statusCode, 400)
      assert.match(past.body, /govuk-error-summary/)
      assert.match(past.body, /Enter what needs to be done/)
      assert.match(past.body, /The due date must be today or in the future/)
      assert.match(past.body, /href="#dueOn-day"/)
      const tooLong = await practitioner.submit(`/people/${f.personId}/follow-ups`, {
        description: 'x'.repeat(501),
        ...dateFields(walesToday()),
      })
      assert.equal(tooLong.statusCode, 400)
      assert.match(tooLong.body, /500 characters or fewer/)
      const gwynedd = await userId(t.app, 'practitioner2')
      const otherOrg = await practitioner.submit(`/people/${f.personId}/follow-ups`, {
        description: 'Call',
        ...dateFields(walesToday()),
        assignedTo: gwynedd,
      })
      assert.equal(otherOrg.statusCode, 400)
      assert.match(otherOrg.body, /Choose a practitioner of this organisation/)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.submit(`/people/${f.personId}/follow-ups`, {
        description: '',
        'dueOn-day': '31',
        'dueOn-month': '2',
        'dueOn-year': '2027',
      })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Rhowch beth sydd angen ei wneud/)
      assert.match(cy.body, /ddyddiad go iawn/)
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/follow-ups`, {
        description: 'Call',
        dueOn: yesterday,
      })
      assert.equal(api.statusCode, 422)
      assert.equal(api.json().code, 'validation_failed')
      assert.deepEqual(
        api.json().errors.map((e: { field: string }) => e.field),
        ['dueOn'],
      )
      assert.equal((await followUps(f.personId)).length, 0)

      const created = await practitioner.api('POST', `/api/v1/people/${f.personId}/follow-ups`, {
        description: 'Call',
        dueOn: walesToday(),
      })
      assert.equal(created.statusCode, 201)
      const id = created.json().id as string
      const noStatus = await practitioner.submit(`/people/${f.personId}/follow-ups/${id}`, {
        status: '',
        note: 'n'.repeat(2001),
      })
      assert.equal(noStatus.statusCode, 400)
      assert.match(noStatus.body, /Choose whether it was done/)
      assert.match(noStatus.body, /2000 characters or fewer/)
      const patch = await practitioner.api('PATCH', `/api/v1/follow-ups/${id}`, { status: 'maybe' })
      assert.equal(patch.statusCode, 422)
      assert.equal((await followUps(f.personId))[0]?.status, 'open')
    })

    it('offers no task without an open episode', async () => {
      const f = await connectionFixture(t.app, { episode: false })
      assert.doesNotMatch((await practitioner.get(`/people/${f.personId}`)).body, /follow-ups\/new/)
      const page = await practitioner.submit(`/people/${f.personId}/follow-ups`, {
        description: 'Call',
        ...dateFields(walesToday()),
      })
      assert.equal(page.statusCode, 409)
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/follow-ups`, {
        description: 'Call',
        dueOn: walesToday(),
      })
      assert.equal(api.statusCode, 409)
      assert.equal(api.json().code, 'no_open_episode')
      assert.equal((await followUps(f.personId)).length, 0)
    })

    it('lists follow-ups by API, overdue flagged, and marks one not done', async () => {
      const f = await connectionFixture(t.app)
      const db = t.app.deps.database.db
      const episode = await db
        .selectFrom('episodes')
        .select('id')
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      const connection = (
        await practitioner.api('POST', `/api/v1/people/${f.personId}/connections`, {
          serviceId: f.shedService,
          kind: 'signpost',
        })
      ).json().id as string
      await db
        .insertInto('follow_ups')
        .values({
          person_id: f.personId,
          episode_id: episode.id,
          organisation_id: f.organisationId,
          kind: 'connection',
          connection_id: connection,
          due_on: plusDays(walesToday(), -2),
          assigned_to: f.practitioner,
        })
        .execute()
      const list = await practitioner.api('GET', `/api/v1/people/${f.personId}/follow-ups`)
      assert.equal(list.statusCode, 200)
      const item = list.json().followUps.find((x: { kind: string }) => x.kind === 'connection')
      assert.equal(item.overdue, true)
      assert.match(item.what, /Men's Shed/)
      const page = await practitioner.get(`/people/${f.personId}`)
      assert.match(page.body, /govuk-tag--red">\s*Overdue/)
      const patched = await practitioner.api('PATCH', `/api/v1/follow-ups/${item.id}`, {
        status: 'not_done',
        note: 'No answer',
      })
      assert.equal(patched.statusCode, 200)
      assert.equal(patched.json().status, 'not_done')
      assert.equal(patched.json().overdue, false)
      assert.equal(patched.json().completedByName, 'Rhian Practitioner')
      const audit = await db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'follow_up.list')
        .where('record_id', '=', f.personId)
        .execute()
      assert.equal(audit.length, 1)
    })

    it('keeps other organisations and other roles out', async () => {
      const f = await connectionFixture(t.app)
      const task = (
        await practitioner.api('POST', `/api/v1/people/${f.personId}/follow-ups`, {
          description: 'Call',
          dueOn: walesToday(),
        })
      ).json().id as string
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.get(`/people/${f.personId}/follow-ups/new`)).statusCode, 403)
      assert.equal(
        (await other.submit(`/people/${f.personId}/follow-ups`, { description: 'x', ...dateFields(walesToday()) }))
          .statusCode,
        403,
      )
      assert.equal((await other.get(`/people/${f.personId}/follow-ups/${task}`)).statusCode, 403)
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/follow-ups`)).statusCode, 404)
      assert.equal((await other.api('PATCH', `/api/v1/follow-ups/${task}`, { status: 'done' })).statusCode, 404)
      const refused = await t.app.deps.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('outcome', '=', 'refused')
        .where('record_id', '=', f.personId)
        .execute()
      assert.ok(refused.length >= 4, 'refusals are audited')
      for (const who of ['asset', 'referrer']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.get(`/people/${f.personId}/follow-ups/new`)).statusCode, 403)
        assert.equal((await agent.api('GET', `/api/v1/people/${f.personId}/follow-ups`)).statusCode, 403)
        assert.equal((await agent.api('PATCH', `/api/v1/follow-ups/${task}`, { status: 'done' })).statusCode, 403)
      }
      // A follow-up reached through another person's URL is unknown.
      const g = await connectionFixture(t.app)
      assert.equal((await practitioner.get(`/people/${g.personId}/follow-ups/${task}`)).statusCode, 404)
      assert.equal(
        (
          await t.app.deps.database.db
            .selectFrom('follow_ups')
            .select('status')
            .where('id', '=', task)
            .executeTakeFirstOrThrow()
        ).status,
        'open',
      )
    })
  })
}
