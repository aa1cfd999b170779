import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { documentOnly, problemResponse } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound, sendProblem } from '../../platform/http/problems.js'
import { apiErrors, type FieldError, isUuid } from '../admin/fields.js'
import { listOrganisations } from '../admin/organisations-queries.js'
import { isoDay } from './dates.js'
import { loadTranslation, permissionsOf, recordPermission, translationsOf, withdrawPermission, withdrawTranslation } from './settings.js'
import { validatePermission, validateTranslation } from './settings-rules.js'

/* The organisation settings as JSON (admin; instruments.settings.manage), with the same rules and audit as the pages. */

const tags = ['Instrument settings']
const open = { type: 'object', additionalProperties: true } as const
const uuid = { type: 'string', format: 'uuid' } as const
const orgParams = { type: 'object', properties: { organisationId: uuid }, required: ['organisationId'] } as const
const recordParams = { type: 'object', properties: { organisationId: uuid, id: uuid }, required: ['organisationId', 'id'] } as const
const options = { config: { action: 'instruments.settings.manage' as const }, ...documentOnly }
const problems = { 404: problemResponse('No such organisation or record'), 422: problemResponse('validation_failed: the errors say which field and why') }

export async function settingsApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const base = '/api/v1/organisations/:organisationId/instrument-settings'

  const organisationOf = async (request: FastifyRequest) => {
    const { organisationId } = request.params as { organisationId: string }
    if (!isUuid(organisationId) || !(await listOrganisations(db, { id: organisationId }))[0]) throw notFound()
    return organisationId
  }
  const invalid = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[]) =>
    sendProblem(request, reply, 422, 'validation_failed', request.t('instruments.settings.api.invalid'), { errors: apiErrors(request.t, errors) })

  app.get(base, { ...options, schema: { tags, summary: 'Registrations, licences and approved translations of an organisation, with their history', params: orgParams, response: { 200: open, 404: problems[404] } } }, async (request) => {
    const organisationId = await organisationOf(request)
    const [permissions, translations] = await Promise.all([permissionsOf(db, organisationId), translationsOf(db, organisationId)])
    return { organisationId, permissions, translations }
  })

  app.post(
    `${base}/permissions`,
    {
      ...options,
      schema: {
        tags,
        summary: 'Record a registration (WEMWBS, SWEMWBS: registeredOn) or a licence (PAM, EQ-5D-5L, Outcomes Star, MYCaW: validUntil)',
        params: orgParams,
        body: { type: 'object', properties: { instrumentId: { type: 'string' }, reference: { type: 'string' }, registeredOn: { type: 'string', format: 'date' }, validUntil: { type: 'string', format: 'date' } }, required: ['instrumentId', 'reference'] },
        response: { 201: open, ...problems },
      },
    },
    async (request, reply) => {
      const organisationId = await organisationOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const date = (v: unknown) => (typeof v === 'string' && v ? v : null)
      const result = validatePermission({ instrumentId: body.instrumentId, reference: body.reference, registeredOn: date(body.registeredOn), validUntil: date(body.validUntil) }, isoDay(new Date()))
      if (!result.ok) return invalid(request, reply, result.errors)
      const id = await db.transaction().execute(async (trx) => {
        const created = await recordPermission(trx, organisationId, request.user!.userId, result.permission)
        await audit(trx, auditContext(request), { action: 'instrument_permission.record', recordType: 'instrument_permission', recordId: created, organisationId, detail: { instrumentId: result.permission.instrumentId, kind: result.permission.kind } })
        return created
      })
      return reply.code(201).send({ id, ...result.permission })
    },
  )

  app.post(
    `${base}/translations`,
    { ...options, schema: { tags, summary: 'Load an owner-approved translation file (see docs/instruments.md for its layout)', params: orgParams, body: open, response: { 201: open, ...problems } } },
    async (request, reply) => {
      const organisationId = await organisationOf(request)
      const result = validateTranslation(request.body)
      if (!result.ok) return invalid(request, reply, result.errors)
      const id = await db.transaction().execute(async (trx) => {
        const created = await loadTranslation(trx, organisationId, request.user!.userId, result.translation)
        await audit(trx, auditContext(request), { action: 'instrument_translation.load', recordType: 'instrument_translation', recordId: created, organisationId, detail: { instrumentId: result.translation.instrumentId, language: result.translation.language } })
        return created
      })
      return reply.code(201).send({ id, instrumentId: result.translation.instrumentId, language: result.translation.language })
    },
  )

  for (const [path, withdraw, action] of [
    ['permissions', withdrawPermission, 'instrument_permission.withdraw'],
    ['translations', withdrawTranslation, 'instrument_translation.withdraw'],
  ] as const) {
    app.post(`${base}/${path}/:id/withdraw`, { ...options, schema: { tags, summary: `Withdraw one (history is kept)`, params: recordParams, response: { 200: open, 404: problems[404] } } }, async (request) => {
      const organisationId = await organisationOf(request)
      const { id } = request.params as { id: string }
      if (!isUuid(id)) throw notFound()
      const done = await db.transaction().execute(async (trx) => {
        const ok = await withdraw(trx, organisationId, id, request.user!.userId)
        if (ok) await audit(trx, auditContext(request), { action, recordType: action.split('.')[0], recordId: id, organisationId })
        return ok
      })
      if (!done) throw notFound()
      return { id, withdrawn: true, on: isoDay(new Date()) }
    })
  }
}
