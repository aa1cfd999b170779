import type { FastifyInstance } from 'fastify'

/** SCAFFOLD: this feature's pages and API (issue 6). */
export async function measureRoutes(_app: FastifyInstance): Promise<void> {}
