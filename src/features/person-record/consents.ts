import type { Kysely, Transaction } from 'kysely'
import { userName } from '../../platform/db/names.js'
import { consentScopes, type ConsentScope, type DB } from '../../platform/db/schema.js'
import type { FieldError } from '../admin/fields.js'

/*
 * Consent as records (DESIGN §2 step 3, issue 3 item 9): each time a person gives or withdraws consent for a
 * scope a row is added, and the latest row for a scope is the one in force. A withdrawal therefore takes effect
 * at once, everywhere that asks `currentConsent`.
 */
type Db = Kysely<DB> | Transaction<DB>

export { consentScopes }

/**
 * The scopes a practitioner records on the person page. Consent to a transfer is taken on the transfer form
 * itself (src/features/episodes), for that transfer, so it is neither offered here nor listed until given.
 */
export const standingConsentScopes = consentScopes.filter((scope) => scope !== 'transfer')
export const consentMethods = ['verbal', 'written'] as const
export const consentGivers = ['person', 'parent_guardian', 'representative'] as const
export const NOTE_LIMIT = 2000

export interface ConsentState {
  given: boolean
  recordedAt: Date
  method: string
  givenBy: string
}

/** The consent in force for one scope, or null when the person has never been asked. */
export async function currentConsent(db: Db, personId: string, scope: ConsentScope): Promise<ConsentState | null> {
  const row = await db
    .selectFrom('consents')
    .select(['given', 'recorded_at', 'method', 'given_by'])
    .where('person_id', '=', personId)
    .where('scope', '=', scope)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? { given: row.given, recordedAt: row.recorded_at, method: row.method, givenBy: row.given_by } : null
}

/** Every consent record of a person, newest first, with the name of whoever recorded it. */
export function consentHistory(db: Db, personId: string) {
  return db
    .selectFrom('consents as c')
    .select(['c.id', 'c.scope', 'c.given', 'c.method', 'c.given_by', 'c.recorded_at', 'c.note', userName('c.recorded_by').as('recorded_by_name')])
    .where('c.person_id', '=', personId)
    .orderBy('c.recorded_at', 'desc')
    .execute()
}

export type ConsentHistoryRow = Awaited<ReturnType<typeof consentHistory>>[number]

/** The state per scope from a history listed newest first: the first row seen for a scope wins. */
export function statesFrom(history: readonly ConsentHistoryRow[]): { scope: ConsentScope; state: 'given' | 'withdrawn' | 'not_asked'; row: ConsentHistoryRow | null }[] {
  return consentScopes
    .map((scope) => {
      const row = history.find((h) => h.scope === scope) ?? null
      return { scope, state: row === null ? ('not_asked' as const) : row.given ? ('given' as const) : ('withdrawn' as const), row }
    })
    .filter((s) => s.row !== null || (standingConsentScopes as readonly string[]).includes(s.scope))
}

export interface ConsentForm {
  scope: ConsentScope
  given: boolean
  method: (typeof consentMethods)[number]
  givenBy: (typeof consentGivers)[number]
  note: string | null
}

const one = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** The "record consent" form, checked before anything is written. */
export function validateConsentForm(body: Record<string, unknown>): { value: ConsentForm; values: Record<string, string>; errors: FieldError[] } {
  const values = { scope: one(body.scope), decision: one(body.decision), method: one(body.method), givenBy: one(body.givenBy), note: one(body.note) }
  const errors: FieldError[] = []
  if (!(standingConsentScopes as readonly string[]).includes(values.scope)) errors.push({ field: 'scope', key: 'personRecord.consent.errors.scopeMissing' })
  if (values.decision !== 'given' && values.decision !== 'withdrawn') errors.push({ field: 'decision', key: 'personRecord.consent.errors.decisionMissing' })
  if (!(consentMethods as readonly string[]).includes(values.method)) errors.push({ field: 'method', key: 'personRecord.consent.errors.methodMissing' })
  if (!(consentGivers as readonly string[]).includes(values.givenBy)) errors.push({ field: 'givenBy', key: 'personRecord.consent.errors.givenByMissing' })
  if ([...values.note].length > NOTE_LIMIT) errors.push({ field: 'note', key: 'personRecord.consent.errors.noteTooLong' })
  return {
    value: {
      scope: values.scope as ConsentScope,
      given: values.decision === 'given',
      method: values.method as ConsentForm['method'],
      givenBy: values.givenBy as ConsentForm['givenBy'],
      note: values.note === '' ? null : values.note,
    },
    values,
    errors,
  }
}

/** Adds a consent record; call inside the transaction that audits it. */
export async function recordConsent(trx: Transaction<DB>, person: { id: string; organisation_id: string }, form: ConsentForm, recordedBy: string | null): Promise<string> {
  const row = await trx
    .insertInto('consents')
    .values({ person_id: person.id, organisation_id: person.organisation_id, scope: form.scope, given: form.given, method: form.method, given_by: form.givenBy, note: form.note, recorded_by: recordedBy, recorded_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
