import { sql, type Kysely } from 'kysely'
import type { DB } from './schema.js'

/**
 * Runs `load` with the tables' secondary indexes (not primary keys or unique constraints) dropped, then builds
 * them again from their own definitions (`pg_get_indexdef`), so the migrations stay the one place they are
 * defined. Building a trigram GIN or a cube GiST index once over 25,000 rows is several times faster than keeping it
 * up to date row by row. The indexes are rebuilt even when `load` fails.
 */
export async function withoutSecondaryIndexes(
  db: Kysely<DB>,
  tables: readonly string[],
  load: () => Promise<void>,
): Promise<void> {
  if (tables.length === 0) return load()
  const indexes = await sql<{
    name: string
    definition: string
  }>`select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    join pg_namespace ns on ns.oid = t.relnamespace
    where ns.nspname = current_schema() and t.relname in (${sql.join(tables)})
      and not x.indisprimary and not x.indisunique
    order by i.relname`.execute(db)
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(db)
  try {
    await load()
  } finally {
    for (const index of indexes.rows) await sql.raw(index.definition).execute(db)
  }
}
