import {
  accessibilityFeatures,
  attendingTypes,
  capacityStatuses,
  howToAccess,
  lifeStages,
  serviceStatuses,
  welshProvision,
} from '../schema.js'

/*
 * The directory's CSV layout (docs/directory-csv.md): one row per service, these columns in this order. Reading a
 * row checks every field and gives a CsvService or the problems found (pure). Two rows are the same service data
 * when their canonical cells (formatServiceCells) are equal: that is how an import knows what is unchanged.
 */
export const csvColumns = [
  'id',
  'organisation',
  'organisation_cy',
  'name',
  'name_cy',
  'description',
  'description_cy',
  'status',
  'published',
  'how_to_access',
  'capacity_status',
  'waiting_list_weeks',
  'welsh_provision',
  'life_stages',
  'accessibility_features',
  'attending_types',
  'categories',
  'minimum_age',
  'maximum_age',
  'free_or_low_cost',
  'safeguarding_policy',
  'dbs_checks',
  'email',
  'phone',
  'website',
  'address',
  'town',
  'postcode',
  'latitude',
  'longitude',
  'schedule',
  'last_verified_at',
  'capacity_confirmed_at',
] as const
export type CsvColumn = (typeof csvColumns)[number]

export interface ScheduleEntry {
  freq: 'WEEKLY' | 'MONTHLY'
  byday: string
  opensAt: string
  closesAt: string
}

export interface CsvService {
  id: string | null
  organisation: string | null
  organisationCy: string | null
  name: string
  nameCy: string | null
  description: string | null
  descriptionCy: string | null
  status: (typeof serviceStatuses)[number]
  published: boolean
  howToAccess: (typeof howToAccess)[number] | null
  capacityStatus: (typeof capacityStatuses)[number] | null
  waitingListWeeks: number | null
  welshProvision: (typeof welshProvision)[number] | null
  lifeStages: string[]
  accessibilityFeatures: string[]
  attendingTypes: string[]
  categories: string[]
  minimumAge: number | null
  maximumAge: number | null
  freeOrLowCost: boolean | null
  safeguardingPolicy: boolean | null
  dbsChecks: boolean | null
  email: string | null
  phone: string | null
  website: string | null
  address: string | null
  town: string | null
  postcode: string | null
  latitude: number | null
  longitude: number | null
  schedule: ScheduleEntry[]
  lastVerifiedAt: Date | null
  capacityConfirmedAt: Date | null
}

/** A problem with one field; `problem` names a message (directoryCsv.problems.*), `allowed` lists what would do. */
export interface FieldProblem {
  column: CsvColumn
  problem: string
  allowed?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DAY = /^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})$/
const yes = ['yes', 'y', 'true', '1', 'ie', 'oes', 'do']
const no = ['no', 'n', 'false', '0', 'na', 'nac oes', 'naddo']

