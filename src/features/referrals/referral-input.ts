import { isCode, vocabulary } from '../people/vocabulary.js'
import { cleanName, isChild, isEmail, isPhone, nhsNumberProblem, normaliseNhsNumber, normalisePostcode, parseDateOfBirth, type DateParts } from '../people/person-rules.js'
import { referralReasons, referralRoutes, urgencies } from './vocabulary.js'

/**
 * One validation for every door a referral comes through: the self-referral journey, the professional form and
 * `POST /api/v1/referrals`. Each error names the field (the form field's id and the API's property) and a message
 * key; callers turn keys into text in the user's language. Nothing here touches the database.
 */
export interface FieldError {
  field: string
  key: string
}

export interface PersonInput {
  givenName: string
  familyName: string
  dateOfBirth: string
  nhsNumber: string | null
  postcode: string | null
  localAuthorityCode: string | null
  phone: string | null
  email: string | null
  address: string | null
  contactMethods: string[]
  contactTimes: string | null
  safeToLeaveMessage: boolean | null
  language: 'cy' | 'en'
  welshOfferMade: boolean
  communicationNeeds: string[]
  interpreterLanguage: string | null
  isCarer: string | null
  hasSupport: string | null
  guardianName: string | null
  guardianRelationship: string | null
  guardianContact: string | null
  guardianHasParentalResponsibility: boolean | null
}

export interface ReferralDetailsInput {
  route: (typeof referralRoutes)[number]
  reasons: string[]
  reasonDetails: string | null
  clinicalDiagnosis: string | null
  risks: string | null
  loneWorkerRisk: boolean
  urgency: (typeof urgencies)[number]
  crisis: boolean
  personAgreed: boolean
  shareOutcomeWithReferrer: boolean
  consentGivenBy: 'person' | 'parent_guardian'
  youngPersonCompetent: boolean | null
  referrerName: string | null
  referrerRole: string | null
  referrerOrganisationName: string | null
  referrerContact: string | null
  receivingOrganisationId: string | null
}

export const LIMITS = { name: 100, shortText: 200, longText: 2000 } as const

type Raw = Record<string, unknown>

const text = (raw: Raw, key: string): string => (typeof raw[key] === 'string' ? (raw[key] as string).trim() : '')
const optional = (value: string): string | null => (value === '' ? null : value)
const list = (raw: Raw, key: string): string[] => {
  const value = raw[key]
  const values = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]
  return values.filter((v): v is string => typeof v === 'string' && v !== '')
}
const yesNo = (raw: Raw, key: string): boolean | null => {
  const value = raw[key]
  if (value === true || value === 'yes' || value === 'true') return true
  if (value === false || value === 'no' || value === 'false') return false
  return null
}

function longText(raw: Raw, key: string, errors: FieldError[], max: number = LIMITS.longText): string | null {
  const value = text(raw, key)
  if (value.length > max) errors.push({ field: key, key: `referrals.errors.tooLong.${max}` })
  return optional(value)
}

/** Date of birth from `dateOfBirth` (ISO, the API) or `dateOfBirth-day/-month/-year` (GOV.UK date input). */
export function dateParts(raw: Raw): DateParts {
  const iso = text(raw, 'dateOfBirth')
  if (iso) {
    const [year = '', month = '', day = ''] = iso.split('-')
    return { day, month, year }
  }
  return { day: text(raw, 'dateOfBirth-day'), month: text(raw, 'dateOfBirth-month'), year: text(raw, 'dateOfBirth-year') }
}

