import assert from 'node:assert/strict'
import { it } from 'node:test'
import { episodeFixture } from '../../src/features/episodes/testing.js'
import { headlineOf } from '../../src/features/instruments/contract.js'
import { userId } from '../../src/features/triage/test-referrals.js'
import { browserSuite, text } from './support.js'

/**
 * Issue 6, "how it will be checked": a person completes a SWEMWBS with the interface in Welsh through a link, on a
 * phone-sized screen with JavaScript off. Their browser asks for English; the link opens in Welsh, the person's
 * language. axe checks every page on the way, including the page a used link shows afterwards.
 */
browserSuite('browser journeys: completing a measure alone through a link', (rig) => {
  const t = (key: string, params?: Record<string, string | number>) => text('cy', key, params)

  it('answers a SWEMWBS in Welsh on a phone without JavaScript, changing one answer, and sends it (cy)', async () => {
    assert.ok(rig.app, 'the app has not started')
    const app = rig.app.app
    const db = app.deps.database.db
    const f = await episodeFixture(app)
    // The person chose Welsh (CDS #13): their link opens in Welsh whatever their browser asks for.
    await db.updateTable('people').set({ language: 'cy' }).where('id', '=', f.personId).execute()
    await db
      .insertInto('instrument_permissions')
      .values({ organisation_id: f.organisationId, instrument_id: 'swemwbs', kind: 'registration', reference: 'WEMWBS-REG-BROWSER', registered_on: '2026-01-05', recorded_by: await userId(app, 'admin') })
      .execute()
    // The baseline, taken with the practitioner: raw 21, metric 19.25.
    const baseline = { swemwbs_1: 3, swemwbs_2: 3, swemwbs_3: 3, swemwbs_4: 3, swemwbs_5: 3, swemwbs_6: 3, swemwbs_7: 3 }
    await db
      .insertInto('measures')
      .values({ person_id: f.personId, episode_id: f.episodeId, organisation_id: f.organisationId, instrument_id: 'swemwbs', occasion: 'baseline', mode: 'with_practitioner', status: 'complete', answers: JSON.stringify(baseline), scores: JSON.stringify(headlineOf('swemwbs', baseline)), item_language: 'en', taken_on: '2026-01-10', completed_at: new Date('2026-01-10T11:00:00Z'), created_by: f.practitioner })
      .execute()
    // The practitioner, in Welsh, asks the person to fill in the follow-up themselves: the link is shown once.
    const practitioner = await rig.visitor('cy')
    await practitioner.signInAs('practitioner', 'cy')
    await practitioner.visit(`/people/${f.personId}`)
    await practitioner.clickButton(t('measures.section.take'))
    await practitioner.page.getByLabel(t('measures.instruments.swemwbs'), { exact: true }).check()
    await practitioner.page.getByLabel(t('measures.occasions.follow_up'), { exact: true }).check()
    await practitioner.page.getByLabel(t('measures.choose.link'), { exact: true }).check()
    await practitioner.clickButton(t('measures.choose.continue'))
    assert.equal(await practitioner.heading(), t('measures.sent.title'))
    const address = await practitioner.page.locator('#measure-link').innerText()
    const token = /\/q\/([A-Za-z0-9_-]{43})$/.exec(address.trim())?.[1]
    assert.ok(token, `a link address: ${address}`)
    const measure = await db.selectFrom('measures as m').select('m.id').where('m.person_id', '=', f.personId).where('m.occasion', '=', 'follow_up').executeTakeFirstOrThrow()

    const v = await rig.visitor('en', { phoneWithoutJavaScript: true })
    await v.visit(`/q/${token}`)
    assert.equal(await v.lang(), 'cy')
    assert.equal(await v.heading(), t('selfCompletion.start.title'))
    assert.ok((await v.page.locator('main').innerText()).includes(t('selfCompletion.fallback')))
    assert.equal(await v.page.locator('.govuk-service-navigation').count(), 0, 'no navigation on a link page')

    await v.clickButton(t('selfCompletion.start.button'))
    // Often, Often, Some of the time, Often, Some of the time, Often, Rarely (to be changed to Often): raw 26 at the end.
    const labels = ['Often', 'Often', 'Some of the time', 'Often', 'Some of the time', 'Often', 'Rarely']
    for (const [index, label] of labels.entries()) {
      assert.ok((await v.heading()).includes(t('selfCompletion.question.progress', { number: index + 1, total: 7 })))
      await v.page.getByLabel(label, { exact: true }).check()
      await v.clickButton(t('common.continue'))
    }
    assert.equal(await v.heading(), t('selfCompletion.check.title'))
    // The page fits the phone's width: nothing to scroll sideways.
    const width = await v.page.locator('main').boundingBox()
    assert.ok(width && width.width <= 375, `main is ${width?.width}px wide`)

    await v.clickLink(`${t('selfCompletion.check.change')} ${t('selfCompletion.check.changeHidden', { number: 7 })}`)
    assert.equal(await v.page.getByLabel('Rarely', { exact: true }).isChecked(), true, 'the saved answer is chosen')
    await v.page.getByLabel('Often', { exact: true }).check()
    await v.clickButton(t('common.continue'))
    assert.equal(await v.heading(), t('selfCompletion.check.title'))
    await v.clickButton(t('selfCompletion.check.send'))
    assert.equal(await v.heading(), t('selfCompletion.done.title'))

    const row = await db.selectFrom('measures as m').select(['m.status', 'm.scores', 'm.taken_on']).where('m.id', '=', measure.id).executeTakeFirstOrThrow()
    assert.equal(row.status, 'complete')
    assert.equal(row.scores?.scores.metric?.value, 23.21, 'raw 26 is metric 23.21')
    assert.ok(row.taken_on)

    // The link opens nothing again: a clear page, in Welsh, that also passes axe.
    await v.visit(`/q/${token}`, { status: 410 })
    assert.equal(await v.heading(), t('selfCompletion.link.used.title'))
    await v.done()

    // The practitioner then sees the metric score and the change from the baseline (3.96, past the strict 2.87).
    await practitioner.visit(`/people/${f.personId}`)
    const section = await practitioner.page.locator('main').innerText()
    assert.ok(section.includes('23.21') && section.includes('19.25'), 'both metric scores are shown')
    assert.ok(section.includes('3.96'), 'the change is shown')
    await practitioner.done()
  })
})
