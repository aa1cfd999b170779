import type { FastifyInstance } from 'fastify'
import { adminRoutes } from './admin/routes.js'
import { accountRoutes } from './account/routes.js'
import { assetPortalRoutes } from './asset-portal/routes.js'
import { authRoutes } from './auth/routes.js'
import { connectionRoutes } from './connections/routes.js'
import { directoryManageRoutes } from './directory/manage/routes.js'
import { directoryCsvRoutes } from './directory/csv/routes.js'
import { directorySearchRoutes } from './directory/search/routes.js'
import { gapsRoutes } from './directory/gaps/routes.js'
import { matchingRoutes } from './directory/matching/routes.js'
import { orukApiRoutes } from './directory/oruk-api/routes.js'
import { healthRoutes } from './health/routes.js'
import { homeRoutes } from './home/routes.js'
import { personRecordRoutes } from './person-record/routes.js'
import { referenceRoutes } from './reference/routes.js'
import { referringRoutes } from './referring/routes.js'
import { selfReferralRoutes } from './self-referral/routes.js'
import { triageRoutes } from './triage/routes.js'

/** Every capability's routes, registered on the root so the platform's hooks apply to all of them. */
export async function registerFeatures(app: FastifyInstance): Promise<void> {
  for (const routes of [healthRoutes, homeRoutes, authRoutes, accountRoutes, referenceRoutes, adminRoutes, referringRoutes, triageRoutes, personRecordRoutes, connectionRoutes, assetPortalRoutes, selfReferralRoutes, orukApiRoutes, directorySearchRoutes, directoryManageRoutes, directoryCsvRoutes, matchingRoutes, gapsRoutes]) await routes(app)
}
