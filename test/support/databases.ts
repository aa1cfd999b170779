import pg from 'pg'
import { randomBytes } from 'node:crypto'
import { type Database, openPglite, openPostgres } from '../../src/platform/db/database.js'
import { migrate } from '../../src/platform/db/migrate.js'

export type DatabaseKind = 'pglite' | 'postgres'

/** The databases integration tests run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

export interface TestDatabase {
  database: Database
  /** Closes the connection and, for PostgreSQL, drops the database this test file created. */
  dispose(): Promise<void>
}

/** A fresh, migrated database of its own for one test file. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openPglite('memory://')
    await migrate(database)
    return { database, dispose: () => database.close() }
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string
  const name = `cyswllt_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = openPostgres(url.toString(), 5)
  await migrate(database)
  return {
    database,
    async dispose() {
      await database.close()
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}
