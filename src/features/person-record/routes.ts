import type { FastifyInstance } from 'fastify'
import { personApi } from './api.js'
import { consentRoutes } from './consent-routes.js'
import { personEditRoutes } from './person-edit.js'
import { personPageRoutes } from './person-page.js'

/** The person record (issue 3 items 5, 8, 9): page, changes, consent, duplicates on demand and the API. */
export async function personRecordRoutes(app: FastifyInstance): Promise<void> {
  await personPageRoutes(app)
  await personEditRoutes(app)
  await consentRoutes(app)
  await personApi(app)
}
