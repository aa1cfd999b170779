import { type FieldError, isUuid, length, list, text } from '../admin/fields.js'
import { ageOn } from '../people/person-rules.js'
import {
  barrierCodes,
  type Barrier,
  movesWithReasons,
  type NotActingReason,
  notActingReasonCodes,
  pickCodes,
} from './barriers.js'
import {
  connectionKinds,
  type ConnectionKind,
  type ConnectionStatus,
  connectionStatuses,
  type SignpostFormat,
  signpostFormats,
  type TravelMode,
  travelModes,
} from './schema.js'

/*
 * The connection forms as pure checks, shared by the pages and the API. A referral shares only the need-to-know
 * fields the practitioner ticks: nothing is shared by default, and the snapshot keeps exactly those values.
 */
export const needToKnowFields = [
  'name',
  'phone',
  'email',
  'contactMethods',
  'contactTimes',
  'language',
  'communicationNeeds',
  'ageBand',
  'note',
] as const
export type NeedToKnowField = (typeof needToKnowFields)[number]
export const NOTE_LIMIT = 500
export const REASON_LIMIT = 500
/** Travel distances entered by hand (CDS #17), in kilometres. */
export const MAX_DISTANCE_KM = 1000

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
  const bands: [number, string][] = [
    [18, 'under_18'],
    [25, '18_24'],
    [35, '25_34'],
    [45, '35_44'],
    [55, '45_54'],
    [65, '55_64'],
    [75, '65_74'],
  ]
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
      return [
        ...person.communication_needs,
        ...(person.interpreter_language ? [`interpreter:${person.interpreter_language}`] : []),
      ].join(',')
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
  /** A signpost: the format and language the information was given in (issue 5 §5). */
  signpostFormat: SignpostFormat | null
  signpostLanguage: 'cy' | 'en' | null
  travelMode: TravelMode | null
  /** Entered by hand; used only when it cannot be worked out from the postcodes (CDS #17). */
  distanceKm: number | null
  /** The suggestion this acts on, when it does. */
  suggestionId: string | null
}

/** The format a signpost is best given in, from what the record says of the person (their preferred format). */
export function preferredFormat(
  person: Pick<ShareablePerson, 'communication_needs' | 'contact_methods'>,
): SignpostFormat {
  if (person.communication_needs.includes('large_print')) return 'large_print'
  if (person.contact_methods.includes('email')) return 'email'
  if (person.contact_methods.includes('text')) return 'text_message'
  return 'leaflet'
}

type ConnectionValues = {
  serviceId: string
  kind: string
  fields: string[]
  note: string
  q: string
  signpostFormat: string
  signpostLanguage: string
  travelMode: string
  distance: string
  suggestionId: string
}

/** "Connect to a community service": a service, a kind, and for a referral the fields chosen to share. */
export function validateConnection(
  raw: Record<string, unknown>,
  person: ShareablePerson,
  today: Date,
): { value: ConnectionForm; values: ConnectionValues; errors: FieldError[] } {
  const values: ConnectionValues = {
    serviceId: text(raw.serviceId).trim(),
    kind: text(raw.kind).trim(),
    fields: list(raw.fields),
    note: text(raw.note).trim(),
    q: text(raw.q).trim(),
    signpostFormat: text(raw.signpostFormat).trim(),
    signpostLanguage: text(raw.signpostLanguage).trim(),
    travelMode: text(raw.travelMode).trim(),
    distance: text(raw.distance ?? raw.distanceKm).trim(),
    suggestionId: text(raw.suggestionId).trim(),
  }
  const errors: FieldError[] = []
  if (!isUuid(values.serviceId)) errors.push({ field: 'serviceId', key: 'connections.errors.serviceMissing' })
  if (!(connectionKinds as readonly string[]).includes(values.kind))
    errors.push({ field: 'kind', key: 'connections.errors.kindMissing' })
  const fields = needToKnowFields.filter((f) => values.fields.includes(f))
  if (values.kind === 'referral') {
    if (values.fields.some((f) => !(needToKnowFields as readonly string[]).includes(f)))
      errors.push({ field: 'fields', key: 'connections.errors.fieldUnknown' })
    else if (fields.length === 0) errors.push({ field: 'fields', key: 'connections.errors.fieldsMissing' })
    const empty = fields.filter((f) => f !== 'note' && shareableValue(person, f, '', today) === '')
    for (const f of empty) errors.push({ field: 'fields', key: `connections.errors.empty.${f}` })
    if (fields.includes('note') && values.note === '')
      errors.push({ field: 'note', key: 'connections.errors.noteMissing' })
  }
  if (length(values.note) > NOTE_LIMIT)
    errors.push({ field: 'note', key: 'connections.errors.noteTooLong', params: { max: NOTE_LIMIT } })
  const signpost = values.kind === 'signpost'
  // A signpost is given in the person's preferred format and language unless the practitioner says otherwise.
  const format = values.signpostFormat || preferredFormat(person)
  const formatLanguage = values.signpostLanguage || person.language
  if (signpost && !(signpostFormats as readonly string[]).includes(format))
    errors.push({ field: 'signpostFormat', key: 'connections.errors.formatMissing' })
  if (signpost && !['cy', 'en'].includes(formatLanguage))
    errors.push({ field: 'signpostLanguage', key: 'connections.errors.formatLanguageMissing' })
  if (values.travelMode !== '' && !(travelModes as readonly string[]).includes(values.travelMode))
    errors.push({ field: 'travelMode', key: 'connections.errors.travelModeUnknown' })
  const distanceKm = /^\d{1,4}([.,]\d)?$/.test(values.distance) ? Number(values.distance.replace(',', '.')) : null
  if (values.distance !== '' && (distanceKm === null || distanceKm > MAX_DISTANCE_KM))
    errors.push({ field: 'distance', key: 'connections.errors.distanceInvalid', params: { max: MAX_DISTANCE_KM } })
  if (values.suggestionId !== '' && !isUuid(values.suggestionId))
    errors.push({ field: 'serviceId', key: 'connections.errors.suggestionGone' })
  return {
    value: {
      serviceId: values.serviceId,
      kind: values.kind as ConnectionKind,
      fields: values.kind === 'referral' ? fields : [],
      note: values.note,
      signpostFormat: signpost ? (format as SignpostFormat) : null,
      signpostLanguage: signpost ? (formatLanguage as 'cy' | 'en') : null,
      travelMode: values.travelMode === '' ? null : (values.travelMode as TravelMode),
      distanceKm,
      suggestionId: values.suggestionId || null,
    },
    values,
    errors,
  }
}

