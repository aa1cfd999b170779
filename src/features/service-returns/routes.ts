import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden } from '../../platform/http/problems.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { dayValues } from '../what-matters/dates.js'
import { serviceReturnApi } from './api.js'
import { createActivityReturn, createServiceReturn, editActivityReturn, editServiceReturn, loadActivityReturn, loadServiceReturn, type Result } from './record.js'
import { listActivityReturns, listServiceReturns, servicesFor, versionsOf } from './repository.js'
import { activityFigures, type FigureSpec, figuresOfRow, formValuesOf, serviceFigures } from './rules.js'
import { fundingAnswers } from './schema.js'
import { numberFormat } from '../../platform/i18n/formats.js'

const views = 'features/service-returns/views'

/** Pence as the page shows money: '£184,500.00' (the digits are the same in Welsh). */
const money = (pence: string | number | null) =>
  pence === null ? null : `£${numberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(pence) / 100)}`

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

type Kind = 'service' | 'activity'

const serviceName = (request: FastifyRequest, row: { service_name: string; service_name_cy: string | null }) =>
  request.lang === 'cy' && row.service_name_cy ? row.service_name_cy : row.service_name
const specsOf = (kind: Kind): readonly FigureSpec[] => (kind === 'service' ? serviceFigures : activityFigures)
const base = (kind: Kind) => (kind === 'service' ? '/service-returns' : '/service-returns/activities')

interface FormState {
  kind: Kind
  id?: string
  values: Record<string, unknown>
  errors: FieldError[]
  versions?: { version: number; changedAt: Date; changedBy: string | null }[]
  /** The activity being corrected, named above the heading: the form itself no longer offers the choice. */
  service?: string
}

async function renderForm(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
  const user = request.user
  if (!user) throw forbidden()
  const services = state.kind === 'activity' && !state.id ? await servicesFor(app.deps.database.db, user.organisationId, !user.roles.includes('team_lead')) : []
  return reply.code(status).view(`${views}/form.njk`, {
    title: request.t(`serviceReturns.${state.kind}.${state.id ? 'editTitle' : 'newTitle'}`),
    kind: state.kind,
    action: state.id ? `${base(state.kind)}/${state.id}` : base(state.kind),
    back: base(state.kind),
    figures: specsOf(state.kind),
    values: state.values,
    periodFrom: dayValues(state.values, 'periodFrom'),
    periodTo: dayValues(state.values, 'periodTo'),
    fundingAnswers,
    services: services.map((s) => ({ id: s.id, name: request.lang === 'cy' && s.name_cy ? s.name_cy : s.name })),
    versions: state.versions ?? [],
    caption: state.service,
    errors: summaryErrors(request.t, state.errors),
  })
}

/** A refusal on a page: 400/409 show the form again with the reasons; nothing was written. */
const pageStatus = (result: Extract<Result, { ok: false }>) => (result.status === 409 ? 409 : result.status === 403 ? 403 : 400)

