import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'
import { addDays } from '../follow-ups/schedule.js'

const day = (offset: number) => addDays(new Date(), offset)
const parts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}

for (const kind of databaseKinds()) {
  describe(`What Matters conversation (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const rows = (personId: string) =>
      t.app.deps.database.db
        .selectFrom('what_matters_conversations')
        .selectAll()
        .where('person_id', '=', personId)
        .execute()
    const audits = (action: string) =>
      t.app.deps.database.db
        .selectFrom('audit_events')
        .select(['record_id', 'outcome', 'detail'])
        .where('action', '=', action)
        .execute()

    it('records a conversation from the page with the CF 5.1 prompts beside it, shows it on the person page and changes it', async () => {
      const f = await connectionFixture(t.app)
      const form = await practitioner.get(`/people/${f.personId}/what-matters`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /What has gone well for you before\?/)
      assert.match(form.body, /Competence Framework, 5\.1/)
      assert.match(form.body, /Loneliness or isolation/, 'the referral’s reasons are shown')
      const sent = await practitioner.submit(`/people/${f.personId}/what-matters`, {
        ...parts('heldOn', day(-1)),
        completed: 'yes',
        themes: ['reduce_isolation', 'digital_skills'],
        ownWords: 'To have people to talk to',
        strengths: 'Good with her hands; her sister nearby',
        needsDomains: ['social_connection', 'mental_emotional'],
        confirmedReasons: ['loneliness_isolation'],
        settingPreference: 'outdoor',
        groupPreference: 'group',
        welshMedium: 'yes',
        timesOfDay: ['morning', 'weekend'],
        travel: 'Bus, up to half an hour',
      })
      assert.equal(sent.statusCode, 303)
      const [row] = await rows(f.personId)
      assert.ok(row)
      assert.deepEqual(
        [row.held_on, row.completed, row.themes, row.referral_reasons, row.confirmed_reasons, row.times_of_day],
        [
          day(-1),
          true,
          ['reduce_isolation', 'digital_skills'],
          ['loneliness_isolation'],
          ['loneliness_isolation'],
          ['morning', 'weekend'],
        ],
      )
      assert.deepEqual((await audits('what_matters.create')).filter((a) => a.record_id === row.id).length, 1)

      const person = await practitioner.get(`/people/${f.personId}?lng=en`)
      assert.match(person.body, /id="what-matters"/)
      assert.match(person.body, /Reduce isolation, Digital skills/)
      assert.match(person.body, /Different from the referral/, 'digital skills emerged beyond the referral (CDS #125)')
      assert.match(person.body, /‘What Matters’ conversation held on/)

      const api = await practitioner.api('GET', `/api/v1/what-matters/${row.id}`)
      assert.equal(api.statusCode, 200)
      assert.deepEqual(
        [api.json().needsCount, api.json().comparison.outcome, api.json().comparison.newThemes],
        [2, 'different', ['digital_skills']],
      )
      const view = await practitioner.get(`/what-matters/${row.id}`)
      assert.equal(view.statusCode, 200)
      assert.match(view.body, /value="To have people to talk to"|To have people to talk to/)
      const changed = await practitioner.submit(`/what-matters/${row.id}`, {
        ...parts('heldOn', day(-1)),
        completed: 'yes',
        themes: ['reduce_isolation'],
        confirmedReasons: ['loneliness_isolation'],
      })
      assert.equal(changed.statusCode, 303)
      const put = await practitioner.api('PUT', `/api/v1/what-matters/${row.id}`, {
        heldOn: day(-1),
        completed: true,
        themes: ['reduce_isolation'],
        confirmedReasons: ['loneliness_isolation'],
      })
      assert.equal(put.statusCode, 200)
      assert.equal(put.json().comparison.outcome, 'same')
      assert.equal((await audits('what_matters.update')).filter((a) => a.record_id === row.id).length, 2)
      const list = await practitioner.api('GET', `/api/v1/people/${f.personId}/what-matters`)
      assert.deepEqual(
        list.json().conversations.map((c: { id: string }) => c.id),
        [row.id],
      )
      // Once the episode is closed the conversation stays as it was.
      await t.app.deps.database.db
        .updateTable('episodes')
        .set({ status: 'closed', ended_at: new Date() })
        .where('id', '=', row.episode_id)
        .execute()
      const closed = await practitioner.api('PUT', `/api/v1/what-matters/${row.id}`, {
        heldOn: day(-1),
        completed: false,
      })
      assert.equal(closed.statusCode, 409)
      assert.equal(closed.json().code, 'episode_closed')
      const closedPage = await practitioner.submit(`/what-matters/${row.id}`, {
        ...parts('heldOn', day(-1)),
        completed: 'no',
      })
      assert.equal(closedPage.statusCode, 409)
      assert.match(closedPage.body, /can no longer be changed/)
      assert.equal((await rows(f.personId))[0]?.completed, true)
    })

    it('refuses bad input with an error summary in English and Welsh, and 422 from the API, writing nothing', async () => {
      const f = await connectionFixture(t.app)
      const future = await practitioner.submit(`/people/${f.personId}/what-matters`, {
        ...parts('heldOn', day(2)),
        themes: ['reduce_isolation'],
        confirmedReasons: ['housing'],
      })
      assert.equal(future.statusCode, 400)
      assert.match(future.body, /govuk-error-summary/)
      assert.match(future.body, /must be today or in the past/)
      assert.match(future.body, /Choose whether the conversation was completed/)
      assert.match(future.body, /Only the reasons given at referral can be confirmed/)
      assert.match(future.body, /href="#heldOn-day"/)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.submit(`/people/${f.personId}/what-matters`, {
        ...parts('heldOn', day(-1)),
        completed: 'yes',
      })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Dewiswch o leiaf un thema/)
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/what-matters`, {
        heldOn: '2026-02-30',
        completed: true,
        themes: ['unicorns'],
      })
      assert.equal(api.statusCode, 422)
      assert.equal(api.json().code, 'validation_failed')
      assert.deepEqual(
        api.json().errors.map((e: { field: string }) => e.field),
        ['heldOn', 'themes'],
      )
      assert.equal((await rows(f.personId)).length, 0)
    })

    it('needs an open episode, keeps other providers out (audited) and never shows to referrers or assets', async () => {
      const none = await connectionFixture(t.app, { episode: false })
      assert.match(
        (await practitioner.get(`/people/${none.personId}/what-matters`)).body,
        /has no open episode of support/,
      )
      const api = await practitioner.api('POST', `/api/v1/people/${none.personId}/what-matters`, {
        heldOn: day(-1),
        completed: false,
      })
      assert.equal(api.statusCode, 409)
      assert.equal(api.json().code, 'no_open_episode')
      assert.equal((await rows(none.personId)).length, 0)

      const f = await connectionFixture(t.app)
      const id = (
        await practitioner.api('POST', `/api/v1/people/${f.personId}/what-matters`, {
          heldOn: day(-1),
          completed: false,
        })
      ).json().id as string
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.get(`/people/${f.personId}/what-matters`)).statusCode, 403)
      assert.equal((await other.get(`/what-matters/${id}`)).statusCode, 403)
      assert.equal(
        (await other.submit(`/what-matters/${id}`, { ...parts('heldOn', day(-1)), completed: 'no' })).statusCode,
        403,
      )
      assert.equal((await other.api('GET', `/api/v1/what-matters/${id}`)).statusCode, 404)
      assert.equal(
        (await other.api('PUT', `/api/v1/what-matters/${id}`, { heldOn: day(-1), completed: true, ownWords: 'x' }))
          .statusCode,
        404,
      )
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/what-matters`)).statusCode, 404)
      const refused = (
        await t.app.deps.database.db
          .selectFrom('audit_events')
          .select(['action', 'outcome'])
          .where('record_id', '=', f.personId)
          .where('outcome', '=', 'refused')
          .execute()
      ).map((a) => a.action)
      assert.ok(
        refused.includes('what_matters.create') &&
          refused.includes('what_matters.view') &&
          refused.includes('what_matters.update') &&
          refused.includes('what_matters.list'),
        refused.join(','),
      )
      for (const who of ['referrer', 'asset']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.get(`/what-matters/${id}`)).statusCode, 403, who)
        assert.equal((await agent.api('GET', `/api/v1/people/${f.personId}/what-matters`)).statusCode, 403, who)
      }
      const [row] = await rows(f.personId)
      assert.equal(row?.completed, false, 'nothing was changed by the refused requests')
    })
  })
}
