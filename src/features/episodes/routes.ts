import type { FastifyInstance } from 'fastify'

/** Routes for the episode of support: level of support, closing, feedback to the referrer, transfer (issue 5). */
export async function episodeRoutes(_app: FastifyInstance): Promise<void> {}
