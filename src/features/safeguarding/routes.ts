import type { FastifyInstance } from 'fastify'

/** Routes for safeguarding concerns (CS Std 3, CF 2.4) (issue 5). */
export async function safeguardingRoutes(_app: FastifyInstance): Promise<void> {}
