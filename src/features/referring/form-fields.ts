import type { Translate } from '../../platform/i18n/i18n.js'
import type { FieldError } from '../referrals/referral-input.js'

/**
 * The professional referral's fields, in the order the form asks for them. The form, the API body and the shared
 * validation (`validateReferral`) use the same names; the date of birth is three inputs on the page.
 */
export const TEXT_FIELDS = [
  'referrerName',
  'referrerRole',
  'referrerOrganisationName',
  'referrerContact',
  'route',
  'givenName',
  'familyName',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'nhsNumber',
  'postcode',
  'localAuthorityCode',
  'phone',
  'email',
  'address',
  'contactTimes',
  'safeToLeaveMessage',
  'language',
  'welshOfferMade',
  'interpreterLanguage',
  'guardianName',
  'guardianRelationship',
  'guardianContact',
  'guardianHasParentalResponsibility',
  'consentGivenBy',
  'youngPersonCompetent',
  'reasonDetails',
  'clinicalDiagnosis',
  'risks',
  'loneWorkerRisk',
  'urgency',
  'crisis',
  'personAgreed',
  'shareOutcomeWithReferrer',
  'receivingOrganisationId',
] as const

export const LIST_FIELDS = ['contactMethods', 'communicationNeeds', 'reasons'] as const

export type FormValues = Record<(typeof TEXT_FIELDS)[number], string> & Record<(typeof LIST_FIELDS)[number], string[]>

/** Where each field sits on the page, so the error summary lists problems from top to bottom. */
const ORDER: string[] = [
  ...['referrerName', 'referrerRole', 'referrerOrganisationName', 'referrerContact', 'route'],
  ...['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'postcode', 'localAuthorityCode'],
  ...['contactMethods', 'phone', 'email', 'address', 'contactTimes', 'safeToLeaveMessage'],
  ...['language', 'welshOfferMade', 'communicationNeeds', 'interpreterLanguage'],
  ...[
    'guardianName',
    'guardianRelationship',
    'guardianContact',
    'guardianHasParentalResponsibility',
    'consentGivenBy',
    'youngPersonCompetent',
  ],
  ...['reasons', 'reasonDetails', 'clinicalDiagnosis', 'risks', 'loneWorkerRisk', 'urgency', 'crisis'],
  ...['personAgreed', 'shareOutcomeWithReferrer', 'receivingOrganisationId'],
]

const MAX_KEPT = 5000

/** The values exactly as typed, to show again after an error (a repeated text field keeps its first value). */
export function formValues(body: Record<string, unknown>): FormValues {
  const values = {} as FormValues
  for (const field of TEXT_FIELDS) {
    const raw = Array.isArray(body[field]) ? (body[field] as unknown[])[0] : body[field]
    values[field] = typeof raw === 'string' ? raw.slice(0, MAX_KEPT) : ''
  }
  for (const field of LIST_FIELDS) {
    const raw = body[field]
    values[field] = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === 'string',
    )
  }
  return values
}

/** A blank form with the referrer's own details filled in from their account. */
export function initialValues(user: { name: string; organisationName: string }): FormValues {
  return {
    ...formValues({}),
    referrerName: user.name,
    referrerOrganisationName: user.organisationName,
    urgency: 'routine',
  }
}

export function sortErrors<E extends { field: string }>(errors: E[]): E[] {
  const rank = (field: string) => {
    const index = ORDER.indexOf(field)
    return index === -1 ? ORDER.length : index
  }
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field))
}

/** The error summary's list: each problem in the page's language, linking to its field (a date to its day). */
export function summaryErrors(t: Translate, errors: FieldError[]) {
  return sortErrors(errors).map((e) => ({
    field: e.field,
    text: t(e.key),
    href: e.field === 'dateOfBirth' ? '#dateOfBirth-day' : `#${e.field}`,
  }))
}

/** The `errors` of a `validation_failed` problem: each field named as in the request body, worded for the caller. */
export function apiErrors(t: Translate, errors: FieldError[]) {
  return sortErrors(errors).map((e) => ({ field: e.field, message: t(e.key) }))
}
