import type { Updateable } from 'kysely'
import type { PersonTable } from '../../platform/db/schema.js'
import type { FieldError } from '../admin/fields.js'
import { cleanName, isEmail, isPhone } from '../people/person-rules.js'
import { isCode, vocabulary, type VocabularyList } from '../people/vocabulary.js'
import type { PersonRow } from './person-queries.js'

/*
 * The "change details" form of the person record: contact details, language, communication needs, the census
 * protected characteristics, carer status, housing and earlier use of social prescribing, and (under 18s) the
 * parent, guardian or carer. Names, date of birth and NHS number stay as given at referral. Pure: no database.
 */
export type FormValues = Record<string, string | string[]>
type Update = Updateable<PersonTable>

/** Radio questions answered from a controlled list: form field, column, list. */
export const choiceFields = [
  ['sex', 'sex', 'sex'],
  ['genderIdentity', 'gender_identity', 'genderIdentity'],
  ['sexualOrientation', 'sexual_orientation', 'sexualOrientation'],
  ['ethnicity', 'ethnicity', 'ethnicity'],
  ['religion', 'religion', 'religion'],
  ['disability', 'disability', 'disability'],
  ['pregnancyMaternity', 'pregnancy_maternity', 'pregnancyMaternity'],
  ['maritalStatus', 'marital_status', 'maritalStatus'],
  ['isCarer', 'is_carer', 'yesNoPreferNot'],
  ['hasSupport', 'has_support', 'yesNoPreferNot'],
  ['housingTenure', 'housing_tenure', 'housingTenure'],
  ['usedSocialPrescribingBefore', 'used_social_prescribing_before', 'usedBefore'],
] as const satisfies readonly (readonly [string, keyof PersonTable, VocabularyList])[]

const textFields = [
  ['phone', 'phone', 40],
  ['email', 'email', 254],
  ['address', 'address', 400],
  ['contactTimes', 'contact_times', 200],
  ['interpreterLanguage', 'interpreter_language', 100],
  ['guardianName', 'guardian_name', 100],
  ['guardianRelationship', 'guardian_relationship', 100],
  ['guardianContact', 'guardian_contact', 200],
] as const satisfies readonly (readonly [string, keyof PersonTable, number])[]

const yesNo = (value: boolean | null): string => (value === null ? '' : value ? 'yes' : 'no')
const fromYesNo = (value: string): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null)

/** The form as first shown: the record's current values. */
export function valuesFromPerson(person: PersonRow): FormValues {
  const values: FormValues = {
    contactMethods: person.contact_methods,
    communicationNeeds: person.communication_needs,
    safeToLeaveMessage: yesNo(person.safe_to_leave_message),
    language: person.language,
    welshOfferMade: yesNo(person.welsh_offer_made),
    guardianHasParentalResponsibility: yesNo(person.guardian_has_parental_responsibility),
  }
  for (const [field, column] of textFields) values[field] = person[column] ?? ''
  for (const [field, column] of choiceFields) values[field] = person[column] ?? ''
  return values
}

const one = (body: Record<string, unknown>, key: string): string => (typeof body[key] === 'string' ? (body[key] as string).trim() : '')
const many = (body: Record<string, unknown>, key: string): string[] => [body[key] ?? []].flat().filter((v): v is string => typeof v === 'string' && v !== '')

/** Checks the form; on success `update` holds every column the form covers. */
export function validatePersonEdit(body: Record<string, unknown>, options: { child: boolean }): { update: Update; values: FormValues; errors: FieldError[] } {
  const errors: FieldError[] = []
  const values: FormValues = {}
  const update: Update = {}
  for (const [field, column, max] of textFields) {
    const value = field === 'guardianName' ? cleanName(body[field]) : field === 'email' ? one(body, field).toLowerCase() : one(body, field)
    values[field] = value
    if ([...value].length > max) errors.push({ field, key: 'personRecord.edit.errors.tooLong', params: { max } })
    update[column] = value === '' ? null : value
  }
  if (values.phone && !isPhone(values.phone as string)) errors.push({ field: 'phone', key: 'personRecord.edit.errors.phoneInvalid' })
  if (values.email && !isEmail(values.email as string)) errors.push({ field: 'email', key: 'personRecord.edit.errors.emailInvalid' })

  const contactMethods = many(body, 'contactMethods')
  const communicationNeeds = many(body, 'communicationNeeds')
  values.contactMethods = contactMethods
  values.communicationNeeds = communicationNeeds
  if (contactMethods.some((m) => !isCode('contactMethod', m))) errors.push({ field: 'contactMethods', key: 'personRecord.edit.errors.choiceInvalid' })
  if ((contactMethods.includes('phone') || contactMethods.includes('text')) && !values.phone) errors.push({ field: 'phone', key: 'personRecord.edit.errors.phoneMissing' })
  if (contactMethods.includes('email') && !values.email) errors.push({ field: 'email', key: 'personRecord.edit.errors.emailMissing' })
  if (contactMethods.includes('letter') && !values.address) errors.push({ field: 'address', key: 'personRecord.edit.errors.addressMissing' })
  if (communicationNeeds.some((m) => !isCode('communicationNeed', m))) errors.push({ field: 'communicationNeeds', key: 'personRecord.edit.errors.choiceInvalid' })
  if (communicationNeeds.includes('interpreter') && !values.interpreterLanguage) errors.push({ field: 'interpreterLanguage', key: 'personRecord.edit.errors.interpreterLanguageMissing' })
  update.contact_methods = vocabulary.contactMethod.filter((m) => contactMethods.includes(m))
  update.communication_needs = vocabulary.communicationNeed.filter((m) => communicationNeeds.includes(m))

  for (const field of ['safeToLeaveMessage', 'welshOfferMade', 'guardianHasParentalResponsibility', 'language'] as const) values[field] = one(body, field)
  for (const field of ['safeToLeaveMessage', 'welshOfferMade', 'guardianHasParentalResponsibility'] as const) {
    if (!['', 'yes', 'no'].includes(values[field] as string)) errors.push({ field, key: 'personRecord.edit.errors.choiceInvalid' })
  }
  if (values.language !== 'cy' && values.language !== 'en') errors.push({ field: 'language', key: 'personRecord.edit.errors.languageMissing' })
  update.safe_to_leave_message = fromYesNo(values.safeToLeaveMessage as string)
  update.welsh_offer_made = values.welshOfferMade === 'yes'
  update.guardian_has_parental_responsibility = fromYesNo(values.guardianHasParentalResponsibility as string)
  update.language = values.language === 'cy' ? 'cy' : 'en'

  for (const [field, column, list] of choiceFields) {
    const value = one(body, field)
    values[field] = value
    if (value !== '' && !isCode(list, value)) errors.push({ field, key: 'personRecord.edit.errors.choiceInvalid' })
    update[column] = value === '' ? null : value
  }

  if (options.child && !values.guardianName) errors.push({ field: 'guardianName', key: 'personRecord.edit.errors.guardianNameMissing' })
  if (options.child && !values.guardianContact) errors.push({ field: 'guardianContact', key: 'personRecord.edit.errors.guardianContactMissing' })
  return { update, values, errors }
}

/** The names of the columns an update would change: what the audit trail records, never the values. */
export function changedColumns(person: PersonRow, update: Update): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  return Object.entries(update)
    .filter(([column, value]) => !same(person[column as keyof PersonRow], value))
    .map(([column]) => column)
    .sort()
}
