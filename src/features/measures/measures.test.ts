import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { episodeFixture } from '../episodes/testing.js'
import { userId } from '../triage/test-referrals.js'

const swemwbs = (value: number, count = 7) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`swemwbs_${i + 1}`, String(value)]))

for (const kind of databaseKinds()) {
  describe(`measures with the practitioner (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const measuresOf = (personId: string) => db().selectFrom('measures as m').selectAll().where('m.person_id', '=', personId).orderBy('m.created_at').execute()
    /** The Cardiff provider records its registration with Warwick, as its administrator would (instrument settings). */
    async function registerWarwick(organisationId: string) {
      const existing = await db().selectFrom('instrument_permissions as p').select('p.id').where('p.organisation_id', '=', organisationId).where('p.instrument_id', '=', 'swemwbs').where('p.withdrawn_at', 'is', null).executeTakeFirst()
      if (existing) return
      await db()
        .insertInto('instrument_permissions')
        .values({ organisation_id: organisationId, instrument_id: 'swemwbs', kind: 'registration', reference: 'WARWICK-TEST-1', registered_on: '2026-01-01', recorded_by: await userId(t.app, 'admin') })
        .execute()
    }

    it('explains why SWEMWBS is not offered before the organisation records its registration', async () => {
      const f = await episodeFixture(t.app)
      const page = await practitioner.get(`/people/${f.personId}/measures/new`)
      assert.equal(page.statusCode, 200)
      if (await db().selectFrom('instrument_permissions as p').select('p.id').where('p.organisation_id', '=', f.organisationId).where('p.instrument_id', '=', 'swemwbs').executeTakeFirst()) return
      assert.match(page.body, /Short Warwick-Edinburgh Mental Wellbeing Scale \(SWEMWBS\)<\/strong>: the owners ask each organisation to register/)
      assert.doesNotMatch(page.body, /value="swemwbs"/)
      assert.match(page.body, /value="ons4"/)
      const refused = await practitioner.submit(`/people/${f.personId}/measures/start`, { instrument: 'swemwbs', occasion: 'baseline', how: 'together' })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
    })

    it('takes a SWEMWBS with the person: saved part-way, then finished and scored; a follow-up shows the chart, table and change', async () => {
      const f = await episodeFixture(t.app)
      await registerWarwick(f.organisationId)
      const choose = await practitioner.get(`/people/${f.personId}/measures/new`)
      assert.match(choose.body, /value="baseline" checked/)
      const start = await practitioner.submit(`/people/${f.personId}/measures/start`, { instrument: 'swemwbs', occasion: 'baseline', how: 'together' })
      assert.equal(start.statusCode, 303)
      const form = await practitioner.get(String(start.headers.location))
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /I&#39;ve been feeling optimistic about the future|I've been feeling optimistic about the future/)
      assert.match(form.body, /\(c\) NHS Health Scotland, University of Warwick and University of Edinburgh, 2008/)
      assert.doesNotMatch(form.body, /No approved Welsh version/)

      const partial = await practitioner.submit(`/people/${f.personId}/measures`, { instrument: 'swemwbs', occasion: 'baseline', ...swemwbs(3, 3), save: '1' })
      assert.equal(partial.statusCode, 303)
      let [row] = await measuresOf(f.personId)
      assert.ok(row)
      assert.equal(row.status, 'partial')
      assert.equal(row.mode, 'with_practitioner')
      assert.equal(row.episode_id, f.episodeId)
      assert.deepEqual(row.answers, { swemwbs_1: 3, swemwbs_2: 3, swemwbs_3: 3 })
      assert.equal(row.completed_at, null)

      const again = await practitioner.get(`/people/${f.personId}/measures/${row.id}/continue`)
      assert.match(again.body, /name="swemwbs_2" type="radio" value="3" checked/)
      const done = await practitioner.submit(`/people/${f.personId}/measures/${row.id}`, { ...swemwbs(3), finish: '1' })
      assert.equal(done.statusCode, 303)
      ;[row] = await measuresOf(f.personId)
      assert.equal(row?.status, 'complete')
      assert.equal(row?.scores?.scores.metric?.value, 19.25)
      assert.ok(row?.completed_at)
      const detail = await practitioner.get(`/people/${f.personId}/measures/${row?.id}`)
      assert.equal(detail.statusCode, 200)
      assert.match(detail.body, /19\.25/)
      assert.match(detail.body, /Some of the time/)
      const audits = await db().selectFrom('audit_events').select(['action', 'detail']).where('record_id', '=', row?.id as string).execute()
      assert.deepEqual(audits.map((a) => a.action).sort(), ['measure.create', 'measure.form', 'measure.update', 'measure.view'])
      assert.ok(!JSON.stringify(audits).includes('swemwbs_1'), 'answers never go into the audit trail')

      const followUp = await practitioner.api('POST', `/api/v1/people/${f.personId}/measures`, { instrument: 'swemwbs', occasion: 'follow_up', answers: { swemwbs_1: 4, swemwbs_2: 4, swemwbs_3: 4, swemwbs_4: 4, swemwbs_5: 4, swemwbs_6: 4, swemwbs_7: 4 }, final: true })
      assert.equal(followUp.statusCode, 201)
      assert.equal(followUp.json().status, 'complete')
      assert.equal(followUp.json().scores.scores.metric.value, 25.03)
      const one = await practitioner.api('GET', `/api/v1/measures/${followUp.json().id}`)
      assert.equal(one.statusCode, 200)
      assert.equal(one.json().occasion, 'follow_up')
      const list = await practitioner.api('GET', `/api/v1/people/${f.personId}/measures`)
      assert.deepEqual(list.json().measures.map((m: { scores: { scores: { metric: { value: number } } } }) => m.scores.scores.metric.value), [19.25, 25.03])

      const page = await practitioner.get(`/people/${f.personId}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /id="measures"/)
      assert.match(page.body, /<svg [^>]*role="img"/)
      assert.match(page.body, /<desc id="chart-swemwbs-metric-desc">Metric score from 19.25 on [^<]+ to 25.03 on/)
      assert.match(page.body, /id="measures-swemwbs-table"[\s\S]*19\.25[\s\S]*25\.03/)
      assert.match(page.body, /Possible depression<\/span>|Possible depression \(provisional band\)|Possible depression/)
      assert.match(page.body, /provisional band/)
      assert.match(page.body, /: \+5\.78\./)
      assert.match(page.body, /meets the published threshold for a meaningful change \(strict: 2.87; lenient: 1.03\)/)
      assert.match(page.body, /Short Warwick-Edinburgh Mental Wellbeing Scale \(SWEMWBS\) taken with the person \(Follow-up\)/)
    })

    it('refuses out-of-range and unknown answers with a clear error, writing nothing', async () => {
      const f = await episodeFixture(t.app)
      await registerWarwick(f.organisationId)
      await practitioner.get(`/people/${f.personId}/measures/take?instrument=swemwbs&occasion=baseline`)
      const bad = await practitioner.submit(`/people/${f.personId}/measures`, { instrument: 'swemwbs', occasion: 'baseline', ...swemwbs(3), swemwbs_4: '9', finish: '1' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /govuk-error-summary/)
      assert.match(bad.body, /Choose one of the answers offered for question 4/)
      assert.match(bad.body, /href="#swemwbs_4"/)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const form = await welsh.get(`/people/${f.personId}/measures/take?instrument=swemwbs&occasion=baseline`)
      assert.match(form.body, /Does dim fersiwn Gymraeg gymeradwy/)
      const cy = await welsh.submit(`/people/${f.personId}/measures`, { instrument: 'swemwbs', occasion: 'baseline', swemwbs_1: '0', finish: '1' })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Dewiswch un o&#39;r atebion|Dewiswch un o'r atebion/)
      for (const answers of [{ swemwbs_1: 6 }, { swemwbs_1: 2.5 }, { swemwbs_8: 3 }, { swemwbs_1: 'often' }]) {
        const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/measures`, { instrument: 'swemwbs', occasion: 'baseline', answers, final: true })
        assert.equal(api.statusCode, 422, JSON.stringify(answers))
        assert.equal(api.json().code, 'invalid_response')
        assert.ok(api.json().errors.length > 0)
      }
      const unknownInstrument = await practitioner.api('POST', `/api/v1/people/${f.personId}/measures`, { instrument: 'phq9', occasion: 'baseline', answers: {} })
      assert.equal(unknownInstrument.statusCode, 422)
      assert.deepEqual(await measuresOf(f.personId), [])
    })

    it('keeps other providers out, with the refusal audited', async () => {
      const f = await episodeFixture(t.app)
      await registerWarwick(f.organisationId)
      const created = await practitioner.api('POST', `/api/v1/people/${f.personId}/measures`, { instrument: 'ons4', occasion: 'baseline', answers: { ons4_satisfaction: 6, ons4_worthwhile: 7, ons4_happiness: 5, ons4_anxiety: 4 }, final: true })
      assert.equal(created.statusCode, 201, created.body)
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.get(`/people/${f.personId}/measures/new`)).statusCode, 403)
      assert.equal((await other.get(`/people/${f.personId}/measures/${created.json().id}`)).statusCode, 403)
      assert.equal((await other.submit(`/people/${f.personId}/measures/start`, { instrument: 'ons4', occasion: 'review', how: 'link' })).statusCode, 403)
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/measures`)).statusCode, 404)
      assert.equal((await other.api('GET', `/api/v1/measures/${created.json().id}`)).statusCode, 404)
      assert.equal((await other.api('POST', `/api/v1/people/${f.personId}/measures`, { instrument: 'ons4', occasion: 'review', answers: {} })).statusCode, 404)
      const refused = await db().selectFrom('audit_events').select('action').where('record_id', '=', f.personId).where('outcome', '=', 'refused').execute()
      for (const action of ['measure.create', 'measure.view', 'measure.list']) assert.ok(refused.some((r) => r.action === action), action)
      for (const who of ['referrer', 'asset']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.api('GET', `/api/v1/people/${f.personId}/measures`)).statusCode, 403, who)
        assert.equal((await agent.get(`/people/${f.personId}/measures/${created.json().id}`)).statusCode, 403, who)
      }
      assert.equal((await measuresOf(f.personId)).length, 1)
    })

    it('needs an open episode: refused with 409, nothing written', async () => {
      const f = await episodeFixture(t.app)
      await db().updateTable('episodes').set({ status: 'closed', ended_at: new Date() }).where('id', '=', f.episodeId).execute()
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/measures`, { instrument: 'ons4', occasion: 'exit', answers: { ons4_satisfaction: 5 } })
      assert.equal(api.statusCode, 409)
      assert.equal(api.json().code, 'no_open_episode')
      const page = await practitioner.get(`/people/${f.personId}/measures/new`)
      assert.match(page.body, /belongs to an open episode of support/)
      assert.deepEqual(await measuresOf(f.personId), [])
    })

    it('sends a measure by a single-use link shown once, never audits the token, and can withdraw and renew it', async () => {
      const f = await episodeFixture(t.app)
      await registerWarwick(f.organisationId)
      await practitioner.get(`/people/${f.personId}/measures/new`)
      const sent = await practitioner.submit(`/people/${f.personId}/measures/start`, { instrument: 'swemwbs', occasion: 'baseline', how: 'link' })
      assert.equal(sent.statusCode, 200)
      const match = /https?:\/\/[^/]+\/q\/([A-Za-z0-9_-]{43})/.exec(sent.body)
      assert.ok(match, 'the full link is shown')
      const token = match[1] as string
      const [measure] = await measuresOf(f.personId)
      assert.equal(measure?.status, 'awaiting_person')
      assert.equal(measure?.mode, 'self_completed')
      const links = await db().selectFrom('completion_links as l').selectAll().where('l.subject_id', '=', measure?.id as string).execute()
      assert.equal(links.length, 1)
      assert.equal(links[0]?.purpose, 'measure')
      assert.equal(links[0]?.person_id, f.personId)
      const { language } = await db().selectFrom('people as p').select('p.language').where('p.id', '=', f.personId).executeTakeFirstOrThrow()
      assert.equal(links[0]?.language, language, 'the link opens in the person’s preferred language')
      const audit = await db().selectFrom('audit_events').select(['action', 'detail']).where('record_id', '=', measure?.id as string).execute()
      assert.equal(audit.find((a) => a.action === 'measure.link_sent')?.detail?.linkId, links[0]?.id)
      const everything = JSON.stringify(await db().selectFrom('audit_events').selectAll().execute())
      assert.ok(!everything.includes(token), 'the token is not in the audit table')
      const detail = await practitioner.get(`/people/${f.personId}/measures/${measure?.id}`)
      assert.match(detail.body, /Link sent on [^;]+; it expires on/)
      assert.ok(!detail.body.includes(token), 'the token is shown once only')
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.ok(!person.body.includes(token))
      assert.match(person.body, /sent to the person by link \(Baseline\)/)
      const withdrawn = await practitioner.submit(`/people/${f.personId}/measures/${measure?.id}/link`, { do: 'withdraw' })
      assert.equal(withdrawn.statusCode, 303)
      const revoked = await db().selectFrom('completion_links as l').select('l.revoked_at').where('l.subject_id', '=', measure?.id as string).executeTakeFirst()
      assert.ok(revoked?.revoked_at)
      await practitioner.get(`/people/${f.personId}/measures/${measure?.id}`)
      const renewed = await practitioner.submit(`/people/${f.personId}/measures/${measure?.id}/link`, { do: 'renew' })
      assert.equal(renewed.statusCode, 200)
      const fresh = /\/q\/([A-Za-z0-9_-]{43})/.exec(renewed.body)?.[1]
      assert.ok(fresh && fresh !== token)
      assert.equal((await db().selectFrom('completion_links as l').select('l.id').where('l.subject_id', '=', measure?.id as string).execute()).length, 2)
    })
  })
}
