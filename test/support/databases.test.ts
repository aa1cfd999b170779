import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import { openPglite } from '../../src/platform/db/database.js'
import { openTestDatabase, TarballBlob } from './databases.js'

const digest = (bytes: ArrayBuffer) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex')

describe('test databases (ADR 0007)', () => {
  it('open PGlite with the cheaper settings, and the tests’ queries see them', async () => {
    const { database, dispose } = await openTestDatabase('pglite')
    try {
      const show = async (name: string) => (await sql<Record<string, string>>`show ${sql.raw(name)}`.execute(database.db)).rows[0]?.[name]
      assert.equal(await show('shared_buffers'), '16MB')
      assert.equal(await show('wal_init_zero'), 'off')
      // PGlite's own settings are kept beside ours.
      assert.equal(await show('search_path'), 'public')
    } finally {
      await dispose()
    }
  })

  it('leave the tarball they were opened from as it was, after writing to the copy', async () => {
    const source = await PGlite.create('memory://')
    await source.exec('create table marks (n integer); insert into marks values (1)')
    const tarball = await (await source.dumpDataDir('none')).arrayBuffer()
    await source.close()
    const before = digest(tarball)
    const copy = await openPglite('memory://', { loadDataDir: new TarballBlob(tarball), settings: { shared_buffers: '16MB' } })
    try {
      await sql`insert into marks select generate_series(2, 5000)`.execute(copy.db)
      await sql`checkpoint`.execute(copy.db)
      assert.equal(Number((await sql<{ n: number }>`select count(*) as n from marks`.execute(copy.db)).rows[0]?.n), 5000)
    } finally {
      await copy.close()
    }
    assert.equal(digest(tarball), before)
  })
})
