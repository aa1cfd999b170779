import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, queryValue, summaryErrors, text } from '../admin/fields.js'
import { parseDateParts } from '../admin/audit-filters.js'
import { listOrganisations } from '../admin/organisations-queries.js'
import { isoDay } from './dates.js'
import { referenceOf } from './definitions.js'
import { licensedInstruments, registeredInstruments } from './schema.js'
import { permissionsOf, recordPermission, translationsOf, withdrawPermission, withdrawTranslation, loadTranslation } from './settings.js'
import { translatableInstruments, validatePermission, validateTranslation } from './settings-rules.js'
import { instrumentIds } from './contract.js'

/*
 * Organisation settings for instruments (admin; instruments.settings.manage): registrations with Warwick, licences,
 * and owner-approved translations pasted as a JSON file. Post / redirect / get; every change audited with it.
 */

const views = { settings: 'features/instruments/views/settings.njk', translation: 'features/instruments/views/translation.njk' }
const options = { config: { action: 'instruments.settings.manage' as const } }

/** A date from GOV.UK date input boxes: YYYY-MM-DD, '' when blank, 'invalid' when not a date. */
function dateFrom(body: Record<string, unknown>, name: string): string | null {
  const parsed = parseDateParts(text(body[`${name}-day`]).trim(), text(body[`${name}-month`]).trim(), text(body[`${name}-year`]).trim())
  if (parsed === null) return null
  return 'date' in parsed ? parsed.date : 'invalid'
}

export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  /** The organisation being set up: ?organisation= (or the form's field), else the administrator's own. */
  const organisationOf = async (request: FastifyRequest, value: string) => {
    const id = value || request.user!.organisationId
    if (!isUuid(id)) throw notFound()
    const [organisation] = await listOrganisations(db, { id })
    if (!organisation) throw notFound()
    return organisation
  }

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, organisationId: string, form: { values: Record<string, string>; errors: FieldError[] } = { values: {}, errors: [] }, status = 200) => {
    const [organisations, permissions, translations] = await Promise.all([listOrganisations(db), permissionsOf(db, organisationId), translationsOf(db, organisationId)])
    const today = isoDay(new Date())
    const query = request.query as Record<string, unknown>
    return reply.code(status).view(views.settings, {
      title: request.t('instruments.settings.title'),
      organisationId,
      organisations: organisations.map((o) => ({ value: o.id, text: request.lang === 'cy' && o.name_cy ? o.name_cy : o.name, selected: o.id === organisationId })),
      registered: [...registeredInstruments, ...licensedInstruments].map((id) => ({ id, shortName: referenceOf(id).shortName })),
      permissions: permissions.map((p) => ({ ...p, state: p.withdrawn_at ? 'withdrawn' : p.kind === 'licence' && (p.valid_until ?? '') < today ? 'expired' : 'current', shortName: referenceOf(p.instrument_id).shortName })),
      translations: translations.map((t) => ({ ...t, shortName: referenceOf(t.instrument_id as (typeof instrumentIds)[number]).shortName })),
      saved: queryValue(query.saved),
      values: form.values,
      errors: summaryErrors(request.t, form.errors),
    })
  }

  app.get('/admin/instruments', options, async (request, reply) => {
    const organisation = await organisationOf(request, queryValue((request.query as Record<string, unknown>).organisation))
    return renderSettings(request, reply, organisation.id)
  })

  app.post('/admin/instruments/permissions', options, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const organisation = await organisationOf(request, text(body.organisation))
    const result = validatePermission({ instrumentId: body.instrumentId, reference: body.reference, registeredOn: dateFrom(body, 'registeredOn'), validUntil: dateFrom(body, 'validUntil') }, isoDay(new Date()))
    if (!result.ok) {
      const values = Object.fromEntries(['instrumentId', 'reference', 'registeredOn-day', 'registeredOn-month', 'registeredOn-year', 'validUntil-day', 'validUntil-month', 'validUntil-year'].map((k) => [k, text(body[k]).slice(0, 200)]))
      return renderSettings(request, reply, organisation.id, { values, errors: result.errors }, 400)
    }
    await db.transaction().execute(async (trx) => {
      const id = await recordPermission(trx, organisation.id, request.user!.userId, result.permission)
      await audit(trx, auditContext(request), { action: 'instrument_permission.record', recordType: 'instrument_permission', recordId: id, organisationId: organisation.id, detail: { instrumentId: result.permission.instrumentId, kind: result.permission.kind } })
    })
    return reply.redirect(`/admin/instruments?organisation=${organisation.id}&saved=permission`, 303)
  })

  app.post('/admin/instruments/permissions/:id/withdraw', options, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const organisation = await organisationOf(request, text(body.organisation))
    const id = (request.params as { id: string }).id
    if (!isUuid(id)) throw notFound()
    const done = await db.transaction().execute(async (trx) => {
      const ok = await withdrawPermission(trx, organisation.id, id, request.user!.userId)
      if (ok) await audit(trx, auditContext(request), { action: 'instrument_permission.withdraw', recordType: 'instrument_permission', recordId: id, organisationId: organisation.id })
      return ok
    })
    if (!done) throw notFound()
    return reply.redirect(`/admin/instruments?organisation=${organisation.id}&saved=withdrawn`, 303)
  })

  const renderTranslation = (request: FastifyRequest, reply: FastifyReply, organisationId: string, value: string, errors: FieldError[], status = 200) =>
    reply.code(status).view(views.translation, {
      title: request.t('instruments.translations.title'),
      organisationId,
      value,
      translatable: instrumentIds.filter(translatableInstruments).map((id) => ({ id, items: [...referenceOf(id).items ?? []].map((i) => i.id), options: (referenceOf(id).responseOptions ?? []).map((o) => String(o.code ?? o.value)) })),
      errors: summaryErrors(request.t, errors.map((e) => ({ ...e, href: '#translation' }))),
    })

  app.get('/admin/instruments/translations/new', options, async (request, reply) => {
    const organisation = await organisationOf(request, queryValue((request.query as Record<string, unknown>).organisation))
    return renderTranslation(request, reply, organisation.id, '', [])
  })

  app.post('/admin/instruments/translations', options, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const organisation = await organisationOf(request, text(body.organisation))
    const pasted = text(body.translation)
    const result = validateTranslation(pasted)
    if (!result.ok) return renderTranslation(request, reply, organisation.id, pasted.slice(0, 200_000), result.errors, 400)
    await db.transaction().execute(async (trx) => {
      const id = await loadTranslation(trx, organisation.id, request.user!.userId, result.translation)
      await audit(trx, auditContext(request), { action: 'instrument_translation.load', recordType: 'instrument_translation', recordId: id, organisationId: organisation.id, detail: { instrumentId: result.translation.instrumentId, language: result.translation.language } })
    })
    return reply.redirect(`/admin/instruments?organisation=${organisation.id}&saved=translation`, 303)
  })

  app.post('/admin/instruments/translations/:id/withdraw', options, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const organisation = await organisationOf(request, text(body.organisation))
    const id = (request.params as { id: string }).id
    if (!isUuid(id)) throw notFound()
    const done = await db.transaction().execute(async (trx) => {
      const ok = await withdrawTranslation(trx, organisation.id, id, request.user!.userId)
      if (ok) await audit(trx, auditContext(request), { action: 'instrument_translation.withdraw', recordType: 'instrument_translation', recordId: id, organisationId: organisation.id })
      return ok
    })
    if (!done) throw notFound()
    return reply.redirect(`/admin/instruments?organisation=${organisation.id}&saved=withdrawn`, 303)
  })
}
