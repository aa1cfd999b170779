import type { Language, Translate } from '../../platform/i18n/i18n.js'
import { vocabulary } from '../people/vocabulary.js'
import { referralReasons, referralRoutes, urgencies } from '../referrals/vocabulary.js'
import type { FormValues } from './form-fields.js'

interface Named {
  name: string
  name_cy: string | null
}

export interface FormLookups {
  localAuthorities: { code: string; name_en: string; name_cy: string }[]
  providers: (Named & { id: string })[]
}

const byText = (lang: Language) => (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text, lang)

/** An organisation's name in the page's language: the Welsh name on Welsh pages when it has one. */
export function organisationName(row: Named, lang: Language): string {
  return lang === 'cy' && row.name_cy ? row.name_cy : row.name
}

/**
 * Everything the referral form's template needs beyond the typed values: the items of each radio, checkbox and
 * select, labelled in the page's language and marked as chosen from the values.
 */
export function formView(t: Translate, lang: Language, values: FormValues, lookups: FormLookups) {
  const radios = (name: keyof FormValues, codes: readonly string[], label: (code: string) => string) =>
    codes.map((code) => ({ value: code, text: label(code), checked: values[name] === code }))
  const checkboxes = (
    name: 'contactMethods' | 'communicationNeeds' | 'reasons',
    codes: readonly string[],
    label: (code: string) => string,
  ) => codes.map((code) => ({ value: code, text: label(code), checked: values[name].includes(code) }))
  const yesNo = (name: keyof FormValues) =>
    radios(name, ['yes', 'no'], (code) => t(code === 'yes' ? 'common.yes' : 'common.no'))
  const tick = (name: keyof FormValues, key: string) => [
    { value: 'yes', text: t(key), checked: values[name] === 'yes' },
  ]

  return {
    items: {
      route: radios(
        'route',
        referralRoutes.filter((r) => r !== 'self'),
        (code) => t(`referrals.options.routes.${code}`),
      ),
      contactMethods: checkboxes('contactMethods', vocabulary.contactMethod, (code) =>
        t(`people.options.contactMethod.${code}`),
      ),
      safeToLeaveMessage: yesNo('safeToLeaveMessage'),
      language: radios('language', ['cy', 'en'], (code) => t(`referring.form.languageOptions.${code}`)),
      welshOfferMade: yesNo('welshOfferMade'),
      communicationNeeds: checkboxes('communicationNeeds', vocabulary.communicationNeed, (code) =>
        t(`people.options.communicationNeed.${code}`),
      ),
      guardianHasParentalResponsibility: yesNo('guardianHasParentalResponsibility'),
      consentGivenBy: radios('consentGivenBy', ['person', 'parent_guardian'], (code) =>
        t(`referring.form.consentGivenByOptions.${code}`),
      ),
      youngPersonCompetent: yesNo('youngPersonCompetent'),
      reasons: checkboxes('reasons', referralReasons, (code) => t(`referrals.options.reasons.${code}`)),
      loneWorkerRisk: tick('loneWorkerRisk', 'referring.form.loneWorkerRisk'),
      urgency: radios('urgency', urgencies, (code) => t(`referrals.options.urgency.${code}`)),
      crisis: tick('crisis', 'referring.form.crisis'),
      personAgreed: tick('personAgreed', 'referring.form.personAgreed'),
      shareOutcomeWithReferrer: yesNo('shareOutcomeWithReferrer'),
      localAuthorityCode: [
        { value: '', text: t('referring.form.localAuthorityNone'), selected: values.localAuthorityCode === '' },
        ...lookups.localAuthorities
          .map((la) => ({
            value: la.code,
            text: lang === 'cy' ? la.name_cy : la.name_en,
            selected: values.localAuthorityCode === la.code,
          }))
          .sort(byText(lang)),
      ],
      receivingOrganisationId: [
        { value: '', text: t('referring.form.receiverByArea'), selected: values.receivingOrganisationId === '' },
        ...lookups.providers
          .map((p) => ({
            value: p.id,
            text: organisationName(p, lang),
            selected: values.receivingOrganisationId === p.id,
          }))
          .sort(byText(lang)),
      ],
    },
  }
}
