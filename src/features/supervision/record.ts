import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Actor, can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { todayInWales } from '../what-matters/dates.js'
import {
  type ActionRow,
  actionsOf,
  findAction,
  findSession,
  insertAction,
  insertReflection,
  insertSession,
  listSessions,
  membersOf,
  type ReflectionRow,
  reflectionsOf,
  type SessionRow,
  updateAction,
} from './repository.js'
import { isOverdue, isParty, mayManageActions, mayRecordFor, maySeeReflections, maySeeSession, validateAction, validateFollowUp, validateReflection, validateSession } from './rules.js'

/*
 * Supervision's reads and writes, shared by the pages and the API. Each validates before writing (nothing is
 * written on bad input) and audits in the same transaction, with record ids only: a reflective note's text, and
 * whether there are any, never reach the audit trail.
 */

type Outcome = { ok: true; id: string } | { ok: false; errors: FieldError[] }

function actorOf(request: FastifyRequest): Actor {
  if (!request.user) throw forbidden()
  return request.user
}

/**
 * The session named by `id` for one who may see it: its two people and the team leads of its organisation. Anyone
 * else is refused (audited), with 403 on pages and 404 in the API so that ids are not confirmed.
 */
export async function loadSession(app: FastifyInstance, request: FastifyRequest, id: unknown, refusal: 'forbidden' | 'not_found'): Promise<SessionRow> {
  const actor = actorOf(request)
  const db = app.deps.database.db
  const session = isUuid(id) ? await findSession(db, id) : undefined
  if (!session) throw notFound()
  if (!can(actor, 'supervision.view', { organisationId: session.organisation_id }) || !maySeeSession(actor, session)) {
    await audit(db, auditContext(request), {
      action: 'supervision_session.view',
      recordType: 'supervision_session',
      recordId: session.id,
      organisationId: session.organisation_id,
      outcome: 'refused',
    })
    throw refusal === 'forbidden' ? forbidden() : notFound()
  }
  return session
}

export interface SessionView {
  session: SessionRow
  actions: ActionRow[]
  /** Null when the reader is not one of the session's two people: the notes are not even read. */
  reflections: ReflectionRow[] | null
  party: boolean
}

/** One session as its reader may see it, audited as a read. */
export async function readSession(app: FastifyInstance, request: FastifyRequest, session: SessionRow): Promise<SessionView> {
  const actor = actorOf(request)
  const private_ = maySeeReflections(actor, session)
  return app.deps.database.db.transaction().execute(async (trx) => {
    const actions = await actionsOf(trx, [session.id])
    const reflections = private_ ? await reflectionsOf(trx, session.id) : null
    await audit(trx, auditContext(request), {
      action: 'supervision_session.view',
      recordType: 'supervision_session',
      recordId: session.id,
      organisationId: session.organisation_id,
    })
    return { session, actions, reflections, party: isParty(actor, session) }
  })
}

export interface Overview {
  asSupervisee: SessionRow[]
  asSupervisor: SessionRow[]
  /** A team lead's view of every session of the organisation (without reflective notes); null for others. */
  organisation: SessionRow[] | null
  openActions: (ActionRow & { overdue: boolean })[]
  today: string
}

/** The user's sessions as supervisee and as supervisor, and the open actions of those sessions; audited as a read. */
export async function readOverview(app: FastifyInstance, request: FastifyRequest): Promise<Overview> {
  const actor = actorOf(request)
  if (!can(actor, 'supervision.view', { organisationId: actor.organisationId })) throw forbidden()
  const today = todayInWales(new Date())
  const teamLead = actor.roles.includes('team_lead')
  return app.deps.database.db.transaction().execute(async (trx) => {
    const all = await listSessions(trx, actor.organisationId, actor.userId, teamLead)
    const own = all.filter((s) => isParty(actor, s))
    const actions = await actionsOf(trx, own.map((s) => s.id))
    await audit(trx, auditContext(request), {
      action: 'supervision_sessions.list',
      recordType: 'organisation',
      recordId: actor.organisationId,
      detail: { sessionIds: all.map((s) => s.id) },
    })
    return {
      asSupervisee: own.filter((s) => s.supervisee_id === actor.userId),
      asSupervisor: own.filter((s) => s.supervisor_id === actor.userId),
      organisation: teamLead ? all : null,
      openActions: actions.filter((a) => a.status === 'open').map((a) => ({ ...a, overdue: isOverdue(a, today) })),
      today,
    }
  })
}

