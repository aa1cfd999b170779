import assert from 'node:assert/strict'
import { it } from 'node:test'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * The Core Data Set catalogue in a real browser (issue 7 §1), Welsh first: the catalogue with its coverage summary,
 * a filter sent with the GET form, a statement and its definition; axe checks every page, and the table scrolls
 * inside its region on a phone rather than the whole page scrolling sideways.
 */
browserSuite('browser journeys: the Core Data Set catalogue', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`shows the catalogue, filters it and opens a statement's definition (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('commissioner', lang)
      await v.clickLink(t('coreDataSet.nav'), {}, v.page.locator('nav.govuk-service-navigation'))
      assert.equal(await v.heading(), t('coreDataSet.title'))
      assert.equal(
        (await v.page.locator('#covered').innerText()).trim(),
        t('coreDataSet.summary.covered', { covered: 118, total: 125 }),
      )
      assert.equal(await v.page.locator('#statements tbody tr').count(), 125)
      if (lang === 'cy') assert.equal(await v.page.locator('#statement-108 td[lang="en"]').count(), 1)

      await v.page.getByLabel(t('coreDataSet.filters.coverage'), { exact: true }).selectOption('outside')
      await v.page.getByLabel(t('coreDataSet.filters.cluster'), { exact: true }).selectOption('3')
      await v.clickButton(t('coreDataSet.filters.apply'))
      assert.deepEqual(await v.page.locator('#statements tbody tr').evaluateAll((rows) => rows.map((r) => r.id)), [
        'statement-56',
        'statement-85',
      ])

      await v.page.setViewportSize({ width: 320, height: 640 })
      const width = await v.page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 320, `the catalogue is ${width} CSS pixels wide at a 320-pixel viewport`)

      await v.clickLink(t('coreDataSet.statementPage.view', { number: 85 }))
      assert.equal(await v.heading(), t('coreDataSet.statementPage.title', { number: 85 }))
      assert.equal((await v.page.locator('#definition-text').innerText()).trim(), t('coreDataSet.definition.cds85'))
      await v.visit('/core-data-set/91#definition')
      assert.equal((await v.page.locator('#definition').innerText()).trim(), t('coreDataSet.statementPage.definition'))
      await v.done()
    })
  }
})
