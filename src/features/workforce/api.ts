import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import { reportSchema } from '../reports/api.js'
import { loadGuardedStaff } from './access.js'
import { readWorkforceReport, reportPeriod } from './report.js'
import type { TrainingRow } from './repository.js'
import { dbsLevels, dbsStatuses, settings, welshSkills } from './rules.js'
import { addDbsCheck, addTraining, type Outcome, readStaff, readTraining, type StaffDetail, today, updateRecord } from './service.js'

const tags = ['Workforce']
const uuid = { type: 'string', format: 'uuid' } as const
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const
const date = { type: 'string', format: 'date' } as const
const nullableDate = { type: ['string', 'null'], format: 'date' } as const
const nullableString = { type: ['string', 'null'] } as const
const userParams = { type: 'object', properties: { userId: uuid }, required: ['userId'] } as const
const created = { 201: { type: 'object', properties: { id: uuid }, required: ['id'] } } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema } as const

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

/** A training record as JSON: who attended is `attendee` (their name), not the row's `userName`. */
export const trainingJson = (t: TrainingRow) => ({ ...t, userName: undefined, attendee: t.userName })

/** A member of staff's workforce record as JSON: each DBS check with its renewal flag, and the training attended. */
export const personJson = ({ staff, record, checks, training }: StaffDetail) => ({
  userId: staff.userId,
  name: staff.name,
  organisationId: staff.organisationId,
  record,
  dbsChecks: checks.map((c) => ({ ...c, status: c.dbs.status, dueOn: c.dbs.dueOn, dbs: undefined })),
  training: training.map(trainingJson),
})

const recordResponse = {
  type: ['object', 'null'],
  description: 'Null until a record has been entered',
  properties: {
    userId: uuid,
    organisationId: uuid,
    jobTitle: { type: 'string' },
    setting: { type: 'string', enum: [...settings] },
    settingNote: { ...nullableString, description: 'When setting is other' },
    contractedHours: { type: 'number', description: 'Hours a week' },
    fte: { type: 'number' },
    startDate: date,
    endDate: nullableDate,
    welshSkill: { type: 'string', enum: [...welshSkills] },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedByName: nullableString,
  },
} as const

const dbsCheckResponse = {
  type: 'object',
  properties: {
    id: uuid,
    userId: uuid,
    level: { type: 'string', enum: [...dbsLevels] },
    checkedOn: date,
    certificateReference: nullableString,
    renewalMonths: { type: 'integer' },
    updateService: { type: 'boolean' },
    status: { type: 'string', enum: [...dbsStatuses], description: 'The renewal flag today (only the latest check counts for the dataset)' },
    dueOn: { ...date, description: 'When the check is due for renewal' },
  },
} as const

const trainingResponse = {
  type: 'object',
  properties: {
    id: uuid,
    organisationId: uuid,
    kind: { type: 'string', enum: ['attended', 'delivered'] },
    userId: { ...nullableUuid, description: 'Who attended (attended only)' },
    attendee: { ...nullableString, description: 'Their name (attended only)' },
    attendees: { type: ['integer', 'null'], description: 'How many came (delivered only)' },
    title: { type: 'string' },
    provider: nullableString,
    status: { type: 'string', enum: ['planned', 'completed'] },
    heldOn: date,
    hours: { type: 'number' },
    targeted: { type: 'boolean' },
    dataCollection: { type: 'boolean' },
    competenceAreaIds: { type: 'array', items: { type: 'string' } },
  },
} as const

const personResponse = {
  type: 'object',
  properties: {
    userId: uuid,
    name: { type: 'string' },
    organisationId: uuid,
    record: recordResponse,
    dbsChecks: { type: 'array', description: 'The newest first', items: dbsCheckResponse },
    training: { type: 'array', description: 'Training attended, the newest first', items: trainingResponse },
  },
} as const

/** 422 with each field's message, or 404 for another organisation's staff (refusal already audited). */
function failed(request: FastifyRequest, reply: FastifyReply, outcome: Exclude<Outcome, { ok: true }>) {
  if ('refused' in outcome) return sendProblem(request, reply, 404, 'not_found', request.t('errors.api.notFound'))
  return sendProblem(request, reply, 422, 'validation_failed', request.t('workforce.api.invalid'), { errors: apiErrors(request.t, outcome.errors) })
}

