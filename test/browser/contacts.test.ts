import assert from 'node:assert/strict'
import { it } from 'node:test'
import { connectionFixture } from '../../src/features/connections/testing.js'
import { walesParts } from '../../src/features/contacts/rules.js'
import { addService } from '../../src/features/directory/matching/fixture.js'
import { browserSuite, suiteLanguages, text } from './support.js'

/**
 * Contacts, healthcare use and suggested connections in a real browser, once in each language (issue 5 §5, §6,
 * §10): a practitioner meets the error summary for a contact lasting over 12 hours, records the contact (the
 * counts show it), records healthcare use at the start with one "prefer not to say", then records a suggested service
 * from the person page's Suggested services and refers the person to it. axe checks every page on the way.
 */
browserSuite('browser journeys: contacts, healthcare use and suggested connections', (rig) => {
  for (const lang of suiteLanguages('cy')) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`practitioner records a contact and healthcare use, then suggests a service and refers to it (${lang})`, async () => {
      assert.ok(rig.app, 'the app has not started')
      const app = rig.app.app
      const f = await connectionFixture(app)
      const tag = f.personId.slice(0, 6)
      const chat = await addService(app.deps.database.db, {
        name: `Chat Café ${tag}`,
        nameCy: `Caffi Sgwrs ${tag}`,
        categories: ['social'],
        kmNorth: 1.5,
      })
      const chatName = lang === 'cy' ? `Caffi Sgwrs ${tag}` : `Chat Café ${tag}`

      const practitioner = await rig.visitor(lang)
      await practitioner.signInAs('practitioner', lang)
      await practitioner.visit(`/people/${f.personId}`)

      // A contact: first over 12 hours, refused with the error summary; then as it was.
      await practitioner.clickButton(t('contacts.section.record'))
      assert.equal(await practitioner.heading(), t('contacts.form.title'))
      assert.ok(
        (await practitioner.page.locator('main').innerText()).includes(t('contacts.form.guidance.personCentred')),
      )
      const { date, time } = walesParts(new Date(Date.now() - 2 * 3600_000))
      const [year, month, day] = date.split('-') as [string, string, string]
      await practitioner.page.locator('#when-day').fill(String(Number(day)))
      await practitioner.page.locator('#when-month').fill(String(Number(month)))
      await practitioner.page.locator('#when-year').fill(year)
      await practitioner.fill({ [t('contacts.form.time')]: time, [t('contacts.form.duration')]: '800' })
      await practitioner.page.getByLabel(t('contacts.modes.home_visit'), { exact: true }).check()
      await practitioner.page.getByLabel(t('contacts.types.what_matters'), { exact: true }).check()
      await practitioner.clickButton(t('contacts.form.submit'), { status: 400 })
      const summary = practitioner.page.locator('.govuk-error-summary')
      assert.ok((await summary.innerText()).includes(t('contacts.errors.durationRange', { max: 720 })))
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#duration')
      await practitioner.fill({
        [t('contacts.form.duration')]: '75',
        [t('contacts.form.progress')]:
          lang === 'cy'
            ? 'Yn teimlo’n fwy hyderus; eisiau ymuno â grŵp'
            : 'Feeling more confident; wants to join a group',
      })
      await practitioner.clickButton(t('contacts.form.submit'))
      assert.equal(new URL(practitioner.page.url()).pathname, `/people/${f.personId}`)
      const counts = await practitioner.page.locator('#contact-counts').innerText()
      assert.ok(counts.includes(t('contacts.counts.attendedDna', { attended: 1, dna: 0 })), counts)
      assert.ok(counts.includes(t('contacts.counts.minutesValue', { total: 75, mean: 75 })), counts)

      // Healthcare use at the start of support, one item not answered.
      await practitioner.clickLink(t('contacts.healthcare.recordAt.start'))
      assert.equal(await practitioner.heading(), t('contacts.healthcare.title'))
      await practitioner.page.getByLabel(t('contacts.healthcare.occasions.start'), { exact: true }).check()
      await practitioner.fill({
        [t('contacts.healthcare.questions.gp_appointments')]: '4',
        [t('contacts.healthcare.questions.gp_contacts')]: '2',
        [t('contacts.healthcare.questions.ae_attendances')]: '1',
        [t('contacts.healthcare.questions.other_services')]: '0',
      })
      await practitioner.page.locator('#preferNotToSay-emergencyCalls').check()
      await practitioner.clickButton(t('contacts.healthcare.submit'))
      const table = await practitioner.page.locator('#healthcare-table').innerText()
      assert.ok(table.includes(t('contacts.healthcare.items.gp_appointments')))
      assert.ok(table.includes(t('contacts.healthcare.preferNotToSayShort')))

      // A suggested service, recorded from Suggested services, then referred.
      await practitioner.clickButton(new RegExp(`${t('connections.suggest.button')}.*${chatName}`))
      assert.ok((await practitioner.page.locator('main').innerText()).includes(t('connections.suggest.suggested')))
      // Connection cards only (other sections of the page may name the service too).
      const connectionCard = () =>
        practitioner.page
          .locator('.govuk-summary-card')
          .filter({ hasText: chatName })
          .filter({ hasText: t('connections.section.status') })
      const card = connectionCard()
      assert.ok((await card.innerText()).includes(t('connections.statuses.suggested')))
      await practitioner.navigate(() =>
        card.getByRole('link', { name: new RegExp(t('connections.suggest.actOn')) }).click(),
      )
      assert.equal(await practitioner.heading(), t('connections.connect.title'))
      assert.equal(await practitioner.page.getByLabel(chatName, { exact: true }).isChecked(), true)
      await practitioner.page.getByLabel(t('connections.kinds.referral'), { exact: true }).check()
      await practitioner.page.getByLabel(t('connections.fields.name'), { exact: true }).check()
      await practitioner.page.getByLabel(t('connections.extra.travelModeLegend'), { exact: true }).selectOption('bus')
      await practitioner.clickButton(t('connections.connect.submit'))
      const referred = connectionCard()
      assert.ok((await referred.innerText()).includes(t('connections.statuses.referred')))
      assert.ok((await referred.innerText()).includes(t('connections.travelModes.bus')))
      assert.ok((await practitioner.page.locator('main').innerText()).includes(t('connections.section.connected')))
      const row = await app.deps.database.db
        .selectFrom('connections')
        .select(['status', 'kind'])
        .where('service_id', '=', chat)
        .executeTakeFirstOrThrow()
      assert.deepEqual(row, { status: 'referred', kind: 'referral' })
      await practitioner.done()
    })
  }
})
