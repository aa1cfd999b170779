import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { it } from 'node:test'
import { episodeFixture } from '../../src/features/episodes/testing.js'
import { browserSuite, otherLanguage, suiteLanguages, text, type Visitor } from './support.js'

/**
 * The person's voice in a real browser (issue 6 §5): the practitioner records what the person says has changed
 * (meeting the error summary first) and sends the experience survey for a closed episode; the person, on a phone
 * with JavaScript off and in their own language, answers it anonymously (meeting the error summary), cannot use the
 * link again, and the practitioner sees the reply counted in the results. axe checks every page on the way.
 */
const fillDate = async (v: Visitor, name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  await v.page.locator(`#${name}-day`).fill(String(Number(d)))
  await v.page.locator(`#${name}-month`).fill(String(Number(m)))
  await v.page.locator(`#${name}-year`).fill(y)
}

const noSidewaysScroll = async (v: Visitor) => {
  await v.page.setViewportSize({ width: 320, height: 640 })
  const width = await v.page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `${v.path()} is ${width} CSS pixels wide at a 320-pixel viewport`)
}

browserSuite('browser journeys: the person’s voice and the experience survey', (rig) => {
  for (const lang of suiteLanguages('en')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    // The person reads the other language from the practitioner's, so the link opens in theirs, not the page's.
    const personLang = otherLanguage(lang)
    const p = (key: string, params?: Record<string, string | number>) => text(personLang, key, params)

    it(`records own words, sends the survey, and the person answers it anonymously on a phone without JavaScript (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const db = rig.app.app.deps.database.db
      const f = await episodeFixture(rig.app.app, { followUp: false })
      await db.updateTable('people').set({ language: personLang }).where('id', '=', f.personId).execute()
      const serviceId = randomUUID()
      const serviceName = `Health walks ${serviceId.slice(0, 4)}`
      await db.insertInto('services').values({ id: serviceId, name: serviceName, name_cy: `Teithiau cerdded ${serviceId.slice(0, 4)}`, status: 'active' }).execute()
      await db
        .insertInto('connections')
        .values({ person_id: f.personId, episode_id: f.episodeId, organisation_id: f.organisationId, service_id: serviceId, kind: 'signpost', status: 'attending' })
        .execute()

      const v = await rig.visitor(lang)
      await v.signInAs('practitioner', lang)
      await v.visit(`/people/${f.personId}`)
      await v.clickButton(t('experience.section.recordOwnWords'))
      assert.equal(await v.heading(), t('experience.ownWords.title'))
      await v.page.locator('#occasion').check()
      await v.clickButton(t('experience.ownWords.save'), { status: 400 })
      assert.ok((await v.page.locator('.govuk-error-summary').innerText()).includes(t('experience.errors.wordsMissing')))
      const words = lang === 'cy' ? 'Rwy’n mynd allan bron bob dydd nawr' : 'I get out most days now'
      await v.fill({ [t('experience.ownWords.words')]: words })
      await fillDate(v, 'saidOn', new Date().toISOString().slice(0, 10))
      await v.clickButton(t('experience.ownWords.save'))
      assert.ok((await v.page.locator('#experience').locator('..').innerText()).includes(words))

      // The episode closes (the closing itself is the episodes feature's, tested there); the survey is offered.
      await db.updateTable('episodes').set({ status: 'closed', ended_at: new Date(), closing_reason: 'goals_met' }).where('id', '=', f.episodeId).execute()
      await v.visit(`/people/${f.personId}`)
      await v.clickButton(t('experience.section.send'), { status: 201 })
      assert.equal(await v.heading(), t('experience.sent.title'))
      const url = await v.page.getByLabel(t('experience.sent.linkLabel'), { exact: true }).inputValue()
      const path = new URL(url).pathname
      assert.match(path, /^\/survey\/[A-Za-z0-9_-]{43}$/)

      // axe and the reflow measure run script in the page, which hangs where JavaScript is off; so a phone-sized
      // browser WITH script checks the survey's pages (axe on each, no sideways scroll at 320 px) without sending,
      // and the person then answers in a phone browser with JavaScript OFF, checking each answer's status.
      const narrow = await rig.visitor(lang)
      await narrow.visit(path)
      await noSidewaysScroll(narrow)
      await narrow.page.getByLabel(p('experience.survey.start.named'), { exact: true }).check()
      await narrow.clickButton(p('experience.survey.start.continue'))
      await noSidewaysScroll(narrow)
      await narrow.clickButton(p('experience.survey.questions.send'), { status: 400 })

      assert.ok(rig.browser)
      const phone = await rig.browser.newContext({ viewport: { width: 375, height: 667 }, javaScriptEnabled: false, locale: 'en-GB' })
      const page = await phone.newPage()
      page.setDefaultTimeout(15_000)
      const submit = async (name: string, status: number) => {
        const [response] = await Promise.all([page.waitForEvent('response', (r) => r.request().isNavigationRequest()), page.getByRole('button', { name, exact: true }).click()])
        await page.waitForLoadState('load')
        assert.equal(response.status(), status, `${page.url()} answered ${response.status()}`)
      }
      const heading = async () => (await page.locator('h1').first().innerText()).trim()
      assert.equal((await page.goto(rig.baseUrl + path))?.status(), 200)
      assert.equal(await page.locator('html').getAttribute('lang'), personLang, 'the survey opens in the person’s language')
      assert.equal(await heading(), p('experience.survey.start.title'))
      await page.getByLabel(p('experience.survey.start.anonymous'), { exact: true }).check()
      await submit(p('experience.survey.start.continue'), 200)
      assert.equal(await heading(), p('experience.survey.questions.title'))
      await submit(p('experience.survey.questions.send'), 400)
      const summary = await page.locator('.govuk-error-summary').innerText()
      assert.ok(summary.includes(p('experience.survey.errors.serviceSatisfaction')))
      assert.ok(summary.includes(p('experience.survey.errors.serviceRating')))
      await page.locator('#serviceSatisfaction').check()
      await page.locator('#informationSatisfaction').check()
      await page.locator('#influencedDecisions').check()
      await page.getByRole('group', { name: p('experience.questions.positiveExperience') }).getByLabel(p('experience.scales.agreement.prefer_not'), { exact: true }).check()
      await page.getByRole('group', { name: p('experience.questions.serviceBarriers') }).getByLabel(p('experience.barriers.transport'), { exact: true }).check()
      await page.locator(`#service-${serviceId}`).check()
      await Promise.all([page.waitForURL(/\/survey\/thanks/), page.getByRole('button', { name: p('experience.survey.questions.send'), exact: true }).click()])
      assert.equal(await heading(), p('experience.survey.thanks.title'))
      assert.equal((await page.goto(rig.baseUrl + path))?.status(), 410)
      assert.equal(await heading(), p('selfCompletion.link.used.title'))
      await phone.close()

      // The pages the person ended on, checked by axe too.
      await narrow.visit(`/survey/thanks?lng=${personLang}`)
      await narrow.visit(path, { status: 410 })
      await narrow.done()

      const [reply] = await db.selectFrom('experience_replies').selectAll().where('anonymous', '=', true).execute()
      assert.deepEqual([reply?.person_id, reply?.episode_id, reply?.invitation_id, reply?.positive_experience], [null, null, null, null])

      await v.visit(`/people/${f.personId}`)
      assert.ok((await v.page.locator('main').innerText()).includes(t('experience.section.replied')))
      await v.clickLink(t('experience.nav'))
      assert.equal(await v.heading(), t('experience.summary.title'))
      assert.ok((await v.page.locator('#reply-count').innerText()).includes(t('experience.summary.count', { replies: 1, anonymous: 1 })))
      await v.done()
    })
  }
})
