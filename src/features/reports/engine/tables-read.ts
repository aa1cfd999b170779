import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'

/**
 * The tables with month triggers (migrations 0049–0052): a write to one moves the months of its rows' dates, under
 * that table's name (0055). monthly-pass.test.ts checks this list against the triggers in the database.
 */
export const MONTH_TABLES = [
  'action_plans',
  'connection_events',
  'connections',
  'episode_closing_outcomes',
  'experience_replies',
  'experience_service_ratings',
  'own_words_outcomes',
  'plan_goal_scores',
  'plan_goals',
  'report_connection_facts',
  'report_contact_facts',
  'report_measure_administrations',
  'report_outcome_pairs',
  'report_referral_facts',
  'what_matters_conversations',
] as const

const named = new RegExp(`\\b(${MONTH_TABLES.join('|')})\\b`, 'g')

/** Every piece of SQL text in a query's tree: raw fragments (sql`…`), and tables named through the query builder. */
function collectText(node: unknown, into: string[], seen: Set<unknown>): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return
  seen.add(node)
  if (Array.isArray(node)) {
    for (const item of node) collectText(item, into, seen)
    return
  }
  const record = node as Record<string, unknown>
  if (record.kind === 'RawNode' && Array.isArray(record.sqlFragments)) into.push(...(record.sqlFragments as string[]))
  if (record.kind === 'IdentifierNode' && typeof record.name === 'string') into.push(record.name)
  for (const value of Object.values(record)) collectText(value, into, seen)
}

/** The month tables a query's SQL names. */
export function monthTablesOf(node: RootOperationNode): string[] {
  const text: string[] = []
  collectText(node, text, new Set())
  const found = new Set<string>()
  for (const piece of text) for (const match of piece.matchAll(named)) found.add(match[1] as string)
  return [...found]
}

/**
 * Records the month tables every query run through it names (ADR 0022): a month statement's part is kept under the
 * versions of the tables it read, found from its own SQL, so nobody keeps a list of them by hand.
 */
export class MonthTablesRead implements KyselyPlugin {
  readonly tables = new Set<string>()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    for (const table of monthTablesOf(args.node)) this.tables.add(table)
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}
