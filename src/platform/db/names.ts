import { type RawBuilder, sql } from 'kysely'
import type { DB } from './schema.js'

/*
 * Names read beside a row through an optional reference (who recorded it, who holds it, the organisation it went
 * to), as scalar subqueries rather than left joins (ADR 0023). Each left join widens the planner's search of join
 * orders: the person page's episode read, with three of them, took about 2 ms to plan and 0.25 ms to run at national
 * size; with the names as subqueries, 0.2 ms and 0.05 ms. A subquery by primary key gives what the left join gave
 * (the name, or null when there is no reference), so the rows are the same.
 */

/** One column of the row of `table` whose id is in `reference` (a column of the outer query), or null when none. */
export const lookedUp = <T>(table: keyof DB, column: string, reference: string): RawBuilder<T | null> =>
  sql<T | null>`(select looked_up.${sql.ref(column)} from ${sql.table(table)} as looked_up where looked_up.id = ${sql.ref(reference)})`

const looked = (table: 'users' | 'organisations' | 'services', column: 'name' | 'name_cy', reference: string) =>
  lookedUp<string>(table, column, reference)

/** The name of the user whose id is in `reference` (a column such as `c.recorded_by`), or null. */
export const userName = (reference: string): RawBuilder<string | null> => looked('users', 'name', reference)

/** The English or Welsh name of the organisation whose id is in `reference`, or null. */
export const organisationName = (reference: string, column: 'name' | 'name_cy' = 'name'): RawBuilder<string | null> =>
  looked('organisations', column, reference)

/** The English or Welsh name of the service whose id is in `reference`, or null. */
export const serviceName = (reference: string, column: 'name' | 'name_cy' = 'name'): RawBuilder<string | null> =>
  looked('services', column, reference)

/** The English or Welsh name of the service of the connection whose id is in `reference`, or null. */
export const connectionServiceName = (reference: string, column: 'name' | 'name_cy' = 'name'): RawBuilder<string | null> =>
  sql<string | null>`(select looked_up.${sql.ref(column)} from connections as looked_connection
    join services as looked_up on looked_up.id = looked_connection.service_id where looked_connection.id = ${sql.ref(reference)})`
