import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { loadDemoServices } from '../../src/features/directory/demo/load.js'
import { loadDemoPostcodes } from '../../src/features/postcodes/demo.js'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * Editing the directory in a real browser, once in each language (issue 4 §4): an editor finds "Manage the directory"
 * in the menu, sees the flag counts, is stopped by the error summary on an empty form, creates a service and marks it
 * verified; the demo asset organisation's user updates a service's capacity and proposes a new description; the
 * editor approves it and the asset user sees the outcome. axe checks every page on the way.
 */
browserSuite('browser journeys: editing the directory', (rig) => {
  before(async () => {
    assert.ok(rig.app, 'the app has not started')
    const db = rig.app.app.deps.database.db
    await loadDemoPostcodes(db)
    await loadDemoServices(db)
  })

  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`an editor creates and verifies a service; an asset user updates capacity and proposes a description the editor approves (${lang})`, async () => {
      const serviceName = lang === 'cy' ? 'Clwb Trwsio Beiciau Bangor' : 'Bangor Bike Repair Club'
      const editor = await rig.visitor(lang)
      await editor.signInAs('editor', lang)
      // From the menu (the home page links there too).
      await editor.clickLink(t('directory.manage.nav'), {}, editor.page.locator('.govuk-service-navigation'))
      assert.equal(editor.path(), '/directory/manage')
      assert.equal(await editor.heading(), t('directory.manage.title'))
      assert.ok(Number(await editor.page.locator('#count-unverified').innerText()) > 0, 'the demo data has stale entries')

      await editor.clickButton(t('directory.manage.create'))
      await editor.clickButton(t('directory.manage.form.save'), { status: 400 })
      const summary = editor.page.locator('.govuk-error-summary')
      assert.match(await summary.innerText(), new RegExp(t('directory.manage.errors.nameMissing')))
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#name')

      await editor.fill({ [t(lang === 'cy' ? 'directory.manage.form.nameCy' : 'directory.manage.form.name')]: serviceName, [t('directory.manage.form.address1')]: '1 Ffordd y Coleg', [t('directory.manage.form.city')]: 'Bangor', [t('directory.manage.form.postcode')]: 'LL57 2DG' })
      const organisations = editor.page.getByLabel(t('directory.manage.form.organisation'), { exact: true })
      await organisations.selectOption({ index: 1 })
      await editor.page.getByLabel(t('directory.labels.capacity.places_available'), { exact: true }).check()
      await editor.page.getByLabel(t('directory.labels.welshProvision.bilingual'), { exact: true }).check()
      await editor.page.getByLabel(t('directory.manage.form.day'), { exact: true }).first().selectOption('TH')
      await editor.page.getByLabel(t('directory.manage.form.opens'), { exact: true }).first().fill('18:00')
      await editor.page.getByLabel(t('directory.manage.form.closes'), { exact: true }).first().fill('20:00')
      await editor.clickButton(t('directory.manage.form.save'))
      assert.match(await editor.page.locator('.govuk-notification-banner').innerText(), new RegExp(t('directory.manage.saved').slice(0, 20)))
      assert.match(await editor.page.locator('#verification').innerText(), new RegExp(t('directory.manage.verify.never')))
      await editor.clickButton(t('directory.manage.verify.button'))
      assert.match(await editor.page.locator('.govuk-notification-banner').innerText(), new RegExp(t('directory.manage.verify.done')))

      // The public search finds the new service at once.
      await editor.visit(`/directory?q=${encodeURIComponent(serviceName)}`)
      assert.equal((await editor.page.locator('.app-directory-results > li').first().getByRole('link').innerText()).trim(), serviceName)

      // The asset organisation's user: capacity, then a proposed description.
      const asset = await rig.visitor(lang)
      await asset.signInAs('asset', lang)
      assert.equal(await asset.page.locator('.govuk-service-navigation').getByRole('link', { name: t('directory.manage.nav') }).count(), 1)
      await asset.clickLink(t('directory.manage.titleAsset'), {}, asset.page.locator('main'))
      assert.equal(await asset.heading(), t('directory.manage.titleAsset'))
      await asset.navigate(() => asset.page.locator('table tbody tr').first().getByRole('link').first().click())
      assert.match(asset.path(), /\/update$/)
      await asset.page.getByLabel(t('directory.labels.capacity.waiting_list'), { exact: true }).check()
      await asset.fill({ [t('directory.manage.form.waitingListWeeks')]: '200' })
      await asset.clickButton(t('directory.manage.update.save'), { status: 400 })
      assert.match(await asset.page.locator('.govuk-error-summary').innerText(), new RegExp(t('directory.manage.errors.waitingWeeks', { min: 0, max: 104 })))
      await asset.fill({ [t('directory.manage.form.waitingListWeeks')]: '3' })
      await asset.clickButton(t('directory.manage.update.save'))
      assert.match(await asset.page.locator('.govuk-notification-banner').innerText(), new RegExp(t('directory.manage.update.saved').slice(0, 20)))

      const proposed = lang === 'cy' ? 'Gwaith coed, paned a sgwrs bob bore Mawrth.' : 'Woodwork, tea and a chat every Tuesday morning.'
      const field = t(lang === 'cy' ? 'directory.manage.form.descriptionCy' : 'directory.manage.form.description')
      await asset.fill({ [field]: proposed })
      await asset.clickButton(t('directory.manage.propose.submit'))
      assert.match(await asset.page.locator('#proposal-history').innerText(), new RegExp(t('directory.manage.propose.status.pending')))

      // The editor approves it from the queue.
      await editor.visit('/directory/manage/proposals')
      const card = editor.page.locator('.govuk-summary-card', { hasText: proposed })
      await editor.clickButton(t('directory.manage.proposals.approve'), {}, card)
      assert.match(await editor.page.locator('.govuk-notification-banner').innerText(), new RegExp(t('directory.manage.proposals.approved').slice(0, 10)))

      await asset.visit(asset.path().replace(/\?.*$/, ''))
      assert.match(await asset.page.locator('#proposal-history').innerText(), new RegExp(t('directory.manage.propose.status.approved')))
      assert.equal(await asset.page.getByLabel(field, { exact: true }).inputValue(), proposed)
      await asset.done()
      await editor.done()
    })
  }
})
