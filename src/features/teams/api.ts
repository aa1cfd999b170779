import type { FastifyInstance } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { problems } from '../admin/api-schemas.js'
import { sendConflict, sendValidationProblem } from '../admin/api-organisations.js'
import { findTeam, listTeams, type TeamRow } from './queries.js'
import { loadOrganisation } from './load.js'
import { saveTeam } from './save.js'

export function teamJson(row: TeamRow) {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    nameCy: row.name_cy,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
    memberCount: row.member_count,
    createdAt: row.created_at.toISOString(),
  }
}

const uuid = { type: 'string', format: 'uuid' } as const
export const teamSchema = {
  type: 'object',
  properties: {
    id: uuid,
    organisationId: uuid,
    name: { type: 'string', description: 'Name in English' },
    nameCy: { type: ['string', 'null'], description: 'Name in Welsh, if it has one' },
    archived: { type: 'boolean', description: 'Archived teams are kept for past reports and offered to no new member' },
    archivedAt: { type: ['string', 'null'], format: 'date-time' },
    memberCount: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'organisationId', 'name', 'nameCy', 'archived', 'archivedAt', 'memberCount', 'createdAt'],
} as const

const teamBodySchema = {
  type: 'object',
  properties: { name: { type: 'string', maxLength: 200 }, nameCy: { type: ['string', 'null'], maxLength: 200 } },
  required: ['name'],
} as const

const params = { type: 'object', properties: { id: uuid }, required: ['id'] } as const
const tags = ['Teams']

/** `GET/POST /api/v1/organisations/{id}/teams` (administrators, `teams.manage`). */
export async function teamsApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/organisations/:id/teams',
    {
      config: { action: 'teams.manage' },
      ...documentOnly,
      schema: {
        tags,
        summary: "An organisation's teams, current ones first",
        params,
        response: { 200: { type: 'object', properties: { teams: { type: 'array', items: teamSchema } }, required: ['teams'] }, ...problems, 404: problemSchema },
      },
    },
    async (request) => {
      const organisation = await loadOrganisation(app, request)
      return { teams: (await listTeams(db, organisation.id)).map(teamJson) }
    },
  )

  app.post(
    '/api/v1/organisations/:id/teams',
    {
      config: { action: 'teams.manage' },
      ...documentOnly,
      schema: { tags, summary: 'Add a team to an organisation', params, body: teamBodySchema, response: { 201: teamSchema, ...problems, 404: problemSchema, 409: problemSchema } },
    },
    async (request, reply) => {
      const organisation = await loadOrganisation(app, request)
      const body = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}
      const result = await saveTeam(db, request, organisation.id, null, body)
      if (!result.ok) return result.conflict ? sendConflict(request, reply, result.errors) : sendValidationProblem(request, reply, result.errors)
      const created = (await findTeam(db, organisation.id, result.id)) as TeamRow
      return reply.code(201).header('location', `/api/v1/organisations/${organisation.id}/teams`).send(teamJson(created))
    },
  )
}
