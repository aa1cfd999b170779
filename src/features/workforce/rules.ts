import { type FieldError, length, list, text } from '../admin/fields.js'
import { isAreaId } from '../competence/areas.js'
import { parseDay, pastDay } from '../what-matters/dates.js'

/*
 * The workforce record's rules (issue 8 §5; CS §111; CDS #5–#8, #26, #28, #29) as pure functions: the vocabularies,
 * when a DBS check is due, FTE, and the validation of each form or API body. Pages and API word the same errors.
 */

export const settings = ['local_authority', 'third_sector', 'housing', 'education', 'primary_care', 'other'] as const
export type Setting = (typeof settings)[number]
/** NHS Wales / ESR Welsh language skills levels 0–5 (the scale the Welsh public sector records staff against). */
export const welshSkills = ['none', 'entry', 'foundation', 'intermediate', 'advanced', 'proficient'] as const
export type WelshSkill = (typeof welshSkills)[number]
export const dbsLevels = ['basic', 'standard', 'enhanced', 'enhanced_barred'] as const
export type DbsLevel = (typeof dbsLevels)[number]
export const dbsStatuses = ['in_date', 'due_soon', 'overdue', 'no_check'] as const
export type DbsStatus = (typeof dbsStatuses)[number]
export const fteBands = ['under_half', 'half_to_full', 'full_or_more'] as const
export type FteBand = (typeof fteBands)[number]

/** Full-time hours a week when FTE is derived from contracted hours (NJC and Agenda for Change both use 37.5). */
export const FULL_TIME_HOURS = 37.5
/** A DBS check is flagged "due soon" this many days before its renewal date. */
export const DUE_SOON_DAYS = 60
export const DEFAULT_RENEWAL_MONTHS = 36

const DAY_MS = 86_400_000
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`)

/** The date a check is due for renewal: its date plus the renewal period in calendar months (31 Jan + 1 → 28/29 Feb). */
export function renewalDue(checkedOn: string, months: number): string {
  const [y, m, d] = checkedOn.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, last))
  return target.toISOString().slice(0, 10)
}

/**
 * The renewal flag: overdue once the check is older than its renewal period, due soon within 60 days of that,
 * otherwise in date; no check at all is its own status. Only the latest check counts (pass that one).
 */
export function dbsStatus(latest: { checkedOn: string; renewalMonths: number } | null, today: string): { status: DbsStatus; dueOn: string | null; daysLeft: number | null } {
  if (!latest) return { status: 'no_check', dueOn: null, daysLeft: null }
  const dueOn = renewalDue(latest.checkedOn, latest.renewalMonths)
  const daysLeft = Math.round((utc(dueOn) - utc(today)) / DAY_MS)
  const status: DbsStatus = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due_soon' : 'in_date'
  return { status, dueOn, daysLeft }
}

/** FTE from contracted hours, to two places, at most 1.5. */
export function deriveFte(hours: number): number {
  return Math.min(1.5, Math.round((hours / FULL_TIME_HOURS) * 100) / 100)
}

export function fteBand(fte: number): FteBand {
  return fte < 0.5 ? 'under_half' : fte < 1 ? 'half_to_full' : 'full_or_more'
}

/** Whether a member of staff is employed at some time in [from, to]. */
export function employedDuring(record: { startDate: string; endDate: string | null }, from: string, to: string): boolean {
  return record.startDate <= to && (record.endDate === null || record.endDate >= from)
}

const NS = 'workforce'
const err = (field: string, key: string, href?: string): FieldError => ({ field, key: `${NS}.errors.${key}`, ...(href ? { href } : {}) })

function number(raw: unknown, field: string, min: number, max: number, errors: FieldError[], options: { required?: boolean; integer?: boolean } = {}): number | null {
  const value = text(raw).trim()
  if (value === '') {
    if (options.required !== false) errors.push(err(field, `${field}Missing`))
    return null
  }
  const n = Number(value)
  if (!Number.isFinite(n) || (options.integer && !Number.isInteger(n))) {
    errors.push(err(field, `${field}Invalid`))
    return null
  }
  if (n < min || n > max) {
    errors.push(err(field, `${field}Range`))
    return null
  }
  return n
}

function oneOf<T extends string>(raw: unknown, field: string, allowed: readonly T[], errors: FieldError[]): T | null {
  const value = text(raw).trim()
  if (value === '') errors.push(err(field, `${field}Missing`))
  else if (!(allowed as readonly string[]).includes(value)) errors.push(err(field, `${field}Unknown`))
  else return value as T
  return null
}

function words(raw: unknown, field: string, max: number, errors: FieldError[], required: boolean): string | null {
  const value = text(raw).trim()
  if (value === '') {
    if (required) errors.push(err(field, `${field}Missing`))
    return null
  }
  if (length(value) > max) {
    errors.push(err(field, `${field}TooLong`))
    return null
  }
  return value
}

function anyDay(raw: Record<string, unknown>, field: string, errors: FieldError[], required: boolean): string | null {
  const result = parseDay(raw, field)
  if ('problem' in result) {
    if (result.problem === 'missing' && !required) return null
    errors.push(err(field, `${field}${result.problem.charAt(0).toUpperCase()}${result.problem.slice(1)}`, `#${field}-day`))
    return null
  }
  return result.date
}

const bool = (raw: unknown) => raw === true || raw === 'true' || raw === 'yes' || raw === 'on'

