import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

type Db = Kysely<DB>

interface Reads {
  /** The read on its way to the database, if any. */
  current?: Promise<string>
  /** The read that starts when the current one ends, shared by everyone who asked meanwhile. */
  next?: Promise<string>
}

const readsOf = new WeakMap<Db, Reads>()

/**
 * The directory's version (migrations 0035, 0045): a number every change to a directory table moves, in the same
 * transaction as the change. Whatever is kept under a version is as new as that version or newer.
 *
 * Requests that ask at the same moment share one read. A read already on its way may have started before a change
 * this request must see (one committed just before it arrived), so a caller never joins it: it waits for the next
 * read, which starts when the current one ends and is shared by everyone who asked in between. Under load that is
 * one tiny query per round trip for all requests, not one each; alone, a request waits for at most one extra.
 */
export function directoryVersion(db: Db): Promise<string> {
  let reads = readsOf.get(db)
  if (!reads) readsOf.set(db, (reads = {}))
  const r = reads
  if (!r.current) return start(db, r)
  r.next ??= r.current.then(
    () => undefined,
    () => undefined,
  ).then(() => {
    r.next = undefined
    return start(db, r)
  })
  return r.next
}

function start(db: Db, r: Reads): Promise<string> {
  const read = db
    .selectFrom('directory_versions')
    .select('version')
    .executeTakeFirstOrThrow()
    .then((row) => String(row.version))
  r.current = read
  const done = () => {
    if (r.current === read) r.current = undefined
  }
  read.then(done, done)
  return read
}

/**
 * A read of directory reference data (the category list, say) kept in the process until the directory version
 * moves: each call reads the version (shared with requests arriving together) instead of the data. The data is read
 * after the version, so what is kept is never older than the version it is kept under.
 */
export function keptPerDirectoryVersion<T>(load: (db: Db) => Promise<T>): (db: Db) => Promise<T> {
  const kept = new WeakMap<Db, { version: string; value: Promise<T> }>()
  return async (db) => {
    const version = await directoryVersion(db)
    const had = kept.get(db)
    if (had?.version === version) return had.value
    const value = load(db)
    kept.set(db, { version, value })
    value.catch(() => {
      if (kept.get(db)?.value === value) kept.delete(db)
    })
    return value
  }
}
