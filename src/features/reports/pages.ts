import type { FastifyInstance } from 'fastify'

/** The report pages, charts and CSV/XLSX exports (issue 7 §5). Filled by the presentation helper. */
export async function reportPages(app: FastifyInstance): Promise<void> {
  void app
}
