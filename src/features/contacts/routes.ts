import type { FastifyInstance } from 'fastify'

/** Routes for contacts with the person and healthcare use (issue 5 §6, §10) (issue 5). */
export async function contactRoutes(_app: FastifyInstance): Promise<void> {}
