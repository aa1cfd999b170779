import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { MAX_PREPARED_PARAMETERS, PREPARED_MARK, prepared, preparedName, preparedStatements, preparingPool } from './prepared.js'

describe('prepared statements: names and marks', () => {
  it('names a statement by its text, the same every time', () => {
    assert.equal(preparedName('select 1'), preparedName('select 1'))
    assert.notEqual(preparedName('select 1'), preparedName('select 2'))
    assert.match(preparedName('select 1'), /^p_[\w-]{32}$/)
  })

  it('sends marked statements by name and the others as they are', async () => {
    const sent: unknown[][] = []
    const client = { query: (...args: unknown[]) => (sent.push(args), Promise.resolve({ rows: [] })), release: () => {} }
    const pool = preparingPool({ connect: async () => client, end: async () => {} } as never)
    const wrapped = await pool.connect()
    assert.equal(await pool.connect(), wrapped, 'one wrapper per client')
    await wrapped.query(`select 1 ${PREPARED_MARK}`, [1] as never)
    await wrapped.query('select 2', [2] as never)
    const long = Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, (_, i) => i)
    await wrapped.query(`select 3 ${PREPARED_MARK}`, long as never)
    assert.deepEqual(sent, [
      [{ name: preparedName(`select 1 ${PREPARED_MARK}`), text: `select 1 ${PREPARED_MARK}`, values: [1] }],
      ['select 2', [2]],
      [`select 3 ${PREPARED_MARK}`, long],
    ])
  })
})

for (const kind of databaseKinds()) {
  describe(`prepared statements (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
    })
    after(() => t.dispose())

    it('marks every statement of a transaction given the plugin, and answers as without it', async () => {
      const db = t.database.db
      const plain = await db.selectFrom('local_authorities').select(['code', 'name_en']).orderBy('code').execute()
      const compiled = db.withPlugin(preparedStatements).selectFrom('local_authorities').select('code').compile()
      assert.ok(compiled.sql.endsWith(PREPARED_MARK), compiled.sql)
      const raw = db.withPlugin(preparedStatements).executeQuery(sql`select ${1}::int as one`.compile(db))
      assert.deepEqual((await raw).rows, [{ one: 1 }])
      const marked = await db.transaction().execute(async (trx) => {
        const p = trx.withPlugin(preparedStatements)
        // Twice on the same connection: the second by name only.
        await p.selectFrom('local_authorities').select(['code', 'name_en']).orderBy('code').execute()
        return p.selectFrom('local_authorities').select(['code', 'name_en']).orderBy('code').execute()
      })
      assert.deepEqual(marked, plain)
      const byMark = await db.selectFrom('local_authorities').select('code').where('code', '=', plain[0]?.code ?? '').modifyEnd(prepared).execute()
      assert.equal(byMark.length, 1)
      if (kind === 'postgres') {
        // The server holds it prepared under its name on the connection that ran it.
        const held = await db.connection().execute(async (c) => {
          const text = c.selectFrom('local_authorities').select('code').modifyEnd(prepared).compile().sql
          await c.selectFrom('local_authorities').select('code').modifyEnd(prepared).execute()
          const rows = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(c)
          return { names: rows.rows.map((r) => r.name), name: preparedName(text) }
        })
        assert.ok(held.names.includes(held.name), `${held.name} in ${held.names.join(', ')}`)
      }
    })

    it('leaves a connection usable after a prepared statement fails in a transaction', async () => {
      const db = t.database.db
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          const p = trx.withPlugin(preparedStatements)
          await p.selectFrom('people').select('id').where('id', '=', 'not a uuid').execute()
        }),
      )
      for (let i = 0; i < 12; i++) {
        const rows = await db.transaction().execute((trx) => trx.withPlugin(preparedStatements).selectFrom('people').select('id').where('id', '=', '00000000-0000-4000-8000-000000000000').execute())
        assert.deepEqual(rows, [])
      }
    })
  })
}
