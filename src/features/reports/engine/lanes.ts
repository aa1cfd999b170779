import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'

/** One piece of a report's build: a module, part of one, or the equity tables. */
export type BuildTask<T> = (db: Kysely<DB>) => Promise<T>

/**
 * Runs a report's tasks on the build's own transaction and, where `readers` is given (PostgreSQL), on one more
 * connection reading the same snapshot (ADR 0016). A cold report is a dozen statements that each keep one core of the
 * database busy for up to seconds while the service waits: two connections use two cores, as PostgreSQL's own
 * parallel query would if its plans allowed (their materialised CTEs keep them to one process).
 *
 * Each lane takes the next task not yet taken, so the results are the same whichever lane ran what, and come back in
 * the tasks' order. The second lane is a REPEATABLE READ, READ ONLY transaction started on the snapshot the build's
 * transaction exports, so both lanes read the same committed data. It claims a task before it imports the snapshot,
 * and the build's transaction waits for every claimed task, so the exporting transaction is always still open when
 * the import runs. If the second lane cannot start (no connection, the snapshot gone), its claimed task runs on the
 * first: a build never fails for want of the second lane.
 */
export async function runTasks<T>(
  db: Transaction<DB>,
  readers: Kysely<DB> | undefined,
  tasks: readonly BuildTask<T>[],
): Promise<T[]> {
  const results = new Array<T>(tasks.length)
  let next = 0
  const take = () => (next < tasks.length ? next++ : -1)
  const run = async (lane: Kysely<DB>, i: number) => {
    try {
      results[i] = await (tasks[i] as BuildTask<T>)(lane)
    } catch (error) {
      next = tasks.length // the build has failed: neither lane starts another task
      throw error
    }
  }
  const returned: number[] = []
  const lane = { claimed: false }
  const beside = readers && tasks.length > 1 ? besideLane(db, readers, take, run, returned, lane) : Promise.resolve()
  // The second lane can fail while the first is still waiting on the database; its failure is read below, once the
  // first lane has finished. Handled here, so that it is never an unhandled rejection, which would end the process.
  beside.catch(() => {})
  let failed: { error: unknown } | undefined
  try {
    for (let i = take(); i >= 0; i = take()) await run(db, i)
  } catch (error) {
    failed = { error }
  }
  // A second lane that has claimed a task is waited for, even when the first failed: this transaction must outlive
  // its import and reads. One still waiting for a connection can claim nothing now (every task is taken), so it is
  // left to end by itself.
  if (lane.claimed) {
    try {
      await beside
    } catch (error) {
      failed ??= { error }
    }
  }
  if (failed) throw failed.error
  for (const i of returned) await run(db, i)
  return results
}

async function besideLane(
  db: Transaction<DB>,
  readers: Kysely<DB>,
  take: () => number,
  run: (lane: Kysely<DB>, i: number) => Promise<void>,
  returned: number[],
  state: { claimed: boolean },
): Promise<void> {
  const exported = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(db)
  const snapshot = exported.rows[0]?.id
  if (!snapshot) return
  let claimed = -1
  let started = false
  try {
    await readers
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (lane) => {
        claimed = take()
        if (claimed < 0) return
        state.claimed = true
        await sql`set transaction snapshot ${sql.lit(snapshot)}`.execute(lane)
        await sql`set local jit = off`.execute(lane)
        started = true
        for (let i = claimed; i >= 0; i = take()) await run(lane, i)
      })
  } catch (error) {
    // Before its first task began, the lane's failure is the lane's own (no connection, the import refused): the
    // task goes back to the first lane. After, it is the task's, and the build fails as it would have on one lane.
    if (started) throw error
    if (claimed >= 0) returned.push(claimed)
  }
}