/** The period returns pages (issue 7 §4): list, enter, correct (the previous version kept). */
export async function serviceReturnRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/service-returns', { config: { action: 'service_returns.view' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const rows = await db.transaction().execute(async (trx) => {
      const found = await listServiceReturns(trx, user.organisationId)
      await audit(trx, auditContext(request), { action: 'service_return.list', recordType: 'service_return', detail: { count: found.length } })
      return found
    })
    return reply.view(`${views}/list.njk`, {
      title: request.t('serviceReturns.list.title'),
      canManage: user.roles.includes('team_lead'),
      saved: (request.query as { saved?: string }).saved === '1',
      returns: rows.map((r) => ({
        id: r.id,
        from: r.period_from,
        to: r.period_to,
        costs: money(r.running_costs_pence),
        funding: r.funding_continues,
        headcount: r.staff_headcount,
        version: r.version,
      })),
    })
  })

  app.get('/service-returns/new', { config: { action: 'service_returns.manage' } }, (request, reply) => renderForm(app, request, reply, { kind: 'service', values: {}, errors: [] }))

  app.post('/service-returns', { config: { action: 'service_returns.manage' } }, async (request, reply) => {
    const body = bodyOf(request)
    const result = await createServiceReturn(app, request, body)
    if (!result.ok) return renderForm(app, request, reply, { kind: 'service', values: body, errors: result.errors }, pageStatus(result))
    return reply.redirect('/service-returns?saved=1', 303)
  })

  const history = async (kind: Kind, id: string) =>
    (await versionsOf(db, kind, id)).map((v) => ({ version: v.version, changedAt: new Date(v.changed_at), changedBy: v.changed_by_name }))

  app.get('/service-returns/activities', { config: { action: 'asset_costs.manage' } }, async (request, reply) => {
    const user = request.user
    if (!user) throw forbidden()
    const rows = await listActivityReturns(db, user.organisationId)
    return reply.view(`${views}/activities.njk`, {
      title: request.t('serviceReturns.activity.listTitle'),
      saved: (request.query as { saved?: string }).saved === '1',
      returns: rows.map((r) => ({ id: r.id, service: serviceName(request, r), from: r.period_from, to: r.period_to, costs: money(r.running_costs_pence) })),
    })
  })

  app.get('/service-returns/activities/new', { config: { action: 'asset_costs.manage' } }, (request, reply) => renderForm(app, request, reply, { kind: 'activity', values: {}, errors: [] }))

  app.post('/service-returns/activities', { config: { action: 'asset_costs.manage' } }, async (request, reply) => {
    const body = bodyOf(request)
    const result = await createActivityReturn(app, request, body)
    if (!result.ok) return renderForm(app, request, reply, { kind: 'activity', values: body, errors: result.errors }, pageStatus(result))
    return reply.redirect('/service-returns/activities?saved=1', 303)
  })

  app.get('/service-returns/activities/:id', { config: { action: 'asset_costs.manage' } }, async (request, reply) => {
    const row = await loadActivityReturn(app, request)
    const values = { periodFrom: row.period_from, periodTo: row.period_to, ...formValuesOf(activityFigures, figuresOfRow(activityFigures, row)) }
    return renderForm(app, request, reply, { kind: 'activity', id: row.id, values, errors: [], versions: await history('activity', row.id), service: serviceName(request, row) })
  })

  app.post('/service-returns/activities/:id', { config: { action: 'asset_costs.manage' } }, async (request, reply) => {
    const row = await loadActivityReturn(app, request)
    const body = bodyOf(request)
    const result = await editActivityReturn(app, request, row, body)
    if (!result.ok) return renderForm(app, request, reply, { kind: 'activity', id: row.id, values: body, errors: result.errors, versions: await history('activity', row.id), service: serviceName(request, row) }, pageStatus(result))
    return reply.redirect('/service-returns/activities?saved=1', 303)
  })

  app.get('/service-returns/:id', { config: { action: 'service_returns.manage' } }, async (request, reply) => {
    const row = await loadServiceReturn(app, request, 'service_returns.manage')
    const values = { periodFrom: row.period_from, periodTo: row.period_to, fundingContinues: row.funding_continues ?? '', fundingNote: row.funding_note ?? '', ...formValuesOf(serviceFigures, figuresOfRow(serviceFigures, row)) }
    return renderForm(app, request, reply, { kind: 'service', id: row.id, values, errors: [], versions: await history('service', row.id) })
  })

  app.post('/service-returns/:id', { config: { action: 'service_returns.manage' } }, async (request, reply) => {
    const row = await loadServiceReturn(app, request, 'service_returns.manage')
    const body = bodyOf(request)
    const result = await editServiceReturn(app, request, row, body)
    if (!result.ok) return renderForm(app, request, reply, { kind: 'service', id: row.id, values: body, errors: result.errors, versions: await history('service', row.id) }, pageStatus(result))
    return reply.redirect('/service-returns?saved=1', 303)
  })

  await serviceReturnApi(app)
}
