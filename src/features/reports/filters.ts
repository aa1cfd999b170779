import type { Kysely } from 'kysely'
import type { Actor } from '../../platform/access/policy.js'
import { audit, type AuditContext } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { decideReportAccess } from './access.js'
import type { Audience, ReportFilter } from './contract.js'
import { checkDimensions, idsToLookUp, readDimensions } from './filters-codes.js'
import { parsePeriod, walesToday } from './filters-period.js'
import { loadFilterLookups } from './filters-queries.js'

export interface FilterError {
  /** The query parameter at fault (from, to, or a dimension). */
  field: string
  /** A message key, in the reports catalogue. */
  key: string
}

export type ParsedReportQuery =
  | { ok: true; filter: ReportFilter; audience: Audience }
  | { ok: false; status: 400 | 403; errors: FilterError[] }

export interface ParseOptions {
  /** The request's audit context (`auditContext(request)`), so a refusal is logged with its request id and address. */
  audit?: AuditContext
  /** For tests: the moment "today" is taken from. */
  now?: Date
}

/**
 * Reads `from`, `to` and the dimension filters of a report request (page, API or export), checks them against
 * what exists and what the actor may ask for, and decides the audience (DESIGN §3; docs/teams-and-report-access.md).
 * Bad input is 400 with one error per field (period: filters-period.ts; codes: filters-codes.ts); a filter the actor
 * may not use is 403 (access.ts), and every 403 is written to the audit trail as `report.view` refused, with the
 * fields refused and nothing else. The filter returned is the one to compute: forced to the caseworker's organisation
 * or to the commissioner's areas.
 */
export async function parseReportQuery(db: Kysely<DB>, actor: Actor, query: Record<string, unknown>, options: ParseOptions = {}): Promise<ParsedReportQuery> {
  const period = parsePeriod(query, walesToday(options.now ?? new Date()))
  const read = readDimensions(query)
  const lookups = await loadFilterLookups(db, actor.organisationId, {
    organisation: idsToLookUp(read, 'organisation'),
    team: idsToLookUp(read, 'team'),
    practitioner: idsToLookUp(read, 'practitioner'),
  })
  const codes = checkDimensions(read, lookups.known)
  if (!period.ok || !codes.ok) return { ok: false, status: 400, errors: [...(period.ok ? [] : period.errors), ...(codes.ok ? [] : codes.errors)] }

  const decision = decideReportAccess(actor, codes.where, lookups.facts)
  if (!decision.ok) {
    const context = options.audit ?? { actorUserId: actor.userId, organisationId: actor.organisationId, requestId: null, clientAddress: null }
    await audit(db, context, { action: 'report.view', recordType: 'report', outcome: 'refused', detail: { refused: decision.errors.map((e) => e.field) } })
    return { ok: false, status: 403, errors: decision.errors }
  }
  return { ok: true, filter: { from: period.from, to: period.to, where: decision.where }, audience: decision.audience }
}
