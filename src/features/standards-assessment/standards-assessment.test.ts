import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { todayInWales } from '../what-matters/dates.js'
import { startedJson } from './api.js'
import { assessmentDetailJson, assessmentJson, assessmentRowsOf } from './read.js'
import { actionsOf, assessmentsOf, findAssessment, ratingsOf } from './repository.js'
import { actionJson } from './summary.js'
import { sections, statementIds } from './standards.js'

type Detail = { id: string; status: string; ratings: { statementId: string; rating: string }[]; actions: { id: string; ownerName: string; status: string; doneOn: string | null }[]; summary: { id: string; fully: number; partly: number; not_started: number; openActions: number }[]; previous: { id: string; changes: { id: string; better: number; worse: number }[] } | null }

for (const kind of databaseKinds()) {
  describe(`Core Standards self-assessment: pages and API (${kind})`, () => {
    let t: TestApp
    let lead: Agent
    before(async () => {
      t = await startTestApp(kind)
      lead = new Agent(t.app)
      await lead.signIn('teamlead')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const count = async (table: 'standards_assessments' | 'standards_ratings' | 'standards_actions') => (await db().selectFrom(table).select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
    const counts = async () => [Number(await count('standards_assessments')), Number(await count('standards_ratings')), Number(await count('standards_actions'))]
    const audits = async (action: string, outcome: 'success' | 'refused' = 'success') => (await db().selectFrom('audit_events').select('id').where('action', '=', action).where('outcome', '=', outcome).execute()).length
    const userId = async (email: string) => (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
    let first = ''
    /** The JSON a handler builds, as it reads once serialised: what the API answers when its response schema keeps everything. */
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown
    const detailNow = async (id: string, lang: 'cy' | 'en' = 'en') => asJson(assessmentDetailJson(await assessmentRowsOf(db(), (await findAssessment(db(), id))!), lang))
    const actionNow = async (assessmentId: string, id: string) => asJson(actionJson((await actionsOf(db(), assessmentId)).find((a) => a.id === id)!))

    it('starts an assessment on the page, rates statements, adds an action, and shows the summary in both languages', async () => {
      const empty = await lead.get('/standards-assessment')
      assert.equal(empty.statusCode, 200)
      assert.match(empty.body, /id="no-assessments"/)
      assert.equal((await lead.get('/standards-assessment/new')).statusCode, 200)
      const started = await lead.submit('/standards-assessment/new', { 'assessedOn-day': '2', 'assessedOn-month': '11', 'assessedOn-year': '2026' })
      assert.equal(started.statusCode, 303, started.body)
      first = String(started.headers.location).split('/').pop() as string
      const form = await lead.get(`/standards-assessment/${first}`)
      assert.match(form.body, /name="rating-S1-26"/)
      assert.match(form.body, /<span lang="en">Build strong, trusting relationships through regular, meaningful contact/)
      const saved = await lead.submit(`/standards-assessment/${first}`, { 'rating-S1-26': 'fully', 'evidence-S1-26': 'Weekly calls', 'rating-S1-27': 'partly', 'rating-E-91': 'fully', complete: 'no' })
      assert.equal(saved.statusCode, 303, saved.body)
      await lead.get(`/standards-assessment/${first}`)
      const action = await lead.submit(`/standards-assessment/${first}/actions`, { statementId: 'S1.27', action: 'Train the team in What Matters conversations', ownerUserId: await userId('practitioner@demo.cyswllt.test'), 'dueOn-day': '31', 'dueOn-month': '1', 'dueOn-year': '2027' })
      assert.equal(action.statusCode, 303, action.body)
      const index = await lead.get('/standards-assessment')
      // Person-centred: 11 statements, 1 fully, 1 partly, 9 not started, 1 open action.
      assert.match(index.body, /Person-centred approach<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>9<\/td>\s*<td[^>]*>1<\/td>/)
      assert.match(index.body, /Workforce<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>2<\/td>\s*<td[^>]*>0<\/td>/)
      assert.match(index.body, /Open actions: 1/)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('teamlead')
      const cy = await welsh.get(`/standards-assessment/${first}`)
      assert.equal(cy.statusCode, 200)
      assert.match(cy.body, /<html lang="cy"/)
      assert.match(cy.body, /Dull sy’n canolbwyntio ar yr unigolyn/)
      assert.match(cy.body, /Wedi’i fodloni’n llawn/)
      assert.match(cy.body, /<span lang="en">Hold a thorough/)
      assert.equal(await audits('standards_assessment.create'), 1)
      assert.equal(await audits('standards_assessment.update'), 1)
      assert.equal(await audits('standards_action.create'), 1)
    })

    it('refuses bad input on the page and in the API and writes nothing', async () => {
      const before = await counts()
      await lead.get(`/standards-assessment/${first}`)
      const early = await lead.submit(`/standards-assessment/${first}/actions`, { statementId: 'S1.27', action: 'Too early', ownerName: 'Siân', 'dueOn-day': '1', 'dueOn-month': '11', 'dueOn-year': '2026' })
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /govuk-error-summary[\s\S]*The due date must not be before the date of the self-assessment/)
      await lead.get(`/standards-assessment/${first}`)
      const unrated = await lead.submit(`/standards-assessment/${first}`, { 'rating-S1-28': '', 'evidence-S1-28': 'Evidence but no rating', complete: 'no' })
      assert.equal(unrated.statusCode, 400)
      assert.match(unrated.body, /href="#rating-S1-28">Choose a rating for statement S1.28/)
      assert.match(unrated.body, /Evidence but no rating<\/textarea>/)
      const bad = [
        ['PUT', `/api/v1/standards-assessments/${first}`, { ratings: [{ statementId: 'S1.99', rating: 'fully' }] }, 422],
        ['PUT', `/api/v1/standards-assessments/${first}`, { ratings: [{ statementId: 'S1.28', rating: 'mostly' }] }, 422],
        ['PUT', `/api/v1/standards-assessments/${first}`, { ratings: [{ statementId: 'S1.28', rating: 'fully', evidence: 'x'.repeat(4001) }] }, 422],
        ['PUT', `/api/v1/standards-assessments/${first}`, [1, 2], 400],
        ['PUT', `/api/v1/standards-assessments/${first}`, { status: 'complete' }, 422],
        ['POST', `/api/v1/standards-assessments/${first}/actions`, { statementId: 'S1.27', action: 'Early', ownerName: 'Siân', dueOn: '2026-11-01' }, 422],
        ['POST', `/api/v1/standards-assessments/${first}/actions`, { statementId: 'S1.27', action: 'Elsewhere', ownerUserId: await userId('practitioner2@demo.cyswllt.test') }, 422],
        ['POST', `/api/v1/standards-assessments/${first}/actions`, { statementId: 'X.1', action: 'Unknown', ownerName: 'Siân' }, 422],
        ['POST', '/api/v1/standards-assessments', { assessedOn: '2999-01-01' }, 422],
      ] as const
      for (const [method, url, body, status] of bad) {
        const res = await lead.api(method, url, body)
        assert.equal(res.statusCode, status, `${method} ${url} ${JSON.stringify(body).slice(0, 80)}: ${res.body}`)
        assert.match(String(res.headers['content-type']), /application\/problem\+json/)
      }
      const notAll = await lead.api('PUT', `/api/v1/standards-assessments/${first}`, { status: 'complete' })
      assert.match((notAll.json() as { detail: string }).detail, /\(48 not rated\)/)
      assert.deepEqual(await counts(), before)
    })

    it('completes an assessment in the API, keeps it unchanged, and starts the next from its ratings', async () => {
      const all = statementIds.map((id, i) => ({ statementId: id, rating: i % 2 === 0 ? 'fully' : 'partly' }))
      const done = await lead.api('PUT', `/api/v1/standards-assessments/${first}`, { ratings: all, status: 'complete' })
      assert.equal(done.statusCode, 200, done.body)
      const detail = done.json() as Detail & { completedBy: string }
      assert.equal(detail.status, 'complete')
      assert.equal(detail.completedBy, 'Siân Team Lead')
      assert.deepEqual(detail.summary.find((s) => s.id === 'S1'), { id: 'S1', kind: 'standard', title: 'Person-centred approach', statements: 11, fully: 6, partly: 5, not_started: 0, openActions: 1 })
      // The documented response schemas serialise the answers: every field the handlers build must survive them.
      assert.deepEqual(done.json(), await detailNow(first))
      assert.equal(detail.actions.length, 1)
      const again = await lead.api('PUT', `/api/v1/standards-assessments/${first}`, { ratings: [{ statementId: 'S1.26', rating: 'partly' }] })
      assert.equal(again.statusCode, 409)
      const next = await lead.api('POST', '/api/v1/standards-assessments', { assessedOn: todayInWales(new Date()), fromLast: true })
      assert.equal(next.statusCode, 201, next.body)
      const { id, copied } = next.json() as { id: string; copied: number }
      assert.equal(copied, 51)
      assert.deepEqual(next.json(), startedJson({ id, copied: (await ratingsOf(db(), id)).length }))
      const changed = await lead.api('PUT', `/api/v1/standards-assessments/${id}`, { ratings: [{ statementId: 'S1.26', rating: 'partly' }, { statementId: 'S1.27', rating: 'fully' }, { statementId: 'S1.28', rating: 'fully' }] })
      const body = changed.json() as Detail
      assert.equal(body.previous?.id, first)
      assert.deepEqual(body.previous?.changes.find((c) => c.id === 'S1'), { id: 'S1', better: 1, worse: 1 })
      assert.deepEqual(body, await detailNow(id))
      const welshRead = new Agent(t.app, 'cy')
      await welshRead.signIn('teamlead')
      const read = await welshRead.api('GET', `/api/v1/standards-assessments/${id}`)
      assert.equal(read.statusCode, 200, read.body)
      assert.deepEqual(read.json(), await detailNow(id, 'cy'))
      const added = await lead.api('POST', `/api/v1/standards-assessments/${id}/actions`, { statementId: 'S1.26', action: 'Agree contact plans', ownerName: 'Siân', dueOn: '2099-01-31' })
      assert.equal(added.statusCode, 201, added.body)
      const addedId = (added.json() as { id: string }).id
      assert.equal(added.headers.location, `/api/v1/standards-assessments/${id}/actions/${addedId}`)
      assert.deepEqual(added.json(), await actionNow(id, addedId))
      const core = await lead.api('GET', '/api/v1/core-standards')
      assert.equal(core.statusCode, 200, core.body)
      assert.deepEqual(core.json(), asJson({ sections }))
      const compare = await lead.get(`/standards-assessment/${id}/compare`)
      assert.match(compare.body, /Person-centred approach – better: 1, worse: 1/)
      const list = await lead.api('GET', '/api/v1/standards-assessments')
      assert.deepEqual((list.json() as { assessments: { id: string; status: string }[] }).assessments.map((a) => [a.id, a.status]), [[id, 'draft'], [first, 'complete']])
      const organisationId = (await findAssessment(db(), id))!.organisation_id
      assert.deepEqual(list.json(), asJson({ assessments: (await assessmentsOf(db(), organisationId)).map(assessmentJson) }))
      const print = await lead.get(`/standards-assessment/${first}/print`)
      assert.equal(print.statusCode, 200)
      assert.match(print.body, /href="\/assets\/standards-print.css"/)
      assert.match((await lead.get('/assets/standards-print.css')).body, /@media print/)
    })

    it('changes an action in the API: a named owner, then done', async () => {
      const listed = await lead.api('GET', `/api/v1/standards-assessments/${first}/actions`)
      assert.equal(listed.statusCode, 200, listed.body)
      assert.deepEqual(listed.json(), asJson({ actions: (await actionsOf(db(), first)).map(actionJson) }))
      const actions = (listed.json() as { actions: { id: string }[] }).actions
      assert.equal(actions.length, 1)
      const put = await lead.api('PUT', `/api/v1/standards-assessments/${first}/actions/${actions[0]?.id}`, { ownerName: 'Dewi from the council', status: 'done' })
      assert.equal(put.statusCode, 200, put.body)
      assert.deepEqual(put.json(), { ...(put.json() as object), ownerUserId: null, ownerName: 'Dewi from the council', status: 'done', doneOn: todayInWales(new Date()) })
      assert.deepEqual(put.json(), await actionNow(first, actions[0]!.id))
      assert.equal(await audits('standards_action.update'), 1)
    })

    it('lets practitioners read but not change, and refuses other organisations, auditing the refusal', async () => {
      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      assert.equal((await practitioner.get(`/standards-assessment/${first}`)).statusCode, 200)
      assert.equal((await practitioner.get('/standards-assessment/new')).statusCode, 403)
      assert.doesNotMatch((await practitioner.get('/standards-assessment')).body, /\/standards-assessment\/new/)
      assert.equal((await practitioner.api('POST', '/api/v1/standards-assessments', {})).statusCode, 403)
      const before = await counts()
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      assert.equal((await other.get(`/standards-assessment/${first}`)).statusCode, 403)
      assert.equal((await other.api('GET', `/api/v1/standards-assessments/${first}`)).statusCode, 404)
      assert.equal(await audits('standards_assessment.view', 'refused'), 2)
      assert.equal(((await other.api('GET', '/api/v1/standards-assessments')).json() as { assessments: unknown[] }).assessments.length, 0)
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      assert.equal((await commissioner.get('/standards-assessment')).statusCode, 403)
      assert.deepEqual(await counts(), before)
    })
  })
}