export interface RecordInput {
  jobTitle: string
  setting: Setting
  settingNote: string | null
  contractedHours: number
  fte: number
  startDate: string
  endDate: string | null
  welshSkill: WelshSkill
}

export function validateRecord(raw: Record<string, unknown>): { ok: true; value: RecordInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const jobTitle = words(raw.jobTitle, 'jobTitle', 200, errors, true)
  const setting = oneOf(raw.setting, 'setting', settings, errors)
  const settingNote = words(raw.settingNote, 'settingNote', 200, errors, setting === 'other')
  const contractedHours = number(raw.contractedHours, 'contractedHours', 0, 60, errors)
  const enteredFte = number(raw.fte, 'fte', 0, 1.5, errors, { required: false })
  const startDate = anyDay(raw, 'startDate', errors, true)
  const endDate = anyDay(raw, 'endDate', errors, false)
  if (startDate && endDate && endDate < startDate) errors.push(err('endDate', 'endDateBeforeStart', '#endDate-day'))
  const welshSkill = oneOf(raw.welshSkill, 'welshSkill', welshSkills, errors)
  if (errors.length > 0 || !jobTitle || !setting || contractedHours === null || !startDate || !welshSkill) return { ok: false, errors }
  const fte = enteredFte ?? deriveFte(contractedHours)
  return { ok: true, value: { jobTitle, setting, settingNote: setting === 'other' ? settingNote : null, contractedHours, fte, startDate, endDate, welshSkill } }
}

export interface DbsInput {
  level: DbsLevel
  checkedOn: string
  certificateReference: string | null
  renewalMonths: number
  updateService: boolean
}

export function validateDbs(raw: Record<string, unknown>, today: string): { ok: true; value: DbsInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const level = oneOf(raw.level, 'level', dbsLevels, errors)
  const checkedOn = pastDay(raw, 'checkedOn', today, NS, errors)
  const certificateReference = words(raw.certificateReference, 'certificateReference', 40, errors, false)
  const renewalMonths = text(raw.renewalMonths).trim() === '' ? DEFAULT_RENEWAL_MONTHS : number(raw.renewalMonths, 'renewalMonths', 1, 120, errors, { integer: true })
  if (errors.length > 0 || !level || !checkedOn || renewalMonths === null) return { ok: false, errors }
  return { ok: true, value: { level, checkedOn, certificateReference, renewalMonths, updateService: bool(raw.updateService) } }
}

export interface TrainingInput {
  kind: 'attended' | 'delivered'
  userId: string | null
  attendees: number | null
  title: string
  provider: string | null
  status: 'planned' | 'completed'
  heldOn: string
  hours: number
  targeted: boolean
  dataCollection: boolean
  competenceAreaIds: string[]
}

/** A completed session cannot be in the future; a planned one may be. Attended: whose; delivered: how many came. */
export function validateTraining(raw: Record<string, unknown>, today: string): { ok: true; value: TrainingInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const kind = oneOf(raw.kind, 'kind', ['attended', 'delivered'] as const, errors)
  const status = text(raw.status).trim() === '' ? 'completed' : oneOf(raw.status, 'status', ['planned', 'completed'] as const, errors)
  const userId = text(raw.userId).trim() || null
  if (kind === 'attended' && !userId) errors.push(err('userId', 'userIdMissing'))
  const attendees = kind === 'delivered' ? number(raw.attendees, 'attendees', 0, 10000, errors, { integer: true }) : null
  const title = words(raw.title, 'title', 200, errors, true)
  const provider = words(raw.provider, 'provider', 200, errors, false)
  const heldOn = status === 'planned' ? anyDay(raw, 'heldOn', errors, true) : pastDay(raw, 'heldOn', today, NS, errors)
  const hours = number(raw.hours, 'hours', 0.25, 200, errors)
  const areas = list(raw.competenceAreaIds).map((a) => a.trim()).filter(Boolean)
  if (areas.some((a) => !isAreaId(a))) errors.push(err('competenceAreaIds', 'competenceAreaIdsUnknown'))
  if (errors.length > 0 || !kind || !status || !title || !heldOn || hours === null) return { ok: false, errors }
  return {
    ok: true,
    value: { kind, userId: kind === 'attended' ? userId : null, attendees, title, provider, status, heldOn, hours, targeted: bool(raw.targeted), dataCollection: bool(raw.dataCollection), competenceAreaIds: [...new Set(areas)] },
  }
}

export interface VolunteerInput {
  periodFrom: string
  periodTo: string
  volunteers: number
  hours: number
}

export function validateVolunteers(raw: Record<string, unknown>, today: string): { ok: true; value: VolunteerInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = []
  const periodFrom = pastDay(raw, 'periodFrom', today, NS, errors)
  const periodTo = anyDay(raw, 'periodTo', errors, true)
  if (periodFrom && periodTo && periodTo < periodFrom) errors.push(err('periodTo', 'periodToBeforeFrom', '#periodTo-day'))
  const volunteers = number(raw.volunteers, 'volunteers', 0, 100000, errors, { integer: true })
  const hours = number(raw.volunteerHours, 'volunteerHours', 0, 1000000, errors)
  if (errors.length > 0 || !periodFrom || !periodTo || volunteers === null || hours === null) return { ok: false, errors }
  return { ok: true, value: { periodFrom, periodTo, volunteers, hours } }
}
