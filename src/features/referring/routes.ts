import type { FastifyInstance } from 'fastify'
import { referralsApi } from './api.js'
import { formRoutes } from './form-routes.js'
import { sentRoutes } from './sent-routes.js'

/** Professional referrals: the referrer's form and their sent referrals as pages, and the referrals API. */
export async function referringRoutes(app: FastifyInstance): Promise<void> {
  for (const routes of [formRoutes, sentRoutes, referralsApi]) await routes(app)
}
