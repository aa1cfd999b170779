import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/access/policy.js'
import { forbidden } from '../../platform/http/problems.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { areaIds } from '../competence/areas.js'
import { dayValues } from '../what-matters/dates.js'
import { loadGuardedStaff, mayManage } from './access.js'
import { workforceApi } from './api.js'
import { workforceReportPages } from './report.js'
import type { StaffMember } from './repository.js'
import { dbsLevels, settings, welshSkills } from './rules.js'
import { addDbsCheck, addTraining, addVolunteers, listStaff, readStaff, readTraining, readVolunteers, updateRecord } from './service.js'
import { staffOf } from './repository.js'

const views = 'features/workforce/views'

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

const isTeamLead = (request: FastifyRequest) => (request.user as Actor).roles.includes('team_lead')

/** The workforce record's pages (issue 8 §5): the people, one person's record, training and volunteers. */
export async function workforceRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/workforce', { config: { action: 'workforce.report.view' } }, async (request, reply) => {
    // Commissioners see the dataset, never the people: their link lands on the report.
    if (!isTeamLead(request)) return reply.redirect('/workforce/report', 303)
    const staff = await listStaff(app, request)
    const reminders = staff.filter((s) => s.record && !s.record.endDate && s.dbs.status !== 'in_date')
    return reply.view(`${views}/index.njk`, { title: request.t('workforce.title'), staff, reminders })
  })

  app.get('/workforce/me', { config: { action: 'workforce.view' } }, (request, reply) => reply.redirect(`/workforce/people/${(request.user as Actor).userId}`, 303))

  async function renderPerson(request: FastifyRequest, reply: FastifyReply, staff: StaffMember, state: { record?: Record<string, unknown>; recordErrors?: FieldError[]; dbs?: Record<string, unknown>; dbsErrors?: FieldError[] } = {}, status = 200) {
    const detail = await readStaff(app, request, staff)
    const r = detail.record
    const recordValues = state.record ?? (r ? { jobTitle: r.jobTitle, setting: r.setting, settingNote: r.settingNote ?? '', contractedHours: String(r.contractedHours), fte: String(r.fte), startDate: r.startDate, endDate: r.endDate ?? '', welshSkill: r.welshSkill } : {})
    return reply.code(status).view(`${views}/person.njk`, {
      title: request.t('workforce.person.title', { name: staff.name }),
      staff,
      detail,
      manage: mayManage(request.user as Actor, staff),
      record: recordValues,
      startDate: dayValues(recordValues, 'startDate'),
      endDate: dayValues(recordValues, 'endDate'),
      dbs: state.dbs ?? {},
      checkedOn: dayValues(state.dbs ?? {}, 'checkedOn'),
      settings,
      welshSkills,
      dbsLevels,
      saved: (request.query as Record<string, unknown>).saved,
      errors: summaryErrors(request.t, [...(state.recordErrors ?? []), ...(state.dbsErrors ?? [])]),
    })
  }

  app.get('/workforce/people/:userId', { config: { action: 'workforce.view' } }, async (request, reply) => {
    const staff = await loadGuardedStaff(app, request, 'view', 'workforce_record.view')
    return renderPerson(request, reply, staff)
  })

  app.post('/workforce/people/:userId', { config: { action: 'workforce.manage' } }, async (request, reply) => {
    const staff = await loadGuardedStaff(app, request, 'manage', 'workforce_record.update')
    const body = bodyOf(request)
    const outcome = await updateRecord(app, request, staff, body)
    if (!outcome.ok) return renderPerson(request, reply, staff, { record: body, recordErrors: 'errors' in outcome ? outcome.errors : [] }, 400)
    return reply.redirect(`/workforce/people/${staff.userId}?saved=record`, 303)
  })

  app.post('/workforce/people/:userId/dbs-checks', { config: { action: 'workforce.manage' } }, async (request, reply) => {
    const staff = await loadGuardedStaff(app, request, 'manage', 'dbs_check.create')
    const body = bodyOf(request)
    const outcome = await addDbsCheck(app, request, staff, body)
    if (!outcome.ok) return renderPerson(request, reply, staff, { dbs: body, dbsErrors: 'errors' in outcome ? outcome.errors : [] }, 400)
    return reply.redirect(`/workforce/people/${staff.userId}?saved=dbs#dbs`, 303)
  })

  async function renderTraining(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    const actor = request.user as Actor
    const [training, staff] = await Promise.all([readTraining(app, request), staffOf(db, actor.organisationId)])
    const chosen = new Set(Array.isArray(values.competenceAreaIds) ? (values.competenceAreaIds as string[]) : values.competenceAreaIds ? [String(values.competenceAreaIds)] : [])
    return reply.code(status).view(`${views}/training.njk`, {
      title: request.t('workforce.training.title'),
      training,
      staff,
      values,
      heldOn: dayValues(values, 'heldOn'),
      areas: areaIds.map((id) => ({ value: id, text: id, checked: chosen.has(id) })),
      saved: (request.query as Record<string, unknown>).saved,
      errors: summaryErrors(request.t, errors),
    })
  }

  app.get('/workforce/training', { config: { action: 'workforce.manage' } }, (request, reply) => renderTraining(request, reply, { kind: 'attended', status: 'completed' }, []))

  app.post('/workforce/training', { config: { action: 'workforce.manage' } }, async (request, reply) => {
    const body = bodyOf(request)
    const outcome = await addTraining(app, request, body)
    if (!outcome.ok && 'refused' in outcome) throw forbidden()
    if (!outcome.ok) return renderTraining(request, reply, body, outcome.errors, 400)
    return reply.redirect('/workforce/training?saved=1', 303)
  })

  async function renderVolunteers(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    return reply.code(status).view(`${views}/volunteers.njk`, {
      title: request.t('workforce.volunteers.title'),
      counts: await readVolunteers(app, request),
      values,
      periodFrom: dayValues(values, 'periodFrom'),
      periodTo: dayValues(values, 'periodTo'),
      saved: (request.query as Record<string, unknown>).saved,
      errors: summaryErrors(request.t, errors),
    })
  }

  app.get('/workforce/volunteers', { config: { action: 'workforce.manage' } }, (request, reply) => renderVolunteers(request, reply, {}, []))

  app.post('/workforce/volunteers', { config: { action: 'workforce.manage' } }, async (request, reply) => {
    const body = bodyOf(request)
    const outcome = await addVolunteers(app, request, body)
    if (!outcome.ok) return renderVolunteers(request, reply, body, 'errors' in outcome ? outcome.errors : [], 400)
    return reply.redirect('/workforce/volunteers?saved=1', 303)
  })

  await workforceReportPages(app)
  await workforceApi(app)
}
