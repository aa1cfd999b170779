import type { FastifyInstance } from 'fastify'
import { documentOnly, problemSchema } from '../../platform/http/api.js'
import { areaIds, ratings } from '../competence/areas.js'
import { teamJson } from './present.js'
import { readTeamCompetence } from './read.js'

const tags = ['Workforce and quality']
const uuid = { type: 'string', format: 'uuid' } as const
const area = { type: 'string', enum: [...areaIds] } as const
const rating = { type: 'string', enum: [...ratings] } as const

const member = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    assessedOn: { type: ['string', 'null'], format: 'date', description: 'The date of the person’s latest self-assessment' },
    ratings: { type: 'object', additionalProperties: rating, description: 'Rating by area id; an area not rated is absent' },
  },
  required: ['id', 'name', 'assessedOn', 'ratings'],
} as const

const coverage = {
  type: 'object',
  properties: {
    areaId: area,
    covered: { type: 'boolean', description: 'At least one member rates the area competent or can support others' },
    coveredBy: {
      type: 'array',
      items: { type: 'object', properties: { id: uuid, name: { type: 'string' }, rating }, required: ['id', 'name', 'rating'] },
    },
  },
  required: ['areaId', 'covered', 'coveredBy'],
} as const

const need = {
  type: 'object',
  properties: {
    areaId: area,
    notYet: { type: 'integer' },
    developing: { type: 'integer' },
    notRated: { type: 'integer' },
    total: { type: 'integer' },
  },
  required: ['areaId', 'notYet', 'developing', 'notRated', 'total'],
} as const

/** The team's competence as JSON (issue 8 §3). */
export async function teamCompetenceApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/competence/team',
    {
      config: { action: 'competence.team.view' },
      ...documentOnly,
      schema: {
        tags,
        summary:
          'The team’s self-assessed competence: each person’s latest ratings, whether CF 3.1–3.3 are covered as a group, and training needs by area, most needed first',
        querystring: { type: 'object', properties: { team: { ...uuid, description: 'One of the organisation’s teams; the whole organisation without it' } } },
        response: {
          200: {
            type: 'object',
            properties: {
              team: { type: ['object', 'null'], properties: { id: uuid, name: { type: 'string' }, nameCy: { type: ['string', 'null'] } } },
              members: { type: 'array', items: member },
              coverage: { type: 'array', items: coverage },
              trainingNeeds: { type: 'array', items: need },
            },
            required: ['team', 'members', 'coverage', 'trainingNeeds'],
          },
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => teamJson(await readTeamCompetence(app, request, 'api')),
  )
}
