import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadDemoData } from '../../src/features/demo/demo-data.js'
import { loadConfig } from '../../src/platform/config.js'
import { type DatabaseKind, openTestDatabase } from './databases.js'

export const TEST_PASSWORD = 'demo-password-for-tests'

export interface TestApp {
  app: FastifyInstance
  kind: DatabaseKind
  close(): Promise<void>
}

/** The real app, in-process, on a fresh database with the demo organisations and accounts. */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const { database, dispose } = await openTestDatabase(kind)
  await loadDemoData(database.db, TEST_PASSWORD)
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-of-at-least-thirty-two-bytes', DEMO_PASSWORD: TEST_PASSWORD, ...env })
  const app = await buildApp({ config, database })
  await app.ready()
  return {
    app,
    kind,
    async close() {
      await app.close()
      await dispose()
    },
  }
}
