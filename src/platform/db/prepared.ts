import { createHash } from 'node:crypto'
import { type KyselyPlugin, QueryNode, RawNode, sql } from 'kysely'
import type pg from 'pg'

/**
 * Statements that PostgreSQL keeps prepared on each connection (ADR 0031). A statement is sent once with its text and
 * then by name, so the server parses it once per connection and, after five runs, may keep a generic plan instead of
 * planning it again each time. The caseload's statement took 1.4–2.9 ms a run planned afresh and 0.6 ms prepared.
 *
 * Only marked statements are prepared: a generic plan is chosen from estimates, and for a statement whose best plan
 * depends on its parameters (a report over a year or a month, a filter matching one referral or a million) it can be
 * much worse than a fresh one. Mark a statement that runs on every request and reads a few rows by key.
 */
export const PREPARED_MARK = '/* prepared */'

/** The mark, for `.modifyEnd(prepared)` on a query builder or `${prepared}` at the start of raw SQL. */
export const prepared = sql.raw(PREPARED_MARK)

/**
 * Marks every statement of a Kysely instance or transaction (`trx.withPlugin(preparedStatements)`): for a page whose
 * reads are all by key (the person page reads a person's rows by the person's or an episode's id).
 */
export const preparedStatements: KyselyPlugin = {
  transformQuery({ node }) {
    if (QueryNode.is(node)) return QueryNode.cloneWithEndModifier(node, RawNode.createWithSql(PREPARED_MARK))
    if (RawNode.is(node)) return RawNode.create([`${PREPARED_MARK} ${node.sqlFragments[0] ?? ''}`, ...node.sqlFragments.slice(1)], node.parameters)
    return node
  },
  transformResult: async ({ result }) => result,
}

/**
 * A marked statement with more parameters than this is sent unnamed: it is a list (`in (…)`, a multi-row insert)
 * whose text changes with its length, and each length would be kept as a statement of its own on every connection.
 */
export const MAX_PREPARED_PARAMETERS = 32

type Client = Pick<pg.PoolClient, 'query' | 'release'>

const names = new Map<string, string>()

/** The statement's name: a digest of its text, so the same text has the same name on every connection. */
export function preparedName(text: string): string {
  let name = names.get(text)
  if (name === undefined) {
    name = `p_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`
    names.set(text, name)
  }
  return name
}

/** A pool whose clients send marked statements by name: what Kysely's PostgresDialect is given. */
export function preparingPool(pool: pg.Pool) {
  const wrapped = new WeakMap<Client, Client>()
  const wrap = (client: Client): Client => {
    let w = wrapped.get(client)
    if (!w) {
      w = {
        query: ((text: unknown, values?: unknown[]) =>
          typeof text === 'string' && text.includes(PREPARED_MARK) && (values?.length ?? 0) <= MAX_PREPARED_PARAMETERS
            ? client.query({ name: preparedName(text), text, values })
            : (client.query as (...args: unknown[]) => unknown)(text, values)) as Client['query'],
        release: (error?: Error | boolean) => client.release(error),
      }
      wrapped.set(client, w)
    }
    return w
  }
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  }
}