/** The person's details, as far as a referral gives them. */
export function validatePerson(raw: Raw, today: Date, options: { requireContact: boolean }): { value: PersonInput; errors: FieldError[] } {
  const errors: FieldError[] = []
  const givenName = cleanName(raw.givenName)
  const familyName = cleanName(raw.familyName)
  if (!givenName) errors.push({ field: 'givenName', key: 'referrals.errors.givenNameMissing' })
  else if (givenName.length > LIMITS.name) errors.push({ field: 'givenName', key: 'referrals.errors.nameTooLong' })
  if (!familyName) errors.push({ field: 'familyName', key: 'referrals.errors.familyNameMissing' })
  else if (familyName.length > LIMITS.name) errors.push({ field: 'familyName', key: 'referrals.errors.nameTooLong' })

  const dob = parseDateOfBirth(dateParts(raw), today)
  if ('problem' in dob) errors.push({ field: 'dateOfBirth', key: `referrals.errors.dateOfBirth.${dob.problem}` })
  const dateOfBirth = 'date' in dob ? dob.date : ''

  let nhsNumber: string | null = null
  const nhsRaw = text(raw, 'nhsNumber')
  if (nhsRaw) {
    const problem = nhsNumberProblem(nhsRaw)
    if (problem) errors.push({ field: 'nhsNumber', key: `referrals.errors.nhsNumber.${problem}` })
    else nhsNumber = normaliseNhsNumber(nhsRaw)
  }

  let postcode: string | null = null
  const postcodeRaw = text(raw, 'postcode')
  if (postcodeRaw) {
    postcode = normalisePostcode(postcodeRaw)
    if (!postcode) errors.push({ field: 'postcode', key: 'referrals.errors.postcodeInvalid' })
  }
  const localAuthorityCode = optional(text(raw, 'localAuthorityCode'))
  if (localAuthorityCode && !/^W06\d{6}$/.test(localAuthorityCode)) errors.push({ field: 'localAuthorityCode', key: 'referrals.errors.localAuthorityInvalid' })
  if (!postcodeRaw && !localAuthorityCode) errors.push({ field: 'postcode', key: 'referrals.errors.postcodeMissing' })

  const phone = optional(text(raw, 'phone'))
  if (phone && !isPhone(phone)) errors.push({ field: 'phone', key: 'referrals.errors.phoneInvalid' })
  const email = optional(text(raw, 'email').toLowerCase())
  if (email && !isEmail(email)) errors.push({ field: 'email', key: 'referrals.errors.emailInvalid' })
  const address = longText(raw, 'address', errors, LIMITS.shortText * 2)

  const contactMethods = list(raw, 'contactMethods')
  if (contactMethods.some((m) => !isCode('contactMethod', m))) errors.push({ field: 'contactMethods', key: 'referrals.errors.choiceInvalid' })
  if (options.requireContact && contactMethods.length === 0) errors.push({ field: 'contactMethods', key: 'referrals.errors.contactMethodMissing' })
  if (contactMethods.includes('phone') || contactMethods.includes('text')) {
    if (!phone) errors.push({ field: 'phone', key: 'referrals.errors.phoneMissing' })
  }
  if (contactMethods.includes('email') && !email) errors.push({ field: 'email', key: 'referrals.errors.emailMissing' })
  if (contactMethods.includes('letter') && !address) errors.push({ field: 'address', key: 'referrals.errors.addressMissing' })

  const communicationNeeds = list(raw, 'communicationNeeds')
  if (communicationNeeds.some((m) => !isCode('communicationNeed', m))) errors.push({ field: 'communicationNeeds', key: 'referrals.errors.choiceInvalid' })
  const interpreterLanguage = optional(text(raw, 'interpreterLanguage'))
  if (communicationNeeds.includes('interpreter') && !interpreterLanguage) errors.push({ field: 'interpreterLanguage', key: 'referrals.errors.interpreterLanguageMissing' })

  const language = raw.language === 'cy' ? 'cy' : 'en'
  for (const key of ['isCarer', 'hasSupport'] as const) {
    const value = optional(text(raw, key))
    if (value && !isCode('yesNoPreferNot', value)) errors.push({ field: key, key: 'referrals.errors.choiceInvalid' })
  }

  const child = dateOfBirth !== '' && isChild(dateOfBirth, today)
  const guardianName = optional(cleanName(raw.guardianName))
  const guardianRelationship = optional(text(raw, 'guardianRelationship'))
  const guardianContact = optional(text(raw, 'guardianContact'))
  if (child && !guardianName) errors.push({ field: 'guardianName', key: 'referrals.errors.guardianNameMissing' })
  if (child && !guardianContact) errors.push({ field: 'guardianContact', key: 'referrals.errors.guardianContactMissing' })

  return {
    value: {
      givenName,
      familyName,
      dateOfBirth,
      nhsNumber,
      postcode,
      localAuthorityCode,
      phone,
      email,
      address,
      contactMethods: vocabulary.contactMethod.filter((m) => contactMethods.includes(m)),
      contactTimes: longText(raw, 'contactTimes', errors, LIMITS.shortText),
      safeToLeaveMessage: yesNo(raw, 'safeToLeaveMessage'),
      language,
      welshOfferMade: yesNo(raw, 'welshOfferMade') ?? false,
      communicationNeeds: vocabulary.communicationNeed.filter((m) => communicationNeeds.includes(m)),
      interpreterLanguage,
      isCarer: optional(text(raw, 'isCarer')),
      hasSupport: optional(text(raw, 'hasSupport')),
      guardianName,
      guardianRelationship,
      guardianContact,
      guardianHasParentalResponsibility: yesNo(raw, 'guardianHasParentalResponsibility'),
    },
    errors,
  }
}

