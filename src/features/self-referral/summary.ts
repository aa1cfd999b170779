import { formatDate, type Language, type Translate } from '../../platform/i18n/i18n.js'
import type { PersonInput, ReferralDetailsInput } from '../referrals/referral-input.js'
import { type Answers, paths, type Step, text } from './journey.js'

interface Row {
  key: { text: string }
  value: { text: string }
  actions: { items: { href: string; text: string; visuallyHiddenText: string }[] }
}

/**
 * The check-your-answers rows, from the values the shared validation gives (names as kept, postcode tidied),
 * each with a Change link back to its page. Values are plain text: the summary list escapes them.
 */
export function summaryRows(
  t: Translate,
  lang: Language,
  answers: Answers,
  input: { person: PersonInput; referral: ReferralDetailsInput },
  extra: { localAuthorityName: string | null; under18: boolean },
): Row[] {
  const { person, referral } = input
  const rows: Row[] = []
  const add = (key: string, value: string, step: Step) => {
    const label = t(`selfReferral.check.${key}`)
    rows.push({ key: { text: label }, value: { text: value }, actions: { items: [{ href: paths.step(step), text: t('selfReferral.check.change'), visuallyHiddenText: label }] } })
  }
  const orNone = (values: string[]) => (values.length > 0 ? values.join(', ') : t('selfReferral.check.none'))
  const choice = (code: string | null) => (code ? t(`people.options.yesNoPreferNot.${code}`) : t('selfReferral.check.notGiven'))

  add('language', person.language === 'cy' ? t('selfReferral.check.welsh') : t('selfReferral.check.english'), 'language')
  add('name', `${person.givenName} ${person.familyName}`, 'name')
  add('dateOfBirth', formatDate(person.dateOfBirth, lang), 'date-of-birth')
  add('postcode', person.postcode ?? '', 'postcode')
  if (answers.postcodeKnown === 'no' && extra.localAuthorityName) add('localAuthority', extra.localAuthorityName, 'local-authority')

  add('contactMethods', orNone(person.contactMethods.map((m) => t(`people.options.contactMethod.${m}`))), 'contact')
  if (person.contactMethods.includes('phone')) add('phone', text(answers, 'phone'), 'contact')
  if (person.contactMethods.includes('text')) add('mobile', text(answers, 'mobile') || text(answers, 'phone'), 'contact')
  if (person.email) add('email', person.email, 'contact')
  if (person.address) add('address', person.address, 'contact')
  add('contactTimes', person.contactTimes ?? t('selfReferral.check.notGiven'), 'contact')
  add('safeToLeaveMessage', person.safeToLeaveMessage ? t('selfReferral.contact.safeYes') : t('selfReferral.contact.safeNo'), 'contact')

  add('reasons', orNone(referral.reasons.map((r) => t(`referrals.options.reasons.${r}`))), 'help')
  add('reasonDetails', referral.reasonDetails ?? t('selfReferral.check.notGiven'), 'help')

  add('communicationNeeds', orNone(person.communicationNeeds.map((n) => t(`people.options.communicationNeed.${n}`))), 'communication')
  if (person.interpreterLanguage) add('interpreterLanguage', person.interpreterLanguage, 'communication')

  add('isCarer', choice(person.isCarer), 'carer')
  add('hasSupport', choice(person.hasSupport), 'carer')

  if (extra.under18) {
    add('guardianName', person.guardianName ?? '', 'guardian')
    add('guardianRelationship', person.guardianRelationship ?? t('selfReferral.check.notGiven'), 'guardian')
    add('guardianContact', person.guardianContact ?? '', 'guardian')
  }
  add('consent', t('selfReferral.check.consentGiven'), 'consent')
  return rows
}
