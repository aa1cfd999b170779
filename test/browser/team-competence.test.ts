import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { seedTwoPractitioners } from '../../src/features/team-competence/testing.js'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * The team's competence in a real browser (issue 8 §3): the demo team lead opens the view, picks a team of two
 * practitioners whose self-assessments are put straight into the test's database, and reads who covers CF 3.1 and
 * 3.2 and the warning that nobody covers 3.3. Both languages, always: axe checks every page.
 */
browserSuite('browser journeys: the team’s competence', (rig) => {
  let seeded: Awaited<ReturnType<typeof seedTwoPractitioners>>
  before(async () => {
    assert.ok(rig.app, 'the app has not started')
    seeded = await seedTwoPractitioners(rig.app.app.deps.database.db)
  })

  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`a team lead sees which of CF 3.1–3.3 the team covers as a group (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('teamlead', lang)
      await v.visit('/competence/team')
      assert.equal(await v.heading(), t('teamCompetence.title'))
      await v.page.getByLabel(t('teamCompetence.teamFilter'), { exact: true }).selectOption({ label: lang === 'cy' ? 'Cwmpas' : 'Coverage' })
      await v.clickButton(t('teamCompetence.show'))
      assert.ok(v.page.url().endsWith(`/competence/team?team=${seeded.teamId}`), v.page.url())
      const card = (area: string) => v.page.locator(`#coverage-${area}`).innerText()
      assert.match(await card('3-1'), new RegExp(`Ann Ashby \\(${t('teamCompetence.ratings.competent')}\\)`))
      assert.match(await card('3-2'), new RegExp(`Bryn Bevan \\(${t('teamCompetence.ratings.can_support_others')}\\)`))
      assert.ok((await card('3-3')).includes(t('teamCompetence.coverage.notCovered', { area: '3.3' })))
      const rows = v.page.locator('#matrix-caption').locator('xpath=..').locator('tbody tr')
      assert.equal(await rows.count(), 2)
      assert.equal((await rows.nth(0).locator('th').innerText()).trim(), 'Ann Ashby')
      assert.equal(await v.page.getByRole('link', { name: t('teamCompetence.matrix.csv') }).getAttribute('href'), `/competence/team.csv?team=${seeded.teamId}`)
      await v.done()
    })
  }
})
