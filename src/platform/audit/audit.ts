import type { Insertable, Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'

/** Who is acting and from where; taken from the request (see `auditContext`). */
export interface AuditContext {
  actorUserId: string | null
  organisationId: string | null
  requestId: string | null
  clientAddress: string | null
}

export interface AuditEvent {
  /** Verb in the domain's words, e.g. `user.create`, `user.view`, `session.sign_in`. */
  action: string
  recordType?: string
  recordId?: string
  /** The organisation that owns the record, when it differs from the actor's. */
  organisationId?: string | null
  outcome?: 'success' | 'refused' | 'failed'
  /** Never personal data: identifiers, changed field names, counts. */
  detail?: Record<string, unknown>
}

/**
 * Appends to the audit trail. Pass the transaction that makes the change (or reads the personal data) so the
 * record and its audit commit or fail together.
 */
export async function audit(db: Kysely<DB> | Transaction<DB>, context: AuditContext, event: AuditEvent): Promise<void> {
  const together = gathered.get(db)
  if (together) {
    together.push(auditRow(context, event))
    return
  }
  await db.insertInto('audit_events').values(auditRow(context, event)).execute()
}

/**
 * A list read and its reading audited in one transaction, the number read in the event's detail (`count`, or the name
 * given): the shape of every API call that lists a person's records.
 */
export function auditedList<T>(
  db: Kysely<DB>,
  context: AuditContext,
  event: Omit<AuditEvent, 'detail'>,
  read: (trx: Transaction<DB>) => Promise<T[]>,
  countAs = 'count',
): Promise<T[]> {
  return db.transaction().execute(async (trx) => {
    const found = await read(trx)
    await audit(trx, context, { ...event, detail: { [countAs]: found.length } })
    return found
  })
}

const gathered = new WeakMap<Kysely<DB> | Transaction<DB>, Insertable<DB['audit_events']>[]>()

/**
 * Runs `work` with every `audit` on `trx` kept and written as one statement when it has finished, still inside the
 * transaction: they commit with its reads or not at all, as one by one. For a page whose sections each audit their
 * own read (the person page: the view, its contacts, measures, safeguarding concerns and sharing log), so that a view
 * pays one round trip for its audit rows instead of five (issue 9). When `work` throws, nothing is written: the
 * transaction rolls back either way. A transaction that must read its own audit rows back should not use this.
 */
export async function auditsTogether<T>(trx: Transaction<DB>, work: () => Promise<T>): Promise<T> {
  if (gathered.has(trx)) return work()
  const rows: Insertable<DB['audit_events']>[] = []
  gathered.set(trx, rows)
  try {
    const result = await work()
    if (rows.length) await trx.insertInto('audit_events').values(rows).execute()
    return result
  } finally {
    gathered.delete(trx)
  }
}

/**
 * The audit row of an event, for a write that inserts it in the same statement as the change it records (a
 * referral: referrals/repository.ts), which commits or fails with it just as `audit` in the same transaction does.
 */
export function auditRow(context: AuditContext, event: AuditEvent): Insertable<DB['audit_events']> {
  return {
    actor_user_id: context.actorUserId,
    action: event.action,
    record_type: event.recordType ?? null,
    record_id: event.recordId ?? null,
    organisation_id: event.organisationId === undefined ? context.organisationId : event.organisationId,
    request_id: context.requestId,
    client_address: context.clientAddress,
    outcome: event.outcome ?? 'success',
    detail: event.detail ? JSON.stringify(event.detail) : null,
  }
}
