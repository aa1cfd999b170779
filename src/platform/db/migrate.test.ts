import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
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
