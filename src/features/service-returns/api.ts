import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, sendProblem } from '../../platform/http/problems.js'
import { apiErrors } from '../admin/fields.js'
import {
  createActivityReturn,
  createServiceReturn,
  editActivityReturn,
  editServiceReturn,
  loadActivityReturn,
  loadServiceReturn,
  type Result,
} from './record.js'
import { type ActivityReturnRow, findActivityReturn, findServiceReturn, listActivityReturns, listServiceReturns, type ServiceReturnRow, versionsOf } from './repository.js'
import { activityFigures, type FigureSpec, figuresOfRow, poundsOf, serviceFigures } from './rules.js'
import { fundingAnswers } from './schema.js'

const tags = ['Service returns']
const uuid = { type: 'string', format: 'uuid' } as const
const date = { type: 'string', format: 'date' } as const
const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const problems = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema } as const

const figureProperties = (specs: readonly FigureSpec[]) =>
  Object.fromEntries(
    specs.map((s) => [
      s.field,
      s.kind === 'money'
        ? { type: ['string', 'number', 'null'], description: `Pounds, at most two decimals (CDS #${s.cds})` }
        : { type: ['number', 'null'], minimum: 0, description: `${s.kind === 'count' ? 'A whole number' : 'Up to two decimals'} (CDS #${s.cds}); null when not given` },
    ]),
  )

const serviceBody = {
  type: 'object',
  properties: {
    periodFrom: date,
    periodTo: { ...date, description: 'Not before periodFrom; at most 366 days after it' },
    ...figureProperties(serviceFigures),
    fundingContinues: { type: ['string', 'null'], enum: [...fundingAnswers, null], description: 'CDS #9' },
    fundingNote: { type: ['string', 'null'], maxLength: 1000 },
  },
  required: ['periodFrom', 'periodTo'],
} as const

const activityBody = {
  type: 'object',
  properties: { serviceId: { ...uuid, description: 'The directory service (create only)' }, periodFrom: date, periodTo: date, ...figureProperties(activityFigures) },
  required: ['periodFrom', 'periodTo'],
} as const

/** Figures as JSON: money both as pence (exact) and pounds ('1234.50'). */
function figuresJson(specs: readonly FigureSpec[], row: Record<string, unknown>) {
  const figures = figuresOfRow(specs, row)
  const out: Record<string, unknown> = {}
  for (const s of specs) {
    const v = figures[s.field] ?? null
    if (s.kind === 'money') {
      out[s.field] = v === null ? null : poundsOf(v)
      out[`${s.field}Pence`] = v
    } else out[s.field] = v
  }
  return out
}

const common = (row: ServiceReturnRow | ActivityReturnRow) => ({
  id: row.id,
  organisationId: row.organisation_id,
  periodFrom: row.period_from,
  periodTo: row.period_to,
  version: row.version,
  updatedAt: row.updated_at.toISOString(),
})

export const serviceReturnJson = (row: ServiceReturnRow) => ({
  ...common(row),
  ...figuresJson(serviceFigures, row),
  fundingContinues: row.funding_continues,
  fundingNote: row.funding_note,
})

export const activityReturnJson = (row: ActivityReturnRow) => ({
  ...common(row),
  serviceId: row.service_id,
  serviceName: row.service_name,
  ...figuresJson(activityFigures, row),
})

/** What the figures look like in a response: money as pounds and as pence, the others as given. */
const figureResponse = (specs: readonly FigureSpec[]) =>
  Object.fromEntries(
    specs.flatMap((s) =>
      s.kind === 'money'
        ? [
            [s.field, { type: ['string', 'null'], description: `Pounds, two decimals (CDS #${s.cds})` }],
            [`${s.field}Pence`, { type: ['integer', 'null'], description: `The same in pence (CDS #${s.cds})` }],
          ]
        : [[s.field, { type: ['number', 'null'], description: `CDS #${s.cds}` }]],
    ),
  )

