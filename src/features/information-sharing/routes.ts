import type { FastifyInstance } from 'fastify'

/** Routes for the information-sharing log (CF 2.5) (issue 5). */
export async function informationSharingRoutes(_app: FastifyInstance): Promise<void> {}
