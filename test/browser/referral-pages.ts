import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import type { Language } from '../../src/platform/i18n/i18n.js'
import { otherLanguage, text, type Visitor } from './support.js'

/**
 * Page helpers for the referral journeys (referrals.test.ts): a person referring themselves, a referrer filling in
 * the professional referral form, and the summary lists and error summaries the triage and person pages show.
 * Every text is read from the app's own catalogues, so the same steps work in English and in Welsh.
 */

export const CARDIFF = { en: 'Cardiff and Vale Community Connectors', cy: "Cysylltwyr Cymunedol Caerdydd a'r Fro" }
export const REFERENCE = /CYS-[0-9A-Z]{4}-[0-9A-Z]{4}/

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export const main = (v: Visitor) => v.page.locator('main')

/** A fieldset (radios, checkboxes, date) found by its legend, as a screen reader names it. */
export const group = (v: Visitor, legend: string) => v.page.getByRole('group', { name: legend, exact: true })

/** The error summary's links, as [text, href] pairs. */
export async function summaryLinks(v: Visitor): Promise<string[][]> {
  const links = await v.page.locator('.govuk-error-summary').getByRole('link').all()
  return Promise.all(links.map(async (l) => [(await l.innerText()).trim(), (await l.getAttribute('href')) ?? '']))
}

/** Checks that an error summary is shown, has focus (GOV.UK Frontend's script) and lists exactly these problems. */
export async function expectErrors(v: Visitor, lang: Language, expected: string[][]): Promise<void> {
  const summary = v.page.locator('.govuk-error-summary')
  assert.ok(await summary.isVisible(), `no error summary on ${v.path()}`)
  assert.equal(
    (await summary.locator('.govuk-error-summary__title').innerText()).trim(),
    text(lang, 'common.errorSummaryTitle'),
  )
  assert.equal(
    await v.page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
    true,
    'the error summary should have focus',
  )
  assert.ok((await v.page.title()).startsWith(`${text(lang, 'common.errorTitlePrefix')} `))
  assert.deepEqual(await summaryLinks(v), expected)
}

