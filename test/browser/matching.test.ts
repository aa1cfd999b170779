import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { addService } from '../../src/features/directory/matching/fixture.js'
import { makeReferral } from '../../src/features/triage/test-referrals.js'
import { browserSuite, otherLanguage, suiteLanguages, text } from './support.js'

/**
 * Suggested services on the person page and the gaps in provision page (issue 4 items 7 and 9), in a real browser,
 * once in each language, axe checking every page on the way.
 */
browserSuite('browser journeys: suggested services and gaps in provision', (rig) => {
  let personId = ''
  let chatId = ''
  before(async () => {
    assert.ok(rig.app, 'the app has not started')
    const app = rig.app.app
    const db = app.deps.database.db
    chatId = await addService(db, { name: 'Cardiff Chat Café', nameCy: 'Caffi Sgwrs Caerdydd', categories: ['social'], kmNorth: 2.3, welsh: 'welsh_medium', access: ['step_free'] })
    await addService(db, { name: 'Riverside Walking Group', categories: ['social'], kmNorth: 0.8, capacity: 'waiting_list', waitingWeeks: 6 })
    personId = (await makeReferral(app, { reasons: ['loneliness_isolation'], language: 'cy', welshOfferMade: 'yes' })).personId
    await db.updateTable('people').set({ disability: 'limited_a_lot' }).where('id', '=', personId).execute()
    for (let i = 0; i < 5; i++) await makeReferral(app, { reasons: ['housing'] })
  })

  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`a practitioner sees suggested services with the reasons and opens one (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)
      await v.visit(`/people/${personId}`)
      const section = v.page.locator('.app-suggested-services')
      assert.ok(await v.page.getByRole('heading', { name: t('directory.matching.title'), exact: true }).isVisible())
      const first = section.locator('li').first()
      assert.equal(await first.getByRole('link').getAttribute('href'), `/directory/services/${chatId}`)
      const reasons = lang === 'cy' ? 'lleihau unigrwydd; cyfrwng Cymraeg; heb risiau; 2.3 km' : 'reduce isolation; Welsh-medium; step-free; 2.3 km'
      assert.ok((await first.innerText()).includes(reasons), await first.innerText())
      assert.ok((await section.innerText()).includes(t('directory.matching.tags.waitingList')))
      // The heading is the person's name in either language, so the toggle's own check does not apply: ask for the other.
      const other = otherLanguage(lang)
      await v.visit(`/people/${personId}?lng=${other}`)
      assert.equal(await v.lang(), other)
      assert.ok(await v.page.getByRole('heading', { name: text(other, 'directory.matching.title'), exact: true }).isVisible())
      await v.clickLink(lang === 'cy' ? 'Cardiff Chat Café' : 'Caffi Sgwrs Caerdydd')
      assert.equal(v.path(), `/directory/services/${chatId}`)
      await v.done()
    })

    it(`a commissioner reads the gaps in provision, changes the distance and is told about bad input (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('commissioner', lang)
      await v.clickLink(t('common.nav.gaps'))
      assert.equal(v.path(), '/directory/gaps')
      assert.equal(await v.heading(), t('directory.gaps.title'))
      const table = v.page.locator('table.govuk-table')
      const body = await table.innerText()
      assert.ok(body.includes(lang === 'cy' ? 'Caerdydd' : 'Cardiff'))
      assert.ok(body.includes(lang === 'cy' ? 'Tai' : 'Housing'))
      assert.ok(body.includes(t('directory.gaps.fewerThanFive')))
      await v.page.getByLabel(t('directory.gaps.withinOption', { km: 25 }), { exact: true }).check()
      await v.clickButton(t('directory.gaps.show'))
      assert.match(v.path(), /within=25/)
      assert.ok((await v.page.locator('caption').innerText()).includes('25 km'))
      assert.equal(await v.page.getByRole('link', { name: t('directory.gaps.download') }).getAttribute('href'), '/directory/gaps.csv?within=25')
      await v.visit('/directory/gaps?within=3', { status: 400 })
      const summary = v.page.locator('.govuk-error-summary')
      assert.ok((await summary.innerText()).includes(t('directory.gaps.errors.within')))
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#within')
      await v.switchLanguage(otherLanguage(lang))
      await v.done()
    })
  }
})
