import assert from 'node:assert/strict'
import { it } from 'node:test'
import { episodeFixture } from '../../src/features/episodes/testing.js'
import { userId } from '../../src/features/triage/test-referrals.js'
import { browserSuite, suiteLanguages, text, type Visitor } from './support.js'

/**
 * Outcome measures with the practitioner in a real browser (issue 6 §2, §4), in Welsh first: SWEMWBS at baseline
 * (its items in English, with the page saying why), a follow-up, the person page's chart and table with the change
 * against the published thresholds, and a measure sent by link with its address shown once. axe checks every page.
 */
browserSuite('browser journeys: outcome measures', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    const takeSwemwbs = async (v: Visitor, personId: string, occasion: string, value: number) => {
      await v.visit(`/people/${personId}`)
      await v.clickButton(t('measures.section.take'))
      assert.equal(await v.heading(), t('measures.choose.title'))
      await v.page.getByLabel(t('measures.instruments.swemwbs'), { exact: true }).check()
      await v.page.getByLabel(t(`measures.occasions.${occasion}`), { exact: true }).check()
      await v.clickButton(t('measures.choose.continue'))
      assert.equal(await v.heading(), t('measures.instruments.swemwbs'))
      if (lang === 'cy') assert.ok((await v.page.locator('main').innerText()).includes(t('measures.take.fallback')))
      for (let i = 1; i <= 7; i++) await v.page.locator(`input[name="swemwbs_${i}"][value="${value}"]`).check()
      await v.clickButton(t('measures.take.finish'))
    }

    it(`takes SWEMWBS twice and sees the chart, table and change; sends one by link (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const db = rig.app.app.deps.database.db
      const f = await episodeFixture(rig.app.app)
      if (!(await db.selectFrom('instrument_permissions as p').select('p.id').where('p.organisation_id', '=', f.organisationId).where('p.instrument_id', '=', 'swemwbs').executeTakeFirst()))
        await db
          .insertInto('instrument_permissions')
          .values({ organisation_id: f.organisationId, instrument_id: 'swemwbs', kind: 'registration', reference: 'WARWICK-TEST-1', registered_on: '2026-01-01', recorded_by: await userId(rig.app.app, 'admin') })
          .execute()
      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)

      await takeSwemwbs(v, f.personId, 'baseline', 3)
      assert.ok((await v.page.locator('#measure-scores').innerText()).includes('19.25'))
      await takeSwemwbs(v, f.personId, 'follow_up', 4)
      assert.ok((await v.page.locator('#measure-scores').innerText()).includes('25.03'))

      await v.visit(`/people/${f.personId}`)
      const chart = v.page.locator('#measures-swemwbs svg[role="img"]')
      assert.equal(await chart.count(), 1)
      assert.ok(((await chart.getAttribute('aria-labelledby')) ?? '').length > 0)
      const table = await v.page.locator('#measures-swemwbs-table').innerText()
      assert.ok(table.includes('19.25') && table.includes('25.03'), table)
      const change = await v.page.locator('#measures-swemwbs-change').innerText()
      assert.ok(change.includes('+5.78'), change)
      assert.ok(change.includes(t('measures.change.meets_strict', { strict: 2.87, lenient: 1.03 })), change)

      await v.clickButton(t('measures.section.take'))
      await v.page.getByLabel(t('measures.instruments.swemwbs'), { exact: true }).check()
      await v.page.getByLabel(t('measures.occasions.review'), { exact: true }).check()
      await v.page.getByLabel(t('measures.choose.link'), { exact: true }).check()
      await v.clickButton(t('measures.choose.continue'))
      assert.equal(await v.heading(), t('measures.sent.title'))
      const address = await v.page.locator('#measure-link').innerText()
      assert.match(address, /\/q\/[A-Za-z0-9_-]{43}$/)
      await v.clickLink(t('measures.sent.open'))
      assert.ok(!(await v.page.content()).includes(address.split('/q/')[1] as string), 'the link is shown once')
      assert.ok((await v.page.locator('#link-state').innerText()).length > 0)

      // 320 CSS pixels wide (WCAG 1.4.10 reflow): the chart, its table and change fit, and the form has nothing to
      // scroll sideways. (The person page as a whole is checked by its own feature: another section's table is wider.)
      await v.page.setViewportSize({ width: 320, height: 640 })
      await v.visit(`/people/${f.personId}`)
      const right = await v.page.evaluate(() => Math.max(...[...document.querySelectorAll('#measures-swemwbs, #measures-swemwbs *')].map((e) => e.getBoundingClientRect().right)))
      assert.ok(right <= 320, `the measures section reaches ${right}px at 320`)
      await v.visit(`/people/${f.personId}/measures/take?instrument=swemwbs&occasion=review`)
      const width = await v.page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 320, `the measure form is ${width}px wide at 320`)
    })
  }
})
