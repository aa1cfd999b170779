import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connectionFixture } from '../../src/features/connections/testing.js'
import { themeName } from '../../src/features/directory/matching/themes.js'
import { addDays } from '../../src/features/follow-ups/schedule.js'
import { browserSuite, suiteLanguages, text, type Visitor } from './support.js'

/**
 * Case studies and 'you said, we did' in a real browser, in Welsh (issue 6 §6): a practitioner writes a story (after
 * meeting the error summary), the automatic screen warns of the person's name, she completes the anonymisation
 * check; the team lead signs it off; consent is recorded and the story printed for sharing. Then feedback is logged,
 * marked done and the public summary printed. axe checks every page on the way.
 */
const fillDate = async (v: Visitor, name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  await v.page.locator(`#${name}-day`).fill(String(Number(d)))
  await v.page.locator(`#${name}-month`).fill(String(Number(m)))
  await v.page.locator(`#${name}-year`).fill(y)
}

browserSuite('browser journeys: case studies and you said, we did', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`writes, checks, signs off, consents and prints a case study; logs and prints what was done (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const f = await connectionFixture(rig.app.app)
      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)
      await v.clickLink(t('caseStudies.nav'))
      assert.equal(await v.heading(), t('caseStudies.list.title'))
      await v.clickLink(t('caseStudies.list.new'))
      assert.equal(await v.heading(), t('caseStudies.form.newTitle'))
      await v.clickButton(t('caseStudies.form.submit'), { status: 400 })
      const summary = await v.page.locator('.govuk-error-summary').innerText()
      assert.ok(summary.includes(t('caseStudies.errors.titleMissing')))
      assert.ok(summary.includes(t('caseStudies.errors.whatChangedMissing')))

      await v.fill({
        [t('caseStudies.fields.title')]: lang === 'cy' ? 'Yn ôl yn y rhandir' : 'Back at the allotment',
        [t('caseStudies.fields.whatMattered')]:
          lang === 'cy' ? 'Bod allan gyda phobl eraill' : 'Being outdoors with others',
        [t('caseStudies.fields.support')]:
          lang === 'cy' ? 'Cyflwyniad i grŵp cerdded' : 'An introduction to a walking group',
        [t('caseStudies.fields.whatChanged')]:
          `${f.givenName} ${lang === 'cy' ? 'yn cerdded bob wythnos' : 'walks every week'}`,
        [t('caseStudies.fields.tags')]: lang === 'cy' ? 'cerdded' : 'walking',
      })
      await v.page.getByLabel(t('caseStudies.perspectives.person'), { exact: true }).check()
      await v.page.getByLabel(themeName('reduce_isolation', lang), { exact: true }).check()
      await v.page.locator('#personId').selectOption(f.personId)
      await v.clickButton(t('caseStudies.form.submit'))
      assert.ok(v.path().endsWith('?created=1'))
      const caseUrl = v.path().split('?')[0] as string
      const warnings = await v.page.locator('#screen-warnings').innerText()
      assert.ok(warnings.includes(t('caseStudies.screen.kinds.given_name', { found: f.givenName })))

      await v.clickButton(t('caseStudies.check.submit'), { status: 400 }, v.page.locator('main'))
      assert.ok(
        (await v.page.locator('.govuk-error-summary').innerText()).includes(
          t('caseStudies.errors.checklistIncomplete'),
        ),
      )
      for (const item of ['names', 'places', 'dates', 'details', 'photos', 'seen'])
        await v.page.getByLabel(t(`caseStudies.checklist.${item}`), { exact: true }).check()
      await v.clickButton(t('caseStudies.check.submit'))
      assert.ok((await v.page.locator('#awaiting-sign-off').innerText()).includes(t('caseStudies.check.ownAwaiting')))
      await v.done()

      const lead = await rig.visitor(lang)
      await lead.signInAs('teamlead', lang)
      await lead.visit(caseUrl)
      await lead.clickButton(t('caseStudies.check.approve'))
      assert.ok(lead.path().endsWith('?approved=1'))
      await fillDate(lead, 'consentGivenOn', addDays(new Date(), -1))
      await lead.page.getByLabel(t('caseStudies.consentMethods.written'), { exact: true }).check()
      await lead.page.getByLabel(t('caseStudies.consentScopes.published'), { exact: true }).check()
      await lead.clickButton(t('caseStudies.consent.submit'))
      await lead.clickLink(t('caseStudies.sharing.print'))
      assert.equal(await lead.lang(), lang)
      assert.equal(await lead.page.locator('.govuk-service-navigation').count(), 0)
      assert.ok(
        (await lead.page.locator('main').innerText()).includes(
          t('caseStudies.print.consent', { scope: t('caseStudies.consentScopes.published') }),
        ),
      )

      await lead.visit('/you-said-we-did')
      await lead.clickLink(t('caseStudies.feedback.list.new'))
      await fillDate(lead, 'receivedOn', addDays(new Date(), -10))
      await lead.page.getByLabel(t('caseStudies.feedback.sources.people'), { exact: true }).check()
      await lead.fill({
        [t('caseStudies.feedback.fields.said')]:
          lang === 'cy' ? 'Mae’r grŵp yn gorffen ar ôl y bws olaf' : 'The group ends after the last bus',
      })
      await lead.page.getByLabel(t('caseStudies.feedback.statuses.done'), { exact: true }).check()
      await lead.clickButton(t('caseStudies.feedback.form.submit'), { status: 400 }, lead.page.locator('main'))
      assert.ok(
        (await lead.page.locator('.govuk-error-summary').innerText()).includes(
          t('caseStudies.feedback.errors.actionNeededForDone'),
        ),
      )
      await lead.fill({
        [t('caseStudies.feedback.fields.action')]:
          lang === 'cy' ? 'Mae’r grŵp yn dechrau am 1pm nawr' : 'The group starts at 1pm now',
      })
      await fillDate(lead, 'doneOn', addDays(new Date(), -2))
      await lead.clickButton(t('caseStudies.feedback.form.submit'), {}, lead.page.locator('main'))
      assert.equal(lead.path(), '/you-said-we-did?added=1')
      await lead.clickLink(t('caseStudies.feedback.list.print'))
      assert.equal(await lead.heading(), t('caseStudies.feedback.print.title'))
      assert.ok((await lead.page.locator('main').innerText()).includes(lang === 'cy' ? '1pm nawr' : '1pm now'))
      // Phone-sized: every page of the feature reflows at 320px, with nothing to scroll sideways.
      await lead.page.setViewportSize({ width: 320, height: 800 })
      for (const path of ['/case-studies', caseUrl, `${caseUrl}/edit`, '/you-said-we-did', '/you-said-we-did/new']) {
        await lead.visit(path)
        assert.ok(
          (await lead.page.evaluate(() => document.documentElement.scrollWidth)) <= 320,
          `${path} is wider than 320px`,
        )
      }
      await lead.done()
    })
  }
})