/** Records a session: by its supervisor, or by a team lead for anyone of the organisation. */
export async function recordSession(app: FastifyInstance, request: FastifyRequest, body: Record<string, unknown>): Promise<Outcome> {
  const actor = actorOf(request)
  const db = app.deps.database.db
  const members = new Set((await membersOf(db, actor.organisationId)).map((m) => m.id))
  const checked = validateSession(body, todayInWales(new Date()), members)
  if (!checked.ok) return checked
  if (!mayRecordFor(actor, checked.value.supervisorId))
    return { ok: false, errors: [{ field: 'supervisorId', key: 'supervision.errors.notYourSession' }] }
  return db.transaction().execute(async (trx) => {
    const id = await insertSession(trx, actor.organisationId, actor.userId, checked.value)
    await audit(trx, auditContext(request), {
      action: 'supervision_session.record',
      recordType: 'supervision_session',
      recordId: id,
      detail: { superviseeId: checked.value.superviseeId, supervisorId: checked.value.supervisorId },
    })
    return { ok: true as const, id }
  })
}

export async function addAction(app: FastifyInstance, request: FastifyRequest, session: SessionRow, body: Record<string, unknown>): Promise<Outcome> {
  if (!mayManageActions(actorOf(request), session)) throw forbidden()
  const checked = validateAction(body, session)
  if (!checked.ok) return checked
  return app.deps.database.db.transaction().execute(async (trx) => {
    const id = await insertAction(trx, session.id, checked.value)
    await audit(trx, auditContext(request), {
      action: 'supervision_action.add',
      recordType: 'supervision_action',
      recordId: id,
      organisationId: session.organisation_id,
      detail: { sessionId: session.id },
    })
    return { ok: true as const, id }
  })
}

/** Marks an action done (today) or open again, with a follow-up note. */
export async function followUpAction(app: FastifyInstance, request: FastifyRequest, session: SessionRow, actionId: unknown, body: Record<string, unknown>): Promise<Outcome> {
  if (!mayManageActions(actorOf(request), session)) throw forbidden()
  const db = app.deps.database.db
  const action = isUuid(actionId) ? await findAction(db, actionId) : undefined
  if (!action || action.session_id !== session.id) throw notFound()
  const checked = validateFollowUp(body)
  if (!checked.ok) return checked
  const doneOn = checked.value.status === 'done' ? (action.done_on ?? todayInWales(new Date())) : null
  return db.transaction().execute(async (trx) => {
    await updateAction(trx, action.id, checked.value.status, doneOn, checked.value.note)
    await audit(trx, auditContext(request), {
      action: 'supervision_action.update',
      recordType: 'supervision_action',
      recordId: action.id,
      organisationId: session.organisation_id,
      detail: { sessionId: session.id, status: checked.value.status },
    })
    return { ok: true as const, id: action.id }
  })
}

/** A reflective note, by the supervisee or the supervisor of the session only. */
export async function addReflection(app: FastifyInstance, request: FastifyRequest, session: SessionRow, body: Record<string, unknown>): Promise<Outcome> {
  const actor = actorOf(request)
  if (!maySeeReflections(actor, session)) throw forbidden()
  const checked = validateReflection(body)
  if (!checked.ok) return checked
  return app.deps.database.db.transaction().execute(async (trx) => {
    const id = await insertReflection(trx, session.id, actor.userId, checked.value.text)
    await audit(trx, auditContext(request), {
      action: 'supervision_reflection.add',
      recordType: 'supervision_reflection',
      recordId: id,
      organisationId: session.organisation_id,
      detail: { sessionId: session.id },
    })
    return { ok: true as const, id }
  })
}
