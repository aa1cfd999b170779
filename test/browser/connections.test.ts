import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connectionFixture } from '../../src/features/connections/testing.js'
import { browserSuite, otherLanguage, suiteLanguages, text } from './support.js'

/**
 * Connections to community assets in a real browser, once in each language (issue 4 §8): a practitioner refers a
 * person to the demo asset's service, sharing only what they tick (after meeting the error summary); the asset user
 * sees only those fields, accepts and records the first attendance; the practitioner sees the new status and its
 * history on the person page. axe checks every page on the way.
 */
browserSuite('browser journeys: connections to community assets', (rig) => {
  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`practitioner refers, the asset accepts and records attendance, the practitioner sees it (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const f = await connectionFixture(rig.app.app)
      const serviceName = (await rig.app.app.deps.database.db.selectFrom('services').select(['name', 'name_cy']).where('id', '=', f.shedService).executeTakeFirstOrThrow())
      const shown = lang === 'cy' ? (serviceName.name_cy as string) : serviceName.name
      const fullName = `${f.givenName} ap Llŷr`

      const practitioner = await rig.visitor(lang)
      await practitioner.signInAs('practitioner', lang)
      await practitioner.visit(`/people/${f.personId}`)
      await practitioner.clickButton(t('connections.section.connect'))
      assert.equal(await practitioner.heading(), t('connections.connect.title'))
      await practitioner.fill({ [t('connections.connect.searchLabel')]: serviceName.name.split(' ').at(-1) as string })
      await practitioner.clickButton(t('connections.connect.search'))
      // A referral with nothing ticked to share is refused with the error summary.
      await practitioner.page.getByLabel(shown, { exact: true }).check()
      await practitioner.page.getByLabel(t('connections.kinds.referral'), { exact: true }).check()
      await practitioner.clickButton(t('connections.connect.submit'), { status: 400 })
      const summary = practitioner.page.locator('.govuk-error-summary')
      assert.ok((await summary.innerText()).includes(t('connections.errors.fieldsMissing')))
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#fields')
      await practitioner.page.getByLabel(t('connections.fields.name'), { exact: true }).check()
      await practitioner.page.getByLabel(t('connections.fields.note'), { exact: true }).check()
      await practitioner.fill({ [t('connections.connect.noteLabel')]: lang === 'cy' ? 'Hoffai ddysgu gwaith coed' : 'Would like to learn woodwork' })
      await practitioner.clickButton(t('connections.connect.submit'))
      assert.equal(new URL(practitioner.page.url()).pathname, `/people/${f.personId}`)
      const section = practitioner.page.locator('.govuk-summary-card').filter({ hasText: shown }).filter({ hasText: t('connections.section.status') })
      assert.ok((await section.innerText()).includes(t('connections.statuses.referred')))
      await practitioner.done()

      const asset = await rig.visitor(lang)
      await asset.signInAs('asset', lang)
      await asset.clickLink(text(lang, 'assetPortal.nav'))
      assert.equal(asset.path(), '/asset')
      await asset.clickLink(fullName)
      const needToKnow = await asset.page.locator('#need-to-know').innerText()
      assert.ok(needToKnow.includes(fullName))
      assert.ok(needToKnow.includes(lang === 'cy' ? 'Hoffai ddysgu gwaith coed' : 'Would like to learn woodwork'))
      const body = await asset.page.locator('main').innerText()
      for (const withheld of ['029 2000 0000', 'sian@example.org', 'CF10 1AA', '1960']) assert.ok(!body.includes(withheld), `the asset sees ${withheld}`)
      // Declining without a reason is refused; then accept, then record the first attendance.
      await asset.page.getByLabel(t('assetPortal.actions.declined'), { exact: true }).check()
      await asset.clickButton(t('assetPortal.connection.submit'), { status: 400 })
      assert.ok((await asset.page.locator('.govuk-error-summary').innerText()).includes(t('connections.errors.reasonMissing')))
      await asset.page.getByLabel(t('assetPortal.actions.accepted'), { exact: true }).check()
      await asset.clickButton(t('assetPortal.connection.submit'))
      assert.ok((await asset.page.locator('.govuk-notification-banner').innerText()).includes(t('assetPortal.connection.updated')))
      await asset.page.getByLabel(t('assetPortal.actions.first_attended'), { exact: true }).check()
      await asset.clickButton(t('assetPortal.connection.submit'))
      await asset.switchLanguage(otherLanguage(lang))
      await asset.done()

      const back = await rig.visitor(lang)
      await back.signInAs('practitioner', lang)
      await back.visit(`/people/${f.personId}`)
      const card = back.page.locator('.govuk-summary-card').filter({ hasText: shown }).filter({ hasText: t('connections.section.status') })
      assert.ok((await card.innerText()).includes(t('connections.statuses.first_attended')))
      await card.locator('summary').click()
      const history = await card.locator('.govuk-details').innerText()
      for (const status of ['referred', 'accepted', 'first_attended']) assert.ok(history.includes(t(`connections.statuses.${status}`)), status)
      // What the person tells the practitioner: they went again.
      await back.navigate(() => card.getByRole('link', { name: new RegExp(t('connections.section.record')) }).click())
      assert.equal(await back.heading(), t('connections.progress.title'))
      assert.equal(await back.page.getByLabel(t('connections.progress.actions.first_attended'), { exact: true }).count(), 0)
      await back.page.getByLabel(t('connections.progress.actions.attending'), { exact: true }).check()
      await back.clickButton(t('connections.progress.submit'))
      assert.ok((await back.page.locator('.govuk-summary-card').filter({ hasText: shown }).filter({ hasText: t('connections.section.status') }).innerText()).includes(t('connections.statuses.attending')))
      await back.done()
    })
  }
})
