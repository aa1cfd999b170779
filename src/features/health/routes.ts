import type { FastifyInstance } from 'fastify'
import { readMigrations } from '../../platform/db/migrate.js'

/** Liveness and readiness for load balancers and orchestrators; no personal data, no session needed. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { database } = app.deps
  const expected = readMigrations().map((m) => m.version)

  app.get('/healthz', { config: { action: 'public' } }, async () => ({ status: 'ok' }))

  app.get('/readyz', { config: { action: 'public' } }, async (request, reply) => {
    try {
      const applied = new Set((await database.db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version))
      const pending = expected.filter((version) => !applied.has(version))
      if (pending.length > 0) return reply.code(503).send({ status: 'not_ready', database: 'reachable', pendingMigrations: pending })
      return { status: 'ready', database: database.kind, migrations: 'current' }
    } catch (error) {
      request.log.warn({ event: 'readyz.failed', code: (error as { code?: string }).code }, 'database not reachable')
      return reply.code(503).send({ status: 'not_ready', database: 'unreachable' })
    }
  })
}
