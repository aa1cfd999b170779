import { parseDateParts } from '../admin/audit-filters.js'
import { type FieldError, isUuid, length, text } from '../admin/fields.js'
import { walesDay } from '../../platform/i18n/formats.js'

/*
 * Follow-ups and tasks as pure rules (issue 5 §7; CF 6.1 "routinely scheduling a follow-up with the person"),
 * shared by the pages, the API and the caseload. Dates are calendar days in Wales.
 */
export const DESCRIPTION_LIMIT = 500
export const OUTCOME_NOTE_LIMIT = 2000
/** A task further ahead than this is almost certainly a mistyped year. */
export const LATEST_DUE_DAYS = 366 * 2
export const outcomeStatuses = ['done', 'not_done'] as const
export type OutcomeStatus = (typeof outcomeStatuses)[number]

/** Today's date in Wales as YYYY-MM-DD: a follow-up due "today" is not overdue until the day is over there. */
export function walesToday(now: Date = new Date()): string {
  return walesDay(now)
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** The date `days` after the YYYY-MM-DD `from`. */
export function plusDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** An open follow-up due before today is overdue; one due today is not yet. */
export function isOverdue(f: { status: string; due_on: string }, today: string): boolean {
  return f.status === 'open' && f.due_on < today
}

/** Due within the coming week: today or one of the next six days (the caseload's "due this week"). */
export function isDueThisWeek(f: { status: string; due_on: string }, today: string): boolean {
  return f.status === 'open' && f.due_on >= today && f.due_on < plusDays(today, 7)
}

export interface TaskForm {
  description: string
  dueOn: string
  assignedTo: string | null
}

export type TaskValues = {
  description: string
  'dueOn-day': string
  'dueOn-month': string
  'dueOn-year': string
  assignedTo: string
}

/**
 * A practitioner's own task: what to do (up to 500 characters), when (not in the past, not years ahead), and
 * optionally who, among the practitioners of the person's organisation. The API sends `dueOn` as YYYY-MM-DD.
 */
export function validateTask(
  raw: Record<string, unknown>,
  today: string,
  assignees: readonly string[],
): { value: TaskForm; values: TaskValues; errors: FieldError[] } {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(raw.dueOn).trim())
  const values: TaskValues = {
    description: text(raw.description).trim(),
    'dueOn-day': iso ? String(Number(iso[3])) : text(raw['dueOn-day']).trim(),
    'dueOn-month': iso ? String(Number(iso[2])) : text(raw['dueOn-month']).trim(),
    'dueOn-year': iso ? (iso[1] as string) : text(raw['dueOn-year']).trim(),
    assignedTo: text(raw.assignedTo).trim(),
  }
  const errors: FieldError[] = []
  if (values.description === '') errors.push({ field: 'description', key: 'followUps.errors.descriptionMissing' })
  else if (length(values.description) > DESCRIPTION_LIMIT)
    errors.push({
      field: 'description',
      key: 'followUps.errors.descriptionTooLong',
      params: { max: DESCRIPTION_LIMIT },
    })
  const due = parseDateParts(values['dueOn-day'], values['dueOn-month'], values['dueOn-year'])
  let dueOn = ''
  if (due === null) errors.push({ field: 'dueOn', key: 'followUps.errors.dueMissing', href: '#dueOn-day' })
  else if (!('date' in due)) errors.push({ field: 'dueOn', key: 'followUps.errors.dueInvalid', href: '#dueOn-day' })
  else if (due.date < today) errors.push({ field: 'dueOn', key: 'followUps.errors.duePast', href: '#dueOn-day' })
  else if (daysBetween(today, due.date) > LATEST_DUE_DAYS)
    errors.push({ field: 'dueOn', key: 'followUps.errors.dueTooFar', href: '#dueOn-day' })
  else dueOn = due.date
  if (values.assignedTo !== '' && !(isUuid(values.assignedTo) && assignees.includes(values.assignedTo)))
    errors.push({ field: 'assignedTo', key: 'followUps.errors.assigneeInvalid' })
  return { value: { description: values.description, dueOn, assignedTo: values.assignedTo || null }, values, errors }
}

export interface OutcomeForm {
  status: OutcomeStatus
  note: string | null
}

/** Marking a follow-up done or not done, with an optional note of what happened. */
export function validateOutcome(raw: Record<string, unknown>): {
  value: OutcomeForm
  values: { status: string; note: string }
  errors: FieldError[]
} {
  const values = { status: text(raw.status).trim(), note: text(raw.note).trim() }
  const errors: FieldError[] = []
  if (!(outcomeStatuses as readonly string[]).includes(values.status))
    errors.push({ field: 'status', key: 'followUps.errors.statusMissing' })
  if (length(values.note) > OUTCOME_NOTE_LIMIT)
    errors.push({ field: 'note', key: 'followUps.errors.noteTooLong', params: { max: OUTCOME_NOTE_LIMIT } })
  return { value: { status: values.status as OutcomeStatus, note: values.note || null }, values, errors }
}