/** Reads one data row (cells in csvColumns order) into a service, or the problems with its fields. */
export function readServiceRow(
  cells: Readonly<Record<CsvColumn, string>>,
  categoryCodes: ReadonlySet<string>,
): { service: CsvService; problems: [] } | { service: null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const text = (column: CsvColumn): string | null => {
    const value = cells[column].trim()
    return value === '' ? null : value
  }
  const oneOf = <T extends string>(column: CsvColumn, allowed: readonly T[], fallback: T | null = null): T | null => {
    const value = text(column)
    if (value === null) return fallback
    const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase())
    if (!found) problems.push({ column, problem: 'notOneOf', allowed: allowed.join(', ') })
    return found ?? null
  }
  const list = (column: CsvColumn, allowed: readonly string[]): string[] => {
    const values = (text(column) ?? '')
      .split(';')
      .map((v) => v.trim().toLowerCase())
      .filter(Boolean)
    const unknown = values.filter((v) => !allowed.includes(v))
    if (unknown.length) problems.push({ column, problem: 'notInList', allowed: allowed.join(', ') })
    return allowed.filter((a) => values.includes(a))
  }
  const number = (column: CsvColumn, min: number, max: number, whole = false): number | null => {
    const value = text(column)
    if (value === null) return null
    const n = /^-?[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : NaN
    if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
      problems.push({ column, problem: whole ? 'notWholeNumber' : 'notNumber', allowed: `${min}–${max}` })
      return null
    }
    return n
  }
  const flag = (column: CsvColumn, fallback: boolean | null = null): boolean | null => {
    const value = text(column)?.toLowerCase()
    if (value === undefined) return fallback
    if (yes.includes(value)) return true
    if (no.includes(value)) return false
    problems.push({ column, problem: 'notYesNo' })
    return null
  }
  const when = (column: CsvColumn): Date | null => {
    const value = text(column)
    if (value === null) return null
    const date = DATE.test(value)
      ? new Date(`${value}T00:00:00Z`)
      : DATE_TIME.test(value)
        ? new Date(value)
        : new Date(NaN)
    if (Number.isNaN(date.getTime())) problems.push({ column, problem: 'notDate' })
    return Number.isNaN(date.getTime()) ? null : date
  }

  const id = text('id')
  if (id !== null && !UUID.test(id)) problems.push({ column: 'id', problem: 'notUuid' })
  const name = text('name')
  if (name === null) problems.push({ column: 'name', problem: 'required' })
  const organisationCy = text('organisation_cy')
  const organisation = text('organisation')
  if (organisation === null && organisationCy !== null)
    problems.push({ column: 'organisation', problem: 'organisationNeedsName' })
  const email = text('email')
  if (email !== null && !EMAIL.test(email)) problems.push({ column: 'email', problem: 'notEmail' })
  const website = text('website')
  if (website !== null && !isWebAddress(website)) problems.push({ column: 'website', problem: 'notWebAddress' })

  const categories = (text('categories') ?? '')
    .split(';')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean)
  if (categories.some((c) => !categoryCodes.has(c)))
    problems.push({ column: 'categories', problem: 'notInList', allowed: [...categoryCodes].sort().join(', ') })

  const capacityStatus = oneOf('capacity_status', capacityStatuses)
  const waitingListWeeks = number('waiting_list_weeks', 0, 104, true)
  const minimumAge = number('minimum_age', 0, 130)
  const maximumAge = number('maximum_age', 0, 130)
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge)
    problems.push({ column: 'maximum_age', problem: 'maximumBelowMinimum' })

  const address = text('address')
  const town = text('town')
  const postcode = text('postcode')?.toUpperCase().replace(/\s+/g, ' ') ?? null
  const given = [address, town, postcode].filter((v) => v !== null).length
  if (given > 0 && given < 3)
    for (const [column, value] of [
      ['address', address],
      ['town', town],
      ['postcode', postcode],
    ] as const)
      if (value === null) problems.push({ column, problem: 'addressIncomplete' })
  const latitude = number('latitude', -90, 90)
  const longitude = number('longitude', -180, 180)
  if ((text('latitude') === null) !== (text('longitude') === null))
    problems.push({ column: text('latitude') === null ? 'latitude' : 'longitude', problem: 'bothCoordinates' })

  const schedule = readSchedule(text('schedule') ?? '')
  if (schedule === null) problems.push({ column: 'schedule', problem: 'notSchedule' })

  const service: CsvService = {
    id: id?.toLowerCase() ?? null,
    organisation,
    organisationCy,
    name: name ?? '',
    nameCy: text('name_cy'),
    description: text('description'),
    descriptionCy: text('description_cy'),
    status: oneOf('status', serviceStatuses, 'active') ?? 'active',
    published: flag('published', true) ?? true,
    howToAccess: oneOf('how_to_access', howToAccess),
    capacityStatus,
    waitingListWeeks,
    welshProvision: oneOf('welsh_provision', welshProvision),
    lifeStages: list('life_stages', lifeStages),
    accessibilityFeatures: list('accessibility_features', accessibilityFeatures),
    attendingTypes: list('attending_types', attendingTypes),
    categories: [...new Set(categories)].sort(),
    minimumAge,
    maximumAge,
    freeOrLowCost: flag('free_or_low_cost'),
    safeguardingPolicy: flag('safeguarding_policy'),
    dbsChecks: flag('dbs_checks'),
    email,
    phone: text('phone'),
    website,
    address,
    town,
    postcode,
    latitude,
    longitude,
    schedule: schedule ?? [],
    lastVerifiedAt: when('last_verified_at'),
    capacityConfirmedAt: when('capacity_confirmed_at'),
  }
  return problems.length ? { service: null, problems } : { service, problems: [] }
}

