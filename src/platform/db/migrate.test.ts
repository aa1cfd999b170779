import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { randomBytes } from 'node:crypto'
import { adminQuery, databaseKinds, databaseUrl, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { openPostgres } from './database.js'
import { migrate, pendingMigrations, readMigrations } from './migrate.js'

describe('migration files', () => {
  it('are numbered in order without gaps or repeats', () => {
    const versions = readMigrations().map((m) => Number(m.version))
    assert.deepEqual(versions, versions.map((_, i) => i + 1))
  })
})

for (const kind of databaseKinds()) {
  describe(`migrations and reference data (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
    })
    after(() => t.dispose())

    it('are all applied, recorded, and a second run does nothing', async () => {
      assert.equal((await pendingMigrations(t.database)).length, 0)
      assert.deepEqual(await migrate(t.database), [])
      const recorded = await t.database.db.selectFrom('schema_migrations').select('version').orderBy('version').execute()
      assert.deepEqual(recorded.map((r) => r.version), readMigrations().map((m) => m.version))
    })

    it('roll back a failing migration completely and report which one failed', async () => {
      const broken = [...readMigrations(), { version: '9999', name: 'broken', sql: 'create table half_done (id int); select no_such_function();' }]
      await assert.rejects(migrate(t.database, broken), /Migration 9999_broken failed/)
      const table = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'half_done'`.execute(t.database.db)
      assert.equal(table.rows[0]?.n, 0)
      assert.equal((await pendingMigrations(t.database, broken)).length, 1)
    })

    it('enable the extensions search and distance rely on', async () => {
      const rows = await sql<{ extname: string }>`select extname from pg_extension`.execute(t.database.db)
      const names = rows.rows.map((r) => r.extname)
      for (const ext of ['pg_trgm', 'unaccent', 'cube', 'earthdistance', 'pgcrypto']) assert.ok(names.includes(ext), ext)
      const accent = await sql<{ v: string }>`select unaccent('Ŵyr') as v`.execute(t.database.db)
      assert.equal(accent.rows[0]?.v, 'Wyr')
      const km = await sql<{ km: number }>`select round((earth_distance(ll_to_earth(51.48, -3.18), ll_to_earth(51.62, -3.94)) / 1000)::numeric)::int as km`.execute(t.database.db)
      assert.ok((km.rows[0]?.km ?? 0) > 50 && (km.rows[0]?.km ?? 0) < 60)
    })

    it('build every expression index with no search_path, as pg_restore and vacuumdb do (migration 0048)', async () => {
      // pg_restore creates indexes, and vacuumdb analyses them, with an empty search_path: an index expression that
      // relies on one (earthdistance's ll_to_earth did) makes a backup impossible to restore.
      const indexes = await sql<{ name: string }>`select c.relname as name from pg_index i
        join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and i.indexprs is not null order by 1`.execute(t.database.db)
      assert.ok(indexes.rows.some((r) => r.name === 'locations_earth_idx'), 'the distance index is an expression index')
      await t.database.db.transaction().execute(async (trx) => {
        await sql`set local search_path = ''`.execute(trx)
        for (const { name } of indexes.rows) await sql`reindex index ${sql.id('public', name)}`.execute(trx)
      })
      const same = await sql<{ same: boolean }>`select location_earth(51.62, -3.94)::cube = ll_to_earth(51.62, -3.94)::cube as same`.execute(t.database.db)
      assert.equal(same.rows[0]?.same, true, 'location_earth is the same point as ll_to_earth')
    })

    it('load the Welsh geography: 22 local authorities in 7 health boards in 7 regional partnership boards', async () => {
      const db = t.database.db
      const count = async (table: 'local_authorities' | 'health_boards' | 'regional_partnership_boards') => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
      assert.equal(await count('local_authorities'), 22)
      assert.equal(await count('health_boards'), 7)
      assert.equal(await count('regional_partnership_boards'), 7)
      const cardiff = await db
        .selectFrom('local_authorities as la')
        .innerJoin('health_boards as hb', 'hb.code', 'la.health_board_code')
        .select(['la.name_cy', 'hb.code as hb', 'hb.regional_partnership_board_code as rpb'])
        .where('la.code', '=', 'W06000015')
        .executeTakeFirstOrThrow()
      assert.deepEqual(cardiff, { name_cy: 'Caerdydd', hb: 'W11000029', rpb: 'cardiff-and-vale' })
    })
  })
}

// A migration that reshapes rows must be tried on rows: the test databases are migrated while empty. PostgreSQL only
// (from nothing it migrates in a second or two; PGlite's initdb is what the tests' template spares them).
describe('migration 0055 over existing month versions (postgres)', { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' }, () => {
  it('gives every month that had a version one per table with month triggers, each new', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL as string
    const name = `cyswllt_migrate_${process.pid}_${randomBytes(4).toString('hex')}`
    await adminQuery(adminUrl, `create database ${name}`)
    const database = openPostgres(databaseUrl(adminUrl, name), 2)
    try {
      await migrate(database, readMigrations().filter((m) => m.version < '0055'))
      await sql`insert into report_month_versions (month, version) values
        ('2026-01-01', nextval('report_month_version_seq')), ('2026-02-01', nextval('report_month_version_seq'))`.execute(database.db)
      await migrate(database)
      const rows = await sql<{ source: string; month: string; version: string }>`select source, month::text as month,
        version::text as version from report_month_versions order by source, month`.execute(database.db)
      const sources = [...new Set(rows.rows.map((r) => r.source))]
      assert.equal(sources.length, 15, sources.join(', '))
      assert.equal(rows.rows.length, 30)
      assert.ok(rows.rows.every((r) => Number(r.version) > 2), 'every version is new')
      // Its triggers move a table's own row only.
      await sql`update report_month_versions set version = 0`.execute(database.db)
      await sql`truncate report_contact_facts`.execute(database.db)
      const moved = await sql<{ source: string }>`select distinct source from report_month_versions where version > 0`.execute(database.db)
      assert.deepEqual(moved.rows.map((r) => r.source), ['report_contact_facts'])
    } finally {
      await database.close()
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`)
    }
  })
})
