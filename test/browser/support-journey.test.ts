import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connectionFixture } from '../../src/features/connections/testing.js'
import { themeName } from '../../src/features/directory/matching/themes.js'
import { addDays } from '../../src/features/follow-ups/schedule.js'
import type { Language } from '../../src/platform/i18n/i18n.js'
import { browserSuite, text, type Visitor } from './support.js'

/**
 * The whole support journey in a real browser, in Welsh and then in English (issue 5, "How it will be checked"):
 * accept a referral, record the 'What Matters' conversation, co-produce a plan with two goals, refer the person to
 * a community service, record a contact and raise a safeguarding concern on the way; the asset user accepts and
 * records the first attendance without ever seeing the notes or the concern; a review with new confidence scores;
 * closing with feedback to the referrer. The person page then shows the whole timeline, the information-sharing log
 * both disclosures, and the referrer the feedback. axe checks every page visited (the Visitor does it on each).
 */
const fillDate = async (v: Visitor, name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  await v.page.locator(`#${name}-day`).fill(String(Number(d)))
  await v.page.locator(`#${name}-month`).fill(String(Number(m)))
  await v.page.locator(`#${name}-year`).fill(y)
}

browserSuite('browser journeys: the whole support journey', (rig) => {
  for (const lang of ['cy', 'en'] as Language[]) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    const words =
      lang === 'cy'
        ? { progress: 'Siaradodd am golli ei gŵr; mae’n cysgu’n wael', concern: 'Mae ei nai yn cymryd ei cherdyn pensiwn', summary: 'Mae hi bellach yn mynd i’r sied bob wythnos.' }
        : { progress: 'Talked about losing her husband; sleeping badly', concern: 'Her nephew takes her pension card', summary: 'She now goes to the shed every week.' }

    it(`from referral to closing, with the asset and the referrer seeing only their part (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const app = rig.app.app
      const db = app.deps.database.db
      const f = await connectionFixture(app, { episode: false })
      const fullName = `${f.givenName} ap Llŷr`
      const service = await db.selectFrom('services').select(['name', 'name_cy']).where('id', '=', f.shedService).executeTakeFirstOrThrow()
      const serviceName = lang === 'cy' ? (service.name_cy as string) : service.name
      const today = addDays(new Date(), 0)

      const practitioner = await rig.visitor(lang)
      await practitioner.signInAs('practitioner', lang)

      // 1. Accept the referral with a level of support; the episode begins.
      await practitioner.visit(`/triage/${f.referralId}`)
      await practitioner.page.getByLabel(t('triage.decision.practitionerLabel'), { exact: true }).selectOption({ label: 'Rhian Practitioner' })
      await practitioner.page.getByLabel(t('episodes.levels.holistic'), { exact: true }).check()
      await practitioner.clickButton(t('triage.decision.accept'))
      assert.ok((await practitioner.page.locator('main').innerText()).includes(t('triage.notices.accepted')))

      // 2. The 'What Matters' conversation.
      await practitioner.visit(`/people/${f.personId}`)
      await practitioner.clickButton(t('whatMatters.section.record'))
      assert.equal(await practitioner.heading(), t('whatMatters.form.title'))
      await fillDate(practitioner, 'heldOn', today)
      await practitioner.page.locator('#completed').check()
      await practitioner.page.getByLabel(themeName('reduce_isolation', lang), { exact: true }).check()
      await practitioner.page.getByLabel(themeName('be_more_active', lang), { exact: true }).check()
      await practitioner.page.getByLabel(t('whatMatters.domains.social_connection'), { exact: true }).check()
      await practitioner.clickButton(t('whatMatters.form.submit'))
      assert.equal(practitioner.path(), `/people/${f.personId}?whatMatters=recorded`)

      // 3. A plan with two goals, co-produced and agreed.
      await practitioner.clickButton(t('plans.view.create'))
      await fillDate(practitioner, 'reviewOn', addDays(new Date(), 28))
      await practitioner.fill({
        [t('plans.edit.goalLabel', { n: 1 })]: lang === 'cy' ? 'Ymuno â’r sied' : 'Join the shed',
        [t('plans.edit.confidenceLabel', { n: 1 })]: '3',
        [t('plans.edit.motivationLabel', { n: 1 })]: '8',
        [t('plans.edit.goalLabel', { n: 2 })]: lang === 'cy' ? 'Cerdded bob bore' : 'Walk every morning',
        [t('plans.edit.confidenceLabel', { n: 2 })]: '5',
        [t('plans.edit.motivationLabel', { n: 2 })]: '6',
      })
      await practitioner.page.locator('#coProduced').check()
      await practitioner.page.locator('#agreed').check()
      await practitioner.page.locator('#agreementMethod').check()
      await fillDate(practitioner, 'agreedOn', today)
      await practitioner.clickButton(t('plans.edit.submit'))
      assert.equal(practitioner.path(), `/people/${f.personId}/plan?saved=version`)

      // 4. From the plan, a referral to the community shed, sharing only the name (CF 5.4).
      await practitioner.clickButton(t('plans.view.connect'))
      assert.equal(await practitioner.heading(), t('connections.connect.title'))
      await practitioner.fill({ [t('connections.connect.searchLabel')]: service.name.split(' ').at(-1) as string })
      await practitioner.clickButton(t('connections.connect.search'))
      await practitioner.page.getByLabel(serviceName, { exact: true }).check()
      await practitioner.page.getByLabel(t('connections.kinds.referral'), { exact: true }).check()
      await practitioner.page.getByLabel(t('connections.fields.name'), { exact: true }).check()
      await practitioner.clickButton(t('connections.connect.submit'))
      assert.equal(new URL(practitioner.page.url()).pathname, `/people/${f.personId}`)

      // 5. A contact with its record of progress, and a safeguarding concern.
      await practitioner.clickButton(t('contacts.section.record'))
      await fillDate(practitioner, 'when', today)
      await practitioner.fill({ [t('contacts.form.time')]: '00:00', [t('contacts.form.duration')]: '45', [t('contacts.form.progress')]: words.progress })
      await practitioner.page.getByLabel(t('contacts.modes.phone'), { exact: true }).check()
      await practitioner.page.getByLabel(t('contacts.types.follow_up'), { exact: true }).check()
      await practitioner.clickButton(t('contacts.form.submit'))
      assert.equal(new URL(practitioner.page.url()).pathname, `/people/${f.personId}`)
      await practitioner.clickLink(t('safeguarding.section.raise'))
      await practitioner.page.getByLabel(t('safeguarding.categories.financial_or_material'), { exact: true }).check()
      await practitioner.page.getByLabel(t('safeguarding.subjects.adult'), { exact: true }).check()
      await fillDate(practitioner, 'noticedOn', today)
      await practitioner.fill({ [t('safeguarding.fields.whatHappened')]: words.concern })
      await practitioner.page.getByLabel(t('safeguarding.targets.supervisor'), { exact: true }).check()
      await fillDate(practitioner, 'escalatedOn', today)
      await practitioner.clickButton(t('safeguarding.raise.submit'))
      assert.equal(await practitioner.heading(), t('safeguarding.concern.title'))
      await practitioner.done()

      // 6. The asset user accepts and records the first attendance, and never sees the notes or the concern.
      const asset = await rig.visitor(lang)
      await asset.signInAs('asset', lang)
      await asset.clickLink(t('assetPortal.nav'))
      await asset.clickLink(fullName)
      for (const hidden of [words.progress, words.concern, t('safeguarding.categories.financial_or_material'), '029 2000 0000'])
        assert.ok(!(await asset.page.locator('main').innerText()).includes(hidden), `the asset sees ${hidden}`)
      await asset.page.getByLabel(t('assetPortal.actions.accepted'), { exact: true }).check()
      await asset.clickButton(t('assetPortal.connection.submit'))
      await asset.page.getByLabel(t('assetPortal.actions.first_attended'), { exact: true }).check()
      await asset.clickButton(t('assetPortal.connection.submit'))
      const seen = await asset.page.locator('main').innerText()
      for (const hidden of [words.progress, words.concern]) assert.ok(!seen.includes(hidden), `the asset sees ${hidden}`)
      await asset.visit('/safeguarding', { status: 403 })
      await asset.visit(`/people/${f.personId}`, { status: 403 })
      await asset.done()

      // 7. A review with new confidence and motivation scores, then closing with feedback to the referrer.
      const back = await rig.visitor(lang)
      await back.signInAs('practitioner', lang)
      await back.visit(`/people/${f.personId}/plan`)
      await back.clickButton(t('plans.view.review'))
      await fillDate(back, 'reviewedOn', today)
      await fillDate(back, 'nextReviewOn', addDays(new Date(), 42))
      await back.fill({
        [t('plans.edit.confidenceLabel', { n: 1 })]: '7',
        [t('plans.edit.motivationLabel', { n: 1 })]: '9',
        [t('plans.edit.confidenceLabel', { n: 2 })]: '6',
        [t('plans.edit.motivationLabel', { n: 2 })]: '7',
      })
      await back.clickButton(t('plans.review.submit'))
      assert.ok((await back.page.locator('.govuk-table').innerText()).includes(t('plans.view.scores', { confidence: 7, motivation: 9 })))
      await back.visit(`/people/${f.personId}`)
      await back.clickButton(t('episodes.section.close'))
      await back.page.getByLabel(t('episodes.reasons.goals_met'), { exact: true }).check()
      await back.fill({ [t('episodes.close.summaryLabel')]: words.summary })
      await back.page.getByLabel(t('episodes.close.feedbackLabel'), { exact: true }).check()
      await back.clickButton(t('episodes.close.submit'))
      assert.equal(new URL(back.page.url()).pathname, `/people/${f.personId}`)

      // 8. The whole journey on the person's timeline, both disclosures in the information-sharing log.
      const timeline = await back.page.locator('#timeline + ol').innerText()
      for (const expected of [
        t('personRecord.timeline.episodeStarted'),
        t('episodes.timeline.feedback_sent'),
        t('connections.timeline.byAsset', { service: serviceName, status: t('connections.statuses.first_attended') }),
        t('informationSharing.timeline.shared', { name: 'Dr Owen' }).split('Dr Owen')[0] as string,
      ])
        assert.ok(timeline.includes(expected), `the timeline lacks ${expected}`)
      assert.ok(timeline.includes(words.concern) === false, 'the timeline repeats the concern’s words')
      await back.visit(`/people/${f.personId}/sharing`)
      const log = await back.page.locator('main').innerText()
      assert.ok(log.includes(t('informationSharing.purposes.referral_to_community_asset')), 'the referral to the asset is not logged')
      assert.ok(log.includes(t('informationSharing.purposes.feedback_to_referrer')), 'the feedback to the referrer is not logged')
      await back.done()

      const referrer = await rig.visitor(lang)
      await referrer.signInAs('referrer', lang)
      await referrer.visit(`/referrals/sent/${f.referralId}`)
      const feedback = await referrer.page.locator('main').innerText()
      assert.ok(feedback.includes(words.summary))
      for (const hidden of [words.progress, words.concern]) assert.ok(!feedback.includes(hidden), `the referrer sees ${hidden}`)
      await referrer.done()
    })
  }
})
