import type { FastifyInstance } from 'fastify'
import { organisationsApi } from './api-organisations.js'
import { usersApi } from './api-users.js'
import { auditRoutes } from './audit-routes.js'
import { organisationsRoutes } from './organisations-routes.js'
import { usersRoutes } from './users-routes.js'

/** Administration: organisations, users and the audit trail, as pages and as the JSON API. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  for (const routes of [organisationsRoutes, usersRoutes, auditRoutes, organisationsApi, usersApi]) await routes(app)
}
