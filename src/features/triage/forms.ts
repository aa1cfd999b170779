import type { FieldError } from '../admin/fields.js'
import { optionalLevel } from '../episodes/rules.js'
import type { LevelOfSupport } from '../episodes/schema.js'
import { contactAttemptModes, type DeclineReason, declineReasons } from '../referrals/vocabulary.js'

/*
 * The triage decisions and records as pure checks, shared by the referral page and the API. Field names are the
 * API's property names and the pages' field ids alike.
 */
export const EXPLANATION_LIMIT = 2000
export const REDIRECT_LIMIT = 200
export const NOTE_LIMIT = 2000

export type Decision = { decision: 'accept'; practitionerId: string; levelOfSupport: LevelOfSupport | null } | { decision: 'decline'; reason: DeclineReason; explanation: string; redirectedTo: string | null }

const one = (raw: Record<string, unknown>, key: string): string => (typeof raw[key] === 'string' ? (raw[key] as string).trim() : '')
const tooLong = (value: string, max: number) => [...value].length > max

/** Accept (with a practitioner of the organisation, and optionally the level of support, CDS #21, #22, #30, #107) or decline (with a reason category and an explanation). */
export function validateDecision(raw: Record<string, unknown>, practitionerIds: readonly string[]): { value: Decision | null; values: Record<string, string>; errors: FieldError[] } {
  const values = { decision: one(raw, 'decision'), practitionerId: one(raw, 'practitionerId'), levelOfSupport: one(raw, 'levelOfSupport'), reason: one(raw, 'reason'), explanation: one(raw, 'explanation'), redirectedTo: one(raw, 'redirectedTo') }
  const errors: FieldError[] = []
  if (values.decision === 'accept') {
    if (!values.practitionerId) errors.push({ field: 'practitionerId', key: 'triage.errors.practitionerMissing' })
    else if (!practitionerIds.includes(values.practitionerId)) errors.push({ field: 'practitionerId', key: 'triage.errors.practitionerInvalid' })
    const level = optionalLevel(raw.levelOfSupport)
    if (level.error) errors.push({ field: 'levelOfSupport', key: 'episodes.errors.levelInvalid' })
    return { value: errors.length ? null : { decision: 'accept', practitionerId: values.practitionerId, levelOfSupport: level.value }, values, errors }
  }
  if (values.decision === 'decline') {
    if (!values.reason) errors.push({ field: 'reason', key: 'triage.errors.reasonMissing' })
    else if (!(declineReasons as readonly string[]).includes(values.reason)) errors.push({ field: 'reason', key: 'triage.errors.choiceInvalid' })
    if (!values.explanation) errors.push({ field: 'explanation', key: 'triage.errors.explanationMissing' })
    else if (tooLong(values.explanation, EXPLANATION_LIMIT)) errors.push({ field: 'explanation', key: 'triage.errors.explanationTooLong' })
    if (tooLong(values.redirectedTo, REDIRECT_LIMIT)) errors.push({ field: 'redirectedTo', key: 'triage.errors.redirectedToTooLong' })
    const value: Decision = { decision: 'decline', reason: values.reason as DeclineReason, explanation: values.explanation, redirectedTo: values.redirectedTo || null }
    return { value: errors.length ? null : value, values, errors }
  }
  return { value: null, values, errors: [{ field: 'decision', key: 'triage.errors.decisionMissing' }] }
}

export interface ContactAttemptForm {
  mode: (typeof contactAttemptModes)[number]
  successful: boolean
  note: string | null
}

/** A contact attempt: how, whether contact was made, and an optional note. */
export function validateContactAttempt(raw: Record<string, unknown>): { value: ContactAttemptForm; values: Record<string, string>; errors: FieldError[] } {
  const values = { mode: one(raw, 'mode'), successful: one(raw, 'successful'), note: one(raw, 'note') }
  const errors: FieldError[] = []
  if (!(contactAttemptModes as readonly string[]).includes(values.mode)) errors.push({ field: 'mode', key: 'triage.errors.modeMissing' })
  if (values.successful !== 'yes' && values.successful !== 'no') errors.push({ field: 'successful', key: 'triage.errors.successfulMissing' })
  if (tooLong(values.note, NOTE_LIMIT)) errors.push({ field: 'note', key: 'triage.errors.noteTooLong' })
  return { value: { mode: values.mode as ContactAttemptForm['mode'], successful: values.successful === 'yes', note: values.note || null }, values, errors }
}

/** Reallocation by a team lead: another practitioner of the organisation. */
export function validateAllocation(raw: Record<string, unknown>, practitionerIds: readonly string[]): { practitionerId: string; errors: FieldError[] } {
  const practitionerId = one(raw, 'allocateTo')
  if (!practitionerId) return { practitionerId, errors: [{ field: 'allocateTo', key: 'triage.errors.practitionerMissing' }] }
  if (!practitionerIds.includes(practitionerId)) return { practitionerId, errors: [{ field: 'allocateTo', key: 'triage.errors.practitionerInvalid' }] }
  return { practitionerId, errors: [] }
}
