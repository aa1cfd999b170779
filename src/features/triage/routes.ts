import type { FastifyInstance } from 'fastify'
import { actionRoutes } from './action-routes.js'
import { triageApi } from './api.js'
import { queueRoutes } from './queue-routes.js'
import { referralPageRoutes } from './referral-page.js'

/** Triage (issue 3 items 4, 7, 8): the provider's queue, the referral page and its decisions, and the API. */
export async function triageRoutes(app: FastifyInstance): Promise<void> {
  await queueRoutes(app)
  await referralPageRoutes(app)
  await actionRoutes(app)
  await triageApi(app)
}