/** The workforce record and dataset as JSON (issue 8 §5, §7). */
export async function workforceApi(app: FastifyInstance): Promise<void> {
  const person = async (request: FastifyRequest) => {
    const staff = await loadGuardedStaff(app, request, 'view', 'workforce_record.view', 'not_found')
    return personJson(await readStaff(app, request, staff))
  }

  app.get('/api/v1/workforce/people/:userId', { config: { action: 'workforce.view' }, ...documentOnly, schema: { tags, summary: 'A member of staff’s workforce record, DBS checks (with the renewal flag) and training attended', description: 'Team leads: their organisation’s staff; practitioners: their own record. Another organisation’s staff: 404 (audited).', params: userParams, response: { 200: personResponse, ...problems } } }, async (request) => person(request))

  app.put('/api/v1/workforce/people/:userId', { config: { action: 'workforce.manage' }, ...documentOnly, schema: { tags, summary: 'Create or replace a member of staff’s workforce record (CDS #28)', description: 'Body: jobTitle, setting (local_authority, third_sector, housing, education, primary_care, other with settingNote), contractedHours 0–60, fte 0–1.5 (derived from hours ÷ 37.5 when absent), startDate, endDate, welshSkill (none, entry, foundation, intermediate, advanced, proficient). Answers the record as GET does. 422 `validation_failed`.', params: userParams, response: { 200: personResponse, ...problems } } }, async (request, reply) => {
    const staff = await loadGuardedStaff(app, request, 'manage', 'workforce_record.update', 'not_found')
    const outcome = await updateRecord(app, request, staff, bodyOf(request))
    if (!outcome.ok) return failed(request, reply, outcome)
    return person(request)
  })

  app.post('/api/v1/workforce/people/:userId/dbs-checks', { config: { action: 'workforce.manage' }, ...documentOnly, schema: { tags, summary: 'Record a DBS check (CDS #26)', description: 'Body: level (basic, standard, enhanced, enhanced_barred), checkedOn (not in the future), certificateReference, renewalMonths (default 36), updateService. 422 `validation_failed`.', params: userParams, response: { ...created, ...problems } } }, async (request, reply) => {
    const staff = await loadGuardedStaff(app, request, 'manage', 'dbs_check.create', 'not_found')
    const outcome = await addDbsCheck(app, request, staff, bodyOf(request))
    if (!outcome.ok) return failed(request, reply, outcome)
    return reply.code(201).send({ id: outcome.id })
  })

  app.get('/api/v1/workforce/training', { config: { action: 'workforce.view' }, ...documentOnly, schema: { tags, summary: 'Training attended and delivered (CDS #5–#8): the organisation’s for team leads, one’s own for practitioners', response: { 200: { type: 'object', properties: { training: { type: 'array', description: 'The newest first', items: trainingResponse } } }, ...problems } } }, async (request) => ({
    training: (await readTraining(app, request)).map(trainingJson),
  }))

  app.post('/api/v1/workforce/training', { config: { action: 'workforce.manage' }, ...documentOnly, schema: { tags, summary: 'Record training attended by a member of staff or delivered by the organisation', description: 'Body: kind (attended with userId, delivered with attendees), title, provider, status (completed, planned), heldOn (not in the future when completed), hours (0.25–200), targeted, dataCollection, competenceAreaIds. 422 `validation_failed`; another organisation’s staff 404.', response: { ...created, ...problems } } }, async (request, reply) => {
    const outcome = await addTraining(app, request, bodyOf(request))
    if (!outcome.ok) return failed(request, reply, outcome)
    return reply.code(201).send({ id: outcome.id })
  })

  app.get('/api/v1/workforce/report', { config: { action: 'workforce.report.view' }, ...documentOnly, schema: { tags, summary: 'The workforce dataset (CS §111) as a report result: exact for a team lead’s organisation, suppressed aggregates for commissioners', description: '`from`, `to`: ISO dates; by default this financial year to today. 422 `invalid_period`.', querystring: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } }, response: { 200: reportSchema, ...problems } } }, async (request, reply) => {
    const period = reportPeriod((request.query ?? {}) as Record<string, unknown>, today())
    if (!period.ok) return sendProblem(request, reply, 422, 'invalid_period', request.t(period.errors[0]?.key ?? 'workforce.api.invalid'), { errors: apiErrors(request.t, period.errors) })
    return readWorkforceReport(app, request, period.from, period.to)
  })
}
