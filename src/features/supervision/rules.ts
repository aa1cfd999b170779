import type { Actor } from '../../platform/access/policy.js'
import { type FieldError, isUuid, length, list, text } from '../admin/fields.js'
import { parseDay, pastDay } from '../what-matters/dates.js'
import { type SessionKind, sessionKinds } from './schema.js'

/*
 * Supervision as pure rules (issue 8 §4; CF 2.7b "Able to make effective use of supervision and support"), shared
 * by the pages and the API: who sees a session, who sees its reflective notes, and what a valid session, action and
 * reflection are.
 */

/**
 * What is talked about in supervision. From CF 2.7b and the pathway: the caseload (CF 5, the support journey),
 * safeguarding (CF 2.4), the practitioner's own wellbeing (CF 2.7a), professional boundaries (CF 2.2), reflective
 * practice (CF 2.7b itself), training and development (CF 2.7c, the development plan), and anything else (told in
 * the note).
 */
export const supervisionTopics = ['caseload', 'safeguarding', 'wellbeing', 'boundaries', 'reflective_practice', 'training', 'other'] as const
export type SupervisionTopic = (typeof supervisionTopics)[number]

export const TOPICS_NOTE_LIMIT = 1000
export const ACTION_LIMIT = 500
export const FOLLOW_UP_LIMIT = 1000
export const REFLECTION_LIMIT = 6000

export interface SessionParties {
  organisation_id: string
  supervisee_id: string
  supervisor_id: string
}

const isTeamLead = (actor: Actor) => actor.roles.includes('team_lead')

/** One of the two people of the session. */
export const isParty = (actor: Actor, s: SessionParties) => actor.userId === s.supervisee_id || actor.userId === s.supervisor_id

/** The session itself (date, topics, actions): its two people, and the team leads of its organisation. */
export const maySeeSession = (actor: Actor, s: SessionParties) =>
  actor.organisationId === s.organisation_id && (isParty(actor, s) || isTeamLead(actor))

/** The reflective notes: the supervisee and the supervisor of that session only, never a team lead as such. */
export const maySeeReflections = (actor: Actor, s: SessionParties) => actor.organisationId === s.organisation_id && isParty(actor, s)

/** Agreed actions are added and followed up by those who see the session. */
export const mayManageActions = maySeeSession

/** A session is recorded by its supervisor, or by a team lead for anyone of the organisation. */
export const mayRecordFor = (actor: Actor, supervisorId: string) => actor.userId === supervisorId || isTeamLead(actor)

export interface SessionForm {
  superviseeId: string
  supervisorId: string
  heldOn: string
  kind: SessionKind
  topics: SupervisionTopic[]
  topicsNote: string | null
}

type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

/**
 * A session as sent; `members` are the ids of the organisation's active practitioners and team leads, so a user
 * of another organisation (or no user at all) is refused like an unknown one.
 */