/** The value shown against a key in a summary list on the page (the first list that has the key). */
export function summaryValue(scope: Locator, key: string): Locator {
  return scope
    .locator('.govuk-summary-list__row', {
      has: scope.page().locator('.govuk-summary-list__key', { hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`) }),
    })
    .first()
    .locator('.govuk-summary-list__value')
}

export async function summaryText(scope: Locator, key: string): Promise<string> {
  return (await summaryValue(scope, key).innerText()).trim()
}

/** The row of a table that links to `linkText` (a referral reference in the triage queue). */
export const rowLinking = (v: Visitor, linkText: string) =>
  v.page.locator('tbody tr', { has: v.page.getByRole('link', { name: linkText, exact: true }) })

/** Asserts the page is in `lang` with this main heading. */
export async function expectPage(v: Visitor, lang: Language, heading: string): Promise<void> {
  assert.equal(await v.lang(), lang, `${v.path()} is not in ${lang}`)
  assert.equal(await v.heading(), heading, `the heading of ${v.path()}`)
}

export interface SelfReferrer {
  givenName: string
  familyName: string
  dateOfBirth: { day: string; month: string; year: string }
  postcode: string
  phone: string
  /** A postcode typed wrongly first, to see the page refuse it and keep what was typed. */
  mistypedPostcode?: string
}

/**
 * A person refers themselves in a browser that asks for the other language: the active offer is asked in that
 * language, and choosing `lang` there turns every following page into `lang`. Ends on the confirmation page and
 * returns the reference it shows.
 */
export async function selfRefer(v: Visitor, lang: Language, person: SelfReferrer): Promise<string> {
  const first = otherLanguage(lang)
  const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)
  const cont = () => v.clickButton(t('common.continue'), {}, main(v))

  await v.visit('/')
  assert.equal(await v.lang(), first)
  await v.clickButton(text(first, 'home.start.selfReferral.start'), {}, main(v))
  await expectPage(v, first, text(first, 'selfReferral.start.title'))
  await v.clickButton(text(first, 'selfReferral.start.startButton'), {}, main(v))

  // The active offer (CS Std 6): asked first, with the question in the other language too.
  assert.equal(v.path(), '/refer-yourself/language')
  await expectPage(v, first, text(first, 'selfReferral.language.title'))
  assert.equal(
    await main(v)
      .locator(`[lang="${lang}"]`, { hasText: text(lang, 'selfReferral.language.title') })
      .count(),
    1,
    'the active offer is asked in both languages, the other one marked with its lang',
  )
  await v.page
    .getByLabel(text(first, lang === 'cy' ? 'selfReferral.language.yes' : 'selfReferral.language.no'), { exact: true })
    .check()
  await v.clickButton(text(first, 'common.continue'), {}, main(v))

  // From here on, every page is in the language chosen.
  assert.equal(v.path(), '/refer-yourself/name')
  await expectPage(v, lang, t('selfReferral.name.title'))
  await v.fill({
    [t('selfReferral.name.givenName')]: person.givenName,
    [t('selfReferral.name.familyName')]: person.familyName,
  })
  await cont()

  assert.equal(v.path(), '/refer-yourself/date-of-birth')
  await expectPage(v, lang, t('selfReferral.dateOfBirth.title'))
  await v.fill({
    [t('common.date.day')]: person.dateOfBirth.day,
    [t('common.date.month')]: person.dateOfBirth.month,
    [t('common.date.year')]: person.dateOfBirth.year,
  })
  await cont()

  assert.equal(v.path(), '/refer-yourself/postcode')
  await expectPage(v, lang, t('selfReferral.postcode.title'))
  const postcode = v.page.getByLabel(t('selfReferral.postcode.title'), { exact: true })
  if (person.mistypedPostcode) {
    await postcode.fill(person.mistypedPostcode)
    await v.clickButton(t('common.continue'), { status: 400 }, main(v))
    assert.equal(v.path(), '/refer-yourself/postcode')
    await expectErrors(v, lang, [[t('referrals.errors.postcodeInvalid'), '#postcode']])
    assert.match(
      await v.page.locator('#postcode-error').innerText(),
      new RegExp(escapeRegExp(t('referrals.errors.postcodeInvalid'))),
    )
    assert.equal(await postcode.inputValue(), person.mistypedPostcode, 'what was typed is kept')
    assert.equal(await v.lang(), lang)
  }
  await postcode.fill(person.postcode)
  await cont()

  // The postcode is in the loaded data, so the council area is not asked for.
  assert.equal(v.path(), '/refer-yourself/contact')
  await expectPage(v, lang, t('selfReferral.contact.title'))
  const phone = v.page.getByLabel(t('selfReferral.contact.phone'), { exact: true })
  assert.equal(await phone.isVisible(), false, 'the phone number is asked for only once phone calls are chosen')
  await v.page.getByLabel(t('people.options.contactMethod.phone'), { exact: true }).check()
  assert.equal(await phone.isVisible(), true, 'choosing phone calls reveals the phone number')
  await phone.fill(person.phone)
  await v.fill({ [t('selfReferral.contact.contactTimes')]: t('selfReferral.contact.contactTimesHint') })
  await group(v, t('selfReferral.contact.safeToLeaveMessage'))
    .getByLabel(t('selfReferral.contact.safeYes'), { exact: true })
    .check()
  await cont()

  assert.equal(v.path(), '/refer-yourself/help')
  await expectPage(v, lang, t('selfReferral.help.title'))
  await v.page.getByLabel(t('referrals.options.reasons.loneliness_isolation'), { exact: true }).check()
  await v.fill({ [t('selfReferral.help.detailsLabel')]: 'Côr / choir' })
  await cont()

  assert.equal(v.path(), '/refer-yourself/communication')
  await expectPage(v, lang, t('selfReferral.communication.title'))
  await v.page.getByLabel(t('people.options.communicationNeed.large_print'), { exact: true }).check()
  await cont()

  assert.equal(v.path(), '/refer-yourself/carer')
  await expectPage(v, lang, t('selfReferral.carer.title'))
  await group(v, t('selfReferral.carer.isCarer'))
    .getByLabel(t('people.options.yesNoPreferNot.no'), { exact: true })
    .check()
  await group(v, t('selfReferral.carer.hasSupport'))
    .getByLabel(t('people.options.yesNoPreferNot.prefer_not_to_say'), { exact: true })
    .check()
  await cont()

  assert.equal(v.path(), '/refer-yourself/consent')
  await expectPage(v, lang, t('selfReferral.consent.title'))
  await v.page.getByLabel(t('selfReferral.consent.agree'), { exact: true }).check()
  await cont()

  assert.equal(v.path(), '/refer-yourself/check-answers')
  await expectPage(v, lang, t('selfReferral.check.title'))
  const answers = v.page.locator('.govuk-summary-list')
  assert.equal(
    await summaryText(answers, t('selfReferral.check.language')),
    t(lang === 'cy' ? 'selfReferral.check.welsh' : 'selfReferral.check.english'),
  )
  assert.equal(await summaryText(answers, t('selfReferral.check.name')), `${person.givenName} ${person.familyName}`)
  assert.equal(await summaryText(answers, t('selfReferral.check.postcode')), person.postcode.toUpperCase())
  assert.equal(await summaryText(answers, t('selfReferral.check.phone')), person.phone)
  await v.clickButton(t('selfReferral.check.send'), {}, main(v))

  assert.equal(v.path(), '/refer-yourself/confirmation')
  assert.equal(await v.lang(), lang)
  const panel = v.page.locator('.govuk-panel')
  assert.equal((await panel.locator('.govuk-panel__title').innerText()).trim(), t('selfReferral.confirmation.title'))
  const reference = REFERENCE.exec(await panel.innerText())?.[0]
  assert.ok(reference, 'the confirmation shows a reference number')
  assert.ok(
    (await main(v).innerText()).includes(
      t('selfReferral.confirmation.next', {
        provider: CARDIFF[lang],
        days: 10,
        methods: t('selfReferral.confirmation.by.phone'),
      }),
    ),
    'the confirmation names the provider and how it will make contact',
  )
  return reference
}

export interface ReferredPerson {
  givenName: string
  familyName: string
  dateOfBirth: { day: string; month: string; year: string }
  nhsNumber: string
  postcode: string
}

/**
 * Fills in the professional referral form (already open) for `person`, as the demo GP referrer: their role and
 * contact, the person, how to reach them, the reasons, their agreement and their agreement to hear the outcome.
 */
export async function fillReferralForm(v: Visitor, lang: Language, person: ReferredPerson): Promise<void> {
  const t = (key: string) => text(lang, key)
  const yes = (legend: string) => group(v, legend).getByLabel(t('common.yes'), { exact: true }).check()
  assert.equal(
    await v.page.getByLabel(t('referring.form.referrerName'), { exact: true }).inputValue(),
    'Dr Owen Referrer',
    "the referrer's name comes from their account",
  )
  await v.fill({
    [t('referring.form.referrerRole')]: lang === 'cy' ? 'Meddyg teulu' : 'GP',
    [t('referring.form.referrerContact')]: '029 2000 0001',
    [t('referring.form.givenName')]: person.givenName,
    [t('referring.form.familyName')]: person.familyName,
    [t('common.date.day')]: person.dateOfBirth.day,
    [t('common.date.month')]: person.dateOfBirth.month,
    [t('common.date.year')]: person.dateOfBirth.year,
    [t('referring.form.nhsNumber')]: person.nhsNumber,
    [t('referring.form.postcode')]: person.postcode,
    [t('referring.form.phone')]: '029 2000 0000',
    [t('referring.form.reasonDetails')]: lang === 'cy' ? 'Yn byw ar ei phen ei hun' : 'Lives alone',
  })
  await v.page.getByLabel(t('referrals.options.routes.primary_care'), { exact: true }).check()
  await v.page.getByLabel(t('people.options.contactMethod.phone'), { exact: true }).check()
  await v.page.getByLabel(t(`referring.form.languageOptions.${lang}`), { exact: true }).check()
  await yes(t('referring.form.welshOfferMade'))
  await v.page.getByLabel(t('referrals.options.reasons.social_wellbeing'), { exact: true }).check()
  await v.page.getByLabel(t('referring.form.personAgreed'), { exact: true }).check()
  await yes(t('referring.form.shareOutcomeWithReferrer'))
}

/** From a referrer's home page, the form; sends the referral and returns its id and reference from the confirmation. */
export async function sendReferral(
  v: Visitor,
  lang: Language,
  person: ReferredPerson,
): Promise<{ id: string; reference: string }> {
  const t = (key: string, params?: Record<string, string>) => text(lang, key, params)
  await v.visit('/home')
  await v.clickLink(t('home.links.newReferral'), {}, main(v))
  assert.equal(v.path(), '/referrals/new')
  await expectPage(v, lang, t('referring.form.title'))
  await fillReferralForm(v, lang, person)
  await v.clickButton(t('referring.form.submit'), {}, main(v))
  return confirmation(v, lang)
}

/** The confirmation of a professional referral: its id (from the address) and the reference it shows. */
export async function confirmation(v: Visitor, lang: Language): Promise<{ id: string; reference: string }> {
  const match = /^\/referrals\/sent\/([0-9a-f-]{36})\/confirmation$/.exec(v.path())
  assert.ok(match, `not a referral confirmation: ${v.path()}`)
  assert.equal(await v.lang(), lang)
  const panel = v.page.locator('.govuk-panel')
  assert.equal(
    (await panel.locator('.govuk-panel__title').innerText()).trim(),
    text(lang, 'referring.confirmation.title'),
  )
  const reference = REFERENCE.exec(await panel.innerText())?.[0]
  assert.ok(reference, 'the confirmation shows a reference number')
  assert.ok(
    (await main(v).innerText()).includes(text(lang, 'referring.confirmation.sentTo', { organisation: CARDIFF[lang] })),
    'the referral went to the Cardiff provider, named in the page language',
  )
  return { id: match[1]!, reference }
}

/**
 * From the menu, the triage queue; then the referral with this reference. Returns what its row in the queue showed
 * (one text per cell).
 */
export async function openFromQueue(v: Visitor, lang: Language, reference: string): Promise<string[]> {
  await v.clickLink(
    text(lang, 'common.nav.triage'),
    {},
    v.page.getByRole('navigation', { name: text(lang, 'common.menu') }),
  )
  assert.equal(v.path(), '/triage')
  await expectPage(v, lang, text(lang, 'triage.queue.title'))
  const row = rowLinking(v, reference)
  assert.equal(await row.count(), 1, `${reference} is not in the queue`)
  const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim())
  await v.clickLink(reference, {}, row)
  assert.match(v.path(), /^\/triage\/[0-9a-f-]{36}$/)
  await expectPage(v, lang, reference)
  return cells
}
