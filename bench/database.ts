import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { DEFAULT_UNTIL, type SynthOptions } from '../src/features/synth/plan.js'
import { runSynth, type SynthReport } from '../src/features/synth/run.js'
import { type Database, openPglite, openPostgres } from '../src/platform/db/database.js'
import { migrate } from '../src/platform/db/migrate.js'
import type { BenchOptions } from './args.js'

/**
 * The bench's own database: PostgreSQL at BENCH_DATABASE_URL or a PGlite folder under bench/.data. It holds one
 * synthetic data set, recorded in `bench_meta` (a table of the bench's own, not a migration); a database holding the
 * same size and seed is reused, anything else is dropped and built again, so a benchmark never runs on real data.
 */

/** The shared password of the synthetic accounts in the bench database (loopback only, never a real service). */
export const BENCH_PASSWORD = 'bench-synthetic-password-9'

export interface BenchData {
  /** The synthetic data set's report (rows and rows/s of each stage); the stored one when the database was reused. */
  synth: SynthReport
  reused: boolean
}

export function synthOptions(options: BenchOptions): SynthOptions {
  return {
    episodes: options.episodes,
    services: options.services,
    seed: options.seed,
    until: DEFAULT_UNTIL,
    password: BENCH_PASSWORD,
  }
}

export function pgliteDir(options: BenchOptions): string {
  return path.resolve(
    options.dataDir ??
      `bench/.data/pglite-${options.size === 'custom' ? `${options.episodes}-${options.services}` : options.size}`,
  )
}

/**
 * Opens the bench database (it must exist: see prepareDatabase). PGlite allows one process at a time. On PostgreSQL
 * the pool has a connection for each of the route's (the concurrent floors, floor.ts).
 */
export async function openBenchDatabase(options: BenchOptions): Promise<Database> {
  return options.db === 'postgres'
    ? openPostgres(options.databaseUrl as string, Math.max(4, options.connections))
    : openPglite(pgliteDir(options))
}

/** What identifies a data set: the synth options without the password. */
function identity(options: BenchOptions): string {
  const { password: _password, ...rest } = synthOptions(options)
  return JSON.stringify(rest)
}

async function adminQuery(databaseUrl: string, text: string): Promise<pg.QueryResult> {
  const url = new URL(databaseUrl)
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}

const databaseName = (databaseUrl: string) => decodeURIComponent(new URL(databaseUrl).pathname.slice(1))

/**
 * What the database holds: this data set (reusable), something the bench may replace (another bench data set, or
 * nothing), or data the bench did not make, which it refuses to drop.
 */
type Found = { kind: 'same'; report: SynthReport } | { kind: 'replaceable' } | { kind: 'foreign' }

async function inspect(options: BenchOptions): Promise<Found> {
  const database = await openBenchDatabase(options)
  try {
    const db = database.db
    const tables = await sql<{
      meta: string | null
      users: string | null
    }>`select to_regclass('bench_meta')::text as meta,
      to_regclass('users')::text as users`.execute(db)
    if (tables.rows[0]?.meta) {
      const row = await sql<{
        identity: string
        report: SynthReport
      }>`select identity, report from bench_meta limit 1`.execute(db)
      const found = row.rows[0]
      return found && found.identity === identity(options)
        ? { kind: 'same', report: found.report }
        : { kind: 'replaceable' }
    }
    if (!tables.rows[0]?.users) return { kind: 'replaceable' }
    const users = await sql<{ n: string }>`select count(*) as n from users`.execute(db)
    return Number(users.rows[0]?.n ?? 0) > 0 ? { kind: 'foreign' } : { kind: 'replaceable' }
  } finally {
    await database.close()
  }
}

/** Reuses the database when it holds this data set (and --fresh was not given); otherwise builds it from nothing. */
export async function prepareDatabase(options: BenchOptions, log: (line: string) => void): Promise<BenchData> {
  if (options.db === 'postgres') {
    const url = options.databaseUrl as string
    const name = databaseName(url)
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
      throw new Error(`The bench database name "${name}" must be lower-case letters, digits and _.`)
    const found = await adminQuery(url, `select 1 from pg_database where datname = '${name}'`)
    if (found.rowCount) {
      const reused = await reuseOrRefuse(options, `the database ${name} (BENCH_DATABASE_URL)`)
      if (reused) return reused
    }
    log(`bench: building the PostgreSQL database ${name} from nothing`)
    await adminQuery(url, `drop database if exists ${name} with (force)`)
    await adminQuery(url, `create database ${name}`)
  } else {
    const dir = pgliteDir(options)
    if (existsSync(dir)) {
      const reused = await reuseOrRefuse(options, `the folder ${dir}`)
      if (reused) return reused
    }
    log(`bench: building the PGlite database in ${dir} from nothing`)
    rmSync(dir, { recursive: true, force: true })
  }
  const database = await openBenchDatabase(options)
  try {
    await migrate(database)
    const synth = await runSynth(database.db, synthOptions(options), log)
    await sql`create table bench_meta (identity text not null, report jsonb not null, built_at timestamptz not null default now())`.execute(
      database.db,
    )
    await sql`insert into bench_meta (identity, report) values (${identity(options)}, ${JSON.stringify(synth)}::jsonb)`.execute(
      database.db,
    )
    return { synth, reused: false }
  } finally {
    await database.close()
  }
}

/** The stored data set when it is this one (and --fresh was not given); null when the bench may replace it. */
async function reuseOrRefuse(options: BenchOptions, where: string): Promise<BenchData | null> {
  const found = await inspect(options)
  if (found.kind === 'foreign')
    throw new Error(
      `${where} holds accounts the bench did not make: it will not drop it. Give the bench a database of its own.`,
    )
  if (found.kind !== 'same' || options.fresh) return null
  const database = await openBenchDatabase(options)
  try {
    await migrate(database)
  } finally {
    await database.close()
  }
  return { synth: found.report, reused: true }
}