export function validateSession(body: Record<string, unknown>, today: string, members: ReadonlySet<string>): Checked<SessionForm> {
  const errors: FieldError[] = []
  const superviseeId = text(body.superviseeId).trim()
  const supervisorId = text(body.supervisorId).trim()
  if (!superviseeId) errors.push({ field: 'superviseeId', key: 'supervision.errors.superviseeMissing' })
  else if (!isUuid(superviseeId) || !members.has(superviseeId)) errors.push({ field: 'superviseeId', key: 'supervision.errors.superviseeUnknown' })
  if (!supervisorId) errors.push({ field: 'supervisorId', key: 'supervision.errors.supervisorMissing' })
  else if (!isUuid(supervisorId) || !members.has(supervisorId)) errors.push({ field: 'supervisorId', key: 'supervision.errors.supervisorUnknown' })
  else if (supervisorId === superviseeId) errors.push({ field: 'supervisorId', key: 'supervision.errors.samePerson' })
  const heldOn = pastDay(body, 'heldOn', today, 'supervision', errors)
  const kind = text(body.kind)
  if (!(sessionKinds as readonly string[]).includes(kind)) errors.push({ field: 'kind', key: 'supervision.errors.kind', href: '#kind' })
  const topics = [...new Set(list(body.topics).map((s) => s.trim()).filter(Boolean))]
  if (topics.length === 0) errors.push({ field: 'topics', key: 'supervision.errors.topicsMissing', href: '#topics' })
  else if (topics.some((c) => !(supervisionTopics as readonly string[]).includes(c)))
    errors.push({ field: 'topics', key: 'supervision.errors.topicUnknown', href: '#topics' })
  const topicsNote = text(body.topicsNote).trim()
  if (length(topicsNote) > TOPICS_NOTE_LIMIT) errors.push({ field: 'topicsNote', key: 'supervision.errors.topicsNoteTooLong', params: { max: TOPICS_NOTE_LIMIT } })
  if (errors.length || !heldOn) return { ok: false, errors }
  return {
    ok: true,
    value: { superviseeId, supervisorId, heldOn, kind: kind as SessionKind, topics: topics as SupervisionTopic[], topicsNote: topicsNote || null },
  }
}

export interface ActionForm {
  description: string
  ownerId: string
  dueOn: string | null
}

/** An agreed action: what (1–500 characters), whose (the supervisee or the supervisor), by when (optional). */
export function validateAction(body: Record<string, unknown>, session: SessionParties): Checked<ActionForm> {
  const errors: FieldError[] = []
  const description = text(body.description).trim()
  if (!description) errors.push({ field: 'description', key: 'supervision.errors.descriptionMissing' })
  else if (length(description) > ACTION_LIMIT) errors.push({ field: 'description', key: 'supervision.errors.descriptionTooLong', params: { max: ACTION_LIMIT } })
  const ownerId = text(body.ownerId).trim()
  if (ownerId !== session.supervisee_id && ownerId !== session.supervisor_id) errors.push({ field: 'ownerId', key: 'supervision.errors.owner', href: '#ownerId' })
  let dueOn: string | null = null
  const due = parseDay(body, 'dueOn')
  if ('date' in due) dueOn = due.date
  else if (due.problem !== 'missing') errors.push({ field: 'dueOn', key: 'supervision.errors.dueOnInvalid', href: '#dueOn-day' })
  if (errors.length) return { ok: false, errors }
  return { ok: true, value: { description, ownerId, dueOn } }
}

/** Following an action up: done or still open, with an optional note of what came of it. */
export function validateFollowUp(body: Record<string, unknown>): Checked<{ status: 'open' | 'done'; note: string | null }> {
  const errors: FieldError[] = []
  const status = text(body.status)
  if (status !== 'open' && status !== 'done') errors.push({ field: 'status', key: 'supervision.errors.status' })
  const note = text(body.followUpNote).trim()
  if (length(note) > FOLLOW_UP_LIMIT) errors.push({ field: 'followUpNote', key: 'supervision.errors.followUpTooLong', params: { max: FOLLOW_UP_LIMIT } })
  if (errors.length) return { ok: false, errors }
  return { ok: true, value: { status: status as 'open' | 'done', note: note || null } }
}

export function validateReflection(body: Record<string, unknown>): Checked<{ text: string }> {
  const value = text(body.text).trim()
  if (!value) return { ok: false, errors: [{ field: 'text', key: 'supervision.errors.reflectionMissing' }] }
  if (length(value) > REFLECTION_LIMIT)
    return { ok: false, errors: [{ field: 'text', key: 'supervision.errors.reflectionTooLong', params: { max: REFLECTION_LIMIT } }] }
  return { ok: true, value: { text: value } }
}

/** An open action is overdue once its due day has passed. */
export const isOverdue = (a: { status: string; due_on: string | null }, today: string) => a.status === 'open' && a.due_on !== null && a.due_on < today
