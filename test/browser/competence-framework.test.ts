import assert from 'node:assert/strict'
import { it } from 'node:test'
import { areaOf } from '../../src/features/competence-framework/contract.js'
import { allLanguages, browserSuite, otherLanguage, suiteLanguages, text } from './support.js'

/**
 * The Competence Framework in a real browser (issue 8 §1), in Welsh (both languages with BROWSER_ALL_LANGUAGES=1):
 * a practitioner opens the contents, follows an area, pages on to the next, comes back, switches language (so the
 * English pages are checked too), and meets the not-found page for an area that does not exist; the team lead reads
 * it on a phone without JavaScript. axe checks every page on the way.
 */
browserSuite('browser journeys: the Competence Framework', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    const label = (id: string) => `${id} ${areaOf(id)!.title[lang]}`

    it(`reads the framework's contents and areas, statements in English (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)
      await v.visit('/competence-framework')
      assert.equal(await v.heading(), t('competenceFramework.title'))
      assert.equal(await v.page.locator('main h2').count(), 7)
      assert.equal(await v.page.locator('main a[href^="/competence-framework/"]').count(), 31)

      await v.clickLink(label('1.2b'))
      assert.equal(await v.heading(), label('1.2b'))
      assert.equal(await v.page.locator('#statements').getAttribute('lang'), lang === 'cy' ? 'en' : null)
      assert.equal(await v.page.locator('#statements .cyswllt-statement').count(), 10)
      assert.deepEqual(await v.page.locator('#statements h2').allInnerTexts(), [
        'Shared decision-making and co-production',
        'Co-production',
      ])

      await v.clickLink(new RegExp(`^${t('common.pagination.next')}`))
      assert.equal(await v.heading(), label('1.2c'))
      await v.clickLink(t('common.back'))
      assert.equal(await v.heading(), t('competenceFramework.title'))

      await v.visit('/competence-framework/7.1')
      await v.switchLanguage(otherLanguage(lang))
      assert.equal(await v.heading(), `7.1 ${areaOf('7.1')!.title[otherLanguage(lang)]}`)
      await v.visit('/competence-framework/8.1', { status: 404 })
      await v.done()
    })

    it(`works on a phone without JavaScript (${lang})`, async () => {
      const v = await rig.visitor(lang, { phoneWithoutJavaScript: true })
      await v.signInAs('teamlead', lang)
      await v.visit('/competence-framework')
      await v.clickLink(label('5.4'))
      assert.equal(await v.heading(), label('5.4'))
      assert.equal(await v.page.locator('#statements .cyswllt-statement').count(), 5)
      // Areas of every shape (headings, nested lists, notes, a/b/c sub-areas, the meta-competences) under axe; the
      // pages share one template, and reference.test.ts checks every area's text, so all 31 would only add time.
      for (const id of lang === 'en' || !allLanguages ? ['1.1', '1.2a', '1.3', '2.6', '5.2a', '6.1', '7.1'] : ['2.6', '6.1']) {
        await v.visit(`/competence-framework/${id}`)
        assert.equal(await v.heading(), label(id))
      }
      await v.done()
    })
  }
})
