import { type FieldError, list, text } from '../admin/fields.js'
import { type HealthcareItem, healthcareItems, type HealthcareOccasion, healthcareOccasions } from './schema.js'

/*
 * Healthcare use (issue 5 §10; CDS #57–#61 of CS Appendix Five): what the person says of their use of health services
 * in the last three months, asked at the start and at the end of the episode. Optional for the person: every item may
 * be "prefer not to say"; otherwise a whole number from 0 to 99.
 */
export const MAX_VISITS = 99

/** The form's and the API's names for each item (camelCase), in the order asked, with the CDS item it serves. */
export const healthcareFields: readonly { item: HealthcareItem; field: string; cds: number }[] = [
  { item: 'gp_appointments', field: 'gpAppointments', cds: 61 },
  { item: 'gp_contacts', field: 'gpContacts', cds: 60 },
  { item: 'ae_attendances', field: 'aeAttendances', cds: 58 },
  { item: 'emergency_calls', field: 'emergencyCalls', cds: 59 },
  { item: 'other_services', field: 'otherServices', cds: 57 },
]

export type HealthcareAnswers = Record<HealthcareItem, number | null>

export interface HealthcareForm {
  occasion: HealthcareOccasion
  answers: HealthcareAnswers
  /** The items the person preferred not to answer. */
  preferNotToSay: HealthcareItem[]
}

/** One occasion's answers: every item either a number 0–99 or "prefer not to say", never both, never neither. */
export function validateHealthcareUse(raw: Record<string, unknown>): {
  value: HealthcareForm
  values: Record<string, string | string[]>
  errors: FieldError[]
} {
  const declined = list(raw.preferNotToSay)
  const values: Record<string, string | string[]> = { occasion: text(raw.occasion).trim(), preferNotToSay: declined }
  const errors: FieldError[] = []
  if (!(healthcareOccasions as readonly string[]).includes(values.occasion as string))
    errors.push({ field: 'occasion', key: 'contacts.healthcare.errors.occasionMissing' })
  if (declined.some((d) => !healthcareFields.some((f) => f.field === d)))
    errors.push({ field: 'preferNotToSay', key: 'contacts.healthcare.errors.itemUnknown' })
  const answers = Object.fromEntries(healthcareItems.map((i) => [i, null])) as HealthcareAnswers
  const preferNotToSay: HealthcareItem[] = []
  for (const { item, field } of healthcareFields) {
    const given = raw[field] === null ? '' : text(raw[field]).trim()
    values[field] = given
    const refused = declined.includes(field)
    if (refused && given !== '') errors.push({ field, key: `contacts.healthcare.errors.both.${item}` })
    else if (refused) preferNotToSay.push(item)
    else if (given === '') errors.push({ field, key: `contacts.healthcare.errors.missing.${item}` })
    else if (!/^\d{1,2}$/.test(given) || Number(given) > MAX_VISITS)
      errors.push({ field, key: `contacts.healthcare.errors.invalid.${item}`, params: { max: MAX_VISITS } })
    else answers[item] = Number(given)
  }
  return { value: { occasion: values.occasion as HealthcareOccasion, answers, preferNotToSay }, values, errors }
}

export interface HealthcareRecord {
  occasion: HealthcareOccasion
  gp_appointments: number | null
  gp_contacts: number | null
  ae_attendances: number | null
  emergency_calls: number | null
  other_services: number | null
  prefer_not_to_say: string[]
}

export interface HealthcareRow {
  item: HealthcareItem
  start: number | 'prefer_not_to_say' | null
  end: number | 'prefer_not_to_say' | null
  /** end − start, when both are numbers. */
  change: number | null
}

/** Start against end, item by item: what the section shows and the API returns. Null: not asked on that occasion. */
export function compareHealthcareUse(records: readonly HealthcareRecord[]): HealthcareRow[] {
  const on = (occasion: HealthcareOccasion) => records.find((r) => r.occasion === occasion)
  const answer = (r: HealthcareRecord | undefined, item: HealthcareItem) =>
    r ? (r.prefer_not_to_say.includes(item) ? 'prefer_not_to_say' : r[item]) : null
  return healthcareItems.map((item) => {
    const start = answer(on('start'), item)
    const end = answer(on('end'), item)
    return { item, start, end, change: typeof start === 'number' && typeof end === 'number' ? end - start : null }
  })
}
