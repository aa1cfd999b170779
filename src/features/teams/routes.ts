import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, organisationName, queryValue, summaryErrors } from '../admin/fields.js'
import type { OrganisationRow } from '../admin/organisations-queries.js'
import { teamsApi } from './api.js'
import { loadOrganisation } from './load.js'
import { findTeam, listTeams, type TeamRow } from './queries.js'
import { saveTeam, setTeamArchived } from './save.js'
import type { TeamValues } from './team-form.js'

const views = {
  list: 'features/teams/views/teams.njk',
  form: 'features/teams/views/team-form.njk',
}

const notices = ['created', 'saved', 'archived', 'restored'] as const

/** Issue 7: an organisation's teams, as administration pages under the organisation and as the JSON API. */
export async function teamRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db
  const base = (organisation: OrganisationRow) => `/admin/organisations/${organisation.id}/teams`

  const loadTeam = async (request: FastifyRequest) => {
    const organisation = await loadOrganisation(app, request)
    const teamId = (request.params as { teamId: string }).teamId
    const team = isUuid(teamId) ? await findTeam(db, organisation.id, teamId) : undefined
    if (!team) throw notFound()
    return { organisation, team }
  }

  const renderForm = (request: FastifyRequest, reply: FastifyReply, organisation: OrganisationRow, team: TeamRow | null, values: TeamValues, errors: FieldError[], status = 200) => {
    const notice = notices.find((n) => queryValue((request.query as Record<string, unknown>)[n]) === '1')
    return reply.code(status).view(views.form, {
      title: request.t(team ? 'teams.editTitle' : 'teams.newTitle'),
      organisation: { id: organisation.id, name: organisationName(organisation, request.lang) },
      team,
      action: team ? `${base(organisation)}/${team.id}` : base(organisation),
      back: base(organisation),
      values,
      errors: summaryErrors(request.t, errors),
      notice: errors.length === 0 && notice ? request.t(`teams.notices.${notice}`) : null,
    })
  }

  app.get('/admin/organisations/:id/teams', { config: { action: 'teams.manage' } }, async (request, reply) => {
    const organisation = await loadOrganisation(app, request)
    const teams = await listTeams(db, organisation.id)
    const cy = request.lang === 'cy'
    return reply.view(views.list, {
      title: request.t('teams.title'),
      organisation: { id: organisation.id, name: organisationName(organisation, request.lang) },
      teams: teams.map((team) => ({ ...team, shownName: cy && team.name_cy ? team.name_cy : team.name })),
    })
  })

  app.get('/admin/organisations/:id/teams/new', { config: { action: 'teams.manage' } }, async (request, reply) => {
    const organisation = await loadOrganisation(app, request)
    return renderForm(request, reply, organisation, null, { name: '', nameCy: '' }, [])
  })

  app.post('/admin/organisations/:id/teams', { config: { action: 'teams.manage' } }, async (request, reply) => {
    const organisation = await loadOrganisation(app, request)
    const result = await saveTeam(db, request, organisation.id, null, (request.body ?? {}) as Record<string, unknown>)
    if (!result.ok) return renderForm(request, reply, organisation, null, result.values, result.errors, 400)
    return reply.redirect(`${base(organisation)}/${result.id}?created=1`, 303)
  })

  app.get('/admin/organisations/:id/teams/:teamId', { config: { action: 'teams.manage' } }, async (request, reply) => {
    const { organisation, team } = await loadTeam(request)
    return renderForm(request, reply, organisation, team, { name: team.name, nameCy: team.name_cy ?? '' }, [])
  })

  app.post('/admin/organisations/:id/teams/:teamId', { config: { action: 'teams.manage' } }, async (request, reply) => {
    const { organisation, team } = await loadTeam(request)
    const result = await saveTeam(db, request, organisation.id, team, (request.body ?? {}) as Record<string, unknown>)
    if (!result.ok) return renderForm(request, reply, organisation, team, result.values, result.errors, 400)
    return reply.redirect(`${base(organisation)}/${team.id}?saved=1`, 303)
  })

  for (const [path, archived] of [['archive', true], ['restore', false]] as const) {
    app.post(`/admin/organisations/:id/teams/:teamId/${path}`, { config: { action: 'teams.manage' } }, async (request, reply) => {
      const { organisation, team } = await loadTeam(request)
      await setTeamArchived(db, request, team, archived)
      return reply.redirect(`${base(organisation)}/${team.id}?${archived ? 'archived' : 'restored'}=1`, 303)
    })
  }

  await teamsApi(app)
}
