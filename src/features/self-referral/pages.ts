import { isPhone } from '../people/person-rules.js'
import { type FieldError, LIMITS, validatePerson, validateReferralDetails } from '../referrals/referral-input.js'
import { type Answers, isUnder18, type QuestionStep, referralFields, text } from './journey.js'

/**
 * What each question page asks and how its answers are checked. Each page checks only its own fields, with the
 * same rules as the final submit (`validatePerson`, `validateReferralDetails`), so an answer accepted here is
 * accepted there.
 */
export const pageFields: Record<QuestionStep, readonly string[]> = {
  language: ['useWelsh'],
  name: ['givenName', 'familyName'],
  'date-of-birth': ['dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year'],
  postcode: ['postcode'],
  'local-authority': ['localAuthorityCode'],
  contact: ['contactMethods', 'phone', 'mobile', 'email', 'address', 'contactTimes', 'safeToLeaveMessage'],
  help: ['reasons', 'reasonDetails'],
  communication: ['communicationNeeds', 'interpreterLanguage'],
  carer: ['isCarer', 'hasSupport'],
  guardian: ['guardianName', 'guardianRelationship', 'guardianContact'],
  consent: ['personAgreed'],
}

/** The fields errors may name on each page, in the order the page shows them (the error summary's order). */
const errorFields: Record<QuestionStep, readonly string[]> = {
  ...pageFields,
  'date-of-birth': ['dateOfBirth'],
}

const listFields = new Set(['contactMethods', 'reasons', 'communicationNeeds'])
/** Nobody ticks more boxes than a list has; a longer list is not a person filling in the form. */
const MAX_LIST = 20

export interface PageContext {
  today: Date
  /** The 22 local authority codes, for the local authority page. */
  localAuthorityCodes?: readonly string[]
}

function pick(body: Record<string, unknown>, step: QuestionStep): Answers {
  const values: Answers = {}
  for (const field of pageFields[step]) {
    const value = body[field]
    if (listFields.has(field)) {
      const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')
      values[field] = list.slice(0, MAX_LIST)
    } else {
      values[field] = typeof value === 'string' ? value : ''
    }
  }
  return values
}

const chose = (values: Answers, field: string, code: string) => (values[field] as string[] | undefined)?.includes(code) ?? false

/** Details for a way of contact not chosen are dropped, so a number typed then unticked is not kept. */
function dropUnchosen(step: QuestionStep, values: Answers): Answers {
  const out = { ...values }
  if (step === 'contact') {
    if (!chose(out, 'contactMethods', 'phone')) out.phone = ''
    if (!chose(out, 'contactMethods', 'text')) out.mobile = ''
    if (!chose(out, 'contactMethods', 'email')) out.email = ''
    if (!chose(out, 'contactMethods', 'letter')) out.address = ''
  }
  if (step === 'communication' && !chose(out, 'communicationNeeds', 'interpreter')) out.interpreterLanguage = ''
  return out
}

const required = (values: Answers, field: string, allowed: readonly string[], key: string): FieldError[] =>
  allowed.includes(text(values, field)) ? [] : [{ field, key }]

const maxLength = (values: Answers, field: string, max: number, key: string): FieldError[] => (text(values, field).trim().length > max ? [{ field, key }] : [])

/** Checks one page. The shared validation sees all answers so far, but only this page's errors are kept. */
function pageErrors(step: QuestionStep, values: Answers, answers: Answers, context: PageContext): FieldError[] {
  const merged = referralFields({ ...answers, ...values })
  if (step === 'postcode') delete merged.localAuthorityCode
  const errors: FieldError[] = []
  switch (step) {
    case 'language':
      return required(values, 'useWelsh', ['yes', 'no'], 'selfReferral.errors.useWelshMissing')
    case 'local-authority':
      if (!text(values, 'localAuthorityCode')) return [{ field: 'localAuthorityCode', key: 'referrals.errors.localAuthorityNeeded' }]
      if (!context.localAuthorityCodes?.includes(text(values, 'localAuthorityCode'))) return [{ field: 'localAuthorityCode', key: 'referrals.errors.localAuthorityInvalid' }]
      return []
    case 'help':
    case 'consent':
      return validateReferralDetails(merged, 'self', isUnder18(merged, context.today)).errors
    case 'contact':
      errors.push(...contactErrors(values))
      errors.push(...required(values, 'safeToLeaveMessage', ['yes', 'no'], 'selfReferral.errors.safeToLeaveMessageMissing'))
      break
    case 'communication':
      errors.push(...maxLength(values, 'interpreterLanguage', LIMITS.shortText, `referrals.errors.tooLong.${LIMITS.shortText}`))
      break
    case 'carer':
      errors.push(...required(values, 'isCarer', ['yes', 'no', 'prefer_not_to_say'], 'selfReferral.errors.isCarerMissing'))
      errors.push(...required(values, 'hasSupport', ['yes', 'no', 'prefer_not_to_say'], 'selfReferral.errors.hasSupportMissing'))
      break
    case 'guardian':
      errors.push(...maxLength(values, 'guardianName', LIMITS.name, 'referrals.errors.nameTooLong'))
      errors.push(...maxLength(values, 'guardianRelationship', LIMITS.shortText, `referrals.errors.tooLong.${LIMITS.shortText}`))
      errors.push(...maxLength(values, 'guardianContact', LIMITS.shortText, `referrals.errors.tooLong.${LIMITS.shortText}`))
      break
  }
  const person = validatePerson(merged, context.today, { requireContact: true }).errors
  // The shared rule knows one phone number; on this page a text-only choice gives it as the mobile number.
  const textOnly = chose(values, 'contactMethods', 'text') && !chose(values, 'contactMethods', 'phone')
  return [...person.map((e) => (e.field === 'phone' && textOnly ? { ...e, field: 'mobile' } : e)), ...errors]
}

/** Calls and texts share one number in the record: a different mobile number would be lost, so say so. */
function contactErrors(values: Answers): FieldError[] {
  const phone = text(values, 'phone').trim()
  const mobile = text(values, 'mobile').trim()
  if (!mobile || !phone) return []
  if (!isPhone(mobile)) return [{ field: 'mobile', key: 'referrals.errors.phoneInvalid' }]
  return mobile.replace(/\D/g, '') === phone.replace(/\D/g, '') ? [] : [{ field: 'mobile', key: 'selfReferral.errors.mobileDifferent' }]
}

/** One error per field, in the page's order. */
function tidy(step: QuestionStep, errors: FieldError[]): FieldError[] {
  const fields = errorFields[step]
  const first = new Map<string, FieldError>()
  for (const error of errors) if (fields.includes(error.field) && !first.has(error.field)) first.set(error.field, error)
  return [...first.values()].sort((a, b) => fields.indexOf(a.field) - fields.indexOf(b.field))
}

/** Reads one page's answers from the form and checks them: `values` to keep, or the errors to show. */
export function readPage(step: QuestionStep, body: Record<string, unknown>, answers: Answers, context: PageContext): { values: Answers; errors: FieldError[] } {
  const values = dropUnchosen(step, pick(body, step))
  return { values, errors: tidy(step, pageErrors(step, values, answers, context)) }
}

/** Where the error summary links for a field: the first input of a date, otherwise the field itself. */
export function errorHref(field: string): string {
  return field === 'dateOfBirth' ? '#dateOfBirth-day' : `#${field}`
}
