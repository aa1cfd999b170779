import type { FastifyInstance } from 'fastify'

/** Routes for the 'What Matters' conversation (CS §27, CF 5.1) (issue 5). */
export async function whatMattersRoutes(_app: FastifyInstance): Promise<void> {}
