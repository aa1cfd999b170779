import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'

type Db = Kysely<DB> | Transaction<DB>

/** One referral with the names of whoever triaged it and the practitioner allocated. */
export function findReferral(db: Db, id: string) {
  return db
    .selectFrom('referrals as r')
    .leftJoin('users as triager', 'triager.id', 'r.triaged_by')
    .leftJoin('users as allocated', 'allocated.id', 'r.allocated_practitioner_id')
    .selectAll('r')
    .select(['triager.name as triaged_by_name', 'allocated.name as allocated_name'])
    .where('r.id', '=', id)
    .executeTakeFirst()
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>

/** The referral's row, locked until the transaction ends, so two decisions cannot both pass the status check. */
export function lockReferral(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('referrals').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow()
}

/** Active users of the organisation with the practitioner role, by name: who a referral can be allocated to. */
export function practitionersOf(db: Db, organisationId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .select(['u.id', 'u.name'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true)
    .where('ur.role', '=', 'practitioner')
    .orderBy('u.name')
    .execute()
}

export function contactAttemptsOf(db: Db, referralId: string) {
  return db
    .selectFrom('referral_contact_attempts as a')
    .leftJoin('users as u', 'u.id', 'a.recorded_by')
    .select(['a.id', 'a.attempted_at', 'a.mode', 'a.successful', 'a.note', 'u.name as recorded_by_name'])
    .where('a.referral_id', '=', referralId)
    .orderBy('a.attempted_at')
    .execute()
}

export function episodeOf(db: Db, referralId: string) {
  return db
    .selectFrom('episodes as e')
    .leftJoin('users as u', 'u.id', 'e.practitioner_id')
    .select(['e.id', 'e.status', 'e.started_at', 'e.practitioner_id', 'e.level_of_support', 'u.name as practitioner_name'])
    .where('e.referral_id', '=', referralId)
    .executeTakeFirst()
}
