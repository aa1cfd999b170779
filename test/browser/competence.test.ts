import assert from 'node:assert/strict'
import { it } from 'node:test'
import { loadCompetenceDemo } from '../../src/features/competence/demo.js'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * Self-assessment and the development plan in a real browser, in Welsh by default (issue 8 §2): the demo
 * practitioner opens her competence page (the demo's gap in 3.2 and plan item), meets the error summary on an empty
 * assessment, rates two areas, reads the history, adds a plan item from a proposed gap (after its error), changes it
 * and marks it done. axe checks every page on the way.
 */
browserSuite('browser journeys: competence self-assessment and development plan', (rig) => {
  /** Each language's journey starts from the demo as loaded: the previous journey's sitting and plan item go. */
  const freshDemo = async () => {
    assert.ok(rig.app, 'the app has not started')
    const db = rig.app.app.deps.database.db
    await db.deleteFrom('competence_self_assessments').execute()
    await db.deleteFrom('development_plan_items').execute()
    assert.equal(await loadCompetenceDemo(db), 3, 'the demo self-assessments did not load')
  }

  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`rates herself, reads the history and keeps her development plan (${lang})`, async () => {
      await freshDemo()
      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)
      await v.clickLink(t('competence.nav'))
      assert.equal(await v.heading(), t('competence.overview.title'))
      const gaps = await v.page.locator('#gaps').innerText()
      assert.ok(gaps.includes(`3.2`) && gaps.includes(t('competence.ratings.not_yet')), gaps)

      await v.clickButton(t('competence.overview.start'))
      assert.equal(await v.heading(), t('competence.assess.title'))
      await v.clickButton(t('competence.assess.save'), { status: 400 })
      assert.ok((await v.page.locator('.govuk-error-summary').innerText()).includes(t('competence.errors.noRatings')))
      // GOV.UK radios: the first item has the prefix as its id, the others -2, -3, -4 (the scale's order).
      await v.page.locator('#rating-3-2-2').check()
      await v.page.locator('#rating-4-1-4').check()
      await v.page.getByLabel(t('competence.assess.evidence', { area: '4.1' }), { exact: true }).fill('Adborth gan bobl')
      await v.clickButton(t('competence.assess.save'))
      assert.equal(await v.heading(), t('competence.overview.title'))
      assert.ok((await v.page.locator('.govuk-notification-banner').innerText()).includes(t('competence.notices.assessment')))

      await v.clickLink(t('competence.overview.historyLink'))
      assert.equal(await v.heading(), t('competence.history.title'))
      assert.equal(await v.page.locator('table').count(), 3, 'the two demo sittings and this one')
      assert.ok((await v.page.locator('table').first().innerText()).includes(t('competence.changes.up', { previous: t('competence.ratings.not_yet') })))

      await v.visit('/competence/plan')
      assert.equal(await v.heading(), t('competence.plan.title'))
      await v.clickLink(new RegExp(`^${t('competence.plan.addFor', { area: '1.6' }).replace(/[.()]/g, '\\$&')}`))
      assert.equal(await v.heading(), t('competence.plan.addTitle'))
      await v.clickButton(t('competence.plan.save'), { status: 400 })
      assert.ok((await v.page.locator('.govuk-error-summary').innerText()).includes(t('competence.plan.errors.actionMissing')))
      await v.fill({ [t('competence.plan.action')]: 'Cwrs newid ymddygiad' })
      await v.clickButton(t('competence.plan.save'))
      assert.equal(await v.heading(), t('competence.plan.title'))
      assert.ok((await v.page.locator('#plan').innerText()).includes('Cwrs newid ymddygiad'))

      await v.clickLink(`${t('competence.plan.edit')} 1.6`)
      assert.equal(await v.heading(), t('competence.plan.editTitle'))
      await v.page.getByLabel(t('competence.plan.statuses.in_progress'), { exact: true }).check()
      await v.clickButton(t('competence.plan.save'))
      await v.clickButton(t('competence.plan.completeLabel', { area: '1.6' }))
      assert.ok((await v.page.locator('.govuk-notification-banner').innerText()).includes(t('competence.notices.completed')))
      await v.done()
    })
  }
})
