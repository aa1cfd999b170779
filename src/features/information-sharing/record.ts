import type { Kysely, Transaction } from 'kysely'
import { userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import './schema.js'
import { type Basis, type BasisProblem, checkBasis, type SharingScope } from './rules.js'
import type { RecipientKind } from './schema.js'

type Db = Kysely<DB> | Transaction<DB>

export interface Disclosure {
  person: { id: string; organisation_id: string }
  recipientKind: RecipientKind
  sharedWithName: string
  sharedWithOrganisationId?: string | null
  connectionId?: string | null
  serviceId?: string | null
  /** Codes of what was shared (rules.ts sharedItems, or the need-to-know fields of a referral). */
  fields: readonly string[]
  sharedDetail?: string | null
  /** A code for what kind of disclosure it was, e.g. `feedback_to_referrer`; hand-recorded ones use `recorded_disclosure`. */
  purpose: string
  purposeNote?: string | null
  basis: Basis | null
  consentScope?: SharingScope | null
  concernId?: string | null
  sharedBy: string | null
  sharedAt?: Date
}

export type DisclosureOutcome = { ok: true; id: string } | { ok: false; problem: BasisProblem | 'concern_unknown' }

/** The latest consents row for a scope: the one in force (person-record/consents.ts). */
export async function latestConsent(db: Db, personId: string, scope: string) {
  return db
    .selectFrom('consents')
    .select(['id', 'given'])
    .where('person_id', '=', personId)
    .where('scope', '=', scope as SharingScope)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Logs a disclosure outside the provider (issue 5 §9) inside the caller's audited transaction, after the basis
 * check: a consent scope in force now, or a safeguarding duty (with, optionally, the concern of this person that
 * needed it). On refusal nothing is written and the problem says why. Other features (feedback to the referrer,
 * transfer) call this rather than inserting into the log themselves.
 */
export async function recordDisclosure(trx: Transaction<DB>, d: Disclosure): Promise<DisclosureOutcome> {
  const consent =
    d.basis === 'consent' && d.consentScope ? await latestConsent(trx, d.person.id, d.consentScope) : undefined
  const check = checkBasis({
    basis: d.basis,
    consentScope: d.consentScope ?? null,
    recipientKind: d.recipientKind,
    latestConsent: consent ?? null,
  })
  if (!check.ok) return check
  if (d.concernId) {
    const concern = await trx
      .selectFrom('safeguarding_concerns')
      .select('id')
      .where('id', '=', d.concernId)
      .where('person_id', '=', d.person.id)
      .executeTakeFirst()
    if (!concern) return { ok: false, problem: 'concern_unknown' }
  }
  const row = await trx
    .insertInto('information_sharing_log')
    .values({
      person_id: d.person.id,
      organisation_id: d.person.organisation_id,
      connection_id: d.connectionId ?? null,
      service_id: d.serviceId ?? null,
      shared_with_organisation_id: d.sharedWithOrganisationId ?? null,
      shared_with_name: d.sharedWithName,
      fields: [...d.fields],
      purpose: d.purpose,
      purpose_note: d.purposeNote ?? null,
      shared_detail: d.sharedDetail ?? null,
      basis: d.basis as Basis,
      consent_id: d.basis === 'consent' ? (consent?.id ?? null) : null,
      consent_scope: d.basis === 'consent' ? (d.consentScope ?? null) : null,
      safeguarding_concern_id: d.basis === 'safeguarding_duty' ? (d.concernId ?? null) : null,
      recipient_kind: d.recipientKind,
      shared_by: d.sharedBy,
      shared_at: d.sharedAt ?? new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { ok: true, id: row.id }
}

/** Every disclosure about a person, newest first, with who shared it. */
export function disclosuresOf(db: Db, personId: string) {
  return db
    .selectFrom('information_sharing_log as l')
    .select([
      'l.id',
      'l.recipient_kind',
      'l.connection_id',
      'l.shared_with_name',
      'l.fields',
      'l.shared_detail',
      'l.purpose',
      'l.purpose_note',
      'l.basis',
      'l.consent_scope',
      'l.consent_id',
      'l.safeguarding_concern_id',
      'l.shared_at',
      userName('l.shared_by').as('shared_by_name'),
    ])
    .where('l.person_id', '=', personId)
    .orderBy('l.shared_at', 'desc')
    .execute()
}

export type DisclosureRow = Awaited<ReturnType<typeof disclosuresOf>>[number]
