import type { FastifyInstance } from 'fastify'
import { teamCompetenceApi } from './api.js'
import { teamCsv, teamPage } from './present.js'
import { readTeamCompetence } from './read.js'

/** The team lead's view of the team's competence (issue 8 §3): page, CSV of the matrix, and the JSON API. */
export async function teamCompetenceRoutes(app: FastifyInstance): Promise<void> {
  app.get('/competence/team', { config: { action: 'competence.team.view' } }, async (request, reply) => {
    const found = await readTeamCompetence(app, request, 'page')
    return reply.view('features/team-competence/views/team.njk', {
      title: request.t('teamCompetence.title'),
      ...teamPage(request.t, request.lang, found),
    })
  })

  app.get('/competence/team.csv', { config: { action: 'competence.team.view' } }, async (request, reply) => {
    const found = await readTeamCompetence(app, request, 'csv')
    const name = found.team ? `team-competence-${found.team.id}.csv` : 'team-competence.csv'
    // Staff's records: not kept in shared caches.
    return reply
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(teamCsv(request.t, found))
  })

  await teamCompetenceApi(app)
}
