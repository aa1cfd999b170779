import { type FieldError, isUuid, length, list, text } from '../admin/fields.js'
import { ageOn } from '../people/person-rules.js'
import { connectionKinds, type ConnectionKind, type ConnectionStatus, connectionStatuses } from './schema.js'

/*
 * The connection forms as pure checks, shared by the pages and the API. A referral shares only the need-to-know
 * fields the practitioner ticks: nothing is shared by default, and the snapshot keeps exactly those values.
 */
export const needToKnowFields = ['name', 'phone', 'email', 'contactMethods', 'contactTimes', 'language', 'communicationNeeds', 'ageBand', 'note'] as const
export type NeedToKnowField = (typeof needToKnowFields)[number]
export const NOTE_LIMIT = 500
export const REASON_LIMIT = 500

/** What the person record holds that a referral may share. */
export interface ShareablePerson {
  given_name: string
  family_name: string
  date_of_birth: string
  phone: string | null
  email: string | null
  contact_methods: string[]
  contact_times: string | null
  language: 'cy' | 'en'
  communication_needs: string[]
  interpreter_language: string | null
}

/** Age bands the asset sees instead of a date of birth. */
export function ageBand(dateOfBirth: string, today: Date): string {
  const age = ageOn(dateOfBirth, today)
  const bands: [number, string][] = [[18, 'under_18'], [25, '18_24'], [35, '25_34'], [45, '35_44'], [55, '45_54'], [65, '55_64'], [75, '65_74']]
  return bands.find(([limit]) => age < limit)?.[1] ?? '75_plus'
}

/** The value a field would share, or '' when the record holds none. Lists of codes are kept as codes, comma-separated. */
export function shareableValue(person: ShareablePerson, field: NeedToKnowField, note: string, today: Date): string {
  switch (field) {
    case 'name':
      return `${person.given_name} ${person.family_name}`
    case 'phone':
      return person.phone ?? ''
    case 'email':
      return person.email ?? ''
    case 'contactMethods':
      return person.contact_methods.join(',')
    case 'contactTimes':
      return person.contact_times ?? ''
    case 'language':
      return person.language
    case 'communicationNeeds':
      return [...person.communication_needs, ...(person.interpreter_language ? [`interpreter:${person.interpreter_language}`] : [])].join(',')
    case 'ageBand':
      return ageBand(person.date_of_birth, today)
    case 'note':
      return note
  }
}

export interface ConnectionForm {
  serviceId: string
  kind: ConnectionKind
  fields: NeedToKnowField[]
  note: string
}

/** "Connect to a community service": a service, a kind, and for a referral the fields chosen to share. */
export function validateConnection(raw: Record<string, unknown>, person: ShareablePerson, today: Date): { value: ConnectionForm; values: { serviceId: string; kind: string; fields: string[]; note: string; q: string }; errors: FieldError[] } {
  const values = { serviceId: text(raw.serviceId).trim(), kind: text(raw.kind).trim(), fields: list(raw.fields), note: text(raw.note).trim(), q: text(raw.q).trim() }
  const errors: FieldError[] = []
  if (!isUuid(values.serviceId)) errors.push({ field: 'serviceId', key: 'connections.errors.serviceMissing' })
  if (!(connectionKinds as readonly string[]).includes(values.kind)) errors.push({ field: 'kind', key: 'connections.errors.kindMissing' })
  const fields = needToKnowFields.filter((f) => values.fields.includes(f))
  if (values.kind === 'referral') {
    if (values.fields.some((f) => !(needToKnowFields as readonly string[]).includes(f))) errors.push({ field: 'fields', key: 'connections.errors.fieldUnknown' })
    else if (fields.length === 0) errors.push({ field: 'fields', key: 'connections.errors.fieldsMissing' })
    const empty = fields.filter((f) => f !== 'note' && shareableValue(person, f, '', today) === '')
    for (const f of empty) errors.push({ field: 'fields', key: `connections.errors.empty.${f}` })
    if (fields.includes('note') && values.note === '') errors.push({ field: 'note', key: 'connections.errors.noteMissing' })
  }
  if (length(values.note) > NOTE_LIMIT) errors.push({ field: 'note', key: 'connections.errors.noteTooLong', params: { max: NOTE_LIMIT } })
  return { value: { serviceId: values.serviceId, kind: values.kind as ConnectionKind, fields: values.kind === 'referral' ? fields : [], note: values.note }, values, errors }
}

/** The snapshot a referral stores: exactly the chosen fields and their values now. */
export function needToKnowSnapshot(person: ShareablePerson, fields: readonly NeedToKnowField[], note: string, today: Date): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, shareableValue(person, f, note, today)]))
}

export interface StatusForm {
  status: ConnectionStatus
  reason: string | null
  weeks: number | null
  note: string | null
}

/** A status change from the asset portal or the API: the new status, a reason to decline, weeks to waitlist. */
export function validateStatusChange(raw: Record<string, unknown>): { value: StatusForm; values: Record<string, string>; errors: FieldError[] } {
  const values = { status: text(raw.status).trim(), reason: text(raw.reason).trim(), weeks: text(raw.weeks).trim(), note: text(raw.note).trim() }
  const errors: FieldError[] = []
  if (!(connectionStatuses as readonly string[]).includes(values.status)) errors.push({ field: 'status', key: 'connections.errors.statusMissing' })
  if (values.status === 'declined' && values.reason === '') errors.push({ field: 'reason', key: 'connections.errors.reasonMissing' })
  if (length(values.reason) > REASON_LIMIT) errors.push({ field: 'reason', key: 'connections.errors.reasonTooLong', params: { max: REASON_LIMIT } })
  const weeks = /^\d{1,3}$/.test(values.weeks) ? Number(values.weeks) : null
  if (values.status === 'waitlisted' && (weeks === null || weeks < 1 || weeks > 104)) errors.push({ field: 'weeks', key: 'connections.errors.weeksInvalid' })
  if (length(values.note) > NOTE_LIMIT) errors.push({ field: 'note', key: 'connections.errors.noteTooLong', params: { max: NOTE_LIMIT } })
  return {
    value: { status: values.status as ConnectionStatus, reason: values.status === 'declined' ? values.reason : null, weeks: values.status === 'waitlisted' ? weeks : null, note: values.note || null },
    values,
    errors,
  }
}
