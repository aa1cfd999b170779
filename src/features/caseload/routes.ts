import type { FastifyInstance } from 'fastify'

/** Routes for a practitioner's caseload and the team lead's view of the team (issue 5). */
export async function caseloadRoutes(_app: FastifyInstance): Promise<void> {}