function isWebAddress(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/** `MO,TH 10:00-12:00; MONTHLY TU 14:00-16:00` → entries (sorted), or null when it is not in that form. */
export function readSchedule(value: string): ScheduleEntry[] | null {
  const entries: ScheduleEntry[] = []
  for (const part of value
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(?:(WEEKLY|MONTHLY)\s+)?(\S+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/i.exec(part)
    if (!match) return null
    const days = (match[2] as string).toUpperCase().split(',')
    const opensAt = (match[3] as string).padStart(5, '0')
    const closesAt = (match[4] as string).padStart(5, '0')
    if (!days.every((d) => DAY.test(d)) || !TIME.test(opensAt) || !TIME.test(closesAt)) return null
    entries.push({
      freq: (match[1]?.toUpperCase() ?? 'WEEKLY') as ScheduleEntry['freq'],
      byday: days.join(','),
      opensAt,
      closesAt,
    })
  }
  return sortSchedule(entries)
}

export function sortSchedule(entries: ScheduleEntry[]): ScheduleEntry[] {
  return [...entries].sort((a, b) => formatEntry(a).localeCompare(formatEntry(b)))
}

const formatEntry = (e: ScheduleEntry) =>
  `${e.freq === 'MONTHLY' ? 'MONTHLY ' : ''}${e.byday} ${e.opensAt}-${e.closesAt}`
const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no')
const num = (value: number | null) => (value === null ? '' : String(value))

/** The canonical cells of a service, in csvColumns order: what an export writes, and what an import compares. */
export function formatServiceCells(s: CsvService): string[] {
  const cells: Record<CsvColumn, string> = {
    id: s.id ?? '',
    organisation: s.organisation ?? '',
    organisation_cy: s.organisationCy ?? '',
    name: s.name,
    name_cy: s.nameCy ?? '',
    description: s.description ?? '',
    description_cy: s.descriptionCy ?? '',
    status: s.status,
    published: yesNo(s.published),
    how_to_access: s.howToAccess ?? '',
    capacity_status: s.capacityStatus ?? '',
    waiting_list_weeks: num(s.waitingListWeeks),
    welsh_provision: s.welshProvision ?? '',
    life_stages: s.lifeStages.join(';'),
    accessibility_features: s.accessibilityFeatures.join(';'),
    attending_types: s.attendingTypes.join(';'),
    categories: s.categories.join(';'),
    minimum_age: num(s.minimumAge),
    maximum_age: num(s.maximumAge),
    free_or_low_cost: yesNo(s.freeOrLowCost),
    safeguarding_policy: yesNo(s.safeguardingPolicy),
    dbs_checks: yesNo(s.dbsChecks),
    email: s.email ?? '',
    phone: s.phone ?? '',
    website: s.website ?? '',
    address: s.address ?? '',
    town: s.town ?? '',
    postcode: s.postcode ?? '',
    latitude: num(s.latitude),
    longitude: num(s.longitude),
    schedule: sortSchedule(s.schedule).map(formatEntry).join('; '),
    last_verified_at: s.lastVerifiedAt?.toISOString() ?? '',
    capacity_confirmed_at: s.capacityConfirmedAt?.toISOString() ?? '',
  }
  return csvColumns.map((c) => cells[c])
}

/** The cells of a data row by column name, from a header row; unknown and missing columns are reported. */
export function readHeader(
  header: readonly string[],
): { ok: true; positions: Map<CsvColumn, number> } | { ok: false; missing: string[]; unknown: string[] } {
  const names = header.map((h) => h.trim().toLowerCase())
  const positions = new Map<CsvColumn, number>()
  names.forEach((name, i) => {
    if ((csvColumns as readonly string[]).includes(name)) positions.set(name as CsvColumn, i)
  })
  const missing = csvColumns.filter((c) => !positions.has(c))
  const unknown = names.filter((n) => n !== '' && !(csvColumns as readonly string[]).includes(n))
  return missing.length || unknown.length ? { ok: false, missing, unknown } : { ok: true, positions }
}
