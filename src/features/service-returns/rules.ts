import type { FieldError } from '../admin/fields.js'
import { text } from '../admin/fields.js'
import { parseDay } from '../what-matters/dates.js'
import { type FundingAnswer, fundingAnswers } from './schema.js'

/*
 * The pure rules of a period return (issue 7 §4): the figures, their checks, the period and overlap rules, and the
 * pro-rating of costs the measures use. No I/O: record.ts writes, measures read.
 */

export type FigureKind = 'count' | 'decimal' | 'money'

export interface FigureSpec {
  /** The form and JSON field. */
  field: string
  column: string
  kind: FigureKind
  /** The Core Data Set statement the figure answers. */
  cds: number
}

/** The service's own figures (#10, #28, #29, #26, #5, #7, #8, #6, #15). */
export const serviceFigures = [
  { field: 'runningCosts', column: 'running_costs_pence', kind: 'money', cds: 10 },
  { field: 'staffHeadcount', column: 'staff_headcount', kind: 'count', cds: 28 },
  { field: 'staffFte', column: 'staff_fte', kind: 'decimal', cds: 28 },
  { field: 'volunteers', column: 'volunteers', kind: 'count', cds: 29 },
  { field: 'practitionersDbsChecked', column: 'practitioners_dbs_checked', kind: 'count', cds: 26 },
  { field: 'staffTrainedDataCollection', column: 'staff_trained_data_collection', kind: 'count', cds: 5 },
  { field: 'trainingSessions', column: 'training_sessions', kind: 'count', cds: 7 },
  { field: 'staffAttendingTraining', column: 'staff_attending_training', kind: 'count', cds: 8 },
  { field: 'staffCompletedTargetedTraining', column: 'staff_completed_targeted_training', kind: 'count', cds: 6 },
  { field: 'satisfactionRespondents', column: 'satisfaction_respondents', kind: 'count', cds: 15 },
  { field: 'satisfactionSatisfied', column: 'satisfaction_satisfied', kind: 'count', cds: 15 },
] as const satisfies readonly FigureSpec[]

/** A community activity's figures (#11, #2, #3, #4, #14). */
export const activityFigures = [
  { field: 'runningCosts', column: 'running_costs_pence', kind: 'money', cds: 11 },
  { field: 'usersCompletedTraining', column: 'users_completed_training', kind: 'count', cds: 2 },
  { field: 'userTrainingSessions', column: 'user_training_sessions', kind: 'count', cds: 3 },
  { field: 'usersAccessingTraining', column: 'users_accessing_training', kind: 'count', cds: 4 },
  { field: 'staffSatisfactionRespondents', column: 'staff_satisfaction_respondents', kind: 'count', cds: 14 },
  { field: 'staffSatisfactionSatisfied', column: 'staff_satisfaction_satisfied', kind: 'count', cds: 14 },
] as const satisfies readonly FigureSpec[]

/** Counts are whole people or sessions; a return is an organisation's, so a million is far beyond any. */
export const MAX_COUNT = 1_000_000
/** £100m in pence: a typing slip, not a budget. */
export const MAX_PENCE = 10_000_000_000
export const NOTE_LIMIT = 1000
/** A quarter or a financial year: never more than a leap year. */
export const MAX_PERIOD_DAYS = 366

const COUNT = /^\d+$/
const DECIMAL = /^\d+(\.\d{1,2})?$/
/** Pounds, with an optional £ and thousands commas on the page; at most two decimals (pence). */
const MONEY = /^\d+(\.\d{1,2})?$/

/** Pounds as typed ('1,234.5', '£12') to pence, without floating point; null when it is not money. */
export function penceOf(raw: string): number | null {
  const cleaned = raw.replace(/^£/, '').replace(/,(?=\d{3}(\D|$))/g, '').trim()
  if (!MONEY.test(cleaned)) return null
  const [pounds, fraction = ''] = cleaned.split('.') as [string, string?]
  return Number(pounds) * 100 + Number(fraction.padEnd(2, '0'))
}

/** Pence to pounds with two decimals, for forms and JSON ('1234.50'). */
export function poundsOf(pence: number): string {
  const sign = pence < 0 ? '-' : ''
  const abs = Math.abs(pence)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export type Figures = Record<string, number | null>

export interface ReturnForm {
  periodFrom: string
  periodTo: string
  figures: Figures
  fundingContinues: FundingAnswer | null
  fundingNote: string | null
}

/** Days from a to b inclusive (ISO dates). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}

/** Whether two inclusive periods share at least one day. */
export function overlaps(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to
}

/** Days two inclusive periods share (0 when none). */
export function overlapDays(a: { from: string; to: string }, b: { from: string; to: string }): number {
  if (!overlaps(a, b)) return 0
  return daysInclusive(a.from > b.from ? a.from : b.from, a.to < b.to ? a.to : b.to)
}

/**
 * A return's costs counted in a report period: its pence times the share of its days inside the period, rounded to
 * the penny. A year's £36,500 return counts £100 for each day of it the report covers.
 */
export function proRatedPence(pence: number, returnPeriod: { from: string; to: string }, report: { from: string; to: string }): number {
  const days = overlapDays(returnPeriod, report)
  return days === 0 ? 0 : Math.round((pence * days) / daysInclusive(returnPeriod.from, returnPeriod.to))
}

function figureOf(spec: FigureSpec, value: unknown, errors: FieldError[]): number | null {
  const raw = (typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value)).trim()
  if (raw === '') return null
  const key = `serviceReturns.errors.${spec.kind}`
  if (spec.kind === 'money') {
    const pence = penceOf(raw)
    if (pence === null || pence > MAX_PENCE) errors.push({ field: spec.field, key })
    return pence
  }
  const pattern = spec.kind === 'count' ? COUNT : DECIMAL
  const n = Number(raw)
  if (!pattern.test(raw) || n > MAX_COUNT) {
    errors.push({ field: spec.field, key })
    return null
  }
  return n
}

