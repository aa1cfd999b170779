import type { FastifyInstance } from 'fastify'

/** SCAFFOLD: this feature's pages and API (issue 6). */
export async function selfCompletionRoutes(_app: FastifyInstance): Promise<void> {}
