import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connectionFixture } from '../../src/features/connections/testing.js'
import { Agent } from '../support/agent.js'
import { browserSuite, suiteLanguages, text, type Visitor } from './support.js'

/**
 * Safeguarding and the information-sharing log in a real browser, once in each language (issue 5 §8, §9): a
 * practitioner raises a concern (after meeting the error summary) and sees the flag; the safeguarding lead finds it
 * in the organisation's list, records an escalation and closes nothing; the asset user reports a concern from the
 * portal and then finds no trace of either; the practitioner records a disclosure by phone and sees it listed.
 * axe checks every page on the way.
 */
const lastWeek = () => {
  const d = new Date(Date.now() - 7 * 86_400_000)
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) }
}

async function fillDate(v: Visitor, id: string, d = lastWeek()) {
  await v.page.locator(`#${id}-day`).fill(d.day)
  await v.page.locator(`#${id}-month`).fill(d.month)
  await v.page.locator(`#${id}-year`).fill(d.year)
}

browserSuite('browser journeys: safeguarding and the information-sharing log', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    const words = {
      practitioner: lang === 'cy' ? 'Mae ei nai yn cymryd ei cherdyn pensiwn' : 'Her nephew takes her pension card',
      asset: lang === 'cy' ? 'Daeth heb got yn yr eira' : 'Came in without a coat in the snow',
    }

    it(`a concern raised, escalated by the lead, reported by the asset who sees no trace, and a disclosure logged (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const app = rig.app.app
      const f = await connectionFixture(app)
      await app.deps.database.db
        .insertInto('consents')
        .values({
          person_id: f.personId,
          organisation_id: f.organisationId,
          scope: 'share_with_referrer',
          given: true,
          method: 'verbal',
          recorded_by: f.practitioner,
        })
        .execute()
      const helper = new Agent(app)
      await helper.signIn('practitioner')
      const referral = (
        await helper.api('POST', `/api/v1/people/${f.personId}/connections`, {
          serviceId: f.shedService,
          kind: 'referral',
          fields: ['name'],
        })
      ).json().id as string
      const fullName = `${f.givenName} ap Llŷr`

      // The practitioner raises a concern from the person page.
      const practitioner = await rig.visitor(lang)
      await practitioner.signInAs('practitioner', lang)
      await practitioner.visit(`/people/${f.personId}`)
      assert.equal(await practitioner.page.locator('#safeguarding-flag').count(), 0)
      await practitioner.clickLink(t('safeguarding.section.raise'))
      assert.equal(await practitioner.heading(), t('safeguarding.raise.title'))
      await practitioner.clickButton(t('safeguarding.raise.submit'), { status: 400 })
      const summary = await practitioner.page.locator('.govuk-error-summary').innerText()
      for (const key of ['categoryMissing', 'aboutMissing', 'noticedOn_missing', 'whatHappenedMissing'])
        assert.ok(summary.includes(t(`safeguarding.errors.${key}`)), key)
      await practitioner.page.getByLabel(t('safeguarding.categories.financial_or_material'), { exact: true }).check()
      await practitioner.page.getByLabel(t('safeguarding.subjects.adult'), { exact: true }).check()
      await fillDate(practitioner, 'noticedOn')
      await practitioner.fill({ [t('safeguarding.fields.whatHappened')]: words.practitioner })
      await practitioner.page.getByLabel(t('safeguarding.targets.supervisor'), { exact: true }).check()
      await fillDate(practitioner, 'escalatedOn')
      await practitioner.clickButton(t('safeguarding.raise.submit'))
      assert.equal(await practitioner.heading(), t('safeguarding.concern.title'))
      assert.ok(
        (await practitioner.page.locator('.govuk-notification-banner').innerText()).includes(
          t('safeguarding.notices.raised'),
        ),
      )
      await practitioner.visit(`/people/${f.personId}`)
      assert.ok(
        (await practitioner.page.locator('#safeguarding-flag').innerText()).includes(
          t('safeguarding.section.flag', { count: 1 }),
        ),
      )
      await practitioner.done()

      // The safeguarding lead: the organisation's list, the concern with who it is about, an escalation.
      const lead = await rig.visitor(lang)
      await lead.signInAs('safeguarding', lang)
      await lead.clickLink(t('common.nav.safeguarding'))
      assert.equal(lead.path(), '/safeguarding')
      await lead.clickLink(fullName)
      assert.ok((await lead.page.locator('#concern-person').innerText()).includes(fullName))
      await lead.page.getByLabel(t('safeguarding.targets.local_authority'), { exact: true }).check()
      await lead.clickButton(t('safeguarding.concern.escalateSubmit'), { status: 400 })
      assert.ok(
        (await lead.page.locator('.govuk-error-summary').innerText()).includes(
          t('safeguarding.errors.escalatedOn_missing'),
        ),
      )
      await lead.page.getByLabel(t('safeguarding.targets.local_authority'), { exact: true }).check()
      await fillDate(lead, 'escalatedOn')
      await lead.fill({ [t('safeguarding.fields.reference')]: 'CAR-2026-114' })
      await lead.clickButton(t('safeguarding.concern.escalateSubmit'))
      assert.ok((await lead.page.locator('#escalations + table').innerText()).includes('CAR-2026-114'))
      await lead.done()

      // The asset reports a concern from the referral and then sees nothing of either concern.
      const asset = await rig.visitor(lang)
      await asset.signInAs('asset', lang)
      await asset.visit(`/asset/connections/${referral}`)
      await asset.clickLink(t('safeguarding.asset.link'))
      assert.equal(await asset.heading(), t('safeguarding.asset.title'))
      await asset.clickButton(t('safeguarding.asset.submit'), { status: 400 })
      await asset.page.getByLabel(t('safeguarding.categories.self_neglect'), { exact: true }).check()
      await asset.page.getByLabel(t('safeguarding.subjects.adult'), { exact: true }).check()
      await fillDate(asset, 'noticedOn')
      await asset.fill({ [t('safeguarding.fields.whatHappened')]: words.asset })
      await asset.clickButton(t('safeguarding.asset.submit'))
      assert.equal(await asset.heading(), t('safeguarding.asset.sentTitle'))
      await asset.clickLink(t('safeguarding.asset.backToReferral'))
      for (const path of [`/asset/connections/${referral}`, '/asset']) {
        if (asset.path() !== path) await asset.visit(path)
        const body = await asset.page.locator('main').innerText()
        for (const hidden of [
          words.practitioner,
          words.asset,
          t('safeguarding.categories.self_neglect'),
          t('safeguarding.categories.financial_or_material'),
          'CAR-2026-114',
        ])
          assert.ok(!body.includes(hidden), `the asset sees ${hidden} on ${path}`)
      }
      await asset.visit('/safeguarding', { status: 403 })
      await asset.done()

      // The practitioner records a disclosure by phone, and sees it in the log with the referral's.
      const back = await rig.visitor(lang)
      await back.signInAs('practitioner', lang)
      await back.visit(`/people/${f.personId}`)
      assert.ok(
        (await back.page.locator('#safeguarding-flag').innerText()).includes(
          t('safeguarding.section.flag', { count: 2 }),
        ),
      )
      await back.clickLink(t('informationSharing.section.record'))
      assert.equal(await back.heading(), t('informationSharing.record.title'))
      await back.page.getByLabel(t('informationSharing.recipientKinds.referrer'), { exact: true }).check()
      await back.fill({ [t('informationSharing.fields.sharedWithName')]: 'Dr Owen' })
      await fillDate(back, 'sharedOn')
      await back.page.getByLabel(t('informationSharing.items.progress'), { exact: true }).check()
      await back.fill({
        [t('informationSharing.fields.purposeNote')]:
          lang === 'cy' ? 'Diweddariad i’r meddyg teulu' : 'Update for the GP',
      })
      // No basis: refused with the error summary.
      await back.clickButton(t('informationSharing.record.submit'), { status: 400 })
      assert.ok(
        (await back.page.locator('.govuk-error-summary').innerText()).includes(
          t('informationSharing.errors.basis_missing'),
        ),
      )
      await back.page.getByLabel(t('informationSharing.basisOptions.consent'), { exact: true }).check()
      await back.page.getByLabel(text(lang, 'personRecord.consent.scopes.share_with_referrer'), { exact: true }).check()
      await back.clickButton(t('informationSharing.record.submit'))
      assert.ok(
        (await back.page.locator('.govuk-notification-banner').innerText()).includes(
          t('informationSharing.notices.recorded'),
        ),
      )
      const cards = back.page.locator('.govuk-summary-card')
      assert.equal(await cards.count(), 2)
      assert.ok(
        (await cards.filter({ hasText: 'Dr Owen' }).innerText()).includes(t('informationSharing.items.progress')),
      )
      assert.ok(
        (await cards.filter({ hasText: t('informationSharing.purposes.referral_to_community_asset') }).count()) === 1,
      )
      await back.done()
    })
  }
})
