import assert from 'node:assert/strict'
import { it } from 'node:test'
import { makeReferral } from '../../src/features/triage/test-referrals.js'
import { browserSuite, otherLanguage, suiteLanguages, text } from './support.js'

/**
 * The episode of support in a real browser, once in each language (issue 5 §1, §11): a practitioner accepts a
 * referral choosing the level of support, sees it on the person page, meets the error summary on the close form,
 * then closes the episode sending a summary to the referrer (CF 3.1); the referrer sees the outcome and the summary
 * on their view of the referral they sent, and nothing else of the record. axe checks every page on the way.
 */
browserSuite('browser journeys: the episode of support', (rig) => {
  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`practitioner accepts with a level, closes with feedback, the referrer sees it (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const referral = await makeReferral(rig.app.app)
      const summary =
        lang === 'cy'
          ? 'Mae hi bellach yn mynd i’r grŵp cerdded bob wythnos.'
          : 'She now goes to the walking group every week.'

      const practitioner = await rig.visitor(lang)
      await practitioner.signInAs('practitioner', lang)
      await practitioner.visit(`/triage/${referral.referralId}`)
      await practitioner.page
        .getByLabel(t('triage.decision.practitionerLabel'), { exact: true })
        .selectOption({ label: 'Rhian Practitioner' })
      await practitioner.page.getByLabel(t('episodes.levels.short_term'), { exact: true }).check()
      await practitioner.clickButton(t('triage.decision.accept'))
      assert.ok((await practitioner.page.locator('main').innerText()).includes(t('triage.notices.accepted')))

      await practitioner.visit(`/people/${referral.personId}`)
      const section = practitioner.page.locator('#episode ~ .govuk-summary-list').first()
      assert.ok((await section.innerText()).includes(t('episodes.levels.short_term')))
      // The level changes on the episode; a transfer with nothing chosen is refused with the error summary.
      await practitioner.clickButton(t('episodes.section.changeLevel'))
      assert.equal(await practitioner.heading(), t('episodes.level.title'))
      await practitioner.page.getByLabel(t('episodes.levels.holistic'), { exact: true }).check()
      await practitioner.clickButton(t('episodes.level.submit'))
      assert.ok((await practitioner.page.locator('main').innerText()).includes(t('episodes.notices.level')))
      assert.ok((await section.innerText()).includes(t('episodes.levels.holistic')))
      await practitioner.clickLink(t('episodes.section.transfer'))
      assert.equal(await practitioner.heading(), t('episodes.transfer.title'))
      await practitioner.clickButton(t('episodes.transfer.submit'), { status: 400 })
      const transferErrors = await practitioner.page.locator('.govuk-error-summary').innerText()
      assert.ok(transferErrors.includes(t('episodes.errors.organisationMissing')))
      assert.ok(transferErrors.includes(t('episodes.errors.consentMissing')))
      await practitioner.visit(`/people/${referral.personId}`)
      await practitioner.clickButton(t('episodes.section.close'))
      assert.equal(await practitioner.heading(), t('episodes.close.title'))
      // The close form reads the same in the other language, and back.
      await practitioner.switchLanguage(otherLanguage(lang))
      assert.equal(await practitioner.heading(), text(otherLanguage(lang), 'episodes.close.title'))
      await practitioner.switchLanguage(lang)
      // Nothing chosen or written: the error summary names both, and nothing is closed.
      await practitioner.clickButton(t('episodes.close.submit'), { status: 400 })
      const errors = await practitioner.page.locator('.govuk-error-summary').innerText()
      assert.ok(errors.includes(t('episodes.errors.reasonMissing')))
      assert.ok(errors.includes(t('episodes.errors.summaryMissing')))
      await practitioner.page.getByLabel(t('episodes.reasons.goals_met'), { exact: true }).check()
      await practitioner.fill({ [t('episodes.close.summaryLabel')]: summary })
      await practitioner.page.getByLabel(t('episodes.close.feedbackLabel'), { exact: true }).check()
      // What the person says changed (issue 7): one answer given, the rest left "not asked".
      await practitioner.page
        .getByRole('group', { name: t('episodes.closingOutcomes.items.learntSkills.question') })
        .getByLabel(t('episodes.closingOutcomes.answers.yes'), { exact: true })
        .check()
      await practitioner.clickButton(t('episodes.close.submit'))
      assert.equal(new URL(practitioner.page.url()).pathname, `/people/${referral.personId}`)
      const closed = await practitioner.page.locator('main').innerText()
      assert.ok(closed.includes(t('episodes.notices.closedWithFeedback')))
      assert.ok(closed.includes(t('episodes.reasons.goals_met')))
      assert.ok(closed.includes(t('episodes.timeline.feedback_sent')))
      assert.ok(closed.includes(t('episodes.closingOutcomes.items.learntSkills.short')))
      // The answers can be corrected afterwards, on a page of their own.
      await practitioner.clickLink(t('episodes.closingOutcomes.change'))
      assert.equal(await practitioner.heading(), t('episodes.closingOutcomes.editTitle'))
      await practitioner.page
        .getByRole('group', { name: t('episodes.closingOutcomes.items.medication.question') })
        .getByLabel(t('episodes.closingOutcomes.answers.reduced'), { exact: true })
        .check()
      await practitioner.clickButton(t('episodes.closingOutcomes.submit'))
      const corrected = await practitioner.page.locator('main').innerText()
      assert.ok(corrected.includes(t('episodes.notices.outcomes')))
      assert.ok(corrected.includes(t('episodes.closingOutcomes.items.medication.short')))
      await practitioner.done()

      const referrer = await rig.visitor(lang)
      await referrer.signInAs('referrer', lang)
      await referrer.visit(`/referrals/sent/${referral.referralId}`)
      const feedback = await referrer.page.locator('main').innerText()
      assert.ok(feedback.includes(t('referring.referral.feedbackHeading')))
      assert.ok(feedback.includes(t('episodes.reasons.goals_met')))
      assert.ok(feedback.includes(summary))
      for (const withheld of ['029 2000 0000', t('episodes.levels.short_term')])
        assert.ok(!feedback.includes(withheld), `the referrer sees ${withheld}`)
      await referrer.done()
    })
  }
})
