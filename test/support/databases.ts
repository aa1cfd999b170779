import pg from 'pg'
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { type Database, openPglite, openPostgres, pgliteExtensions } from '../../src/platform/db/database.js'
import { migrate } from '../../src/platform/db/migrate.js'
import { builtOnce, runCacheDir } from './run-cache.js'

export type DatabaseKind = 'pglite' | 'postgres'

/** The databases integration tests run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

export interface TestDatabase {
  database: Database
  /** The connection URL of a PostgreSQL test database (for tools such as pg_dump); undefined for PGlite. */
  url?: string
  /** Closes the connection and, for PostgreSQL, drops the database this test file created. */
  dispose(): Promise<void>
}

/*
 * Every test file gets a database of its own, migrated. Migrating from nothing costs seconds per file (for PGlite,
 * initdb in WebAssembly is most of it), so under `npm test` the first file to need one migrates it once for the
 * whole run and the others start from a copy: a PGlite data directory tarball, a PostgreSQL template database
 * (docs/adr/0007-test-speed.md). `migrate` still runs on every copy: it finds nothing to do when the copy is
 * current, and brings it up to date if a migration changed during the run. Without `npm test`'s run cache (a test
 * file run on its own with `node --test`), each file migrates its database from nothing, as before.
 */

/** A fresh, migrated database of its own for one test file. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openPglite('memory://', { loadDataDir: await migratedPgliteTarball(), settings: pgliteTestSettings })
    await migrate(database)
    return { database, dispose: () => database.close() }
  }
  const adminUrl = process.env.TEST_DATABASE_URL as string
  const template = await migratedPostgresTemplate(adminUrl)
  const name = `cyswllt_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(adminUrl, template ? `create database ${name} template ${template}` : `create database ${name}`)
  const url = databaseUrl(adminUrl, name)
  const database = openPostgres(url, 5)
  await migrate(database)
  return {
    database,
    url,
    async dispose() {
      await database.close()
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`)
    },
  }
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(text)
  } finally {
    await admin.end()
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * Settings that make opening a test database cheaper (ADR 0007, fourth addendum). PostgreSQL's default 128 MB of
 * shared buffers is memory PGlite clears at every start: 0.4 s of CPU per database opened, for test databases of a few
 * megabytes. Without `wal_init_zero` a new WAL segment is made by writing its last byte, not 16 MB of zeros in blocks
 * (each block grew PGlite's in-memory file by an eighth, copying it: 0.13 s per open).
 */
const pgliteTestSettings = { shared_buffers: '16MB', wal_init_zero: 'off' }

/**
 * The tarball as a Blob whose bytes PGlite can take at once. Node's Blob hands back its contents through a stream of
 * small chunks, which took 0.4 s of CPU for the 46 MB tarball at every open; this one hands out the bytes read once
 * per process, not a copy (another 0.13 s): PGlite only reads them, copying each file it unpacks into its own memory
 * (databases.test.ts checks that they are unchanged after a database opened from them has been written to).
 */
export class TarballBlob extends Blob {
  constructor(readonly tarball: ArrayBuffer) {
    super([])
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.tarball)
  }
}
let tarballBytes: Promise<ArrayBuffer | undefined> | undefined

/** The run's migrated PGlite database as a tarball, made by the first file that asks; undefined outside `npm test`. */
async function migratedPgliteTarball(): Promise<Blob | undefined> {
  tarballBytes ??= migratedPgliteTarballFile().then(async (file) => {
    if (!file) return undefined
    const bytes = await readFile(file)
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  })
  const bytes = await tarballBytes
  return bytes ? new TarballBlob(bytes) : undefined
}

async function migratedPgliteTarballFile(): Promise<string | undefined> {
  const file = await builtOnce('pglite-migrated.tar', async (target) => {
    const pglite = await PGlite.create('memory://', { extensions: await pgliteExtensions() })
    try {
      await migrate(scriptOnly(pglite))
      await writeFile(target, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()))
    } finally {
      await pglite.close()
    }
  })
  return file
}

/** A Database with only what `migrate` uses (a script session), over a PGlite opened to be dumped. */
function scriptOnly(pglite: PGlite): Database {
  return {
    kind: 'pglite',
    db: undefined as never,
    session: (fn) =>
      fn({
        query: async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows,
        exec: async (script) => void (await pglite.exec(script)),
      }),
    close: () => pglite.close(),
  }
}

/**
 * The run's migrated PostgreSQL template database, made by the first file that asks; undefined outside `npm test`.
 * scripts/test.mjs drops it at the end of the run (its name comes from the run's id, which the script chose).
 */
async function migratedPostgresTemplate(adminUrl: string): Promise<string | undefined> {
  const runId = process.env.CYSWLLT_TEST_RUN_ID
  if (!runCacheDir() || !runId || !/^[a-z0-9]+$/.test(runId)) return undefined
  const name = `cyswllt_template_${runId}`
  const built = await builtOnce('postgres-template', async () => {
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`)
    await adminQuery(adminUrl, `create database ${name}`)
    // The template must have no connection left open when it is copied, so this pool is closed before the copies.
    const database = openPostgres(databaseUrl(adminUrl, name), 1)
    try {
      await migrate(database)
    } finally {
      await database.close()
    }
  })
  return built ? name : undefined
}
