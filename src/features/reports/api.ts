import type { FastifyInstance } from 'fastify'

/** `GET /api/v1/reports/rba` (issue 7 §2): the report as JSON. Filled by the engine helper. */
export async function reportApi(app: FastifyInstance): Promise<void> {
  void app
}
