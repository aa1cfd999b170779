import type { FastifyInstance } from 'fastify'

/** Routes for follow-ups and tasks (CF 6.1) (issue 5). */
export async function followUpRoutes(_app: FastifyInstance): Promise<void> {}
