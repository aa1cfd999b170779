import { type Kysely, sql } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { AuditFilters } from './audit-filters.js'
import { likeEscape } from './fields.js'
import { PAGE_SIZE } from './paging.js'

type Db = Kysely<DB>

export interface AuditRow {
  id: number
  occurred_at: Date
  action: string
  record_type: string | null
  record_id: string | null
  organisation_id: string | null
  outcome: string
  request_id: string | null
  client_address: string | null
  actor_user_id: string | null
  actor_name: string | null
  actor_email: string | null
  organisation_name: string | null
  organisation_name_cy: string | null
}

/** Whole days in Wales: midnight Europe/London at the start of `from`, up to midnight after `to`. */
function filtered(db: Db, f: AuditFilters) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .leftJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
    .$if(f.actorEmail !== undefined, (qb) => qb.where('users.email', '=', f.actorEmail as string))
    .$if(f.actionPrefix !== undefined, (qb) => qb.where('audit_events.action', 'like', `${likeEscape(f.actionPrefix as string)}%`))
    .$if(f.recordType !== undefined, (qb) => qb.where('audit_events.record_type', '=', f.recordType as string))
    .$if(f.recordId !== undefined, (qb) => qb.where('audit_events.record_id', '=', f.recordId as string))
    .$if(f.outcome !== undefined, (qb) => qb.where('audit_events.outcome', '=', f.outcome as 'success'))
    .$if(f.from !== undefined, (qb) => qb.where('audit_events.occurred_at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Europe/London'`))
    .$if(f.to !== undefined, (qb) => qb.where('audit_events.occurred_at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone 'Europe/London'`))
}

/** One page of audit events, newest first, and how many match in all. */
export async function searchAudit(db: Db, filters: AuditFilters, page: number, pageSize = PAGE_SIZE): Promise<{ rows: AuditRow[]; total: number }> {
  const { n } = await filtered(db, filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await filtered(db, filters)
    .select([
      'audit_events.id',
      'audit_events.occurred_at',
      'audit_events.action',
      'audit_events.record_type',
      'audit_events.record_id',
      'audit_events.organisation_id',
      'audit_events.outcome',
      'audit_events.request_id',
      'audit_events.client_address',
      'audit_events.actor_user_id',
      'users.name as actor_name',
      'users.email as actor_email',
      'organisations.name as organisation_name',
      'organisations.name_cy as organisation_name_cy',
    ])
    .orderBy('audit_events.occurred_at', 'desc')
    .orderBy('audit_events.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return { rows, total: Number(n) }
}
