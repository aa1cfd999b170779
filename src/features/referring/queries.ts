import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import type { DB, ReferralStatus } from '../../platform/db/schema.js'

type Db = Kysely<DB> | Transaction<DB>
/** Tables under the short aliases these queries use (`r` referral, `p` person, `c` consent). */
type Tables = DB & { r: DB['referrals']; p: DB['people']; c: DB['consents'] }

export const PAGE_SIZE = 25

/**
 * The latest `share_with_referrer` consent of the referral's person: the record in force (migration 0007). Null
 * when none was ever recorded. Withdrawal is a newer record with `given = false`, so it takes effect at once.
 */
const latestShareConsent = (eb: ExpressionBuilder<Tables, 'r'>) =>
  eb
    .selectFrom('consents as c')
    .select('c.given')
    .whereRef('c.person_id', '=', 'r.person_id')
    .where('c.scope', '=', 'share_with_referrer')
    .orderBy('c.recorded_at', 'desc')
    .limit(1)

/** Whether the referrer may hear the outcome: they were told they could, and the person has not withdrawn it. */
const outcomeSharedSql = (eb: ExpressionBuilder<Tables, 'r'>) =>
  eb.and([eb('r.share_outcome_with_referrer', '=', true), eb(latestShareConsent(eb), '=', true)])

function baseQuery(db: Db) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('organisations as receiver', 'receiver.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.reference',
      'r.person_id',
      'r.organisation_id',
      'r.referrer_organisation_id',
      'r.status',
      'r.received_at',
      'r.share_outcome_with_referrer',
      'r.triaged_at',
      'r.first_contact_at',
      'r.decline_reason',
      'r.decline_explanation',
      'r.redirected_to',
      'r.urgency',
      'r.crisis',
      'r.route',
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'receiver.name as receiver_name',
      'receiver.name_cy as receiver_name_cy',
    ])
    .select((eb) => latestShareConsent(eb).as('share_consent'))
}

export type ReferralSummaryRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

/** One referral with what its sender may be shown, or undefined. */
export function findReferralSummary(db: Db, id: string) {
  return baseQuery(db).where('r.id', '=', id).executeTakeFirst()
}

/** One referral with everything the receiving provider holds about it and its person. */
export function findReferralFull(db: Db, id: string) {
  return baseQuery(db)
    .select([
      'r.channel',
      'r.referrer_user_id',
      'r.referrer_name',
      'r.referrer_role',
      'r.referrer_organisation_name',
      'r.referrer_contact',
      'r.reasons',
      'r.reason_details',
      'r.clinical_diagnosis',
      'r.risks',
      'r.lone_worker_risk',
      'r.person_agreed',
      'r.consent_given_by',
      'r.young_person_competent',
      'r.allocated_practitioner_id',
      'p.nhs_number',
      'p.postcode',
      'p.local_authority_code',
      'p.phone',
      'p.email',
      'p.address',
      'p.contact_methods',
      'p.contact_times',
      'p.safe_to_leave_message',
      'p.language',
      'p.welsh_offer_made',
      'p.communication_needs',
      'p.interpreter_language',
      'p.guardian_name',
      'p.guardian_relationship',
      'p.guardian_contact',
      'p.guardian_has_parental_responsibility',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst()
}

export type ReferralFullRow = NonNullable<Awaited<ReturnType<typeof findReferralFull>>>

export interface ListFilter {
  /** `sent`: the referrals an organisation sent; `received`: those a provider received. */
  side: 'sent' | 'received'
  organisationId: string
  status?: ReferralStatus
  page: number
}

/**
 * A page of referrals, newest first. For the sender, a decided status only matches where the outcome is shared
 * with them, so filtering cannot reveal an outcome the person kept private.
 */
export async function listReferrals(
  db: Db,
  filter: ListFilter,
): Promise<{ rows: ReferralSummaryRow[]; total: number }> {
  const where = (eb: ExpressionBuilder<Tables, 'r' | 'p'>) => {
    const side =
      filter.side === 'sent'
        ? eb('r.referrer_organisation_id', '=', filter.organisationId)
        : eb('r.organisation_id', '=', filter.organisationId)
    if (!filter.status) return side
    const status = eb('r.status', '=', filter.status)
    if (filter.side === 'received' || filter.status === 'received') return eb.and([side, status])
    return eb.and([side, status, outcomeSharedSql(eb)])
  }
  // One after the other: inside a PGlite transaction there is only the one connection.
  const rows = await baseQuery(db)
    .where(where)
    .orderBy('r.received_at', 'desc')
    .orderBy('r.reference')
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute()
  const count = await db
    .selectFrom('referrals as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where(where)
    .executeTakeFirstOrThrow()
  return { rows, total: Number(count.total) }
}

/** Provider organisations, for the referrer to choose one explicitly. */
export function providerOrganisations(db: Db) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'name_cy'])
    .where('type', '=', 'provider')
    .orderBy('name')
    .execute()
}

export function findProvider(db: Db, id: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'name_cy'])
    .where('id', '=', id)
    .where('type', '=', 'provider')
    .executeTakeFirst()
}

export function localAuthorities(db: Db) {
  return db.selectFrom('local_authorities').select(['code', 'name_en', 'name_cy']).orderBy('code').execute()
}

export async function isLocalAuthority(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('local_authorities').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
  )
}

/** A referral this user sent, for its confirmation page: no personal data, so no audit is needed to show it. */
export function findSentBy(db: Db, id: string, userId: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('organisations as receiver', 'receiver.id', 'r.organisation_id')
    .select(['r.id', 'r.reference', 'r.crisis', 'r.urgency', 'receiver.name', 'receiver.name_cy'])
    .where('r.id', '=', id)
    .where('r.referrer_user_id', '=', userId)
    .executeTakeFirst()
}

/**
 * The feedback the provider sent the referrer when the episode closed (CF 3.1): the closing reason and summary,
 * nothing else of the record. Undefined until feedback was sent; the page shows it only while the person's
 * consent to share with the referrer is still in force.
 */
export function sentFeedback(db: Db, referralId: string) {
  return db
    .selectFrom('episodes')
    .select(['closing_reason', 'closing_summary', 'feedback_sent_at'])
    .where('referral_id', '=', referralId)
    .where('feedback_sent_at', 'is not', null)
    .executeTakeFirst()
}
