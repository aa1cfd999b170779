import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { todayInWales } from '../what-matters/dates.js'
import { loadCompetenceDemo } from './demo.js'

const dayParts = (iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return { 'assessedOn-day': String(Number(d)), 'assessedOn-month': String(Number(m)), 'assessedOn-year': y }
}
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

for (const kind of databaseKinds()) {
  describe(`competence self-assessment and development plan (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    let welsh: Agent
    let lead: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner2')
      lead = new Agent(t.app)
      await lead.signIn('teamlead')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const sittings = async () => Number((await db().selectFrom('competence_self_assessments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const audits = async (action: string, outcome: 'success' | 'refused' = 'success') =>
      (await db().selectFrom('audit_events').select('id').where('action', '=', action).where('outcome', '=', outcome).execute()).length
    const today = todayInWales(new Date())

    it('saves a partly-filled sitting from the page, keeps earlier ones, shows the gaps, history and proposals', async () => {
      const form = await practitioner.get('/competence/assess')
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /3\.2 Able to maintain and draw on in-depth knowledge of community assets/)
      const first = await practitioner.submit('/competence/assess', { ...dayParts(shift(today, -30)), 'rating-3-2': 'not_yet', 'rating-1-1': 'competent' })
      assert.equal(first.statusCode, 303)
      const second = await practitioner.submit('/competence/assess', {
        ...dayParts(today),
        'rating-3-2': 'developing',
        'rating-1-1': 'developing',
        'rating-4-1': 'can_support_others',
        'evidence-4-1': 'Feedback from people supported',
      })
      assert.equal(second.statusCode, 303)
      assert.equal(await sittings(), 2)
      assert.equal(await audits('competence_self_assessment.create'), 2)
      const ratings = await db().selectFrom('competence_ratings').select(['area_id', 'rating', 'evidence']).orderBy('area_id').execute()
      assert.equal(ratings.length, 5, 'areas left unrated are absent')
      const overview = await practitioner.get('/competence?saved=assessment')
      assert.equal(overview.statusCode, 200)
      assert.match(overview.body, /Your self-assessment has been saved/)
      assert.match(overview.body, /Feedback from people supported/)
      const gaps = /<ul class="govuk-list govuk-list--bullet" id="gaps">([\s\S]*?)<\/ul>/.exec(overview.body)?.[1] ?? ''
      assert.equal((gaps.match(/<li>/g) ?? []).length, 30, '31 areas less 4.1 (can support others)')
      assert.match(gaps, /3\.2 [^<]*: Developing/)
      assert.match(gaps, /1\.1 [^<]*: Developing/)
      const history = await practitioner.get('/competence/history')
      assert.match(history.body, /Up from Not yet/)
      assert.match(history.body, /Down from Competent/)
      assert.equal((history.body.match(/First rating/g) ?? []).length, 3, '3.2 and 1.1 in the first sitting, 4.1 in the second')
      const plan = await practitioner.get('/competence/plan')
      assert.equal((plan.body.match(/href="\/competence\/plan\/new\?area=/g) ?? []).length, 30)
      // A later sitting rating one area only: the others keep their rating and date.
      await practitioner.get('/competence/assess')
      assert.equal((await practitioner.submit('/competence/assess', { ...dayParts(today), 'rating-6-2': 'competent' })).statusCode, 303)
      const after = await practitioner.get('/competence')
      const current = /<table class="govuk-table" id="current">([\s\S]*?)<\/table>/.exec(after.body)?.[1] ?? ''
      assert.equal((current.match(/<tr class="govuk-table__row">/g) ?? []).length - 1, 4, '1.1, 3.2, 4.1 and 6.2')
      assert.match(current, /3\.2 [^<]*<\/th>\s*<td class="govuk-table__cell">Developing/)
      const gapsNow = /id="gaps">([\s\S]*?)<\/ul>/.exec(after.body)?.[1] ?? ''
      assert.equal((gapsNow.match(/<li>/g) ?? []).length, 29)
    })

    it('refuses bad input on the page with a summary and writes nothing', async () => {
      const before = await sittings()
      const cases: [Record<string, string>, RegExp][] = [
        [{ ...dayParts(shift(today, 1)), 'rating-1-1': 'competent' }, /Date assessed must be today or in the past/],
        [{ ...dayParts('2014-06-01'), 'rating-1-1': 'competent' }, /Date assessed must be in 2015 or later/],
        [{ ...dayParts(today), 'rating-1-1': 'expert' }, /Choose one of the four ratings for 1\.1/],
        [{ ...dayParts(today), 'rating-1-1': 'competent', 'evidence-1-1': 'x'.repeat(4001) }, /Evidence for 1\.1 must be 4000 characters or fewer/],
        [{ ...dayParts(today) }, /Rate at least one area/],
      ]
      for (const [form, message] of cases) {
        await practitioner.get('/competence/assess')
        const response = await practitioner.submit('/competence/assess', form)
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /govuk-error-summary/)
        assert.match(response.body, message)
      }
      assert.equal(await sittings(), before)
    })

    it('shows the pages in Welsh', async () => {
      for (const [path, heading] of [
        ['/competence', 'Eich cymhwysedd'],
        ['/competence/assess', 'Hunanasesiad newydd'],
        ['/competence/history', 'Eich hunanasesiadau'],
        ['/competence/plan', 'Eich cynllun datblygu'],
        ['/competence/plan/new?area=3.2', 'Ychwanegu eitem at eich cynllun datblygu'],
      ] as const) {
        const page = await welsh.get(path)
        assert.equal(page.statusCode, 200, path)
        assert.match(page.body, new RegExp(`<h1 class="govuk-heading-l">${heading}</h1>`), path)
      }
      await welsh.get('/competence/assess')
      const bad = await welsh.submit('/competence/assess', { ...dayParts(today) })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Graddiwch o leiaf un maes/)
    })

    it('adds, changes and completes plan items from the pages; proposals follow the plan', async () => {
      await practitioner.get('/competence/plan/new?area=3.2')
      const empty = await practitioner.submit('/competence/plan', { areaId: '3.2', action: ' ' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Enter what you will do/)
      const added = await practitioner.submit('/competence/plan', { areaId: '3.2', action: 'Visit the community hub', 'dueOn-day': '31', 'dueOn-month': '1', 'dueOn-year': '2030' })
      assert.equal(added.statusCode, 303)
      const [item] = await db().selectFrom('development_plan_items').selectAll().execute()
      assert.equal(item?.status, 'planned')
      assert.equal(item?.due_on, '2030-01-31')
      let plan = await practitioner.get('/competence/plan')
      assert.equal((plan.body.match(/href="\/competence\/plan\/new\?area=/g) ?? []).length, 28, '3.2 is covered now (29 gaps since 6.2 was rated)')
      await practitioner.get(`/competence/plan/${item?.id}`)
      const changed = await practitioner.submit(`/competence/plan/${item?.id}`, { action: 'Visit two hubs', 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '', status: 'in_progress' })
      assert.equal(changed.statusCode, 303)
      const done = await practitioner.submit(`/competence/plan/${item?.id}`, { complete: 'yes' })
      assert.equal(done.statusCode, 303)
      const after = await db().selectFrom('development_plan_items').selectAll().where('id', '=', item!.id).executeTakeFirstOrThrow()
      assert.deepEqual([after.action, after.due_on, after.status], ['Visit two hubs', null, 'done'])
      assert.equal(await audits('development_plan_item.create'), 1)
      assert.equal(await audits('development_plan_item.update'), 2)
      plan = await practitioner.get('/competence/plan')
      assert.equal((plan.body.match(/href="\/competence\/plan\/new\?area=/g) ?? []).length, 29, 'a done item no longer covers the gap')
    })

    it('API: own sittings and plan; 422 on bad input with nothing written', async () => {
      const created = await lead.api('POST', '/api/v1/competence/self-assessments', {
        assessedOn: today,
        ratings: [
          { areaId: '3.1', rating: 'competent' },
          { areaId: '3.2', rating: 'developing', evidence: 'Mapping the cluster' },
        ],
      })
      assert.equal(created.statusCode, 201, created.body)
      const body = created.json() as { id: string; ratings: unknown[] }
      assert.equal(body.ratings.length, 2)
      const before = await sittings()
      for (const bad of [
        { assessedOn: today, ratings: [{ areaId: '3.1', rating: 'great' }] },
        { assessedOn: shift(today, 1), ratings: [{ areaId: '3.1', rating: 'competent' }] },
        { assessedOn: today, ratings: [] },
        { assessedOn: today, ratings: [{ areaId: '3.1', rating: 'competent', evidence: 'x'.repeat(4001) }] },
      ]) {
        const r = await lead.api('POST', '/api/v1/competence/self-assessments', bad)
        assert.equal(r.statusCode, 422, r.body)
        assert.match(String(r.headers['content-type']), /application\/problem\+json/)
      }
      assert.equal(await sittings(), before)
      const list = await lead.api('GET', '/api/v1/competence/self-assessments')
      assert.equal((list.json() as { selfAssessments: unknown[] }).selfAssessments.length, 1)
      const item = await lead.api('POST', '/api/v1/competence/development-plan', { areaId: '3.2', action: 'Shadow the connector', dueOn: '2030-03-01' })
      assert.equal(item.statusCode, 201, item.body)
      const id = (item.json() as { id: string }).id
      const patched = await lead.api('PATCH', `/api/v1/competence/development-plan/${id}`, { status: 'in_progress', dueOn: null })
      assert.equal(patched.statusCode, 200, patched.body)
      assert.deepEqual([(patched.json() as { status: string }).status, (patched.json() as { dueOn: null }).dueOn], ['in_progress', null])
      const badPatch = await lead.api('PATCH', `/api/v1/competence/development-plan/${id}`, { status: 'finished' })
      assert.equal(badPatch.statusCode, 422)
      const plan = await lead.api('GET', '/api/v1/competence/development-plan')
      assert.equal((plan.json() as { items: unknown[] }).items.length, 1)
      const others = await practitioner.api('PATCH', `/api/v1/competence/development-plan/${id}`, { status: 'done' })
      assert.equal(others.statusCode, 404, 'another user’s plan item')
      assert.equal(await audits('development_plan_item.update', 'refused'), 1)
    })

    it('a team lead reads their staff’s sitting (audited); others, and another organisation, are refused (audited)', async () => {
      const mine = await practitioner.api('GET', '/api/v1/competence/self-assessments')
      const [latest] = (mine.json() as { selfAssessments: { id: string; ratings: unknown[] }[] }).selfAssessments
      assert.equal(latest?.ratings.length, 1, 'the sitting that rated 6.2 only')
      const own = await practitioner.api('GET', `/api/v1/competence/self-assessments/${latest?.id}`)
      assert.equal(own.statusCode, 200)
      assert.equal(await audits('competence_self_assessment.view'), 0, 'reading one’s own is not someone else’s')
      const byLead = await lead.api('GET', `/api/v1/competence/self-assessments/${latest?.id}`)
      assert.equal(byLead.statusCode, 200)
      assert.deepEqual((byLead.json() as { ratings: unknown[] }).ratings, [{ areaId: '6.2', rating: 'competent', evidence: null }])
      assert.equal(await audits('competence_self_assessment.view'), 1)
      const leads = (await lead.api('GET', '/api/v1/competence/self-assessments')).json() as { selfAssessments: { id: string }[] }
      const byPeer = await practitioner.api('GET', `/api/v1/competence/self-assessments/${leads.selfAssessments[0]?.id}`)
      assert.equal(byPeer.statusCode, 404, 'a practitioner may not read the team lead’s')
      const byOther = await welsh.api('GET', `/api/v1/competence/self-assessments/${latest?.id}`)
      assert.equal(byOther.statusCode, 404, 'another organisation’s')
      assert.equal(await audits('competence_self_assessment.view', 'refused'), 2)
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      assert.equal((await commissioner.get('/competence')).statusCode, 403)
      assert.equal((await commissioner.api('GET', '/api/v1/competence/self-assessments')).statusCode, 403)
    })

    it('loads the demo once: two sittings for the practitioner with a gap in 3.2 and a plan item, one for the team lead', async () => {
      await db().deleteFrom('competence_self_assessments').execute()
      await db().deleteFrom('development_plan_items').execute()
      assert.equal(await loadCompetenceDemo(db()), 3)
      assert.equal(await loadCompetenceDemo(db()), 0)
      const overview = await practitioner.get('/competence')
      assert.match(overview.body, /3\.2 [^<]*: Not yet/)
      assert.match(overview.body, /Spend a day with the community connector/)
      const history = await practitioner.get('/competence/history')
      assert.equal((history.body.match(/<caption/g) ?? []).length, 2)
    })
  })
}
