import type { FastifyInstance } from 'fastify'
import { adminRoutes } from './admin/routes.js'
import { caseloadRoutes } from './caseload/routes.js'
import { contactRoutes } from './contacts/routes.js'
import { episodeRoutes } from './episodes/routes.js'
import { followUpRoutes } from './follow-ups/routes.js'
import { informationSharingRoutes } from './information-sharing/routes.js'
import { planRoutes } from './plans/routes.js'
import { safeguardingRoutes } from './safeguarding/routes.js'
import { whatMattersRoutes } from './what-matters/routes.js'
import { instrumentRoutes } from './instruments/routes.js'
import { measureRoutes } from './measures/routes.js'
import { selfCompletionRoutes } from './self-completion/routes.js'
import { experienceRoutes } from './experience/routes.js'
import { caseStudyRoutes } from './case-studies/routes.js'
import { coreDataSetRoutes } from './core-data-set/routes.js'
import { reportRoutes } from './reports/routes.js'
import { serviceReturnRoutes } from './service-returns/routes.js'
import { teamRoutes } from './teams/routes.js'
import { populationRoutes } from './population/routes.js'
import { competenceFrameworkRoutes } from './competence-framework/routes.js'
import { competenceRoutes } from './competence/routes.js'
import { teamCompetenceRoutes } from './team-competence/routes.js'
import { supervisionRoutes } from './supervision/routes.js'
import { workforceRoutes } from './workforce/routes.js'
import { standardsAssessmentRoutes } from './standards-assessment/routes.js'
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
  for (const routes of [
    healthRoutes,
    homeRoutes,
    authRoutes,
    accountRoutes,
    referenceRoutes,
    adminRoutes,
    referringRoutes,
    triageRoutes,
    personRecordRoutes,
    connectionRoutes,
    assetPortalRoutes,
    selfReferralRoutes,
    orukApiRoutes,
    directorySearchRoutes,
    directoryManageRoutes,
    directoryCsvRoutes,
    matchingRoutes,
    gapsRoutes,
    episodeRoutes,
    caseloadRoutes,
    followUpRoutes,
    whatMattersRoutes,
    planRoutes,
    contactRoutes,
    safeguardingRoutes,
    informationSharingRoutes,
    instrumentRoutes,
    measureRoutes,
    selfCompletionRoutes,
    experienceRoutes,
    caseStudyRoutes,
    coreDataSetRoutes,
    reportRoutes,
    serviceReturnRoutes,
    teamRoutes,
    populationRoutes,
    competenceFrameworkRoutes,
    competenceRoutes,
    teamCompetenceRoutes,
    supervisionRoutes,
    workforceRoutes,
    standardsAssessmentRoutes,
  ])
    await routes(app)
}
