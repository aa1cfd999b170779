import { type FieldError, length, text } from '../admin/fields.js'
import { dayValues, type DayValues, pastDay } from '../what-matters/dates.js'
import { type FeedbackSource, feedbackSources, type FeedbackStatus, feedbackStatuses } from './schema.js'

/*
 * The 'you said, we did' log (CS App. Two, "Sustaining engagement": "provide ongoing feedback showing how
 * contributions shaped change"). An entry says what was said, by which kind of voice (never by whom), and what the
 * service did about it. Pure: pages and API share it.
 */

export const SAID_LIMIT = 2000
export const OWNER_LIMIT = 120

// The date rule adds `.errors.<field><Problem>` to this (a template literal: it is not a message key itself).
const namespace = `caseStudies.feedback`
const k = (key: string) => `${namespace}.errors.${key}`
const oneOf = <T extends string>(options: readonly T[], value: string): value is T =>
  (options as readonly string[]).includes(value)

export interface FeedbackForm {
  receivedOn: string
  source: FeedbackSource
  said: string
  action: string | null
  owner: string | null
  status: FeedbackStatus
  notPossibleReason: string | null
  doneOn: string | null
}

export interface FeedbackValues {
  receivedOn: DayValues
  source: string
  said: string
  action: string
  owner: string
  status: string
  notPossibleReason: string
  doneOn: DayValues
}

/**
 * One entry: when it was received (not in the future) and from whom, what was said; the change, its owner and
 * status. Done needs the change and the day it was done (not before it was received); not possible needs the reason.
 * A day done given with another status is not kept: the entry is not done.
 */
export function validateFeedback(
  raw: Record<string, unknown>,
  today: string,
): { value: FeedbackForm; values: FeedbackValues; errors: FieldError[] } {
  const values: FeedbackValues = {
    receivedOn: dayValues(raw, 'receivedOn'),
    source: text(raw.source).trim(),
    said: text(raw.said).trim(),
    action: text(raw.action).trim(),
    owner: text(raw.owner).trim(),
    status: text(raw.status).trim() || 'considering',
    notPossibleReason: text(raw.notPossibleReason).trim(),
    doneOn: dayValues(raw, 'doneOn'),
  }
  const errors: FieldError[] = []
  const receivedOn = pastDay(raw, 'receivedOn', today, namespace, errors)
  if (!oneOf(feedbackSources, values.source))
    errors.push({ field: 'source', key: k(values.source ? 'sourceUnknown' : 'sourceMissing') })
  if (!values.said) errors.push({ field: 'said', key: k('saidMissing') })
  for (const f of ['said', 'action', 'notPossibleReason'] as const)
    if (length(values[f]) > SAID_LIMIT) errors.push({ field: f, key: k('tooLong'), params: { max: SAID_LIMIT } })
  if (length(values.owner) > OWNER_LIMIT)
    errors.push({ field: 'owner', key: k('ownerTooLong'), params: { max: OWNER_LIMIT } })
  const statusKnown = oneOf(feedbackStatuses, values.status)
  if (!statusKnown) errors.push({ field: 'status', key: k('statusUnknown') })
  let doneOn: string | null = null
  if (values.status === 'done') {
    if (!values.action) errors.push({ field: 'action', key: k('actionNeededForDone') })
    doneOn = pastDay(raw, 'doneOn', today, namespace, errors)
    if (doneOn && receivedOn && doneOn < receivedOn) {
      errors.push({ field: 'doneOn', key: k('doneOnBeforeReceived'), href: '#doneOn-day' })
      doneOn = null
    }
  }
  if (values.status === 'not_possible' && !values.notPossibleReason)
    errors.push({ field: 'notPossibleReason', key: k('reasonNeeded') })
  return {
    value: {
      receivedOn: receivedOn ?? '',
      source: values.source as FeedbackSource,
      said: values.said,
      action: values.action || null,
      owner: values.owner || null,
      status: (statusKnown ? values.status : 'considering') as FeedbackStatus,
      notPossibleReason: values.status === 'not_possible' ? values.notPossibleReason || null : null,
      doneOn,
    },
    values,
    errors,
  }
}
