import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, summaryErrors } from '../admin/fields.js'
import { practitionersOfOrganisation } from '../follow-ups/repository.js'
import { caseloadApi } from './api.js'
import { ownCaseload, teamCaseload } from './caseload.js'
import { type EpisodeToReallocate, loadEpisodeToReallocate, reallocateEpisode } from './reallocate.js'

const views = {
  own: 'features/caseload/views/caseload.njk',
  team: 'features/caseload/views/team.njk',
  reallocate: 'features/caseload/views/reallocate.njk',
}
type Body = Record<string, unknown>

/** Routes for a practitioner's caseload and the team lead's view of the team (issue 5 §2). */
export async function caseloadRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get('/caseload', { config: { action: 'caseload.view' } }, async (request, reply) => {
    const caseload = await ownCaseload(app, request)
    return reply.view(views.own, {
      title: request.t('caseload.own.title'),
      ...caseload,
      canSeeTeam: can(request.user, 'caseload.team.view'),
    })
  })

  app.get('/caseload/team', { config: { action: 'caseload.team.view' } }, async (request, reply) => {
    const team = await teamCaseload(app, request)
    const query = request.query as Record<string, unknown>
    return reply.view(views.team, {
      title: request.t('caseload.team.title'),
      ...team,
      reallocated: query.reallocated === '1',
    })
  })

  async function reallocatePage(
    request: FastifyRequest,
    reply: FastifyReply,
    episode: EpisodeToReallocate,
    state: { practitionerId: string; errors: FieldError[] },
    status = 200,
  ) {
    const practitioners = await db.transaction().execute(async (trx) => {
      await audit(trx, auditContext(request), {
        action: 'episode.reallocate_form',
        recordType: 'episode',
        recordId: episode.id,
        organisationId: episode.organisation_id,
        detail: { personId: episode.person_id },
      })
      return practitionersOfOrganisation(trx, episode.organisation_id)
    })
    return reply.code(status).view(views.reallocate, {
      title: request.t('caseload.reallocate.title'),
      episode,
      practitioners: practitioners.filter((p) => p.id !== episode.practitioner_id),
      values: { practitionerId: state.practitionerId },
      errors: summaryErrors(request.t, state.errors),
    })
  }

  const episodeId = (request: FastifyRequest) => (request.params as { episodeId: string }).episodeId

  app.get(
    '/caseload/team/episodes/:episodeId/reallocate',
    { config: { action: 'episodes.reallocate' } },
    async (request, reply) => {
      const episode = await loadEpisodeToReallocate(app, request, episodeId(request))
      return reallocatePage(request, reply, episode, { practitionerId: '', errors: [] })
    },
  )

  app.post(
    '/caseload/team/episodes/:episodeId/reallocate',
    { config: { action: 'episodes.reallocate' } },
    async (request, reply) => {
      const episode = await loadEpisodeToReallocate(app, request, episodeId(request))
      const raw = request.body && typeof request.body === 'object' ? (request.body as Body) : {}
      const outcome = await reallocateEpisode(app, request, episode, raw)
      if (!outcome.ok)
        return reallocatePage(
          request,
          reply,
          episode,
          { practitionerId: outcome.practitionerId, errors: outcome.errors },
          outcome.problem === 'not_open' ? 409 : 400,
        )
      return reply.redirect('/caseload/team?reallocated=1', 303)
    },
  )

  await caseloadApi(app)
}
