import type { FastifyInstance, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid } from '../admin/fields.js'
import { openEpisode } from '../connections/repository.js'
import { guardRecord, loadGuardedPerson } from '../person-record/access.js'
import type { PersonRow } from '../person-record/person-queries.js'
import { findFollowUp, practitionersOfOrganisation, recordOutcome } from './repository.js'
import { type TaskValues, validateOutcome, validateTask, walesToday } from './rules.js'
import { scheduleFollowUp } from './schedule.js'

type Access = 'follow_ups.view' | 'follow_ups.manage'
const auditActions: Record<Access, string> = {
  'follow_ups.view': 'follow_up.list',
  'follow_ups.manage': 'follow_up.update',
}

/** The person named in the URL: 404 when unknown, refused (audited) when another organisation's (403 pages, 404 API). */
export async function loadPersonForFollowUps(
  app: FastifyInstance,
  request: FastifyRequest,
  action: Access,
  refusal: 'forbidden' | 'not_found' = 'forbidden',
): Promise<PersonRow> {
  return loadGuardedPerson(app, request, action, auditActions[action], refusal)
}

/** A follow-up named in the URL, checked like its person: unknown and other organisations' ones are refused alike. */
export async function loadFollowUp(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  refusal: 'forbidden' | 'not_found' = 'forbidden',
) {
  const db = app.deps.database.db
  const followUp = isUuid(id) ? await findFollowUp(db, id) : undefined
  if (!followUp) throw notFound()
  await guardRecord(
    db,
    request,
    'follow_ups.manage',
    {
      recordType: 'person',
      recordId: followUp.person_id,
      organisationId: followUp.organisation_id,
      auditAction: 'follow_up.update',
    },
    refusal,
  )
  return followUp
}

export type AddTaskOutcome =
  | { ok: true; id: string }
  | { ok: false; problem: 'validation' | 'no_open_episode'; errors: FieldError[]; values: TaskValues }

/** Adds a task to the person's open episode: checked in full first, then the row and its audit commit together. */
export async function addTask(
  app: FastifyInstance,
  request: FastifyRequest,
  person: PersonRow,
  raw: Record<string, unknown>,
): Promise<AddTaskOutcome> {
  const db = app.deps.database.db
  const assignees = await practitionersOfOrganisation(db, person.organisation_id)
  const { value, values, errors } = validateTask(
    raw,
    walesToday(),
    assignees.map((a) => a.id),
  )
  if (errors.length > 0) return { ok: false, problem: 'validation', errors, values }
  return db.transaction().execute(async (trx): Promise<AddTaskOutcome> => {
    const episode = await openEpisode(trx, person.id)
    if (!episode)
      return {
        ok: false,
        problem: 'no_open_episode',
        errors: [{ field: 'description', key: 'followUps.errors.noOpenEpisode' }],
        values,
      }
    const id = await scheduleFollowUp(trx, {
      personId: person.id,
      episodeId: episode.id,
      organisationId: person.organisation_id,
      kind: 'task',
      dueOn: value.dueOn,
      description: value.description,
      ...(value.assignedTo ? { assignedTo: value.assignedTo } : {}),
      createdBy: request.user?.userId ?? null,
    })
    await audit(trx, auditContext(request), {
      action: 'follow_up.create',
      recordType: 'follow_up',
      recordId: id,
      organisationId: person.organisation_id,
      detail: { personId: person.id, episodeId: episode.id, kind: 'task', assigned: value.assignedTo !== null },
    })
    return { ok: true, id }
  })
}

export type FinishOutcome =
  | { ok: true }
  | { ok: false; problem: 'validation' | 'not_open'; errors: FieldError[]; values: { status: string; note: string } }

/** Marks an open follow-up done or not done (CF 6.1), with the note, who and when, audited in the same transaction. */
export async function finishFollowUp(
  app: FastifyInstance,
  request: FastifyRequest,
  followUp: { id: string; person_id: string; organisation_id: string },
  raw: Record<string, unknown>,
): Promise<FinishOutcome> {
  const { value, values, errors } = validateOutcome(raw)
  if (errors.length > 0) return { ok: false, problem: 'validation', errors, values }
  return app.deps.database.db.transaction().execute(async (trx): Promise<FinishOutcome> => {
    const changed = await recordOutcome(trx, followUp.id, value, request.user?.userId ?? null, new Date())
    if (!changed)
      return { ok: false, problem: 'not_open', errors: [{ field: 'status', key: 'followUps.errors.notOpen' }], values }
    await audit(trx, auditContext(request), {
      action: 'follow_up.complete',
      recordType: 'follow_up',
      recordId: followUp.id,
      organisationId: followUp.organisation_id,
      detail: { personId: followUp.person_id, status: value.status, note: value.note !== null },
    })
    return { ok: true }
  })
}
