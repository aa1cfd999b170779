import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { episodeFixture } from '../episodes/testing.js'

const parts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}
const today = () => new Date().toISOString().slice(0, 10)
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)

for (const kind of databaseKinds()) {
  describe(`the person's voice: own words and the experience survey (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const audits = async (action: string) =>
      (await db().selectFrom('audit_events').select(['record_id', 'outcome']).where('action', '=', action).execute())
        .length
    const ownWords = (personId: string) =>
      db().selectFrom('own_words_outcomes').selectAll().where('person_id', '=', personId).execute()
    const replies = () => db().selectFrom('experience_replies').selectAll().execute()

    /** A closed episode connected to two services (one only suggested), the person's language as given. */
    async function closedEpisode(language: 'cy' | 'en') {
      const f = await episodeFixture(t.app, { followUp: false })
      await db().updateTable('people').set({ language }).where('id', '=', f.personId).execute()
      const service = async (name: string, nameCy: string) => {
        const id = randomUUID()
        await db().insertInto('services').values({ id, name, name_cy: nameCy, status: 'active' }).execute()
        return id
      }
      const walks = await service(
        `Health walks ${f.personId.slice(0, 4)}`,
        `Teithiau cerdded ${f.personId.slice(0, 4)}`,
      )
      const choir = await service(`Choir ${f.personId.slice(0, 4)}`, `Côr ${f.personId.slice(0, 4)}`)
      const connect = (serviceId: string, status: 'attending' | 'suggested') =>
        db()
          .insertInto('connections')
          .values({
            person_id: f.personId,
            episode_id: f.episodeId,
            organisation_id: f.organisationId,
            service_id: serviceId,
            kind: 'signpost',
            status,
          })
          .execute()
      await connect(walks, 'attending')
      await connect(choir, 'suggested')
      const early = await practitioner.submit(`/people/${f.personId}/experience-surveys`, { episodeId: f.episodeId })
      assert.equal(early.statusCode, 409, 'not sent while the episode is open')
      const closed = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary: 'Goes walking weekly',
        sendFeedback: false,
      })
      assert.equal(closed.statusCode, 200, closed.body)
      return { ...f, walks, choir }
    }

    async function sendSurvey(personId: string, episodeId: string) {
      const page = await practitioner.get(`/people/${personId}`)
      assert.match(page.body, /Send the experience survey/)
      const sent = await practitioner.submit(`/people/${personId}/experience-surveys`, { episodeId })
      assert.equal(sent.statusCode, 201)
      assert.equal(sent.headers['cache-control'], 'no-store')
      const url = /(http[^<"\s]+\/survey\/[A-Za-z0-9_-]{43})/.exec(sent.body)?.[1]
      assert.ok(url, 'the link is shown once')
      return tokenOf(url)
    }

    const answers = (walks: string, linking: string) => ({
      step: 'answers',
      linking,
      serviceSatisfaction: '5',
      informationSatisfaction: '4',
      influencedDecisions: 'prefer_not',
      positiveExperience: '5',
      serviceBarriers: ['transport'],
      practitionerBarriers: 'none',
      [`service-${walks}`]: '4',
      comment: 'Diolch o galon',
    })

    it('records what the person says has changed, in their own words, from the page and the API; refuses empty words', async () => {
      const f = await episodeFixture(t.app, { followUp: false })
      const form = await practitioner.get(`/people/${f.personId}/own-words`)
      assert.equal(form.statusCode, 200)
      const empty = await practitioner.submit(`/people/${f.personId}/own-words`, {
        ...parts('saidOn', today()),
        words: '  ',
        occasion: 'review',
      })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Enter what they said, in their words/)
      assert.equal((await ownWords(f.personId)).length, 0, 'nothing stored on bad input')
      const saved = await practitioner.submit(`/people/${f.personId}/own-words`, {
        ...parts('saidOn', today()),
        words: 'I get out of the house most days now',
        theme: 'reduce_isolation',
        occasion: 'review',
      })
      assert.equal(saved.statusCode, 303)
      const [row] = await ownWords(f.personId)
      assert.equal(row?.episode_id, f.episodeId)
      assert.equal(row?.theme, 'reduce_isolation')
      assert.equal(await audits('own_words.record'), 1)
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /I get out of the house most days now/)
      assert.match(person.body, /Reduce isolation/)

      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/outcomes-in-own-words`, {
        saidOn: today(),
        words: 'Less lonely',
        occasion: 'closing',
      })
      assert.equal(api.statusCode, 201)
      assert.equal(api.json().words, 'Less lonely')
      const bad = await practitioner.api('POST', `/api/v1/people/${f.personId}/outcomes-in-own-words`, {
        saidOn: today(),
        words: '   ',
        occasion: 'closing',
      })
      assert.equal(bad.statusCode, 422)
      assert.equal(bad.json().code, 'validation_failed')
      const list = await practitioner.api('GET', `/api/v1/people/${f.personId}/outcomes-in-own-words`)
      assert.deepEqual(
        list
          .json()
          .outcomes.map((o: { words: string }) => o.words)
          .sort(),
        ['I get out of the house most days now', 'Less lonely'],
      )

      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/outcomes-in-own-words`)).statusCode, 404)
    })

    it('sends the survey once for a closed episode; the person answers anonymously in Welsh, and nothing traces the reply back', async () => {
      const f = await closedEpisode('cy')
      const firstToken = await sendSurvey(f.personId, f.episodeId)
      const again = await practitioner.api('POST', `/api/v1/people/${f.personId}/experience-surveys`, {
        episodeId: f.episodeId,
      })
      // Sending again before a reply (the person lost the link) gives a new link and withdraws the first.
      assert.equal(again.statusCode, 201)
      assert.equal((await new Agent(t.app, 'en').get(`/survey/${firstToken}`)).statusCode, 410, 'the first link is withdrawn')
      const links = await db().selectFrom('completion_links').selectAll().where('person_id', '=', f.personId).orderBy('created_at').execute()
      assert.equal(links.length, 2)
      assert.ok(links[0]!.revoked_at && !links[1]!.revoked_at)
      const link = links[1]!
      assert.equal(link.language, 'cy')
      assert.equal(link.purpose, 'experience_survey')
      const token = new URL(again.json().url).pathname.split('/').pop() as string

      const person = new Agent(t.app, 'en')
      const start = await person.get(`/survey/${token}`)
      assert.equal(start.statusCode, 200)
      assert.match(start.body, /Dywedwch wrthym am y cymorth a gawsoch/, 'in the link’s language')
      assert.doesNotMatch(start.body, new RegExp(f.personId))
      const noChoice = await person.submit(`/survey/${token}`, { step: 'start' })
      assert.equal(noChoice.statusCode, 400)
      const questions = await person.submit(`/survey/${token}`, { step: 'start', linking: 'anonymous' })
      assert.equal(questions.statusCode, 200)
      assert.match(questions.body, /Teithiau cerdded/, 'connected services by their Welsh name')
      assert.doesNotMatch(questions.body, /Côr /, 'a suggestion never acted on is not listed')

      const before = (await replies()).length
      const outOfScale = await person.submit(`/survey/${token}`, {
        ...answers(f.walks, 'anonymous'),
        serviceSatisfaction: '7',
      })
      assert.equal(outOfScale.statusCode, 400)
      assert.match(outOfScale.body, /Dewiswch pa mor fodlon ydych chi â’r cymorth/)
      const unknownService = await person.submit(`/survey/${token}`, {
        ...answers(f.walks, 'anonymous'),
        [`service-${f.choir}`]: '3',
      })
      assert.equal(unknownService.statusCode, 400)
      assert.match(unknownService.body, /Dim ond y gwasanaethau y cawsoch eich cysylltu â nhw/)
      assert.equal((await replies()).length, before, 'nothing stored on bad answers')

      const sent = await person.submit(`/survey/${token}`, answers(f.walks, 'anonymous'))
      assert.equal(sent.statusCode, 303)
      assert.equal(sent.headers.location, '/survey/thanks?lng=cy')
      assert.match((await person.get(sent.headers.location as string)).body, /Diolch/)
      const stored = (await replies()).filter((r) => r.anonymous)
      assert.equal(stored.length, 1)
      const reply = stored[0]!
      assert.deepEqual(
        [reply.person_id, reply.episode_id, reply.invitation_id, reply.received_at, reply.month],
        [null, null, null, null, `${today().slice(0, 7)}-01`],
      )
      assert.deepEqual(
        [reply.service_satisfaction, reply.influenced_decisions, reply.service_barriers, reply.practitioner_barriers],
        [5, null, ['transport'], ['none']],
      )
      const ratings = await db()
        .selectFrom('experience_service_ratings')
        .selectAll()
        .where('reply_id', '=', reply.id)
        .execute()
      assert.deepEqual(
        ratings.map((r) => [r.service_id, r.satisfaction]),
        [[f.walks, 4]],
      )
      const invitation = await db()
        .selectFrom('experience_invitations')
        .selectAll()
        .where('episode_id', '=', f.episodeId)
        .executeTakeFirstOrThrow()
      assert.equal(invitation.replied, true)
      const trail = await db()
        .selectFrom('audit_events')
        .select(['record_id', 'detail'])
        .where('action', '=', 'experience_survey.reply')
        .execute()
      assert.ok(trail.every((a) => a.record_id !== reply.id && !JSON.stringify(a.detail ?? {}).includes(reply.id)))

      const reuse = await person.submit(`/survey/${token}`, answers(f.walks, 'anonymous'))
      assert.equal(reuse.statusCode, 410)
      assert.match(reuse.body, /already been used|eisoes/)
      assert.equal((await person.get(`/survey/${token}`)).statusCode, 410)
      const afterReply = await practitioner.api('POST', `/api/v1/people/${f.personId}/experience-surveys`, { episodeId: f.episodeId })
      assert.equal(afterReply.statusCode, 409)
      assert.equal(afterReply.json().code, 'already_replied')
      assert.equal((await replies()).filter((r) => r.anonymous).length, 1, 'a used link stores nothing')
      const page = await practitioner.get(`/people/${f.personId}`)
      assert.match(page.body, /A reply has arrived/)
      assert.doesNotMatch(page.body, /Send the experience survey/)
    })

    it('stores a named reply with its person and episode, refuses an expired link, and counts replies in the summary', async () => {
      const f = await closedEpisode('en')
      const token = await sendSurvey(f.personId, f.episodeId)
      const person = new Agent(t.app, 'cy')
      assert.match((await person.get(`/survey/${token}`)).body, /Tell us about the support you had/)
      const sent = await person.submit(`/survey/${token}`, answers(f.walks, 'named'))
      assert.equal(sent.statusCode, 303)
      const named = (await replies()).filter((r) => !r.anonymous)
      assert.equal(named.length, 1)
      assert.deepEqual([named[0]?.person_id, named[0]?.episode_id], [f.personId, f.episodeId])
      const record = await practitioner.get(`/people/${f.personId}`)
      assert.match(record.body, /chose to link their answers to their record/)
      assert.match(record.body, /Diolch o galon/, 'a named reply’s answers show on the person’s record')

      const late = await closedEpisode('en')
      const lateToken = await sendSurvey(late.personId, late.episodeId)
      // Sent 20 days ago: created_at cannot be updated through the typed builder, which keeps it fixed in the app.
      await sql`update completion_links set created_at = now() - interval '20 days', expires_at = now() - interval '1 day' where person_id = ${late.personId}`.execute(db())
      const expired = await new Agent(t.app).get(`/survey/${lateToken}`)
      assert.equal(expired.statusCode, 410)
      assert.match(expired.body, /This link has expired/)

      const summary = await practitioner.api(
        'GET',
        `/api/v1/experience/summary?from=${today().slice(0, 7)}&to=${today()}`,
      )
      assert.equal(summary.statusCode, 200)
      const body = summary.json()
      assert.equal(body.replies, 2)
      assert.equal(body.anonymousReplies, 1)
      const satisfaction = body.questions.find((q: { name: string }) => q.name === 'serviceSatisfaction')
      assert.deepEqual(satisfaction.summary.counts, { '5': 2, '4': 0, '3': 0, '2': 0, '1': 0, prefer_not: 0 })
      assert.equal(satisfaction.summary.percentSatisfied, 100)
      assert.equal(
        body.questions.find((q: { name: string }) => q.name === 'influencedDecisions').summary.percentSatisfied,
        null,
      )
      assert.equal(body.barriers[0].counts.transport, 2)
      assert.deepEqual(
        body.comments,
        [{ month: `${today().slice(0, 7)}-01`, text: 'Diolch o galon' }],
        'comments of named replies only',
      )
      assert.equal(body.anonymousComments, 1)
      assert.equal((await practitioner.api('GET', '/api/v1/experience/summary?from=2026-13')).statusCode, 422)

      const page = await practitioner.get('/experience')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Replies: 2 \(anonymous: 1\)/)
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal(
        (await other.api('GET', '/api/v1/experience/summary')).json().replies,
        0,
        'another organisation sees none of these',
      )
    })
  })
}
