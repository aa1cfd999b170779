import type { FastifyInstance } from 'fastify'
import { instrumentsApi } from './api.js'
import { cataloguePages } from './pages.js'
import { settingsApi } from './settings-api.js'
import { settingsRoutes } from './settings-routes.js'

/** The instrument catalogue and scoring API, and each organisation's instrument settings (issue 6 §1; docs/instruments.md). */
export async function instrumentRoutes(app: FastifyInstance): Promise<void> {
  for (const routes of [instrumentsApi, cataloguePages, settingsRoutes, settingsApi]) await routes(app)
}
