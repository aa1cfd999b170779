import type { FastifyInstance } from 'fastify'
import { authRoutes } from './auth/routes.js'
import { healthRoutes } from './health/routes.js'
import { homeRoutes } from './home/routes.js'

/** Every capability's routes, registered on the root so the platform's hooks apply to all of them. */
export async function registerFeatures(app: FastifyInstance): Promise<void> {
  for (const routes of [healthRoutes, homeRoutes, authRoutes]) await routes(app)
}