const commonResponse = {
  id: uuid,
  organisationId: uuid,
  periodFrom: date,
  periodTo: date,
  version: { type: 'integer', description: 'Starts at 1; each correction adds one' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const

const versionsResponse = {
  type: 'array',
  description: 'Earlier versions, latest first: the figures as they were before each correction',
  items: {
    type: 'object',
    properties: {
      version: { type: 'integer' },
      figures: { type: 'object', additionalProperties: true, description: 'The figures of that version (money in pence)' },
      changedAt: { type: 'string', format: 'date-time' },
      changedBy: { type: ['string', 'null'] },
    },
  },
} as const

const serviceReturnResponse = {
  type: 'object',
  properties: {
    ...commonResponse,
    ...figureResponse(serviceFigures),
    fundingContinues: { type: ['string', 'null'], enum: [...fundingAnswers, null], description: 'CDS #9' },
    fundingNote: { type: ['string', 'null'] },
  },
} as const

const activityReturnResponse = {
  type: 'object',
  properties: {
    ...commonResponse,
    serviceId: uuid,
    serviceName: { type: 'string' },
    ...figureResponse(activityFigures),
  },
} as const

const withVersions = (schema: { type: 'object'; properties: object }) => ({ ...schema, properties: { ...schema.properties, versions: versionsResponse } })

const bodyOf = (request: FastifyRequest) =>
  request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}

/** Period returns as JSON (issue 7 §4): the same rules, refusals and audit as the pages. */
export async function serviceReturnApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  /** The return after a change, or the refusal: 422 with the fields for bad input, 409 for an overlap. */
  function answer(request: FastifyRequest, reply: FastifyReply, result: Result, json: () => Promise<object>, status: number, location: string) {
    if (!result.ok) {
      const first = result.errors[0]
      const detail = result.status === 400 || !first ? request.t('serviceReturns.api.invalid') : request.t(first.key, first.params)
      return sendProblem(request, reply, result.status === 400 ? 422 : result.status, result.code, detail, { errors: apiErrors(request.t, result.errors) })
    }
    if (status === 201) reply.header('location', `${location}/${result.id}`)
    return json().then((body) => reply.code(status).send(body))
  }

  const route = (
    summary: string,
    action: 'service_returns.view' | 'service_returns.manage' | 'asset_costs.manage',
    answered: Record<number, object>,
    extra: object = {},
  ) => ({
    config: { action },
    ...documentOnly,
    schema: { tags, summary, ...extra, response: { ...answered, ...problems } },
  })

  app.get('/api/v1/service-returns', route('Your organisation’s period returns (CDS #5–#10, #15, #26, #28, #29), the latest period first', 'service_returns.view', { 200: { type: 'object', properties: { serviceReturns: { type: 'array', items: serviceReturnResponse } } } }), async (request) => {
    const user = request.user
    if (!user) throw forbidden()
    const rows = await db.transaction().execute(async (trx) => {
      const found = await listServiceReturns(trx, user.organisationId)
      await audit(trx, auditContext(request), { action: 'service_return.list', recordType: 'service_return', detail: { count: found.length } })
      return found
    })
    return { serviceReturns: rows.map(serviceReturnJson) }
  })

  app.post('/api/v1/service-returns', route('Enter a period return for your organisation', 'service_returns.manage', { 201: serviceReturnResponse }, { body: serviceBody }), async (request, reply) => {
    const result = await createServiceReturn(app, request, bodyOf(request))
    return answer(request, reply, result, async () => serviceReturnJson((await findServiceReturn(db, result.ok ? result.id : '')) as ServiceReturnRow), 201, '/api/v1/service-returns')
  })

  app.get('/api/v1/service-returns/:id', route('One period return with its earlier versions', 'service_returns.view', { 200: withVersions(serviceReturnResponse) }, { params: idParams }), async (request) => {
    const row = await loadServiceReturn(app, request, 'service_returns.view', 'not_found')
    const versions = await db.transaction().execute(async (trx) => {
      const found = await versionsOf(trx, 'service', row.id)
      await audit(trx, auditContext(request), { action: 'service_return.view', recordType: 'service_return', recordId: row.id, organisationId: row.organisation_id })
      return found
    })
    return { ...serviceReturnJson(row), versions: versions.map((v) => ({ version: v.version, figures: v.figures, changedAt: new Date(v.changed_at).toISOString(), changedBy: v.changed_by_name })) }
  })

  app.put('/api/v1/service-returns/:id', route('Correct a period return; the previous version is kept', 'service_returns.manage', { 200: serviceReturnResponse }, { params: idParams, body: serviceBody }), async (request, reply) => {
    const row = await loadServiceReturn(app, request, 'service_returns.manage', 'not_found')
    const result = await editServiceReturn(app, request, row, bodyOf(request))
    return answer(request, reply, result, async () => serviceReturnJson((await findServiceReturn(db, row.id)) as ServiceReturnRow), 200, '/api/v1/service-returns')
  })

  app.get('/api/v1/activity-returns', route('The activity figures your organisation entered (CDS #11, #2, #3, #4, #14)', 'asset_costs.manage', { 200: { type: 'object', properties: { activityReturns: { type: 'array', items: activityReturnResponse } } } }), async (request) => {
    const user = request.user
    if (!user) throw forbidden()
    const rows = await db.transaction().execute(async (trx) => {
      const found = await listActivityReturns(trx, user.organisationId)
      await audit(trx, auditContext(request), { action: 'activity_return.list', recordType: 'activity_return', detail: { count: found.length } })
      return found
    })
    return { activityReturns: rows.map(activityReturnJson) }
  })

  app.post('/api/v1/activity-returns', route('Enter an activity’s running costs and figures for a period', 'asset_costs.manage', { 201: activityReturnResponse }, { body: activityBody }), async (request, reply) => {
    const result = await createActivityReturn(app, request, bodyOf(request))
    return answer(request, reply, result, async () => activityReturnJson((await findActivityReturn(db, result.ok ? result.id : '')) as ActivityReturnRow), 201, '/api/v1/activity-returns')
  })

  app.get('/api/v1/activity-returns/:id', route('One activity return', 'asset_costs.manage', { 200: withVersions(activityReturnResponse) }, { params: idParams }), async (request) => {
    const row = await loadActivityReturn(app, request, 'not_found')
    // Read and audited together, as a service return is (an organisation's record, not personal data).
    const versions = await db.transaction().execute(async (trx) => {
      const found = await versionsOf(trx, 'activity', row.id)
      await audit(trx, auditContext(request), { action: 'activity_return.view', recordType: 'activity_return', recordId: row.id, organisationId: row.organisation_id })
      return found
    })
    return { ...activityReturnJson(row), versions: versions.map((v) => ({ version: v.version, figures: v.figures, changedAt: new Date(v.changed_at).toISOString(), changedBy: v.changed_by_name })) }
  })

  app.put('/api/v1/activity-returns/:id', route('Correct an activity return; the previous version is kept', 'asset_costs.manage', { 200: activityReturnResponse }, { params: idParams, body: activityBody }), async (request, reply) => {
    const row = await loadActivityReturn(app, request, 'not_found')
    const result = await editActivityReturn(app, request, row, bodyOf(request))
    return answer(request, reply, result, async () => activityReturnJson((await findActivityReturn(db, row.id)) as ActivityReturnRow), 200, '/api/v1/activity-returns')
  })
}
