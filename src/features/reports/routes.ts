import type { FastifyInstance } from 'fastify'
import { reportApi } from './api.js'
import { reportPages } from './pages.js'

/** Issue 7: the RBA report's JSON API and its pages and exports. */
export async function reportRoutes(app: FastifyInstance): Promise<void> {
  await reportApi(app)
  await reportPages(app)
}
