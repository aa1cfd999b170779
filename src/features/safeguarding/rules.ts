import { type FieldError, length, text } from '../admin/fields.js'
import { dayInput, type DayInput, pastDay } from './dates.js'
import {
  type ConcernCategory,
  concernCategories,
  type ConcernStatus,
  type ConcernSubject,
  concernSubjects,
  type EscalationTarget,
  escalationTargets,
} from './schema.js'

/*
 * The rules of a safeguarding concern (issue 5 §8; CS Std 3 ¶42 "escalate concerns in a timely and proportionate
 * way", ¶50 "reported to the local authority in line with Wales Safeguarding Procedures", CF 2.4 "raise and
 * escalate concerns in line with local safeguarding procedures"; CDS #27). Pure functions: pages and API share them.
 */

export const WORDS_LIMIT = 4000
export const REFERENCE_LIMIT = 100

const k = (key: string) => `safeguarding.errors.${key}`
const oneOf = <T extends string>(options: readonly T[], value: string): value is T =>
  (options as readonly string[]).includes(value)

export interface EscalationForm {
  to: EscalationTarget
  on: string
  reference: string | null
}

export interface EscalationValues {
  escalatedTo: string
  escalatedOn: DayInput
  reference: string
}

/**
 * One escalation: to whom, when (not in the future, not before the concern was noticed) and their reference. With
 * `optional`, all three blank means "not escalated yet" (the raise form).
 */
export function validateEscalation(
  raw: Record<string, unknown>,
  today: string,
  noticedOn: string | null,
  optional = false,
): { value: EscalationForm | null; values: EscalationValues; errors: FieldError[] } {
  const values: EscalationValues = {
    escalatedTo: text(raw.escalatedTo).trim(),
    escalatedOn: dayInput(raw, 'escalatedOn'),
    reference: text(raw.reference).trim(),
  }
  const blank =
    !values.escalatedTo &&
    !values.escalatedOn.day &&
    !values.escalatedOn.month &&
    !values.escalatedOn.year &&
    !values.reference
  if (optional && blank) return { value: null, values, errors: [] }
  const errors: FieldError[] = []
  if (!oneOf(escalationTargets, values.escalatedTo)) errors.push({ field: 'escalatedTo', key: k('escalatedToMissing') })
  const on = pastDay(values.escalatedOn, today)
  if (!on.ok) errors.push({ field: 'escalatedOn', key: k(`escalatedOn_${on.problem}`), href: '#escalatedOn-day' })
  else if (noticedOn && on.date < noticedOn)
    errors.push({ field: 'escalatedOn', key: k('escalatedOn_beforeNoticed'), href: '#escalatedOn-day' })
  if (length(values.reference) > REFERENCE_LIMIT)
    errors.push({ field: 'reference', key: k('referenceTooLong'), params: { max: REFERENCE_LIMIT } })
  if (errors.length > 0 || !on.ok) return { value: null, values, errors }
  return {
    value: { to: values.escalatedTo as EscalationTarget, on: on.date, reference: values.reference || null },
    values,
    errors,
  }
}

export interface ConcernForm {
  category: ConcernCategory
  about: ConcernSubject
  noticedOn: string
  whatHappened: string
  actionTaken: string | null
  escalation: EscalationForm | null
}

export interface ConcernValues extends EscalationValues {
  category: string
  about: string
  noticedOn: DayInput
  whatHappened: string
  actionTaken: string
}

/** Raising a concern: the category, adult or child, when it was noticed, what happened, what was done, and an optional first escalation. */
export function validateConcern(
  raw: Record<string, unknown>,
  today: string,
  options: { escalation: boolean } = { escalation: true },
): { value: ConcernForm; values: ConcernValues; errors: FieldError[] } {
  const base = {
    category: text(raw.category).trim(),
    about: text(raw.about).trim(),
    noticedOn: dayInput(raw, 'noticedOn'),
    whatHappened: text(raw.whatHappened).trim(),
    actionTaken: text(raw.actionTaken).trim(),
  }
  const errors: FieldError[] = []
  if (!oneOf(concernCategories, base.category)) errors.push({ field: 'category', key: k('categoryMissing') })
  if (!oneOf(concernSubjects, base.about)) errors.push({ field: 'about', key: k('aboutMissing') })
  const noticed = pastDay(base.noticedOn, today)
  if (!noticed.ok) errors.push({ field: 'noticedOn', key: k(`noticedOn_${noticed.problem}`), href: '#noticedOn-day' })
  if (!base.whatHappened) errors.push({ field: 'whatHappened', key: k('whatHappenedMissing') })
  else if (length(base.whatHappened) > WORDS_LIMIT)
    errors.push({ field: 'whatHappened', key: k('tooLong'), params: { max: WORDS_LIMIT } })
  if (length(base.actionTaken) > WORDS_LIMIT)
    errors.push({ field: 'actionTaken', key: k('tooLong'), params: { max: WORDS_LIMIT } })
  const escalation = options.escalation
    ? validateEscalation(raw, today, noticed.ok ? noticed.date : null, true)
    : {
        value: null,
        values: { escalatedTo: '', escalatedOn: { day: '', month: '', year: '' }, reference: '' },
        errors: [],
      }
  errors.push(...escalation.errors)
  return {
    value: {
      category: base.category as ConcernCategory,
      about: base.about as ConcernSubject,
      noticedOn: noticed.ok ? noticed.date : '',
      whatHappened: base.whatHappened,
      actionTaken: base.actionTaken || null,
      escalation: escalation.value,
    },
    values: { ...base, ...escalation.values },
    errors,
  }
}

export interface OutcomeForm {
  outcome: string | null
  status: ConcernStatus
}

/**
 * Recording the outcome and whether the concern stays open. A concern is closed only with an outcome on record
 * (CDS #27 asks what came of it); reopening keeps the outcome written so far.
 */
export function validateOutcome(
  raw: Record<string, unknown>,
  current: { outcome: string | null },
): { value: OutcomeForm; values: Record<string, string>; errors: FieldError[] } {
  const values = { outcome: text(raw.outcome).trim(), status: text(raw.status).trim() }
  const errors: FieldError[] = []
  if (!oneOf(['open', 'closed'] as const, values.status)) errors.push({ field: 'status', key: k('statusMissing') })
  if (length(values.outcome) > WORDS_LIMIT)
    errors.push({ field: 'outcome', key: k('tooLong'), params: { max: WORDS_LIMIT } })
  if (values.status === 'closed' && !values.outcome && !current.outcome)
    errors.push({ field: 'outcome', key: k('outcomeNeededToClose') })
  if (values.status === 'open' && !values.outcome && !current.outcome)
    errors.push({ field: 'outcome', key: k('outcomeMissing') })
  return { value: { outcome: values.outcome || null, status: values.status as ConcernStatus }, values, errors }
}

/** The history entries an outcome update makes, in order: a new outcome text, then a change of status. */
export function outcomeEvents(
  current: { outcome: string | null; status: ConcernStatus },
  form: OutcomeForm,
): ('outcome' | 'closed' | 'reopened')[] {
  const events: ('outcome' | 'closed' | 'reopened')[] = []
  if (form.outcome && form.outcome !== current.outcome) events.push('outcome')
  if (form.status !== current.status) events.push(form.status === 'closed' ? 'closed' : 'reopened')
  return events
}
