import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { organisationTypes } from '../../platform/db/schema.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, queryValue, summaryErrors } from './fields.js'
import { isOrganisationType, type OrganisationValues } from './organisation-form.js'
import { findOrganisation, listLocalAuthorities, listOrganisations, type LocalAuthorityOption } from './organisations-queries.js'
import { saveOrganisation } from './organisations-save.js'

const views = {
  list: 'features/admin/views/organisations.njk',
  form: 'features/admin/views/organisation-form.njk',
}

/** The local authorities grouped under their health board, named in the page's language. */
export function areaGroups(areas: LocalAuthorityOption[], lang: string) {
  const cy = lang === 'cy'
  const groups = new Map<string, { code: string; name: string; areas: { code: string; name: string }[] }>()
  for (const area of areas) {
    const group = groups.get(area.health_board_code) ?? { code: area.health_board_code, name: cy ? area.health_board_name_cy : area.health_board_name_en, areas: [] }
    group.areas.push({ code: area.code, name: cy ? area.name_cy : area.name_en })
    groups.set(area.health_board_code, group)
  }
  const locale = cy ? 'cy' : 'en'
  const sorted = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, locale))
  for (const group of sorted) group.areas.sort((a, b) => a.name.localeCompare(b.name, locale))
  return sorted
}

export async function organisationsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, id: string | null, values: OrganisationValues, errors: FieldError[], status = 200) => {
    const t = request.t
    const areas = areaGroups(await listLocalAuthorities(db), request.lang)
    return reply.code(status).view(views.form, {
      title: t(id ? 'admin.organisations.editTitle' : 'admin.organisations.newTitle'),
      action: id ? `/admin/organisations/${id}` : '/admin/organisations',
      id,
      values,
      areaGroups: areas,
      types: organisationTypes,
      errors: summaryErrors(t, errors),
    })
  }

  /** The organisation named in the URL, or the 404 page; checked against the policy for that organisation. */
  const load = async (request: FastifyRequest, action: 'admin.organisations.view' | 'admin.organisations.manage') => {
    const id = (request.params as { id: string }).id
    const organisation = isUuid(id) ? await findOrganisation(db, id) : undefined
    if (!organisation) throw notFound()
    if (!can(request.user, action, { organisationId: organisation.id })) throw forbidden()
    return organisation
  }

  app.get('/admin/organisations', { config: { action: 'admin.organisations.view' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const typeValue = queryValue(query.type)
    const type = isOrganisationType(typeValue) ? typeValue : undefined
    const [rows, areas] = await Promise.all([listOrganisations(db, { type }), listLocalAuthorities(db)])
    const lang = request.lang
    const areaNames = new Map(areas.map((a) => [a.code, lang === 'cy' ? a.name_cy : a.name_en]))
    const savedId = queryValue(query.saved)
    const saved = rows.find((row) => row.id === savedId)
    return reply.view(views.list, {
      title: request.t('admin.organisations.title'),
      type: type ?? '',
      types: organisationTypes,
      saved: saved ? saved.name : null,
      organisations: rows.map((row) => ({
        ...row,
        areaNames: row.local_authorities.map((code) => areaNames.get(code) ?? code).sort((a, b) => a.localeCompare(b, lang)),
      })),
    })
  })

  app.get('/admin/organisations/new', { config: { action: 'admin.organisations.manage' } }, async (request, reply) => {
    return renderForm(request, reply, null, { name: '', nameCy: '', type: '', localAuthorities: [] }, [])
  })

  app.post('/admin/organisations', { config: { action: 'admin.organisations.manage' } }, async (request, reply) => {
    const result = await saveOrganisation(db, request, null, (request.body ?? {}) as Record<string, unknown>)
    if (!result.ok) return renderForm(request, reply, null, result.values, result.errors, 400)
    return reply.redirect(`/admin/organisations?saved=${result.id}`, 303)
  })

  app.get('/admin/organisations/:id', { config: { action: 'admin.organisations.view' } }, async (request, reply) => {
    const organisation = await load(request, 'admin.organisations.view')
    const values = { name: organisation.name, nameCy: organisation.name_cy ?? '', type: organisation.type, localAuthorities: organisation.local_authorities }
    return renderForm(request, reply, organisation.id, values, [])
  })

  app.post('/admin/organisations/:id', { config: { action: 'admin.organisations.manage' } }, async (request, reply) => {
    const organisation = await load(request, 'admin.organisations.manage')
    const result = await saveOrganisation(db, request, organisation, (request.body ?? {}) as Record<string, unknown>)
    if (!result.ok) return renderForm(request, reply, organisation.id, result.values, result.errors, 400)
    return reply.redirect(`/admin/organisations?saved=${organisation.id}`, 303)
  })
}
