import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { loadDemoPostcodes } from '../../src/features/postcodes/demo.js'
import { makeReferral, uniqueName } from '../../src/features/triage/test-referrals.js'
import type { Language } from '../../src/platform/i18n/i18n.js'
import {
  confirmation,
  escapeRegExp,
  expectErrors,
  expectPage,
  fillReferralForm,
  group,
  main,
  openFromQueue,
  type ReferredPerson,
  selfRefer,
  summaryText,
} from './referral-pages.js'
import { allLanguages, browserSuite, otherLanguage, text, type Visitor } from './support.js'

/**
 * Referrals from any door, in a real browser, once in each language (issue 3, "How it will be checked"): a person
 * refers themselves and the right provider finds it in triage; a referrer's form refuses a bad NHS number, and the
 * referrer later reads the reason the provider declined it; a second referral of the same person shows the earlier
 * record; another provider's practitioner is refused the person, and the refusal is audited; accepting a referral
 * starts an episode of support on the person's timeline. axe checks every page on the way.
 */
browserSuite('browser journeys: referrals', (rig) => {
  const db = () => {
    assert.ok(rig.app, 'the app has not started')
    return rig.app.app.deps.database.db
  }
  const userId = async (who: string) =>
    (
      await db()
        .selectFrom('users')
        .select('id')
        .where('email', '=', `${who}@demo.cyswllt.test`)
        .executeTakeFirstOrThrow()
    ).id

  // startTestApp loads the demo organisations and accounts but not the demo postcodes, which the self-referral uses
  // to find the provider covering the person (so it does not ask for the council area).
  before(async () => {
    await loadDemoPostcodes(db())
  })

  // The self-referral runs in both languages; each of the other journeys in one (suiteLanguages in support.ts).
  for (const lang of ['cy', 'en'] as Language[]) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
    const banner = async (v: Visitor) =>
      (await v.page.locator('.govuk-notification-banner__content').innerText()).trim()

    it(`a person refers themselves in ${lang === 'cy' ? 'Welsh' : 'English'}, and the Cardiff provider finds it in triage (${lang})`, async () => {
      const person =
        lang === 'cy'
          ? {
              givenName: 'Siân',
              familyName: 'Llŷr',
              dateOfBirth: { day: '14', month: '2', year: '1971' },
              postcode: 'CF10 1AA',
            }
          : {
              givenName: 'Dafydd',
              familyName: 'ap Gwilym',
              dateOfBirth: { day: '3', month: '9', year: '1968' },
              postcode: 'cf24 9bj',
            }
      const name = `${person.givenName} ${person.familyName}`

      // The person's browser asks for the other language; the active offer decides the journey's language.
      const v = await rig.visitor(otherLanguage(lang))
      const reference = await selfRefer(v, lang, {
        ...person,
        phone: '029 2018 0000',
        mistypedPostcode: 'CF24 9B',
      })
      await v.done()

      // A practitioner of the provider covering the postcode finds it waiting, as a self-referral.
      const p = await rig.visitor(otherLanguage(lang))
      await p.signInAs('practitioner', lang)
      const cells = await openFromQueue(p, lang, reference)
      assert.match(cells[1] ?? '', new RegExp(`^${escapeRegExp(name)}`))
      assert.equal(cells[3], t('referrals.options.routes.self'))
      assert.ok(cells[5]?.includes(t('triage.days', { count: 0 })), `the queue shows the days waiting: ${cells[5]}`)

      const page = main(p)
      assert.equal(await summaryText(page, t('triage.fields.route')), t('referrals.options.routes.self'))
      assert.equal(await summaryText(page, t('personRecord.fields.language')), t(`personRecord.languages.${lang}`))
      assert.equal(await summaryText(page, t('personRecord.fields.givenName')), person.givenName)
      assert.equal(await summaryText(page, t('personRecord.fields.postcode')), person.postcode.toUpperCase())
      // The waiting clock runs from receipt until first contact.
      assert.ok(
        (await page.innerText()).includes(t('triage.referral.waiting', { days: t('triage.days', { count: 0 }) })),
        'the referral page shows how long the person has been waiting',
      )
      await p.done()

      const row = await db()
        .selectFrom('referrals')
        .innerJoin('people', 'people.id', 'referrals.person_id')
        .innerJoin('organisations', 'organisations.id', 'referrals.organisation_id')
        .select([
          'referrals.route',
          'referrals.status',
          'referrals.channel',
          'people.language',
          'people.welsh_offer_made',
          'people.given_name',
          'people.phone',
          'organisations.name as provider',
        ])
        .where('referrals.reference', '=', reference)
        .executeTakeFirstOrThrow()
      assert.deepEqual(row, {
        route: 'self',
        status: 'received',
        channel: 'self_referral_form',
        language: lang,
        welsh_offer_made: true,
        given_name: person.givenName,
        phone: '029 2018 0000',
        provider: 'Cardiff and Vale Community Connectors',
      })
    })

    if (allLanguages || lang === 'en') it(`a referrer's form refuses a bad NHS number, and the referrer reads why the referral was declined (${lang})`, async () => {
      const person: ReferredPerson =
        lang === 'cy'
          ? {
              givenName: 'Gwenllian',
              familyName: 'ferch Gruffydd',
              dateOfBirth: { day: '5', month: '6', year: '1955' },
              nhsNumber: '9434765918',
              postcode: 'CF10 3UZ',
            }
          : {
              givenName: 'Zoë',
              familyName: 'Ó Briain',
              dateOfBirth: { day: '21', month: '11', year: '1949' },
              nhsNumber: '9434765918',
              postcode: 'CF10 3UZ',
            }
      const r = await rig.visitor(otherLanguage(lang))
      await r.signInAs('referrer', lang)
      await r.clickLink(t('home.links.newReferral'), {}, main(r))
      assert.equal(r.path(), '/referrals/new')
      await expectPage(r, lang, t('referring.form.title'))
      await fillReferralForm(r, lang, person)
      await r.clickButton(t('referring.form.submit'), { status: 400 }, main(r))

      // One problem, named at the top and at the field; everything typed is still there.
      assert.equal(r.path(), '/referrals/new')
      assert.equal(await r.lang(), lang)
      await expectErrors(r, lang, [[t('referrals.errors.nhsNumber.checksum'), '#nhsNumber']])
      assert.match(
        await r.page.locator('#nhsNumber-error').innerText(),
        new RegExp(escapeRegExp(t('referrals.errors.nhsNumber.checksum'))),
      )
      const field = (label: string) => r.page.getByLabel(label, { exact: true })
      assert.equal(await field(t('referring.form.nhsNumber')).inputValue(), '9434765918')
      assert.equal(await field(t('referring.form.givenName')).inputValue(), person.givenName)
      assert.equal(await field(t('referring.form.familyName')).inputValue(), person.familyName)
      assert.equal(await field(t('common.date.year')).inputValue(), person.dateOfBirth.year)
      assert.equal(await field(t('referring.form.postcode')).inputValue(), person.postcode)
      assert.ok(await field(t('referrals.options.routes.primary_care')).isChecked())
      assert.ok(await field(t('referrals.options.reasons.social_wellbeing')).isChecked())
      assert.ok(await field(t('referring.form.personAgreed')).isChecked())
      assert.ok(
        await group(r, t('referring.form.shareOutcomeWithReferrer'))
          .getByLabel(t('common.yes'), { exact: true })
          .isChecked(),
      )
      // The summary's link puts the cursor in the field to correct.
      await r.page
        .locator('.govuk-error-summary')
        .getByRole('link', { name: t('referrals.errors.nhsNumber.checksum') })
        .click()
      assert.equal(await r.page.evaluate(() => document.activeElement?.id), 'nhsNumber')

      await field(t('referring.form.nhsNumber')).fill('9434765919')
      await r.clickButton(t('referring.form.submit'), {}, main(r))
      const sent = await confirmation(r, lang)

      // The Cardiff team lead declines it, with a reason category and an explanation for the referrer.
      const lead = await rig.visitor(otherLanguage(lang))
      await lead.signInAs('teamlead', lang)
      await openFromQueue(lead, lang, sent.reference)
      assert.equal(lead.path(), `/triage/${sent.id}`)
      assert.equal(await summaryText(main(lead), t('triage.fields.route')), t('referrals.options.routes.primary_care'))
      assert.equal(await summaryText(main(lead), t('personRecord.fields.nhsNumber')), '943 476 5919')
      const explanation =
        lang === 'cy' ? 'Mae angen cymorth arbenigol ar Gwenllian gan y tîm cof.' : 'Zoë needs the memory team first.'
      await group(lead, t('triage.decision.reasonLegend'))
        .getByLabel(t('referrals.options.declineReasons.clinical_or_specialist'), { exact: true })
        .check()
      await lead.fill({
        [t('triage.decision.explanationLabel')]: explanation,
        [t('triage.decision.redirectedToLabel')]: lang === 'cy' ? 'Tîm cof' : 'Memory team',
      })
      await lead.clickButton(t('triage.decision.decline'), {}, main(lead))
      assert.equal(lead.path(), `/triage/${sent.id}?done=declined`)
      assert.equal(await banner(lead), t('triage.notices.declined'))
      assert.equal(
        await summaryText(main(lead), t('triage.fields.declineReason')),
        t('referrals.options.declineReasons.clinical_or_specialist'),
      )
      await lead.done()

      // The person agreed to share the outcome, so the referrer sees the reason and the explanation.
      await r.clickLink(t('referring.confirmation.viewLink'), {}, main(r))
      assert.equal(r.path(), `/referrals/sent/${sent.id}`)
      await expectPage(r, lang, sent.reference)
      assert.equal(await summaryText(main(r), t('referring.referral.status')), t('referrals.options.status.declined'))
      assert.equal(
        await summaryText(main(r), t('referring.referral.declineReason')),
        t('referrals.options.declineReasons.clinical_or_specialist'),
      )
      assert.equal(await summaryText(main(r), t('referring.referral.declineExplanation')), explanation)
      await r.done()
    })

    if (allLanguages || lang === 'cy') it(`a second referral of the same person shows the earlier record in triage (${lang})`, async () => {
      const person: ReferredPerson = {
        givenName: lang === 'cy' ? 'Llŷr' : 'Rhodri',
        familyName: 'Evans-Jones',
        dateOfBirth: lang === 'cy' ? { day: '9', month: '10', year: '1962' } : { day: '17', month: '1', year: '1966' },
        nhsNumber: '',
        postcode: 'CF10 8GZ',
      }
      const name = `${person.givenName} ${person.familyName}`
      const r = await rig.visitor(otherLanguage(lang))
      await r.signInAs('referrer', lang)
      await r.clickLink(t('home.links.newReferral'), {}, main(r))
      await fillReferralForm(r, lang, person)
      await r.clickButton(t('referring.form.submit'), {}, main(r))
      const first = await confirmation(r, lang)
      // The same name and date of birth, somewhere else: the same person, perhaps, after moving house.
      await r.clickLink(t('referring.confirmation.another'), {}, main(r))
      assert.equal(r.path(), '/referrals/new')
      await fillReferralForm(r, lang, { ...person, postcode: 'CF14 9TX' })
      await r.clickButton(t('referring.form.submit'), {}, main(r))
      const second = await confirmation(r, lang)
      assert.notEqual(second.id, first.id)
      await r.done()

      const earlier = await db()
        .selectFrom('referrals')
        .select('person_id')
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow()
      const p = await rig.visitor(otherLanguage(lang))
      await p.signInAs('practitioner', lang)
      const cells = await openFromQueue(p, lang, second.reference)
      assert.ok(
        cells[1]?.includes(t('triage.tags.possibleDuplicate')),
        `the queue marks a possible duplicate: ${cells[1]}`,
      )

      const section = main(p)
      assert.equal(await p.page.getByRole('heading', { name: t('triage.duplicates.heading'), exact: true }).count(), 1)
      const cards = section.locator('.govuk-summary-card')
      assert.equal(await cards.count(), 1, 'one earlier record looks like this person')
      const card = cards.first()
      assert.equal((await card.locator('.govuk-summary-card__title').innerText()).trim(), name)
      assert.equal(await summaryText(card, t('personRecord.fields.postcode')), 'CF10 8GZ')
      assert.equal(
        await summaryText(card, t('personRecord.duplicates.columns.matchedOn')),
        t('personRecord.duplicates.matchedOn.name_and_date_of_birth'),
      )
      const open = card.getByRole('link', { name: t('triage.duplicates.open'), exact: true })
      assert.equal(await open.getAttribute('href'), `/people/${earlier.person_id}`)

      // The earlier record opens, with the first referral on its timeline; nothing was merged.
      await p.clickLink(t('triage.duplicates.open'), {}, card)
      assert.equal(p.path(), `/people/${earlier.person_id}`)
      await expectPage(p, lang, name)
      const timeline = main(p).locator('.cyswllt-timeline')
      assert.ok((await timeline.innerText()).includes(first.reference))
      assert.ok(!(await timeline.innerText()).includes(second.reference))
      await p.done()
    })

    if (allLanguages || lang === 'en') it(`a practitioner of another provider is refused the person, and the attempt is audited (${lang})`, async () => {
      const referral = await makeReferral(rig.app!.app, {
        givenName: uniqueName('Elen'),
        dateOfBirth: lang === 'cy' ? '1958-07-30' : '1959-08-31',
      })
      const personId = referral.personId

      const v = await rig.visitor(otherLanguage(lang))
      await v.signInAs('practitioner2', lang)
      await v.visit(`/people/${personId}`, { status: 403 })
      await expectPage(v, lang, t('errors.forbidden.title'))
      assert.ok(!(await main(v).innerText()).includes(referral.givenName), 'nothing about the person is shown')
      await v.clickLink(t('errors.goHome'), {}, main(v))
      assert.equal(v.path(), '/home')
      await v.done()

      const refused = await db()
        .selectFrom('audit_events')
        .select(['action', 'record_type', 'organisation_id', 'outcome'])
        .where('record_id', '=', personId)
        .where('actor_user_id', '=', await userId('practitioner2'))
        .execute()
      assert.deepEqual(refused, [
        { action: 'person.view', record_type: 'person', organisation_id: referral.organisationId, outcome: 'refused' },
      ])
    })

    if (allLanguages || lang === 'cy') it(`a team lead accepts a referral for a practitioner, and the episode starts on the person's timeline (${lang})`, async () => {
      const referral = await makeReferral(rig.app!.app, {
        givenName: uniqueName('Mali'),
        familyName: 'Prys',
        dateOfBirth: lang === 'cy' ? '1990-03-01' : '1991-04-02',
      })
      const name = `${referral.givenName} Prys`
      const v = await rig.visitor(otherLanguage(lang))
      await v.signInAs('teamlead', lang)
      await openFromQueue(v, lang, referral.reference)
      await v.page
        .getByLabel(t('triage.decision.practitionerLabel'), { exact: true })
        .selectOption({ label: 'Rhian Practitioner' })
      await v.clickButton(t('triage.decision.accept'), {}, main(v))
      assert.equal(v.path(), `/triage/${referral.referralId}?done=accepted`)
      assert.equal(await banner(v), t('triage.notices.accepted'))
      assert.equal(await summaryText(main(v), t('triage.fields.status')), t('referrals.options.status.accepted'))
      assert.equal(await summaryText(main(v), t('triage.fields.practitioner')), 'Rhian Practitioner')
      assert.equal(await summaryText(main(v), t('triage.fields.triagedBy')), 'Siân Team Lead')

      await v.clickLink(t('triage.referral.openPerson', { name }), {}, main(v))
      assert.match(v.path(), /^\/people\/[0-9a-f-]{36}$/)
      await expectPage(v, lang, name)
      const entries = (await main(v).locator('.cyswllt-timeline li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' '))
      const about = (entry: string) => entries.find((e) => e.includes(entry))
      const episode = about(t('personRecord.timeline.episodeStarted'))
      assert.ok(episode, `the timeline shows the episode start: ${JSON.stringify(entries)}`)
      assert.ok(episode.includes(t('personRecord.timeline.referral', { reference: referral.reference })))
      assert.ok(about(t('personRecord.timeline.outcome', { status: t('referrals.options.status.accepted') })))
      assert.ok(about(t('personRecord.timeline.received', { route: t('referrals.options.routes.primary_care') })))
      await v.done()

      const episodes = await db()
        .selectFrom('episodes')
        .select(['practitioner_id'])
        .where('referral_id', '=', referral.referralId)
        .execute()
      assert.deepEqual(episodes, [{ practitioner_id: await userId('practitioner') }])
    })
  }
})
