import type { FastifyInstance } from 'fastify'

/** Routes for the co-produced action plan (CF 5.3, CS §33) (issue 5). */
export async function planRoutes(_app: FastifyInstance): Promise<void> {}
