import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connectionFixture } from '../../src/features/connections/testing.js'
import { themeName } from '../../src/features/directory/matching/themes.js'
import { addDays } from '../../src/features/follow-ups/schedule.js'
import { browserSuite, suiteLanguages, text, type Visitor } from './support.js'

/**
 * The 'What Matters' conversation and the co-produced action plan in a real browser, in Welsh and then in English
 * (issue 5 items 3 and 4): the practitioner records the conversation (after meeting the error summary),
 * co-produces a plan with two goals, records a review with new confidence and motivation scores, and opens the
 * printable plan, in the person's own language, and its large-print version. axe checks every page on the way.
 */
const fillDate = async (v: Visitor, name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  await v.page.locator(`#${name}-day`).fill(String(Number(d)))
  await v.page.locator(`#${name}-month`).fill(String(Number(m)))
  await v.page.locator(`#${name}-year`).fill(y)
}

browserSuite('browser journeys: What Matters and the action plan', (rig) => {
  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`records the conversation, co-produces a plan, reviews it and prints it (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const f = await connectionFixture(rig.app.app)
      // The person reads the language of this journey; the printed plan follows the person, not the page.
      await rig.app.app.deps.database.db
        .updateTable('people')
        .set({ language: lang })
        .where('id', '=', f.personId)
        .execute()
      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)
      await v.visit(`/people/${f.personId}`)

      await v.clickButton(t('whatMatters.section.record'))
      assert.equal(await v.heading(), t('whatMatters.form.title'))
      assert.ok((await v.page.locator('aside').last().innerText()).includes(t('whatMatters.guidance.prompts.goneWell')))
      // Completed, but nothing said about what matters: refused with the error summary.
      await fillDate(v, 'heldOn', addDays(new Date(), -1))
      await v.page.locator('#completed').check()
      await v.clickButton(t('whatMatters.form.submit'), { status: 400 })
      assert.ok(
        (await v.page.locator('.govuk-error-summary').innerText()).includes(t('whatMatters.errors.themesMissing')),
      )
      await v.page.getByLabel(themeName('reduce_isolation', lang), { exact: true }).check()
      await v.page.getByLabel(themeName('be_more_active', lang), { exact: true }).check()
      await v.fill({
        [t('whatMatters.form.ownWords')]: lang === 'cy' ? 'Cael pobl i siarad â nhw' : 'Having people to talk to',
      })
      await v.page.getByLabel(t('whatMatters.domains.social_connection'), { exact: true }).check()
      await v.page.getByLabel(t('whatMatters.preferences.settingPreference.outdoor'), { exact: true }).check()
      await v.clickButton(t('whatMatters.form.submit'))
      assert.equal(v.path(), `/people/${f.personId}?whatMatters=recorded`)
      const section = await v.page.locator('main').innerText()
      assert.ok(section.includes(themeName('reduce_isolation', lang)))
      assert.ok(section.includes(t('whatMatters.comparison.different')))

      await v.clickButton(t('plans.view.create'))
      assert.equal(await v.heading(), t('plans.edit.newTitle'))
      await fillDate(v, 'reviewOn', addDays(new Date(), 28))
      await v.fill({
        [t('plans.edit.goalLabel', { n: 1 })]: lang === 'cy' ? 'Ymuno â grŵp cerdded' : 'Join a walking group',
        [t('plans.edit.confidenceLabel', { n: 1 })]: '4',
        [t('plans.edit.motivationLabel', { n: 1 })]: '8',
        [t('plans.edit.goalLabel', { n: 2 })]: lang === 'cy' ? 'Dysgu galw fideo' : 'Learn to video call',
        [t('plans.edit.confidenceLabel', { n: 2 })]: '2',
        [t('plans.edit.motivationLabel', { n: 2 })]: '9',
        [t('plans.fields.selfActions')]: lang === 'cy' ? 'Cerdded i’r siop bob dydd' : 'Walk to the shop every day',
      })
      await v.page.locator('#coProduced').check()
      await v.page.locator('#agreed').check()
      await v.page.locator('#agreementMethod').check()
      await fillDate(v, 'agreedOn', addDays(new Date(), 0))
      await v.clickButton(t('plans.edit.submit'))
      assert.equal(v.path(), `/people/${f.personId}/plan?saved=version`)
      assert.ok(
        (await v.page.locator('.govuk-table').innerText()).includes(
          t('plans.view.scores', { confidence: 4, motivation: 8 }),
        ),
      )

      await v.clickButton(t('plans.view.review'))
      assert.equal(await v.heading(), t('plans.review.title'))
      await fillDate(v, 'reviewedOn', addDays(new Date(), 0))
      await fillDate(v, 'nextReviewOn', addDays(new Date(), 42))
      for (const [i, label] of [
        [1, 'confidenceLabel'],
        [1, 'motivationLabel'],
        [2, 'confidenceLabel'],
        [2, 'motivationLabel'],
      ] as const)
        await v.fill({ [t(`plans.edit.${label}`, { n: i })]: label === 'confidenceLabel' ? String(5 + i) : '9' })
      await v.clickButton(t('plans.review.submit'))
      assert.equal(v.path(), `/people/${f.personId}/plan?saved=review`)
      const table = await v.page.locator('.govuk-table').innerText()
      assert.ok(table.includes(t('plans.view.scores', { confidence: 6, motivation: 9 })))
      assert.ok(table.includes(t('plans.view.scores', { confidence: 7, motivation: 9 })))

      await v.clickLink(t('plans.view.print'))
      assert.equal(await v.lang(), lang)
      assert.equal(await v.heading(), text(lang, 'plans.print.heading', { name: `${f.givenName} ap Llŷr` }))
      assert.equal(await v.page.locator('.govuk-service-navigation').count(), 0)
      assert.equal(await v.page.locator('body.plan-print--large').count(), 0)
      await v.clickLink(text(lang, 'plans.print.large'))
      assert.equal(await v.page.locator('body.plan-print--large').count(), 1)
      assert.equal(v.path(), `/people/${f.personId}/plan/print?size=large`)
      await v.done()
    })
  }
})
