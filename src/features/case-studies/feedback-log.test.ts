import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { loadCaseStudyDemo } from './demo.js'
import { warningsFor } from './present.js'
import { findCaseStudy } from './repository.js'
import { sharingRefusals } from './rules.js'

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}

for (const kind of databaseKinds()) {
  describe(`'you said, we did' log (${kind})`, () => {
    let t: TestApp
    const agents: Record<string, Agent> = {}
    before(async () => {
      t = await startTestApp(kind)
      for (const who of ['practitioner', 'teamlead', 'practitioner2']) {
        agents[who] = new Agent(t.app)
        await agents[who].signIn(who)
      }
      agents.welsh = new Agent(t.app, 'cy')
      await agents.welsh.signIn('teamlead')
    })
    after(() => t.close())
    const a = (who: string) => agents[who] as Agent
    const db = () => t.app.deps.database.db
    const count = async () => (await db().selectFrom('feedback_log').select('id').execute()).length

    it('logs feedback from the page (bad input refused, nothing written), updates it to done, and prints only done items', async () => {
      assert.equal((await a('practitioner').get('/you-said-we-did/new')).statusCode, 200)
      const bad = await a('practitioner').submit('/you-said-we-did', {
        ...dateFields('receivedOn', daysAgo(-3)),
        source: 'the mayor',
        said: '',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /The date received must be today or in the past/)
      assert.match(bad.body, /Choose who the feedback was from, from the list/)
      assert.match(bad.body, /Enter what was said/)
      assert.equal(await count(), 0)

      const added = await a('practitioner').submit('/you-said-we-did', {
        ...dateFields('receivedOn', daysAgo(20)),
        source: 'people',
        said: 'The Tuesday group ends after the last bus',
        status: 'considering',
      })
      assert.equal(added.statusCode, 303)
      assert.equal(added.headers.location, '/you-said-we-did?added=1')
      await a('practitioner').submit('/you-said-we-did', {
        ...dateFields('receivedOn', daysAgo(10)),
        source: 'referrers',
        said: 'We do not hear back when people finish',
        status: 'doing',
        action: 'A closing letter to referrers',
      })
      const entry = await db()
        .selectFrom('feedback_log')
        .selectAll()
        .where('said', 'like', 'The Tuesday%')
        .executeTakeFirstOrThrow()
      const doneWithout = await a('practitioner').submit(`/you-said-we-did/${entry.id}`, {
        ...dateFields('receivedOn', entry.received_on),
        source: 'people',
        said: entry.said,
        status: 'done',
      })
      assert.equal(doneWithout.statusCode, 400)
      assert.match(doneWithout.body, /Enter what the service did before marking it done/)
      assert.match(doneWithout.body, /Enter the date it was done/)
      assert.equal(
        (
          await a('practitioner').submit(`/you-said-we-did/${entry.id}`, {
            ...dateFields('receivedOn', entry.received_on),
            source: 'people',
            said: entry.said,
            status: 'done',
            action: 'The group now starts at 1pm and finishes by 3pm',
            owner: 'Team lead',
            ...dateFields('doneOn', daysAgo(2)),
          })
        ).statusCode,
        303,
      )
      const list = await a('practitioner').get('/you-said-we-did?status=done')
      assert.match(list.body, /The group now starts at 1pm/)
      assert.doesNotMatch(list.body, /closing letter/)
      const print = await a('practitioner').get('/you-said-we-did/print')
      assert.equal(print.statusCode, 200)
      assert.match(print.body, /You said \(People using the service\)/)
      assert.match(print.body, /The group now starts at 1pm/)
      assert.doesNotMatch(print.body, /closing letter/, 'only what is done')
      assert.doesNotMatch(print.body, /Rhian|Siân/, 'no names of staff')
      const welsh = await a('welsh').get('/you-said-we-did/print')
      assert.match(welsh.body, /Dywedoch chi \(Pobl sy&#39;n defnyddio&#39;r gwasanaeth\)/)
      const audited = await db().selectFrom('audit_events').select('action').where('record_id', '=', entry.id).execute()
      assert.deepEqual(audited.map((e) => e.action).sort(), ['feedback_log.create', 'feedback_log.update'])
    })

    it('the API: 422 with the fields in the user’s language, create, update, filter; another organisation gets 403', async () => {
      const before = await count()
      const bad = await a('welsh').api('POST', '/api/v1/you-said-we-did', {
        receivedOn: daysAgo(1),
        source: 'staff',
        said: 'More time for supervision',
        status: 'not_possible',
      })
      assert.equal(bad.statusCode, 422)
      assert.deepEqual(bad.json().errors, [{ field: 'notPossibleReason', message: "Rhowch pam nad yw'n bosibl" }])
      assert.equal(await count(), before)
      const created = await a('teamlead').api('POST', '/api/v1/you-said-we-did', {
        receivedOn: daysAgo(5),
        source: 'experience_survey',
        said: 'Hard to find the room',
      })
      assert.equal(created.statusCode, 201)
      const id = created.json().id as string
      assert.equal(created.json().status, 'considering')
      const updated = await a('teamlead').api('PUT', `/api/v1/you-said-we-did/${id}`, {
        receivedOn: daysAgo(5),
        source: 'experience_survey',
        said: 'Hard to find the room',
        status: 'done',
        action: 'Signs in the car park and reception',
        doneOn: daysAgo(1),
      })
      assert.equal(updated.statusCode, 200)
      assert.equal(updated.json().doneOn, daysAgo(1))
      const filtered = await a('teamlead').api('GET', '/api/v1/you-said-we-did?source=experience_survey')
      assert.deepEqual(
        filtered.json().entries.map((e: { id: string }) => e.id),
        [id],
      )
      assert.equal((await a('teamlead').api('GET', '/api/v1/you-said-we-did?status=maybe')).statusCode, 422)

      const other = await a('practitioner2').api('PUT', `/api/v1/you-said-we-did/${id}`, {
        receivedOn: daysAgo(5),
        source: 'staff',
        said: 'Changed by someone else',
      })
      assert.equal(other.statusCode, 403)
      assert.equal((await a('practitioner2').get(`/you-said-we-did/${id}/edit`)).statusCode, 403)
      const row = await db().selectFrom('feedback_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.said, 'Hard to find the room')
      const refused = await db()
        .selectFrom('audit_events')
        .select('outcome')
        .where('record_id', '=', id)
        .where('outcome', '=', 'refused')
        .execute()
      assert.equal(refused.length, 2)
      const theirs = await a('practitioner2').api('GET', '/api/v1/you-said-we-did')
      assert.equal(
        theirs.json().entries.some((e: { id: string }) => e.id === id),
        false,
      )
    })

    it('the demo loads three approved, anonymised stories that may be shared, and the log, once', async () => {
      assert.equal(await loadCaseStudyDemo(db()), 3)
      assert.equal(await loadCaseStudyDemo(db()), 0, 'a second call adds nothing')
      const rows = await db().selectFrom('case_studies').select(['id', 'perspective']).execute()
      assert.deepEqual(rows.map((r) => r.perspective).sort(), ['community_asset', 'person', 'practitioner'])
      for (const { id } of rows) {
        const row = await findCaseStudy(db(), id)
        assert.ok(row)
        assert.equal(row.status, 'approved')
        assert.notEqual(row.approved_by, row.author_id)
        assert.deepEqual(sharingRefusals(row), [])
        assert.deepEqual(warningsFor(row), [], `the automatic screen finds nothing in ${row.title}`)
      }
      const page = await a('teamlead').get('/case-studies')
      assert.match(page.body, /Back at the allotment/)
      const print = await a('practitioner').get('/you-said-we-did/print')
      assert.match(print.body, /starts at 1pm/)
      assert.doesNotMatch(print.body, /Saturdays/, 'not possible is not done')
    })
  })
}
