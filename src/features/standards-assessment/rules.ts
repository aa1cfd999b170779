import { type FieldError, isUuid, length, text } from '../admin/fields.js'
import { isStatementId } from './standards.js'
import { type ActionStatus, actionStatuses, type StandardRating, ratings } from './schema.js'

/*
 * The rules for a self-assessment's ratings and actions, shared by the pages and the API. Pure: the caller passes
 * what the rules depend on (the assessment's date, the organisation's users) and writes nothing on an error.
 */

export const EVIDENCE_LIMIT = 4000
export const ACTION_LIMIT = 500
export const OWNER_NAME_LIMIT = 120

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
export const isDay = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)

/** A statement id in a form field's name: dots are not welcome in element ids, so 'S1.26' is 'S1-26'. */
export const fieldKey = (statementId: string) => statementId.replace('.', '-')

export interface RatingInput {
  statementId: string
  rating: StandardRating
  evidence: string | null
}

export type RatingsOutcome = { ok: true; value: RatingInput[] } | { ok: false; errors: FieldError[] }

/** Ratings sent as `[{ statementId, rating, evidence }]`; a statement may appear once. */
export function validateRatings(raw: unknown): RatingsOutcome {
  if (!Array.isArray(raw)) return { ok: false, errors: [{ field: 'ratings', key: 'standardsAssessment.errors.ratingsInvalid' }] }
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const value: RatingInput[] = []
  for (const entry of raw as unknown[]) {
    const item = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {}
    const statementId = item.statementId
    if (!isStatementId(statementId) || seen.has(statementId)) {
      errors.push({ field: 'ratings', key: 'standardsAssessment.errors.statementUnknown', params: { statement: text(statementId) } })
      continue
    }
    seen.add(statementId)
    const field = fieldKey(statementId)
    const rating = item.rating
    if (typeof rating !== 'string' || !(ratings as readonly string[]).includes(rating)) {
      errors.push({ field: `rating-${field}`, key: 'standardsAssessment.errors.ratingInvalid', params: { statement: statementId }, href: `#rating-${field}` })
      continue
    }
    const evidence = text(item.evidence).trim()
    if (item.evidence !== undefined && item.evidence !== null && typeof item.evidence !== 'string')
      errors.push({ field: `evidence-${field}`, key: 'standardsAssessment.errors.evidenceInvalid', params: { statement: statementId } })
    else if (length(evidence) > EVIDENCE_LIMIT)
      errors.push({ field: `evidence-${field}`, key: 'standardsAssessment.errors.evidenceTooLong', params: { statement: statementId, limit: EVIDENCE_LIMIT } })
    value.push({ statementId, rating: rating as StandardRating, evidence: evidence || null })
  }
  return errors.length ? { ok: false, errors } : { ok: true, value }
}

export interface ActionInput {
  statementId: string
  action: string
  ownerUserId: string | null
  ownerName: string | null
  dueOn: string | null
  status: ActionStatus
  doneOn: string | null
}

export interface ActionContext {
  assessedOn: string
  today: string
  /** The users of the assessment's organisation, who may own an action. */
  organisationUserIds: ReadonlySet<string>
}

export type ActionOutcome = { ok: true; value: ActionInput } | { ok: false; errors: FieldError[] }

/** An improvement action against one statement, owned by a user of the organisation or a named person. */
export function validateAction(body: Record<string, unknown>, context: ActionContext): ActionOutcome {
  const errors: FieldError[] = []
  const statementId = body.statementId
  if (!isStatementId(statementId)) errors.push({ field: 'statementId', key: 'standardsAssessment.errors.statementUnknown', params: { statement: text(statementId) } })
  const action = text(body.action).trim()
  if (!action) errors.push({ field: 'action', key: 'standardsAssessment.errors.actionMissing' })
  else if (length(action) > ACTION_LIMIT) errors.push({ field: 'action', key: 'standardsAssessment.errors.actionTooLong', params: { limit: ACTION_LIMIT } })
  const ownerUserId = text(body.ownerUserId).trim() || null
  const ownerName = text(body.ownerName).trim() || null
  if (ownerUserId && ownerName) errors.push({ field: 'ownerName', key: 'standardsAssessment.errors.ownerBoth' })
  else if (ownerUserId && !(isUuid(ownerUserId) && context.organisationUserIds.has(ownerUserId)))
    errors.push({ field: 'ownerUserId', key: 'standardsAssessment.errors.ownerNotInOrganisation' })
  else if (!ownerUserId && !ownerName) errors.push({ field: 'ownerUserId', key: 'standardsAssessment.errors.ownerMissing' })
  else if (ownerName && length(ownerName) > OWNER_NAME_LIMIT) errors.push({ field: 'ownerName', key: 'standardsAssessment.errors.ownerNameTooLong', params: { limit: OWNER_NAME_LIMIT } })
  const dueRaw = text(body.dueOn).trim()
  const dueOn = dueRaw || null
  if (dueOn && !isDay(dueOn)) errors.push({ field: 'dueOn', key: 'standardsAssessment.errors.dueOnInvalid' })
  else if (dueOn && dueOn < context.assessedOn) errors.push({ field: 'dueOn', key: 'standardsAssessment.errors.dueOnBeforeAssessment' })
  const statusRaw = body.status === undefined || body.status === '' ? 'open' : body.status
  if (typeof statusRaw !== 'string' || !(actionStatuses as readonly string[]).includes(statusRaw))
    errors.push({ field: 'status', key: 'standardsAssessment.errors.actionStatusInvalid' })
  const status = statusRaw as ActionStatus
  const doneRaw = text(body.doneOn).trim()
  let doneOn: string | null = null
  if (status === 'done') {
    doneOn = doneRaw || context.today
    if (!isDay(doneOn)) errors.push({ field: 'doneOn', key: 'standardsAssessment.errors.doneOnInvalid' })
    else if (doneOn > context.today || doneOn < context.assessedOn) errors.push({ field: 'doneOn', key: 'standardsAssessment.errors.doneOnOutOfRange' })
  }
  if (errors.length) return { ok: false, errors }
  return { ok: true, value: { statementId: statementId as string, action, ownerUserId, ownerName, dueOn, status, doneOn } }
}

/** Counts of ratings per section: statements not rated count as not started. */
export function tally(statementIds: readonly string[], rated: ReadonlyMap<string, StandardRating>) {
  const counts = { fully: 0, partly: 0, not_started: 0 }
  for (const id of statementIds) counts[rated.get(id) ?? 'not_started']++
  return counts
}

/** A statement's change between two assessments: better, worse or the same (unrated counts as not started). */
export function change(previous: StandardRating | undefined, current: StandardRating | undefined): 'better' | 'worse' | 'same' {
  const rank = (r: StandardRating | undefined) => (r === 'fully' ? 2 : r === 'partly' ? 1 : 0)
  const d = rank(current) - rank(previous)
  return d > 0 ? 'better' : d < 0 ? 'worse' : 'same'
}
