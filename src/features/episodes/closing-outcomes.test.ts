import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { episodeFixture } from './testing.js'

const summary = 'Siân goes to the walking group every week.'

for (const kind of databaseKinds()) {
  describe(`what the person says changed, at closing and after (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const row = (episodeId: string) =>
      db().selectFrom('episode_closing_outcomes').selectAll().where('episode_id', '=', episodeId).executeTakeFirst()
    const status = async (episodeId: string) =>
      (await db().selectFrom('episodes').select('status').where('id', '=', episodeId).executeTakeFirstOrThrow()).status
    const audits = async (recordId: string) =>
      (
        await db()
          .selectFrom('audit_events')
          .select(['action', 'outcome', 'detail'])
          .where('record_id', '=', recordId)
          .orderBy('id')
          .execute()
      ).map((a) => `${a.action}/${a.outcome}`)

    it('asks on the close form, keeps the answers with the closing, audits the questions answered and shows them', async () => {
      const f = await episodeFixture(t.app)
      const form = await practitioner.get(`/episodes/${f.episodeId}/close`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /What the person says changed/)
      assert.match(form.body, /Has the person learnt new skills\?/)
      // "Not asked" is chosen for every question until the practitioner says otherwise.
      assert.equal([...form.body.matchAll(/value="not_asked" checked/g)].length, 9)
      const closed = await practitioner.submit(`/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary,
        learntSkills: 'yes',
        knowsSupport: 'not_known',
        benefitsIncome: 'increased',
        employment: 'not_asked',
        medication: 'reduced',
        carersAssessment: 'no',
      })
      assert.equal(closed.statusCode, 303)
      const saved = await row(f.episodeId)
      assert.ok(saved)
      assert.deepEqual(
        [saved.learnt_skills, saved.knows_support, saved.started_volunteering, saved.benefits_income, saved.employment, saved.medication, saved.statutory_gap, saved.carers_assessment, saved.carer_supports_access],
        ['yes', 'not_known', null, 'increased', null, 'reduced', null, 'no', null],
      )
      assert.equal(saved.recorded_by, f.practitioner)
      assert.equal(saved.person_id, f.personId)
      const outcomesAudit = await db()
        .selectFrom('audit_events')
        .select('detail')
        .where('record_id', '=', f.episodeId)
        .where('action', '=', 'episode.closing_outcomes')
        .executeTakeFirstOrThrow()
      const detail = (typeof outcomesAudit.detail === 'string' ? JSON.parse(outcomesAudit.detail) : outcomesAudit.detail) as Record<string, unknown>
      assert.deepEqual(detail.answered, ['learntSkills', 'knowsSupport', 'benefitsIncome', 'medication', 'carersAssessment'])
      assert.ok(!JSON.stringify(detail).includes('reduced'), 'the audit names the questions, not the answers')

      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /Learnt new skills<\/dt><dd class="govuk-summary-list__value">Yes/)
      assert.match(person.body, /Medication or prescriptions<\/dt><dd class="govuk-summary-list__value">Reduced/)
      assert.doesNotMatch(person.body, /Started to volunteer/, 'questions not asked are not listed')
      assert.match(person.body, /What the person says changed recorded/)
      assert.match(person.body, new RegExp(`href="/episodes/${f.episodeId}/closing-outcomes"`))

      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.get(`/people/${f.personId}?lng=cy`)
      assert.match(cy.body, /Beth mae’r person yn ei ddweud sydd wedi newid/)
      assert.match(cy.body, /Wedi dysgu sgiliau newydd<\/dt><dd class="govuk-summary-list__value">Ie/)

      const api = await practitioner.api('GET', `/api/v1/episodes/${f.episodeId}`)
      assert.equal(api.json().closingOutcomes.answers.benefitsIncome, 'increased')
      assert.equal(api.json().closingOutcomes.answers.employment, null)
    })

    it('refuses an unknown answer on the close form in English and Welsh, writing nothing', async () => {
      const f = await episodeFixture(t.app)
      await practitioner.get(`/episodes/${f.episodeId}/close`)
      const refused = await practitioner.submit(`/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary,
        learntSkills: 'yes',
        medication: 'stopped',
      })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
      assert.match(refused.body, /href="#medication">Choose how the person’s medication changed/)
      assert.match(refused.body, /value="yes" checked/, 'the answers given are kept on the form')
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      await welsh.get(`/episodes/${f.episodeId}/close?lng=cy`)
      const cy = await welsh.submit(`/episodes/${f.episodeId}/close?lng=cy`, { reason: 'goals_met', summary, employment: 'retired' })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Dewiswch sut mae cyflogaeth y person wedi newid/)
      assert.equal(await status(f.episodeId), 'open')
      assert.equal(await row(f.episodeId), undefined)

      // Closing with every question "not asked" keeps no answers at all.
      const closed = await practitioner.submit(`/episodes/${f.episodeId}/close`, { reason: 'withdrew', summary })
      assert.equal(closed.statusCode, 303)
      assert.equal(await row(f.episodeId), undefined)
      assert.ok(!(await audits(f.episodeId)).includes('episode.closing_outcomes/success'))
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /Not recorded\./)
    })

    it('takes `outcomes` in the closing API, refusing unknown questions and codes with 422 and nothing written', async () => {
      const f = await episodeFixture(t.app)
      const bad = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary,
        outcomes: { learntSkills: 'maybe', volunteering: 'yes', medication: 'reduced' },
      })
      assert.equal(bad.statusCode, 422)
      assert.match(bad.headers['content-type'] as string, /application\/problem\+json/)
      assert.deepEqual(
        bad.json().errors.map((e: { field: string }) => e.field),
        ['outcomes.volunteering', 'outcomes.learntSkills'],
      )
      const notObject = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, { reason: 'goals_met', summary, outcomes: 'yes' })
      assert.equal(notObject.statusCode, 422)
      assert.equal(await status(f.episodeId), 'open')
      assert.equal(await row(f.episodeId), undefined)

      const ok = await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, {
        reason: 'goals_met',
        summary,
        outcomes: { statutoryGap: 'yes', carerSupportsAccess: 'not_known', employment: null, medication: 'not_asked' },
      })
      assert.equal(ok.statusCode, 200)
      const outcomes = ok.json().closingOutcomes
      assert.equal(outcomes.answers.statutoryGap, 'yes')
      assert.equal(outcomes.answers.carerSupportsAccess, 'not_known')
      assert.equal(outcomes.answers.medication, null)
      assert.ok(outcomes.editableUntil)
      assert.equal((await row(f.episodeId))?.statutory_gap, 'yes')
    })

    it('GET/PUT …/closing-outcomes and the page: only a closed episode, for 30 days, whole replacement, audited', async () => {
      const f = await episodeFixture(t.app)
      // Open: nothing to record yet.
      const open = await practitioner.api('PUT', `/api/v1/episodes/${f.episodeId}/closing-outcomes`, { learntSkills: 'yes' })
      assert.equal(open.statusCode, 409)
      assert.equal(open.json().code, 'episode_open')
      assert.equal((await practitioner.get(`/episodes/${f.episodeId}/closing-outcomes`)).statusCode, 409)
      await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, { reason: 'goals_met', summary })
      assert.equal(await row(f.episodeId), undefined)

      const empty = await practitioner.api('GET', `/api/v1/episodes/${f.episodeId}/closing-outcomes`)
      assert.equal(empty.statusCode, 200)
      assert.equal(empty.json().answers.learntSkills, null)
      assert.equal(empty.json().recordedAt, null)

      const put = await practitioner.api('PUT', `/api/v1/episodes/${f.episodeId}/closing-outcomes`, {
        learntSkills: 'yes',
        employment: 'into_work',
      })
      assert.equal(put.statusCode, 200)
      assert.equal(put.json().answers.employment, 'into_work')
      assert.equal(put.json().recordedBy, 'Rhian Practitioner')
      const bad = await practitioner.api('PUT', `/api/v1/episodes/${f.episodeId}/closing-outcomes`, { learntSkills: 'no', employment: 'promoted' })
      assert.equal(bad.statusCode, 422)
      assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['employment'])
      assert.equal((await row(f.episodeId))?.learnt_skills, 'yes', 'a refused PUT writes nothing')
      const array = await practitioner.api('PUT', `/api/v1/episodes/${f.episodeId}/closing-outcomes`, ['yes'])
      assert.equal(array.statusCode, 422)

      // The page: the saved answers chosen; a bad code refused with its message in Welsh; a good save replaces all.
      const page = await practitioner.get(`/episodes/${f.episodeId}/closing-outcomes`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /name="employment" type="radio" value="into_work" checked/)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      await welsh.get(`/episodes/${f.episodeId}/closing-outcomes?lng=cy`)
      const cy = await welsh.submit(`/episodes/${f.episodeId}/closing-outcomes?lng=cy`, { learntSkills: 'perhaps' })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Dewiswch a yw’r person wedi dysgu sgiliau newydd/)
      const saved = await practitioner.submit(`/episodes/${f.episodeId}/closing-outcomes`, { knowsSupport: 'yes', medication: 'no_change' })
      assert.equal(saved.statusCode, 303)
      assert.equal(saved.headers.location, `/people/${f.personId}?episode=outcomes#episode`)
      const replaced = await row(f.episodeId)
      assert.deepEqual([replaced?.learnt_skills, replaced?.employment, replaced?.knows_support, replaced?.medication], [null, null, 'yes', 'no_change'])
      assert.deepEqual(
        (await audits(f.episodeId)).filter((a) => a.startsWith('episode.closing_outcomes')),
        [
          'episode.closing_outcomes_form/success',
          'episode.closing_outcomes_view/success',
          'episode.closing_outcomes/success',
          'episode.closing_outcomes_view/success',
          'episode.closing_outcomes_form/success',
          'episode.closing_outcomes_form/success',
          'episode.closing_outcomes_form/success',
          'episode.closing_outcomes/success',
        ],
      )

      // Thirty days after closing the answers stand: the page says so and the API refuses, writing nothing.
      await db()
        .updateTable('episodes')
        .set({ ended_at: new Date(Date.now() - 31 * 86_400_000) })
        .where('id', '=', f.episodeId)
        .execute()
      const late = await practitioner.api('PUT', `/api/v1/episodes/${f.episodeId}/closing-outcomes`, { learntSkills: 'no' })
      assert.equal(late.statusCode, 409)
      assert.equal(late.json().code, 'outcomes_locked')
      const latePage = await practitioner.get(`/episodes/${f.episodeId}/closing-outcomes`)
      assert.equal(latePage.statusCode, 409)
      assert.match(latePage.body, /can no longer be changed/)
      assert.equal((await practitioner.submit(`/episodes/${f.episodeId}/closing-outcomes`, { learntSkills: 'no' })).statusCode, 409)
      assert.equal((await row(f.episodeId))?.learnt_skills, null)
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.doesNotMatch(person.body, /closing-outcomes"/, 'no link to change them any more')
      assert.equal((await practitioner.api('GET', `/api/v1/episodes/${f.episodeId}/closing-outcomes`)).json().editableUntil, null)
    })

    it('refuses another organisation (API 404, page 403, audited) and people without episodes access', async () => {
      const f = await episodeFixture(t.app)
      await practitioner.api('POST', `/api/v1/episodes/${f.episodeId}/close`, { reason: 'goals_met', summary, outcomes: { learntSkills: 'yes' } })
      const gwynedd = new Agent(t.app)
      await gwynedd.signIn('practitioner2')
      assert.equal((await gwynedd.api('GET', `/api/v1/episodes/${f.episodeId}/closing-outcomes`)).statusCode, 404)
      assert.equal((await gwynedd.api('PUT', `/api/v1/episodes/${f.episodeId}/closing-outcomes`, { learntSkills: 'no' })).statusCode, 404)
      assert.equal((await gwynedd.get(`/episodes/${f.episodeId}/closing-outcomes`)).statusCode, 403)
      assert.equal((await row(f.episodeId))?.learnt_skills, 'yes')
      const refusals = (await audits(f.episodeId)).filter((a) => a.endsWith('/refused'))
      assert.deepEqual(refusals, ['episode.view/refused', 'episode.manage/refused', 'episode.manage/refused'])
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      assert.equal((await commissioner.api('GET', `/api/v1/episodes/${f.episodeId}/closing-outcomes`)).statusCode, 403)
    })
  })
}
