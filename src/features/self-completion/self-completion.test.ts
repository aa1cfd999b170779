import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../app.js'
import { loadDemoData } from '../demo/demo-data.js'
import { episodeFixture } from '../episodes/testing.js'
import { userId } from '../triage/test-referrals.js'
import { loadConfig } from '../../platform/config.js'
import { createLogger } from '../../platform/logger.js'
import { Agent } from '../../../test/support/agent.js'
import { TEST_PASSWORD } from '../../../test/support/app.js'
import { databaseKinds, openTestDatabase } from '../../../test/support/databases.js'
import { todayInWales } from './flow.js'
import { issueLink } from './links.js'
import { LINK_LOOKUPS_PER_WINDOW } from './pages.js'

/** A page's text with the apostrophes and ampersands the templates escape put back, to compare with messages. */
const text = (response: { body: string }) => response.body.replaceAll('&#39;', "'").replaceAll('&amp;', '&')

for (const kind of databaseKinds()) {
  describe(`answering a measure alone through a single-use link (${kind})`, () => {
    let app: FastifyInstance
    let dispose: () => Promise<void>
    const logLines: string[] = []
    const tokens: string[] = []
    let fixture: Awaited<ReturnType<typeof episodeFixture>>

    /** A SWEMWBS measure awaiting the person, with its link (as the practitioner's side makes them). */
    async function linkedMeasure(options: { language?: 'cy' | 'en'; instrument?: string; issuedAt?: Date } = {}) {
      const db = app.deps.database.db
      const measure = await db
        .insertInto('measures')
        .values({
          person_id: fixture.personId,
          episode_id: fixture.episodeId,
          organisation_id: fixture.organisationId,
          instrument_id: options.instrument ?? 'swemwbs',
          occasion: 'follow_up',
          mode: 'self_completed',
          status: 'awaiting_person',
          created_by: fixture.practitioner,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const link = await issueLink(
        db,
        { purpose: 'measure', subjectId: measure.id, personId: fixture.personId, organisationId: fixture.organisationId, language: options.language ?? 'cy', createdBy: fixture.practitioner },
        options.issuedAt,
      )
      tokens.push(link.token)
      return { measureId: measure.id, token: link.token, linkId: link.id }
    }

    const measureRow = (id: string) => app.deps.database.db.selectFrom('measures as m').selectAll().where('m.id', '=', id).executeTakeFirstOrThrow()
    const answer = (agent: Agent, token: string, measureId: string, n: number, value: string, query = '') =>
      agent.submit(`/q/${token}/question/${n}${query}`, { measure: measureId, item: `swemwbs_${n}`, answer: value })

    before(async () => {
      const opened = await openTestDatabase(kind)
      dispose = opened.dispose
      await loadDemoData(opened.database.db, TEST_PASSWORD)
      const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-of-at-least-thirty-two-bytes', DEMO_PASSWORD: TEST_PASSWORD, LOG_LEVEL: 'info' })
      const logger = createLogger(config, { write: (line: string) => void logLines.push(line) })
      app = await buildApp({ config, database: opened.database, logger })
      await app.ready()
      fixture = await episodeFixture(app)
      // The organisation has recorded its registration with Warwick, so SWEMWBS items may be shown.
      await app.deps.database.db
        .insertInto('instrument_permissions')
        .values({ organisation_id: fixture.organisationId, instrument_id: 'swemwbs', kind: 'registration', reference: 'WEMWBS-REG-TEST', registered_on: '2026-01-05', recorded_by: await userId(app, 'admin') })
        .execute()
    })
    after(async () => {
      await app.close()
      await dispose()
    })

    it('opens in Welsh, is answered a page at a time with one item left out then changed, resumes elsewhere, and completes the measure', async () => {
      const { measureId, token } = await linkedMeasure()
      const agent = new Agent(app, 'en')
      const start = await agent.get(`/q/${token}`)
      assert.equal(start.statusCode, 200)
      assert.match(start.body, /<html lang="cy"/)
      assert.equal(start.headers['cache-control'], 'no-store')
      assert.equal(start.headers['referrer-policy'], 'no-referrer')
      assert.match(start.body, /Ateb holiadur/)
      assert.match(start.body, /Graddfa Fer Lles Meddyliol Warwick-Caeredin/)
      assert.match(text(start), /Mae'r cwestiynau yn Saesneg/, 'says the items are in English, and why')
      assert.match(start.body, /NHS Health Scotland, University of Warwick and University of Edinburgh/, 'the copyright line')
      assert.ok(!start.body.includes(fixture.givenName), 'no name of the person')
      assert.ok(!start.body.includes('govuk-service-navigation'), 'no navigation')
      assert.match(start.body, new RegExp(`href="/q/${token}/question/1"`))

      const first = await agent.get(`/q/${token}/question/1`)
      assert.equal(first.statusCode, 200)
      assert.match(first.body, /Cwestiwn 1 o 7/)
      assert.match(first.body, /<span lang="en">I&#39;ve been feeling optimistic about the future<\/span>/)

      const saved = await answer(agent, token, measureId, 1, '4')
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, `/q/${token}/question/2`)
      let row = await measureRow(measureId)
      assert.equal(row.status, 'partial')
      assert.deepEqual(row.answers, { swemwbs_1: 4 })
      assert.equal(row.item_language, 'en')

      // Left out: stored as not answered, and not asked again when the person comes back.
      assert.equal((await answer(agent, token, measureId, 2, '')).headers.location, `/q/${token}/question/3`)
      assert.deepEqual((await measureRow(measureId)).answers, { swemwbs_1: 4, swemwbs_2: null })

      const phone = new Agent(app, 'cy')
      const resumed = await phone.get(`/q/${token}`)
      assert.match(resumed.body, /Parhau/)
      assert.match(resumed.body, new RegExp(`href="/q/${token}/question/3"`))
      assert.match((await phone.get(`/q/${token}/question/1`)).body, /value="4" checked/, 'the saved answer is shown again')
      for (const n of [3, 4, 5, 6, 7]) await answer(phone, token, measureId, n, '3')
      assert.equal(phone.last?.headers.location, `/q/${token}/check`)

      const check = await phone.get(`/q/${token}/check`)
      assert.equal(check.statusCode, 200)
      assert.match(text(check), /Wedi'i adael allan/)
      assert.match(check.body, /Gwnaethoch chi adael 1 cwestiwn allan/)
      assert.match(check.body, new RegExp(`href="/q/${token}/question/2\\?from=check"`))
      // Changing an answer from the check page returns to it.
      await phone.get(`/q/${token}/question/2?from=check`)
      assert.equal((await answer(phone, token, measureId, 2, '2', '?from=check')).headers.location, `/q/${token}/check`)

      await phone.get(`/q/${token}/check`)
      const sent = await phone.submit(`/q/${token}/check`, { measure: measureId })
      assert.equal(sent.statusCode, 303)
      assert.equal(sent.headers.location, `/q/${token}/done`)
      const done = await phone.get(`/q/${token}/done`)
      assert.equal(done.statusCode, 200)
      assert.match(done.body, /Diolch am ateb/)

      row = await measureRow(measureId)
      assert.equal(row.status, 'complete')
      assert.ok(row.completed_at)
      assert.equal(row.taken_on, todayInWales(new Date()))
      // raw 4 + 2 + 3 × 5 = 21 → metric 19.25 (the published conversion table)
      assert.equal(row.scores?.status, 'complete')
      assert.deepEqual(row.scores?.scores.metric?.value, 19.25)
      const link = await app.deps.database.db.selectFrom('completion_links as l').select(['l.used_at']).where('l.subject_id', '=', measureId).executeTakeFirstOrThrow()
      assert.ok(link.used_at)

      const audited = await app.deps.database.db.selectFrom('audit_events as a').select(['a.action', 'a.actor_user_id', 'a.organisation_id', 'a.outcome']).where('a.record_id', '=', measureId).orderBy('a.occurred_at').execute()
      assert.equal(audited.filter((a) => a.action === 'measure.answer').length, 8)
      assert.equal(audited.filter((a) => a.action === 'measure.complete').length, 1)
      assert.ok(audited.every((a) => a.actor_user_id === null && a.organisation_id === fixture.organisationId && a.outcome === 'success'))

      // Used: the link opens nothing again, and nothing changes.
      const again = await new Agent(app, 'en').get(`/q/${token}`)
      assert.equal(again.statusCode, 410)
      assert.match(again.body, /eisoes wedi cael ei defnyddio/, 'in the link’s language')
      const before = await measureRow(measureId)
      assert.equal((await answer(phone, token, measureId, 1, '1')).statusCode, 410)
      assert.equal((await phone.submit(`/q/${token}/check`, { measure: measureId })).statusCode, 410)
      assert.deepEqual(await measureRow(measureId), before)
      assert.equal((await new Agent(app, 'en').get(`/q/${token}/done`)).statusCode, 410, 'thank-you only for the browser that sent them')
    })

    it('keeps the language the person switches to through the pages', async () => {
      const { measureId, token } = await linkedMeasure()
      const agent = new Agent(app, 'cy')
      const english = await agent.get(`/q/${token}?lng=en`)
      assert.match(english.body, /<html lang="en"/)
      assert.match(english.body, new RegExp(`href="/q/${token}/question/1\\?lng=en"`))
      const first = await agent.get(`/q/${token}/question/1?lng=en`)
      assert.match(first.body, new RegExp(`action="/q/${token}/question/1\\?lng=en"`))
      const saved = await answer(agent, token, measureId, 1, '5', '?lng=en')
      assert.equal(saved.headers.location, `/q/${token}/question/2?lng=en`)
      assert.match((await agent.get(saved.headers.location as string)).body, /Question 2 of 7/)
    })

    it('refuses answers for another measure, items of another instrument and values not offered, storing nothing', async () => {
      const mine = await linkedMeasure()
      const other = await linkedMeasure()
      const agent = new Agent(app, 'cy')
      await agent.get(`/q/${mine.token}/question/1`)
      const attempts = [
        { measure: other.measureId, item: 'swemwbs_1', answer: '4' },
        { measure: mine.measureId, item: 'wemwbs_1', answer: '4' },
        { measure: mine.measureId, item: 'swemwbs_2', answer: '4' },
      ]
      for (const form of attempts) {
        const refused = await agent.submit(`/q/${mine.token}/question/1`, form)
        assert.equal(refused.statusCode, 400, JSON.stringify(form))
        assert.match(refused.body, /ni chafodd dim ei gadw/)
      }
      const outOfRange = await agent.submit(`/q/${mine.token}/question/1`, { measure: mine.measureId, item: 'swemwbs_1', answer: '9' })
      assert.equal(outOfRange.statusCode, 400)
      assert.match(outOfRange.body, /govuk-error-summary/)
      assert.match(text(outOfRange), /Dewiswch un o'r atebion/)
      const sendOther = await agent.submit(`/q/${mine.token}/check`, { measure: other.measureId })
      assert.equal(sendOther.statusCode, 400)
      for (const id of [mine.measureId, other.measureId]) {
        const row = await measureRow(id)
        assert.equal(row.status, 'awaiting_person')
        assert.deepEqual(row.answers, {})
      }
      const refusals = await app.deps.database.db.selectFrom('audit_events as a').select(['a.outcome']).where('a.record_id', '=', mine.measureId).execute()
      assert.deepEqual(refusals.map((r) => r.outcome), ['refused', 'refused', 'refused', 'refused'])
    })

    it('will not send a questionnaire with nothing answered', async () => {
      const { measureId, token } = await linkedMeasure()
      const agent = new Agent(app, 'cy')
      await agent.get(`/q/${token}/check`)
      const refused = await agent.submit(`/q/${token}/check`, { measure: measureId })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /Atebwch o leiaf un cwestiwn cyn anfon/)
      assert.equal((await measureRow(measureId)).status, 'awaiting_person')
      assert.equal((await agent.get(`/q/${token}`)).statusCode, 200, 'the link still works')
    })

    it('answers an expired, withdrawn, unknown or other-purpose link with a clear page, and stores nothing', async () => {
      const expired = await linkedMeasure({ language: 'cy', issuedAt: new Date(Date.now() - 15 * 24 * 60 * 60 * 1000) })
      const agent = new Agent(app, 'en')
      // The person had a question page open (its form's CSRF token) before the link expired.
      await agent.get(`/q/${(await linkedMeasure()).token}/question/1`)
      const page = await agent.get(`/q/${expired.token}`)
      assert.equal(page.statusCode, 410)
      assert.match(text(page), /Mae'r ddolen hon wedi dod i ben/)
      assert.equal(page.headers['cache-control'], 'no-store')
      assert.equal((await answer(agent, expired.token, expired.measureId, 1, '4')).statusCode, 410)
      assert.deepEqual((await measureRow(expired.measureId)).answers, {})

      const withdrawn = await linkedMeasure({ language: 'en' })
      await app.deps.database.db.updateTable('completion_links').set({ revoked_at: new Date() }).where('id', '=', withdrawn.linkId).execute()
      const revoked = await new Agent(app, 'cy').get(`/q/${withdrawn.token}`)
      assert.equal(revoked.statusCode, 410)
      assert.match(revoked.body, /This link has been withdrawn/)

      const unknown = await agent.get(`/q/${randomBytes(32).toString('base64url')}`)
      assert.equal(unknown.statusCode, 404)
      assert.match(unknown.body, /This link does not work/)
      assert.equal((await agent.get('/q/not-a-token/question/1')).statusCode, 404)

      // An experience-survey link names nothing among the measures.
      const db = app.deps.database.db
      const survey = await issueLink(db, { purpose: 'experience_survey', subjectId: expired.measureId, personId: fixture.personId, organisationId: fixture.organisationId, language: 'cy', createdBy: null })
      tokens.push(survey.token)
      assert.equal((await agent.get(`/q/${survey.token}`)).statusCode, 404)
    })

    it('never writes a token to the audit trail or the log', async () => {
      const audit = JSON.stringify(await app.deps.database.db.selectFrom('audit_events').selectAll().execute())
      const log = logLines.join('\n')
      assert.ok(tokens.length >= 8)
      assert.ok(log.includes('/q/[token]'), 'link requests are logged, redacted')
      for (const token of tokens) {
        assert.ok(!audit.includes(token), 'token in the audit trail')
        assert.ok(!log.includes(token), 'token in the log')
      }
    })

    it('slows an address that opens too many links', async () => {
      let status = 0
      for (let i = 0; i <= LINK_LOOKUPS_PER_WINDOW && status !== 429; i += 1) status = (await app.inject({ method: 'GET', url: `/q/${randomBytes(32).toString('base64url')}` })).statusCode
      assert.equal(status, 429)
    })
  })
}
