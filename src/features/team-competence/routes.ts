import type { FastifyInstance } from 'fastify'

/** Issue 8: the pages and API of this feature, registered by features/index.ts. */
export async function teamCompetenceRoutes(app: FastifyInstance): Promise<void> {
  void app
}
