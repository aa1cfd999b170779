import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { reportFixture } from '../../src/features/reports/fixture.js'
import { reportSource } from '../../src/features/reports/pages.js'
import { browserSuite, text, type Visitor } from './support.js'

/**
 * The RBA report in a real browser (issue 7 §5, §6), in Welsh and English (the check is both languages):
 * a team lead reads exact figures with charts and tables, changes the filter with the GET form, and opens the
 * printable version; the commissioner reads the same report suppressed, with the notes on hidden numbers. axe checks
 * every page. The report is the contract's fixture (every kind of measure), put in place of the engine's numbers.
 */
const original = { ...reportSource }
before(() => {
  reportSource.build = async (_db, filter, audience) => reportFixture(filter, audience)
})
after(() => {
  Object.assign(reportSource, original)
})

const noSidewaysScroll = async (v: Visitor) => {
  await v.page.setViewportSize({ width: 320, height: 640 })
  const width = await v.page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `${v.path()} is ${width} CSS pixels wide at a 320-pixel viewport`)
}

browserSuite('browser journeys: the RBA report', (rig) => {
  for (const lang of ['cy', 'en'] as const) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`a team lead reads the report, filters it and opens the printable version (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('teamlead', lang)
      await v.visit('/reports?from=2026-04-01&to=2026-09-30')
      assert.equal(await v.heading(), t('reports.title'))
      const table2 = v.page.locator('#table2')
      assert.equal((await table2.innerText()).trim(), t('reports.sections.table2'))
      assert.equal(await v.page.locator('svg.cyswllt-chart[role="img"]').count(), 8)
      const route = v.page.locator('[data-measure="cds41"]')
      assert.equal((await route.locator('[data-cell="row:third_sector"]').innerText()).trim(), '3')
      assert.equal(await route.locator('caption').innerText(), t('reports.measure.cds41'))
      assert.equal(await v.page.locator('#footnotes').count(), 0)
      await noSidewaysScroll(v)
      await v.page.setViewportSize({ width: 1280, height: 800 })

      await v.page.locator('#from-month').fill('5')
      await v.page.locator('#sex').selectOption('female')
      await v.clickButton(t('reports.filter.apply'))
      assert.match(v.path(), /from-month=5/)
      assert.match(v.path(), /sex=female/)
      assert.equal(await v.page.locator('#sex').inputValue(), 'female', 'the form keeps the choice')

      await v.clickLink(t('reports.print'))
      assert.equal(await v.heading(), t('reports.title'))
      assert.equal(await v.page.locator('[data-measure="cds122"]').count(), 1)
      await v.done()
    })

    it(`the commissioner reads the report suppressed, with the notes on hidden numbers (${lang})`, async () => {
      const v = await rig.visitor(lang)
      await v.signInAs('commissioner', lang)
      await v.visit('/reports?from=2026-04-01&to=2026-09-30')
      assert.equal(await v.heading(), t('reports.title'))
      assert.equal((await v.page.locator('#report-audience').innerText()).trim(), t('reports.audience.aggregate'))
      const route = v.page.locator('[data-measure="cds41"]')
      assert.equal((await route.locator('[data-cell="row:third_sector"]').innerText()).trim(), '<5')
      assert.equal((await route.locator('[data-cell="row:self"]').innerText()).trim(), '[c]')
      const notes = await v.page.locator('#footnotes').innerText()
      assert.ok(notes.includes(t('reports.footnotes.lessThanFive')) && notes.includes(t('reports.footnotes.suppressed')))
      assert.equal(await v.page.locator('#practitioner').count(), 0, 'no practitioner filter for a commissioner')
      await noSidewaysScroll(v)
      await v.done()
    })
  }
})
