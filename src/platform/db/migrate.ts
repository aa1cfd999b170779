import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database, ScriptSession } from './database.js'

/** Forward-only SQL migrations: `migrations/NNNN_name.sql`, applied in order, each in its own transaction. */
export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations')

export interface Migration {
  version: string
  name: string
  sql: string
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/
// Any constant will do; it keeps two instances starting together from applying the same migration twice.
const MIGRATION_LOCK = 7_262_019

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => FILE.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE.exec(file) as RegExpExecArray
      return { version: version as string, name: name as string, sql: readFileSync(path.join(dir, file), 'utf8') }
    })
}

const ensureTable = `create table if not exists schema_migrations (
  version text primary key,
  name text not null,
  applied_at timestamptz not null default now()
)`

async function appliedVersions(session: ScriptSession): Promise<Set<string>> {
  await session.exec(ensureTable)
  const rows = await session.query<{ version: string }>('select version from schema_migrations')
  return new Set(rows.map((r) => r.version))
}

export async function pendingMigrations(database: Database, all = readMigrations()): Promise<Migration[]> {
  return database.session(async (session) => {
    const applied = await appliedVersions(session)
    return all.filter((m) => !applied.has(m.version))
  })
}

/** Applies every pending migration and returns the ones applied. */
export async function migrate(database: Database, all = readMigrations()): Promise<Migration[]> {
  return database.session(async (session) => {
    if (database.kind === 'postgres') await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      const applied = await appliedVersions(session)
      const done: Migration[] = []
      for (const m of all.filter((m) => !applied.has(m.version))) {
        try {
          // Version and name come from a file name checked against FILE, so they are safe to inline.
          await session.exec(
            `begin;\n${m.sql}\n;insert into schema_migrations (version, name) values ('${m.version}', '${m.name}');\ncommit;`,
          )
        } catch (error) {
          await session.exec('rollback').catch(() => {})
          throw new Error(`Migration ${m.version}_${m.name} failed: ${(error as Error).message}`, { cause: error })
        }
        done.push(m)
      }
      return done
    } finally {
      if (database.kind === 'postgres') await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  })
}
