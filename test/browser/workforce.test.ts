import assert from 'node:assert/strict'
import { it } from 'node:test'
import { loadWorkforceDemo } from '../../src/features/workforce/demo.js'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * The workforce record in a real browser (issue 8 §5, §7), in English (both languages with
 * BROWSER_ALL_LANGUAGES=1): the team lead sees the DBS renewal reminders, meets the training form's error summary,
 * opens a record; the commissioner sees only the dataset. axe checks every page on the way (Visitor.check).
 */
browserSuite('browser journeys: the workforce record and dataset', (rig) => {
  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`team lead: reminders, a training error, a record; commissioner: the dataset only (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      await loadWorkforceDemo(rig.app.app.deps.database.db)
      const lead = await rig.visitor(lang)
      await lead.signInAs('teamlead', lang)
      await lead.visit('/workforce')
      assert.equal(await lead.heading(), t('workforce.title'))
      assert.ok((await lead.page.locator('#reminders').innerText()).includes(t('workforce.reminders.heading')))
      await lead.clickLink(t('workforce.training.title'))
      await lead.clickButton(t('workforce.training.save'), { status: 400 })
      assert.ok((await lead.page.locator('.govuk-error-summary').innerText()).includes(t('workforce.errors.titleMissing')))
      await lead.visit('/workforce')
      await lead.clickLink('Siân Team Lead', {}, lead.page.locator('#staff'))
      assert.ok((await lead.page.locator('#dbs-checks').innerText()).includes(t('workforce.dbsStatuses.overdue')))
      await lead.visit('/workforce/volunteers')
      await lead.visit('/workforce/report')
      assert.equal(await lead.heading(), t('workforce.report.title'))
      await lead.done()

      const commissioner = await rig.visitor(lang)
      await commissioner.signInAs('commissioner', lang)
      await commissioner.visit('/workforce/report')
      const body = await commissioner.page.locator('main').innerText()
      assert.ok(body.includes(t('workforce.report.audience.aggregate')))
      assert.ok(!body.includes('Siân'), 'no names for commissioners')
      await commissioner.done()
    })
  }
})