function period(raw: Record<string, unknown>, today: string, errors: FieldError[]) {
  const day = (name: 'periodFrom' | 'periodTo') => {
    const parsed = parseDay(raw, name)
    if ('date' in parsed) return parsed.date
    errors.push({ field: name, key: `serviceReturns.errors.${name}${parsed.problem === 'missing' ? 'Missing' : 'Invalid'}`, href: `#${name}-day` })
    return null
  }
  const from = day('periodFrom')
  const to = day('periodTo')
  if (from && to) {
    if (from > to) errors.push({ field: 'periodTo', key: 'serviceReturns.errors.periodOrder', href: '#periodTo-day' })
    else if (daysInclusive(from, to) > MAX_PERIOD_DAYS)
      errors.push({ field: 'periodTo', key: 'serviceReturns.errors.periodLength', href: '#periodTo-day' })
    // The current quarter may be entered as it runs (its end is ahead); a period that has not begun may not.
    if (from > today) errors.push({ field: 'periodFrom', key: 'serviceReturns.errors.periodFuture', href: '#periodFrom-day' })
  }
  return { from, to }
}

/** `at most`: a figure that cannot exceed another (the satisfied among those who answered). */
function atMost(figures: Figures, part: string, whole: string, key: string, errors: FieldError[]) {
  const p = figures[part]
  const w = figures[whole]
  if (p !== null && p !== undefined && w !== null && w !== undefined && p > w) errors.push({ field: part, key })
}

export interface Validated {
  value: ReturnForm | null
  errors: FieldError[]
}

/** The period return of the service (#9, #10, …): every problem at once; a blank figure is "not given". */
export function validateServiceReturn(raw: Record<string, unknown>, today: string): Validated {
  const errors: FieldError[] = []
  const { from, to } = period(raw, today, errors)
  const figures: Figures = {}
  for (const spec of serviceFigures) figures[spec.field] = figureOf(spec, raw[spec.field], errors)
  atMost(figures, 'satisfactionSatisfied', 'satisfactionRespondents', 'serviceReturns.errors.satisfiedMoreThanRespondents', errors)
  atMost(figures, 'practitionersDbsChecked', 'staffHeadcount', 'serviceReturns.errors.moreThanHeadcount', errors)
  atMost(figures, 'staffTrainedDataCollection', 'staffHeadcount', 'serviceReturns.errors.moreThanHeadcount', errors)
  const funding = text(raw.fundingContinues).trim()
  let fundingContinues: FundingAnswer | null = null
  if (funding !== '') {
    if ((fundingAnswers as readonly string[]).includes(funding)) fundingContinues = funding as FundingAnswer
    else errors.push({ field: 'fundingContinues', key: 'serviceReturns.errors.funding', href: '#fundingContinues' })
  }
  const note = text(raw.fundingNote).trim()
  if ([...note].length > NOTE_LIMIT) errors.push({ field: 'fundingNote', key: 'serviceReturns.errors.noteLength', params: { max: NOTE_LIMIT } })
  if (errors.length > 0 || !from || !to) return { value: null, errors }
  return { value: { periodFrom: from, periodTo: to, figures, fundingContinues, fundingNote: note || null }, errors }
}

/** The figures of a community activity (#11, #2, #3, #4, #14). */
export function validateActivityReturn(raw: Record<string, unknown>, today: string): Validated {
  const errors: FieldError[] = []
  const { from, to } = period(raw, today, errors)
  const figures: Figures = {}
  for (const spec of activityFigures) figures[spec.field] = figureOf(spec, raw[spec.field], errors)
  atMost(figures, 'staffSatisfactionSatisfied', 'staffSatisfactionRespondents', 'serviceReturns.errors.satisfiedMoreThanRespondents', errors)
  if (errors.length > 0 || !from || !to) return { value: null, errors }
  return { value: { periodFrom: from, periodTo: to, figures, fundingContinues: null, fundingNote: null }, errors }
}

/** A table row's figures back as the form's (pence and decimals arrive from the drivers as text). */
export function figuresOfRow(specs: readonly FigureSpec[], row: Record<string, unknown>): Figures {
  const out: Figures = {}
  for (const spec of specs) {
    const v = row[spec.column]
    out[spec.field] = v === null || v === undefined ? null : Number(v)
  }
  return out
}

/** The figures as values for the form's inputs: pounds with pence, others as typed. */
export function formValuesOf(specs: readonly FigureSpec[], figures: Figures): Record<string, string> {
  const out: Record<string, string> = {}
  for (const spec of specs) {
    const v = figures[spec.field]
    out[spec.field] = v === null || v === undefined ? '' : spec.kind === 'money' ? poundsOf(v) : String(v)
  }
  return out
}

/** The columns to write for a form's figures. */
export function columnsOf(specs: readonly FigureSpec[], figures: Figures): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const spec of specs) out[spec.column] = figures[spec.field] ?? null
  return out
}
