import type { FastifyInstance } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { roles } from '../../platform/db/schema.js'
import { problemSchema } from '../../platform/http/api.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { sendConflict, sendValidationProblem } from './api-organisations.js'
import { createdUserSchema, documentOnly, idParamsSchema, problems, userBodySchema, userSchema } from './api-schemas.js'
import { type FieldError, isUuid, queryValue } from './fields.js'
import { PAGE_SIZE, parsePage } from './paging.js'
import { isRole, parseUserFilters } from './user-form.js'
import { findUser, isUserLocked, listUsers, type UserRow } from './users-queries.js'
import { createUser } from './users-save.js'
import { showsSecretOnce } from '../../platform/http/compression.js'

export function userJson(row: UserRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    organisationId: row.organisation_id,
    teamId: row.team_id,
    roles: row.roles,
    active: row.active,
    locked: isUserLocked(row),
    lastSignInAt: row.last_sign_in_at ? row.last_sign_in_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

const tags = ['Users']

export async function usersApi(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db

  app.get(
    '/api/v1/users',
    {
      config: { action: 'admin.users.view' },
      ...documentOnly,
      schema: {
        tags,
        summary: 'Users, by name, 50 a page (administrators only)',
        querystring: {
          type: 'object',
          properties: {
            organisationId: { type: 'string', format: 'uuid' },
            role: { type: 'string', enum: [...roles] },
            q: { type: 'string', description: 'Part of a name or e-mail address' },
            page: { type: 'integer', minimum: 1, default: 1 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: { users: { type: 'array', items: userSchema }, page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' } },
            required: ['users', 'page', 'pageSize', 'total'],
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const organisationId = queryValue(query.organisationId)
      const role = queryValue(query.role)
      const errors: FieldError[] = []
      if (organisationId && !isUuid(organisationId)) errors.push({ field: 'organisationId', key: 'admin.users.errors.organisationInvalid' })
      if (role && !isRole(role)) errors.push({ field: 'role', key: 'admin.users.errors.rolesInvalid' })
      if (query.page !== undefined && parsePage(query.page) !== Number(query.page)) errors.push({ field: 'page', key: 'admin.api.errors.pageInvalid' })
      if (errors.length > 0) return sendValidationProblem(request, reply, errors)
      const { filters } = parseUserFilters({ organisation: organisationId, role, q: query.q })
      const page = parsePage(query.page)
      const { rows, total } = await db.transaction().execute(async (trx) => {
        const found = await listUsers(trx, filters, page)
        await audit(trx, auditContext(request), { action: 'user.list', recordType: 'user', detail: { filters: Object.keys(filters).sort(), page, count: found.rows.length } })
        return found
      })
      return { users: rows.map(userJson), page, pageSize: PAGE_SIZE, total }
    },
  )

  app.post(
    '/api/v1/users',
    {
      config: { action: 'admin.users.manage' },
      ...documentOnly,
      schema: { tags, summary: 'Add a user', body: userBodySchema, response: { 201: createdUserSchema, ...problems, 409: problemSchema } },
    },
    async (request, reply) => {
      const body = request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {}
      const result = await createUser(db, request, body)
      if (!result.ok) return result.conflict ? sendConflict(request, reply, result.errors) : sendValidationProblem(request, reply, result.errors)
      const created = (await findUser(db, result.id)) as UserRow
      const json = { ...userJson(created), ...(result.generatedPassword ? { generatedPassword: result.generatedPassword } : {}) }
      showsSecretOnce(reply)
      return reply.code(201).header('location', `/api/v1/users/${created.id}`).send(json)
    },
  )

  app.get(
    '/api/v1/users/:id',
    {
      config: { action: 'admin.users.view' },
      ...documentOnly,
      schema: { tags, summary: 'One user', params: idParamsSchema, response: { 200: userSchema, ...problems, 404: problemSchema } },
    },
    async (request) => {
      const id = (request.params as { id: string }).id
      const user = await db.transaction().execute(async (trx) => {
        const found = isUuid(id) ? await findUser(trx, id) : undefined
        if (!found) throw notFound()
        if (!can(request.user, 'admin.users.view', { organisationId: found.organisation_id })) throw forbidden()
        await audit(trx, auditContext(request), { action: 'user.view', recordType: 'user', recordId: found.id, organisationId: found.organisation_id })
        return found
      })
      return userJson(user)
    },
  )
}
