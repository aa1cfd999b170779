import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { readersOf } from '../../../platform/db/database.js'
import type { DB } from '../../../platform/db/schema.js'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import { runTasks } from './lanes.js'

const backend = async (db: Kysely<DB>) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid
const slowly = async (db: Kysely<DB>, seconds: number) => {
  await sql`select pg_sleep(${seconds})`.execute(db)
  return backend(db)
}

/** A gate one task opens and another waits at; a wait that is never opened fails the test rather than hanging it. */
function latch() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return {
    open: () => open(),
    wait: () =>
      Promise.race([opened, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('never opened')), 10_000).unref())]),
  }
}

for (const kind of databaseKinds()) {
  describe(`report build lanes (issue 9, ADR 0016) on ${kind}`, () => {
    let t: TestDatabase
    let db: Kysely<DB>
    before(async () => {
      t = await openTestDatabase(kind)
      db = t.database.db
      await sql`create table lane_marks (n integer)`.execute(db)
    })
    after(() => t.dispose())

    it('returns every task’s result in the tasks’ order', async () => {
      const tasks = [3, 1, 4, 1, 5].map((n) => async (lane: Kysely<DB>) => (await sql<{ n: number }>`select ${n}::int as n`.execute(lane)).rows[0]?.n)
      const results = await db.transaction().execute((trx) => runTasks(trx, readersOf(db), tasks))
      assert.deepEqual(results, [3, 1, 4, 1, 5])
    })

    it('runs on two connections at once on PostgreSQL', { skip: kind !== 'postgres' }, async () => {
      // Each task waits for the other to begin: only two lanes at once can finish them.
      const [first, second] = [latch(), latch()]
      const pids = await db.transaction().execute((trx) =>
        runTasks(trx, readersOf(db), [
          async (lane) => (first.open(), await second.wait(), backend(lane)),
          async (lane) => (second.open(), await first.wait(), backend(lane)),
        ]),
      )
      assert.equal(new Set(pids).size, 2)
    })

    it('runs on the one connection PGlite has', { skip: kind !== 'pglite' }, async () => {
      assert.equal(readersOf(db), undefined)
      const pids = await db.transaction().execute((trx) => runTasks(trx, readersOf(db), [0, 1, 2].map(() => backend)))
      assert.equal(new Set(pids).size, 1)
    })

    it('reads the build’s snapshot on the second lane, not what was committed after it', { skip: kind !== 'postgres' }, async () => {
      await sql`delete from lane_marks`.execute(db)
      // The first task waits until the second has begun on the other lane, commits a row on a connection of its own,
      // and only then lets the second count: the row was committed after the build's snapshot was exported.
      const second = latch()
      const inserted = latch()
      const counts = await db.transaction().execute((trx) =>
        runTasks(trx, readersOf(db), [
          async () => {
            await second.wait()
            await sql`insert into lane_marks values (1)`.execute(db)
            inserted.open()
            return -1
          },
          async (lane) => {
            second.open()
            await inserted.wait()
            return Number((await sql<{ n: number }>`select count(*) as n from lane_marks`.execute(lane)).rows[0]?.n)
          },
        ]),
      )
      assert.equal(counts[1], 0)
      assert.equal(Number((await sql<{ n: number }>`select count(*) as n from lane_marks`.execute(db)).rows[0]?.n), 1)
    })

    it('runs every task on the first lane when the second cannot start', { skip: kind !== 'postgres' }, async () => {
      const url = new URL(process.env.TEST_DATABASE_URL as string)
      url.pathname = '/cyswllt_no_such_database'
      const broken = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }) })
      try {
        const tasks = [0, 1, 2].map(() => (lane: Kysely<DB>) => slowly(lane, 0.05))
        const pids = await db.transaction().execute((trx) => runTasks(trx, broken, tasks))
        assert.equal(pids.length, 3)
        assert.equal(new Set(pids).size, 1)
      } finally {
        await broken.destroy()
      }
    })

    it('fails the build when a task fails, on either lane', async () => {
      for (const failing of [0, 1]) {
        const tasks = [0, 1].map((i) => async (lane: Kysely<DB>) => {
          await sql`select pg_sleep(0.1)`.execute(lane)
          if (i === failing) throw new Error(`task ${i} failed`)
          return i
        })
        await assert.rejects(
          db.transaction().execute((trx) => runTasks(trx, readersOf(db), tasks)),
          new RegExp(`task ${failing} failed`),
        )
      }
    })

    it('fails the build, and nothing else, when the second lane fails while the first is still busy', { skip: kind !== 'postgres' }, async () => {
      // The second lane's failure comes while the first lane is waiting on the database: the failure must be held for
      // the build to report, not left as an unhandled rejection (which would end the service's process).
      const failed = latch()
      const tasks = [
        async (lane: Kysely<DB>) => {
          await failed.wait()
          await sql`select pg_sleep(0.2)`.execute(lane)
          return 0
        },
        async () => {
          failed.open()
          throw new Error('task 1 failed')
        },
      ]
      await assert.rejects(
        db.transaction().execute((trx) => runTasks(trx, readersOf(db), tasks)),
        /task 1 failed/,
      )
    })
  })
}
