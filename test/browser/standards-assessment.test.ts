import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { loadStandardsDemo } from '../../src/features/standards-assessment/demo.js'
import { todayInWales } from '../../src/features/what-matters/dates.js'
import { browserSuite, suiteLanguages, text, type Visitor } from './support.js'

/**
 * The Core Standards self-assessment in a real browser (issue 8 §6, §7), Welsh by default: the team lead reads the
 * demo assessment's summary, starts a new one from its ratings, meets the errors (completing with statements
 * unrated, an action due before the assessment), saves a draft, adds an action, and opens the printable summary
 * and the comparison. axe checks every page.
 */
const fillDate = async (v: Visitor, name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  await v.page.locator(`#${name}-day`).fill(String(Number(d)))
  await v.page.locator(`#${name}-month`).fill(String(Number(m)))
  await v.page.locator(`#${name}-year`).fill(y)
}

browserSuite('browser journeys: Core Standards self-assessment', (rig) => {
  before(async () => {
    assert.ok(rig.app, 'the app has not started')
    assert.equal(await loadStandardsDemo(rig.app.app.deps.database.db), 55, 'the demo assessment did not load')
  })

  for (const [i, lang] of suiteLanguages('cy').entries()) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`the team lead assesses the organisation against the Core Standards (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('teamlead', lang)
      await v.visit('/standards-assessment')
      assert.equal(await v.lang(), lang)
      assert.equal(await v.heading(), t('standardsAssessment.index.title'))
      // The demo's assessment has two open actions; with both languages, the second journey finds the first's draft, with one.
      assert.equal((await v.page.locator('#open-actions').innerText()).trim(), t('standardsAssessment.index.openActions', { count: i === 0 ? 2 : 1 }))

      await v.clickLink(t('standardsAssessment.index.new'))
      assert.equal(await v.heading(), t('standardsAssessment.new.title'))
      await fillDate(v, 'assessedOn', todayInWales(new Date()))
      await v.clickButton(t('standardsAssessment.new.submit'))
      assert.equal(await v.heading(), t('standardsAssessment.assessment.title'))
      // Started from the demo's ratings: the first statement is already rated fully met.
      assert.equal(await v.page.locator('input[name="rating-S1-26"][value="fully"]').isChecked(), true)
      assert.equal(await v.page.locator('span[lang="en"]').filter({ hasText: 'Build strong, trusting relationships through regular' }).count(), 1)

      await v.page.locator('input[name="rating-S1-27"][value="partly"]').check()
      await v.page.locator('#evidence-S1-27').fill('Half the team trained so far.')
      await v.clickButton(t('standardsAssessment.assessment.saveDraft'))
      assert.equal((await v.page.locator('.govuk-notification-banner__content').innerText()).trim(), t('standardsAssessment.saved.ratings'))
      assert.equal(await v.page.locator('input[name="rating-S1-27"][value="partly"]').isChecked(), true)

      await v.page.locator('#statementId').selectOption('S1.27')
      await v.fill({ [t('standardsAssessment.fields.action')]: 'Train the rest of the team', [t('standardsAssessment.fields.ownerName')]: 'Hyfforddwr allanol' })
      await fillDate(v, 'dueOn', '2020-01-01')
      await v.clickButton(t('standardsAssessment.actions.submit'), { status: 400 })
      const summary = await v.page.locator('.govuk-error-summary').innerText()
      assert.ok(summary.includes(t('standardsAssessment.errors.dueOnBeforeAssessment')), summary)
      assert.equal(await v.page.locator('.govuk-error-summary a').first().getAttribute('href'), '#dueOn-day')
      assert.equal(await v.page.locator('#action').inputValue(), 'Train the rest of the team')
      await fillDate(v, 'dueOn', '2099-01-31')
      await v.clickButton(t('standardsAssessment.actions.submit'))
      assert.equal((await v.page.locator('.govuk-notification-banner__content').innerText()).trim(), t('standardsAssessment.saved.action'))
      assert.ok((await v.page.locator('#action-list').innerText()).includes('Hyfforddwr allanol'))

      await v.clickLink(t('standardsAssessment.assessment.print'))
      assert.equal(await v.heading(), t('standardsAssessment.print.title'))
      await v.clickLink(t('standardsAssessment.print.back'))
      await v.navigate(() => v.page.locator('main a[href$="/compare"]').first().click())
      assert.equal(await v.heading(), t('standardsAssessment.compare.title'))
      await v.done()
    })
  }
})
