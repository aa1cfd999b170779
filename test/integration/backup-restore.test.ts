import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { loadFullDemo } from '../../src/features/demo/load-all.js'
import { openTestDatabase, type TestDatabase } from '../support/databases.js'

const run = promisify(execFile)

/**
 * docs/operations.md "Backup and restore", step by step: `pg_dump -Fc` of a service with the demo data, then
 * `pg_restore --no-owner --exit-on-error` into a new, empty database. A backup that cannot be restored is not a
 * backup: migration 0048 exists because this failed (an index expression that needed a search_path).
 */
const missing = !process.env.TEST_DATABASE_URL
  ? 'TEST_DATABASE_URL is not set'
  : (await run('pg_dump', ['--version']).then(
      () => null,
      () => 'pg_dump is not installed',
    ))

describe('backup and restore (PostgreSQL)', { skip: missing ?? false }, () => {
  let t: TestDatabase
  let folder: string
  const restored = `cyswllt_restore_${process.pid}`
  const restoredUrl = () => {
    const url = new URL(t.url as string)
    url.pathname = `/${restored}`
    return url.toString()
  }
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
    try {
      await client.query(text)
    } finally {
      await client.end()
    }
  }

  before(async () => {
    t = await openTestDatabase('postgres')
    await loadFullDemo(t.database.db, 'demo-password-for-tests')
    folder = mkdtempSync(path.join(tmpdir(), 'cyswllt-backup-'))
  })
  after(async () => {
    await admin(`drop database if exists ${restored} with (force)`)
    rmSync(folder, { recursive: true, force: true })
    await t.dispose()
  })

  it('restores a pg_dump into an empty database with every row and index, as operations.md says', async () => {
    const dump = path.join(folder, 'cyswllt.dump')
    await run('pg_dump', ['-Fc', '-f', dump, t.url as string])
    await admin(`create database ${restored}`)
    // --exit-on-error: any statement that fails stops the restore, as the documented command does.
    await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', restoredUrl(), dump])

    const counts = async (url: string) => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const tables = ['people', 'referrals', 'episodes', 'services', 'locations', 'audit_events', 'schema_migrations']
        const result: Record<string, number> = {}
        for (const table of tables) result[table] = Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n)
        const indexes = await client.query(`select indexname from pg_indexes where schemaname = 'public' order by 1`)
        return { rows: result, indexes: indexes.rows.map((r) => r.indexname as string) }
      } finally {
        await client.end()
      }
    }
    const before = await counts(t.url as string)
    assert.ok((before.rows.locations ?? 0) > 0 && (before.rows.referrals ?? 0) > 0, 'the demo data has locations and referrals')
    assert.deepEqual(await counts(restoredUrl()), before)
  })
})
