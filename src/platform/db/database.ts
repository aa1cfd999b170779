import { mkdirSync } from 'node:fs'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { preparingPool } from './prepared.js'
import { PGliteDialect } from './pglite-dialect.js'
import type { DB } from './schema.js'

export type Db = Kysely<DB>

/** One connection held for a series of plain SQL statements: what migrations need (multi-statement scripts). */
export interface ScriptSession {
  query<T>(text: string, params?: unknown[]): Promise<T[]>
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>
}

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  session<T>(fn: (session: ScriptSession) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/*
 * Both drivers must hand the code the same JavaScript values, or a query that passes on one fails on the other:
 * bigint (counts, ids) as number, numeric as string, date as 'YYYY-MM-DD' text, timestamps as Date.
 */
const INT8 = 20
const NUMERIC = 1700
const DATE = 1082

pg.types.setTypeParser(INT8, (v) => Number(v))
pg.types.setTypeParser(DATE, (v) => v)

const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => v,
  [DATE]: (v: string) => v,
}

/**
 * The extensions the migrations create, for PGlite. Loaded, with PGlite itself, only when the embedded database is
 * used: a service on PostgreSQL would otherwise carry about 40 MB of WebAssembly glue it never runs (issue 9).
 */
export async function pgliteExtensions() {
  const [{ cube }, { earthdistance }, { pg_trgm }, { pgcrypto }, { unaccent }] = await Promise.all([
    import('@electric-sql/pglite/contrib/cube'),
    import('@electric-sql/pglite/contrib/earthdistance'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/pgcrypto'),
    import('@electric-sql/pglite/contrib/unaccent'),
  ])
  return { cube, earthdistance, pg_trgm, pgcrypto, unaccent }
}

export interface PgliteOptions {
  /**
   * A tarball from PGlite's `dumpDataDir` to start from instead of an empty database: the tests use it to skip the
   * seconds of initdb and migrations in every test file (test/support/databases.ts).
   */
  loadDataDir?: Blob
  /** PostgreSQL settings (`-c name=value`) beside PGlite's own; the tests use a smaller `shared_buffers`. */
  settings?: Record<string, string>
}

/** Open the embedded database: in `dataDir` on disk, or in memory when `dataDir` is `memory://`. */
export async function openPglite(dataDir: string, options: PgliteOptions = {}): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const { PGlite } = await import('@electric-sql/pglite')
  const settings = Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`])
  const pglite = await PGlite.create(dataDir, {
    extensions: await pgliteExtensions(),
    parsers: pgliteParsers,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(settings.length ? { startParams: [...PGlite.defaultStartParams, ...settings] } : {}),
  })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    // Used before the service takes requests (migrations, demo data), so it need not queue behind Kysely's driver.
    session: (fn) =>
      fn({
        query: async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows,
        exec: async (script) => void (await pglite.exec(script)),
      }),
    async close() {
      await db.destroy()
      await pglite.close()
    },
  }
}

/**
 * A second, small pool beside a database's own, for long reads that run next to a transaction of the main pool (the
 * report build's second lane, ADR 0016). Its own pool, so a lane never waits for a connection that a transaction
 * waiting on that lane holds. Only PostgreSQL has one: PGlite is a single connection.
 */
const readersOfDb = new WeakMap<Db, Db>()

export function readersOf(db: Db): Db | undefined {
  return readersOfDb.get(db)
}

/** Connections in the readers' pool: one per report build under way, beyond which builds run on their own lane. */
export const READER_POOL_SIZE = 2

export function openPostgres(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize })
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) })
  const readerPool = new pg.Pool({ connectionString, max: READER_POOL_SIZE })
  readerPool.on('error', () => {})
  const readers = new Kysely<DB>({ dialect: new PostgresDialect({ pool: readerPool }) })
  readersOfDb.set(db, readers)
  return {
    db,
    kind: 'postgres',
    async session(fn) {
      const client = await pool.connect()
      try {
        return await fn({
          query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
          exec: async (script) => void (await client.query(script)),
        })
      } finally {
        client.release()
      }
    },
    async close() {
      await db.destroy()
      // Kysely ends the pool only if it ran a query itself; connections taken by `session` alone (migrations) would
      // otherwise stay open, and a database with a connection open cannot be dropped or copied as a template.
      if (!pool.ended) await pool.end()
      await readers.destroy()
      if (!readerPool.ended) await readerPool.end()
    },
  }
}

export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir)
}
