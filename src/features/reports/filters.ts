import type { Kysely } from 'kysely'
import type { Actor } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import type { Audience, ReportFilter } from './contract.js'

export interface FilterError {
  /** The query parameter at fault (from, to, or a dimension). */
  field: string
  /** A message key, in the reports catalogue. */
  key: string
}

export type ParsedReportQuery =
  | { ok: true; filter: ReportFilter; audience: Audience }
  | { ok: false; status: 400 | 403; errors: FilterError[] }

/**
 * Reads `from`, `to` and the dimension filters of a report request (page, API or export), checks them against
 * what exists and what the actor may ask for, and decides the audience (DESIGN §3). Stub until the filters helper
 * lands: takes from/to as given and limits a practitioner to their own organisation.
 */
export async function parseReportQuery(db: Kysely<DB>, actor: Actor, query: Record<string, unknown>): Promise<ParsedReportQuery> {
  void db
  const from = typeof query.from === 'string' ? query.from : `${new Date().getUTCFullYear()}-01-01`
  const to = typeof query.to === 'string' ? query.to : new Date().toISOString().slice(0, 10)
  const aggregate = actor.roles.includes('commissioner') && !actor.roles.includes('practitioner') && !actor.roles.includes('team_lead')
  return {
    ok: true,
    filter: { from, to, where: aggregate ? {} : { organisation: [actor.organisationId] } },
    audience: aggregate ? 'aggregate' : 'organisation',
  }
}
