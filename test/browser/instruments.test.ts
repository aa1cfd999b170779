import assert from 'node:assert/strict'
import { it } from 'node:test'
import { browserSuite, otherLanguage, suiteLanguages, text, type Visitor } from './support.js'

/**
 * The instrument catalogue and the organisation settings in a real browser (issue 6 §1): the catalogue and an
 * instrument's page with its provisional caveat, in the journey's language and then the other; an administrator
 * meets the error summary, records a Warwick registration and withdraws it, and meets a translation file's errors.
 * axe checks every page on the way.
 */
const fillDate = async (v: Visitor, name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  await v.page.locator(`#${name}-day`).fill(String(Number(d)))
  await v.page.locator(`#${name}-month`).fill(String(Number(m)))
  await v.page.locator(`#${name}-year`).fill(y)
}

/** The page fits a 320px-wide screen without sideways scrolling (WCAG 1.4.10 reflow). */
const fits = async (v: Visitor) => {
  const [scroll, client] = await v.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
  assert.ok((scroll as number) <= (client as number), `${v.path()} is ${scroll}px wide at 320px`)
}

browserSuite('browser journeys: instrument catalogue and settings', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`reads the catalogue and records, then withdraws, a registration (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const v = await rig.visitor(lang)
      await v.signInAs('admin', lang)
      await v.page.setViewportSize({ width: 320, height: 900 })

      await v.visit('/instruments')
      assert.equal(await v.heading(), t('instruments.catalogue.title'))
      await fits(v)
      await v.switchLanguage(otherLanguage(lang))
      await v.switchLanguage(lang)
      await v.clickLink('Short Warwick-Edinburgh Mental Wellbeing Scale')
      assert.ok((await v.page.locator('main').innerText()).includes(t('instruments.instrument.bandsProvisional')))
      await fits(v)

      await v.visit('/admin/instruments')
      assert.equal(await v.heading(), t('instruments.settings.title'))
      await v.page.locator('#instrumentId').selectOption('swemwbs')
      await v.clickButton(t('instruments.settings.record'), { status: 400 })
      const summary = await v.page.locator('.govuk-error-summary').innerText()
      assert.ok(summary.includes(t('instruments.settings.errors.referenceMissing')))
      assert.ok(summary.includes(t('instruments.settings.errors.registeredOnMissing')))
      await v.fill({ [t('instruments.settings.fields.reference')]: 'WAR-2026-01' })
      await fillDate(v, 'registeredOn', new Date(Date.now() - 86_400_000).toISOString().slice(0, 10))
      await v.clickButton(t('instruments.settings.record'))
      assert.ok(v.path().startsWith('/admin/instruments?organisation='))
      assert.ok((await v.page.locator('.govuk-summary-card').first().innerText()).includes('WAR-2026-01'))
      await v.clickButton(t('instruments.settings.withdrawLabel', { name: 'SWEMWBS', reference: 'WAR-2026-01' }))
      assert.ok((await v.page.locator('.govuk-summary-card').first().innerText()).includes(t('instruments.settings.states.withdrawn')))
      await fits(v)

      await v.clickButton(t('instruments.translations.load'))
      await v.page.locator('#translation').fill('{"instrumentId": "ucla3_ons", "language": "cy", "items": {}}')
      await v.clickButton(t('instruments.translations.submit'), { status: 400 })
      await fits(v)
      assert.ok((await v.page.locator('.govuk-error-summary').innerText()).includes(t('instruments.translations.errors.itemMissing', { item: 'ucla3_1' })))
    })
  }
})
