import type { FastifyInstance } from 'fastify'
import { problemResponse } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound, sendProblem } from '../../platform/http/problems.js'
import { organisationTypes, roles } from '../../platform/db/schema.js'
import {
  DEFAULT_TOKEN_DAYS,
  MAX_TOKEN_NAME,
  TOKEN_DAYS,
  createOwnToken,
  listOwnTokens,
  revokeOwnToken,
  validateTokenForm,
  type TokenSummary,
} from './tokens.js'
import { showsSecretOnce } from '../../platform/http/compression.js'

const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const


const tokenProperties = {
  id: { type: 'string', format: 'uuid' },
  name: { type: 'string' },
  prefix: { type: 'string', description: 'The first characters of the token, to recognise it' },
  createdAt: { type: 'string', format: 'date-time' },
  expiresAt: { type: 'string', format: 'date-time' },
} as const

const tokenSchema = {
  type: 'object',
  properties: {
    ...tokenProperties,
    lastUsedAt: nullableDateTime,
    revokedAt: nullableDateTime,
    status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
  },
  required: ['id', 'name', 'prefix', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt', 'status'],
} as const

const meSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    email: { type: 'string' },
    organisation: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        type: { type: 'string', enum: [...organisationTypes] },
      },
      required: ['id', 'name', 'type'],
    },
    roles: { type: 'array', items: { type: 'string', enum: [...roles] } },
    authenticatedBy: { type: 'string', enum: ['session', 'token'] },
  },
  required: ['id', 'name', 'email', 'organisation', 'roles', 'authenticatedBy'],
} as const

const noQuery = { type: 'object', properties: {}, additionalProperties: false } as const
const errors = {
  401: problemResponse('Not signed in, or the token is not valid'),
  403: problemResponse('Not allowed, or the CSRF token is missing on a session call'),
}

const toJson = (t: TokenSummary) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  status: t.status,
})

/** The caller and their personal API tokens, as JSON under /api/v1. */
export async function accountApiRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/me',
    {
      config: { action: 'account.view' },
      schema: {
        tags: ['account'],
        summary: 'Who is calling',
        querystring: noQuery,
        response: { 200: { description: 'The caller', ...meSchema }, ...errors },
      },
    },
    async (request) => {
      const user = request.user
      if (!user) throw forbidden()
      return {
        id: user.userId,
        name: user.name,
        email: user.email,
        organisation: { id: user.organisationId, name: user.organisationName, type: user.organisationType },
        roles: user.roles,
        authenticatedBy: request.authVia ?? 'session',
      }
    },
  )

  app.get(
    '/api/v1/api-tokens',
    {
      config: { action: 'api_tokens.manage_own' },
      schema: {
        tags: ['account'],
        summary: "The caller's personal API tokens, newest first",
        querystring: noQuery,
        response: {
          200: {
            description: 'The tokens (never the secrets)',
            type: 'object',
            properties: { items: { type: 'array', items: tokenSchema } },
            required: ['items'],
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const user = request.user
      if (!user) throw forbidden()
      return { items: (await listOwnTokens(db, user.userId)).map(toJson) }
    },
  )

  app.post(
    '/api/v1/api-tokens',
    {
      config: { action: 'api_tokens.create' },
      schema: {
        tags: ['account'],
        summary: 'Create a personal API token',
        description:
          'The token is in this response only: it cannot be read again. Names are unique among your active tokens.',
        querystring: noQuery,
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: MAX_TOKEN_NAME },
            days: { type: 'integer', enum: [...TOKEN_DAYS], default: DEFAULT_TOKEN_DAYS },
          },
          required: ['name'],
          additionalProperties: false,
        },
        response: {
          201: {
            description: 'Created: the token, shown only now',
            type: 'object',
            properties: {
              ...tokenProperties,
              token: { type: 'string', description: 'Send as `Authorization: Bearer <token>`' },
            },
            required: ['id', 'name', 'prefix', 'createdAt', 'expiresAt', 'token'],
          },
          400: problemResponse('validation_failed: see `errors`'),
          409: problemResponse('conflict: you already have an active token with this name'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const user = request.user
      if (!user) throw forbidden()
      const { form, errors: invalid } = validateTokenForm(request.body as Record<string, unknown>)
      if (invalid.length > 0) {
        return sendProblem(request, reply, 400, 'validation_failed', request.t('errors.validation'), {
          errors: invalid.map((e) => ({ field: e.field, message: request.t(e.key) })),
        })
      }
      const created = await createOwnToken(
        db,
        auditContext(request),
        { userId: user.userId, organisationId: user.organisationId },
        form,
      )
      if (!created.ok)
        return sendProblem(request, reply, 409, 'conflict', request.t('account.apiTokens.errors.nameTaken'), {
          title: request.t('account.api.conflictTitle'),
        })
      showsSecretOnce(reply)
      return reply.code(201).send({
        id: created.id,
        name: created.name,
        prefix: created.prefix,
        createdAt: created.createdAt.toISOString(),
        expiresAt: created.expiresAt.toISOString(),
        token: created.token,
      })
    },
  )

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { action: 'api_tokens.manage_own' },
      schema: {
        tags: ['account'],
        summary: 'Revoke one of your personal API tokens',
        description:
          "Revoking an already revoked token succeeds and changes nothing. Another user's token is not found.",
        querystring: noQuery,
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] },
        response: {
          204: { type: 'null', description: 'Revoked' },
          400: problemResponse('validation_failed: the id is not a UUID'),
          404: problemResponse('not_found: no such token of yours'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const user = request.user
      if (!user) throw forbidden()
      const { id } = request.params as { id: string }
      const outcome = await revokeOwnToken(db, auditContext(request), user, id)
      if (outcome === 'not_found') throw notFound()
      return reply.code(204).send()
    },
  )
}