/** What the referral asks for and who sent it. `professional` requires the referrer's details and route. */
export function validateReferralDetails(raw: Raw, kind: 'self' | 'professional', personIsChild: boolean): { value: ReferralDetailsInput; errors: FieldError[] } {
  const errors: FieldError[] = []
  const reasons = list(raw, 'reasons')
  if (reasons.length === 0) errors.push({ field: 'reasons', key: 'referrals.errors.reasonsMissing' })
  if (reasons.some((r) => !(referralReasons as readonly string[]).includes(r))) errors.push({ field: 'reasons', key: 'referrals.errors.choiceInvalid' })
  const reasonDetails = longText(raw, 'reasonDetails', errors)
  if (reasons.includes('other') && !reasonDetails) errors.push({ field: 'reasonDetails', key: 'referrals.errors.otherReasonMissing' })

  const route = kind === 'self' ? 'self' : text(raw, 'route')
  // A professional referral comes by a professional route; `self` is only the self-referral journey's.
  const validRoute = (referralRoutes as readonly string[]).includes(route) && (kind === 'self' || route !== 'self')
  if (!validRoute) errors.push({ field: 'route', key: route ? 'referrals.errors.choiceInvalid' : 'referrals.errors.routeMissing' })
  const urgency = text(raw, 'urgency') || 'routine'
  if (!(urgencies as readonly string[]).includes(urgency)) errors.push({ field: 'urgency', key: 'referrals.errors.choiceInvalid' })

  const personAgreed = yesNo(raw, 'personAgreed')
  if (personAgreed !== true) errors.push({ field: 'personAgreed', key: kind === 'self' ? 'referrals.errors.consentMissing' : 'referrals.errors.personAgreedMissing' })

  const consentGivenBy = raw.consentGivenBy === 'parent_guardian' ? 'parent_guardian' : 'person'
  const youngPersonCompetent = yesNo(raw, 'youngPersonCompetent')
  if (kind === 'professional' && personIsChild && consentGivenBy === 'person' && youngPersonCompetent !== true) {
    errors.push({ field: 'youngPersonCompetent', key: 'referrals.errors.competenceMissing' })
  }

  const referrer = {
    referrerName: optional(cleanName(raw.referrerName)),
    referrerRole: optional(text(raw, 'referrerRole')),
    referrerOrganisationName: optional(text(raw, 'referrerOrganisationName')),
    referrerContact: optional(text(raw, 'referrerContact')),
  }
  if (kind === 'professional') {
    if (!referrer.referrerName) errors.push({ field: 'referrerName', key: 'referrals.errors.referrerNameMissing' })
    if (!referrer.referrerRole) errors.push({ field: 'referrerRole', key: 'referrals.errors.referrerRoleMissing' })
    if (!referrer.referrerContact) errors.push({ field: 'referrerContact', key: 'referrals.errors.referrerContactMissing' })
  }
  for (const [field, value] of Object.entries(referrer)) if (value && value.length > LIMITS.shortText) errors.push({ field, key: `referrals.errors.tooLong.${LIMITS.shortText}` })

  const receivingOrganisationId = optional(text(raw, 'receivingOrganisationId'))
  if (receivingOrganisationId && !/^[0-9a-f-]{36}$/i.test(receivingOrganisationId)) errors.push({ field: 'receivingOrganisationId', key: 'referrals.errors.choiceInvalid' })

  return {
    value: {
      route: route as ReferralDetailsInput['route'],
      reasons: referralReasons.filter((r) => reasons.includes(r)),
      reasonDetails,
      clinicalDiagnosis: kind === 'professional' ? longText(raw, 'clinicalDiagnosis', errors) : null,
      risks: longText(raw, 'risks', errors),
      loneWorkerRisk: yesNo(raw, 'loneWorkerRisk') ?? false,
      urgency: urgency as ReferralDetailsInput['urgency'],
      crisis: yesNo(raw, 'crisis') ?? false,
      personAgreed: personAgreed === true,
      shareOutcomeWithReferrer: kind === 'professional' && yesNo(raw, 'shareOutcomeWithReferrer') === true,
      consentGivenBy,
      youngPersonCompetent,
      ...referrer,
      receivingOrganisationId,
    },
    errors,
  }
}

/** A whole referral: the person and the referral, errors from both in form order. */
export function validateReferral(raw: Raw, kind: 'self' | 'professional', today: Date) {
  const person = validatePerson(raw, today, { requireContact: kind === 'self' })
  const child = person.value.dateOfBirth !== '' && isChild(person.value.dateOfBirth, today)
  const details = validateReferralDetails(raw, kind, child)
  return { person: person.value, referral: details.value, errors: [...person.errors, ...details.errors] }
}
