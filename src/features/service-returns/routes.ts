import type { FastifyInstance } from 'fastify'

/** Issue 7: the pages and API of this feature, registered by features/index.ts. */
export async function serviceReturnRoutes(app: FastifyInstance): Promise<void> {
  void app
}
