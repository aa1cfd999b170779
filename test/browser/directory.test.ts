import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { loadDemoServices } from '../../src/features/directory/demo/load.js'
import { uuidV5 } from '../../src/features/directory/demo/uuid.js'
import { loadDemoPostcodes } from '../../src/features/postcodes/demo.js'
import { browserSuite, otherLanguage, suiteLanguages, text } from './support.js'

const canAChwmni = uuidV5('service/can-a-chwmni')

/** "About 2.3 km away" / "Tua 2,3 km i ffwrdd" → 2.3 */
const km = (line: string) => Number((/([\d.,]+)\s*km/.exec(line)?.[1] ?? 'NaN').replace(',', '.'))

/**
 * The directory pages in a real browser, once in each language (issue 4 §3, "How it will be checked"): from the start
 * page to the search; a Welsh search typed without accents finds the Welsh-medium service whose name has them; a
 * postcode search sorted by distance lists the nearest first; a bad postcode is answered with an error summary and
 * nothing else changes; the service page shows what a practitioner must know. axe checks every page on the way.
 */
browserSuite('browser journeys: the community directory', (rig) => {
  before(async () => {
    assert.ok(rig.app, 'the app has not started')
    const db = rig.app.app.deps.database.db
    await loadDemoPostcodes(db)
    await loadDemoServices(db)
  })

  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`searches the directory without accents, by distance, and opens a service (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.visit('/')
      assert.equal(await v.lang(), lang)
      await v.clickLink(t('home.start.directory'))
      assert.equal(v.path(), '/directory')
      assert.equal(await v.heading(), t('directory.search.title'))

      // Words without the circumflex find "Cân a Chwmni Caernarfon", which is Welsh-medium.
      await v.fill({ [t('directory.search.words')]: 'can a chwmni' })
      await v.clickButton(t('directory.search.submit'))
      const first = v.page.locator('.app-directory-results > li').first()
      assert.equal(await first.getByRole('link').getAttribute('href'), `/directory/services/${canAChwmni}`)
      if (lang === 'cy') assert.equal((await first.getByRole('link').innerText()).trim(), 'Cân a Chwmni Caernarfon')
      assert.match(await first.innerText(), new RegExp(t('directory.labels.welshProvision.welsh_medium')))

      // A postcode, sorted by distance: nearest first, each within the distance chosen.
      await v.fill({ [t('directory.search.words')]: '', [t('directory.search.postcode')]: 'CF10 1AA' })
      await v.page.getByLabel(t('directory.search.within'), { exact: true }).selectOption('25')
      await v.page.getByLabel(t('directory.search.sort'), { exact: true }).selectOption('distance')
      await v.clickButton(t('directory.search.apply'))
      const lines = await v.page.locator('.app-directory-results > li').allInnerTexts()
      const distances = lines.map(km).filter((d) => !Number.isNaN(d))
      assert.ok(distances.length >= 3, `expected located results near CF10 1AA, got:\n${lines.join('\n---\n')}`)
      assert.deepEqual(distances, [...distances].sort((a, b) => a - b), 'results are not ordered by distance')
      assert.ok(distances.every((d) => d <= 25))

      // A postcode that does not exist: an error summary linked to the field, in the page's language.
      await v.fill({ [t('directory.search.postcode')]: 'ZZ99 9ZZ' })
      await v.clickButton(t('directory.search.apply'), { status: 400 })
      const summary = v.page.locator('.govuk-error-summary')
      assert.match(await summary.innerText(), new RegExp(t('directory.search.errors.postcodeNotFound').slice(0, 30)))
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#postcode')

      // The service page: what it offers, capacity, how to take part, in both languages.
      await v.visit(`/directory/services/${canAChwmni}`)
      if (lang === 'cy') assert.equal(await v.heading(), 'Cân a Chwmni Caernarfon')
      const body = await v.page.locator('main').innerText()
      for (const key of ['directory.service.offers', 'directory.service.capacity']) assert.ok(body.includes(t(key)), `${key} missing`)
      await v.switchLanguage(otherLanguage(lang))
      await v.done()
    })
  }

  it('says when a service has no Welsh text, and shows the English beside the note (cy)', async () => {
    assert.ok(rig.app)
    const db = rig.app.app.deps.database.db
    const englishOnly = await db.selectFrom('services').select(['id', 'name']).where('name_cy', 'is', null).where('status', '=', 'active').where('published', '=', true).executeTakeFirstOrThrow()
    const v = await rig.visitor('cy')
    await v.visit(`/directory/services/${englishOnly.id}`)
    assert.equal(await v.lang(), 'cy')
    assert.equal(await v.heading(), englishOnly.name)
    assert.equal(await v.page.locator('h1').getAttribute('lang'), 'en')
    assert.match(await v.page.locator('main').innerText(), new RegExp(text('cy', 'directory.service.notInWelsh')))
    await v.done()
  })
})