/** The snapshot a referral stores: exactly the chosen fields and their values now. */
export function needToKnowSnapshot(
  person: ShareablePerson,
  fields: readonly NeedToKnowField[],
  note: string,
  today: Date,
): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, shareableValue(person, f, note, today)]))
}

export interface StatusForm {
  status: ConnectionStatus
  reason: string | null
  weeks: number | null
  note: string | null
  /** CDS #80 and #55, only with a move where the person did not go on (did not attend, disengaged, withdrew, declined). */
  barriers: Barrier[]
  notActingReasons: NotActingReason[]
}

/** A status change from the asset portal or the API: the new status, a reason to decline, weeks to waitlist. */
export function validateStatusChange(raw: Record<string, unknown>): {
  value: StatusForm
  values: Record<string, string>
  errors: FieldError[]
} {
  const values = {
    status: text(raw.status).trim(),
    reason: text(raw.reason).trim(),
    weeks: text(raw.weeks).trim(),
    note: text(raw.note).trim(),
    barriers: list(raw.barriers),
    notActingReasons: list(raw.notActingReasons),
  }
  const errors: FieldError[] = []
  const barriers = pickCodes(barrierCodes, values.barriers)
  const reasons = pickCodes(notActingReasonCodes, values.notActingReasons)
  const withReasons = (movesWithReasons as readonly string[]).includes(values.status)
  if (barriers.unknown) errors.push({ field: 'barriers', key: 'connections.errors.barrierUnknown' })
  if (reasons.unknown) errors.push({ field: 'notActingReasons', key: 'connections.errors.reasonUnknown' })
  if (!withReasons && (barriers.codes.length > 0 || reasons.codes.length > 0))
    errors.push({
      field: barriers.codes.length > 0 ? 'barriers' : 'notActingReasons',
      key: 'connections.errors.reasonsNotExpected',
    })
  if ((barriers.codes.includes('other') || reasons.codes.includes('other')) && values.note === '')
    errors.push({ field: 'note', key: 'connections.errors.otherNeedsWords' })
  if (!(connectionStatuses as readonly string[]).includes(values.status))
    errors.push({ field: 'status', key: 'connections.errors.statusMissing' })
  if (values.status === 'declined' && values.reason === '')
    errors.push({ field: 'reason', key: 'connections.errors.reasonMissing' })
  if (length(values.reason) > REASON_LIMIT)
    errors.push({ field: 'reason', key: 'connections.errors.reasonTooLong', params: { max: REASON_LIMIT } })
  const weeks = /^\d{1,3}$/.test(values.weeks) ? Number(values.weeks) : null
  if (values.status === 'waitlisted' && (weeks === null || weeks < 1 || weeks > 104))
    errors.push({ field: 'weeks', key: 'connections.errors.weeksInvalid' })
  if (length(values.note) > NOTE_LIMIT)
    errors.push({ field: 'note', key: 'connections.errors.noteTooLong', params: { max: NOTE_LIMIT } })
  return {
    value: {
      status: values.status as ConnectionStatus,
      reason: values.status === 'declined' ? values.reason : null,
      weeks: values.status === 'waitlisted' ? weeks : null,
      note: values.note || null,
      barriers: withReasons ? barriers.codes : [],
      notActingReasons: withReasons ? reasons.codes : [],
    },
    values: { ...values, barriers: values.barriers.join(','), notActingReasons: values.notActingReasons.join(',') },
    errors,
  }
}
