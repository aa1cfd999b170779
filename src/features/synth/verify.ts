import { sql, type Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

export interface BrokenReference {
  constraint: string
  table: string
  rows: number
}

/**
 * Every foreign key of the database, checked after the fact with one anti-join each: what the load skipped when it
 * ran with `session_replication_role = replica` (run.ts). Returns the constraints some row breaks, with how many
 * rows; empty when all hold. Cheap at small and mid sizes; the tests run it over every synthetic set they load.
 */
export async function verifyForeignKeys(db: Kysely<DB>): Promise<BrokenReference[]> {
  const keys = await sql<{ constraint: string; child: string; parent: string; cols: string[]; pcols: string[] }>`
    select c.conname as constraint, ct.relname as child, pt.relname as parent,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as pcols
    from pg_constraint c
    join pg_class ct on ct.oid = c.conrelid join pg_class pt on pt.oid = c.confrelid
    join pg_namespace ns on ns.oid = ct.relnamespace
    where c.contype = 'f' and ns.nspname = current_schema()
    order by ct.relname, c.conname`.execute(db)
  const broken: BrokenReference[] = []
  for (const key of keys.rows) {
    const notNull = sql.join(
      key.cols.map((col) => sql`c.${sql.id(col)} is not null`),
      sql` and `,
    )
    const match = sql.join(
      key.cols.map((col, i) => sql`p.${sql.id(key.pcols[i] as string)} = c.${sql.id(col)}`),
      sql` and `,
    )
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(key.child)} c
      where ${notNull} and not exists (select 1 from ${sql.id(key.parent)} p where ${match})`.execute(db)
    const rows = Number(result.rows[0]?.n ?? 0)
    if (rows > 0) broken.push({ constraint: key.constraint, table: key.child, rows })
  }
  return broken
}
