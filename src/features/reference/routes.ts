import type { FastifyInstance } from 'fastify'
import { problemResponse } from '../../platform/http/api.js'

/*
 * Welsh geography as read-only reference data for integrations: local authority → health board → regional
 * partnership board. Codes are ONS GSS codes (local authorities, health boards) or Cyswllt's stable slugs (RPBs).
 */
const bilingualName = {
  type: 'object',
  properties: { en: { type: 'string' }, cy: { type: 'string' } },
  required: ['en', 'cy'],
} as const

const list = (description: string, item: object) =>
  ({ description, type: 'object', properties: { items: { type: 'array', items: item } }, required: ['items'] }) as const

const localAuthority = {
  type: 'object',
  properties: {
    code: { type: 'string', pattern: '^W06[0-9]{6}$', description: 'ONS GSS code' },
    name: bilingualName,
    healthBoardCode: { type: 'string', pattern: '^W11[0-9]{6}$' },
  },
  required: ['code', 'name', 'healthBoardCode'],
} as const

const healthBoard = {
  type: 'object',
  properties: {
    code: { type: 'string', pattern: '^W11[0-9]{6}$', description: 'ONS GSS code' },
    name: bilingualName,
    regionalPartnershipBoardCode: { type: 'string' },
  },
  required: ['code', 'name', 'regionalPartnershipBoardCode'],
} as const

const regionalPartnershipBoard = {
  type: 'object',
  properties: {
    code: { type: 'string', description: "Cyswllt's stable slug: RPBs have no GSS code" },
    name: bilingualName,
  },
  required: ['code', 'name'],
} as const

const problem = problemResponse
const errors = {
  400: problem('validation_failed: a filter is not valid'),
  401: problem('Not signed in, or the token is not valid'),
}
const config = { action: 'reference.geography.view' } as const
const tags = ['reference']

export async function referenceRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/local-authorities',
    {
      config,
      schema: {
        tags,
        summary: 'The 22 local authorities of Wales',
        querystring: {
          type: 'object',
          properties: {
            healthBoard: { type: 'string', pattern: '^W11[0-9]{6}$', description: 'Only those in this health board' },
          },
          additionalProperties: false,
        },
        response: { 200: list('Local authorities, by code', localAuthority), ...errors },
      },
    },
    async (request) => {
      const { healthBoard: board } = request.query as { healthBoard?: string }
      let query = db
        .selectFrom('local_authorities')
        .select(['code', 'name_en', 'name_cy', 'health_board_code'])
        .orderBy('code')
      if (board) query = query.where('health_board_code', '=', board)
      const rows = await query.execute()
      return {
        items: rows.map((r) => ({
          code: r.code,
          name: { en: r.name_en, cy: r.name_cy },
          healthBoardCode: r.health_board_code,
        })),
      }
    },
  )

  app.get(
    '/api/v1/health-boards',
    {
      config,
      schema: {
        tags,
        summary: 'The 7 local health boards of Wales',
        querystring: {
          type: 'object',
          properties: {
            regionalPartnershipBoard: {
              type: 'string',
              maxLength: 100,
              description: 'Only those in this regional partnership board',
            },
          },
          additionalProperties: false,
        },
        response: { 200: list('Health boards, by code', healthBoard), ...errors },
      },
    },
    async (request) => {
      const { regionalPartnershipBoard: rpb } = request.query as { regionalPartnershipBoard?: string }
      let query = db
        .selectFrom('health_boards')
        .select(['code', 'name_en', 'name_cy', 'regional_partnership_board_code'])
        .orderBy('code')
      if (rpb) query = query.where('regional_partnership_board_code', '=', rpb)
      const rows = await query.execute()
      return {
        items: rows.map((r) => ({
          code: r.code,
          name: { en: r.name_en, cy: r.name_cy },
          regionalPartnershipBoardCode: r.regional_partnership_board_code,
        })),
      }
    },
  )

  app.get(
    '/api/v1/regional-partnership-boards',
    {
      config,
      schema: {
        tags,
        summary: 'The 7 regional partnership boards of Wales',
        querystring: { type: 'object', properties: {}, additionalProperties: false },
        response: { 200: list('Regional partnership boards, by code', regionalPartnershipBoard), ...errors },
      },
    },
    async () => {
      const rows = await db
        .selectFrom('regional_partnership_boards')
        .select(['code', 'name_en', 'name_cy'])
        .orderBy('code')
        .execute()
      return { items: rows.map((r) => ({ code: r.code, name: { en: r.name_en, cy: r.name_cy } })) }
    },
  )
}
