import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { hashPassword } from '../../platform/security/passwords.js'

/** Test helpers for the referring feature's tests (not used by the app). */

/** A complete professional referral as the form posts it; tests change one thing at a time. */
export function validForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    referrerName: 'Dr Owen Referrer',
    referrerRole: 'GP',
    referrerOrganisationName: 'Heol y Bont Surgery',
    referrerContact: '029 2000 0001',
    route: 'primary_care',
    givenName: 'Siân',
    familyName: 'ap Llŷr',
    'dateOfBirth-day': '1',
    'dateOfBirth-month': '2',
    'dateOfBirth-year': '1950',
    nhsNumber: '943 476 5919',
    postcode: 'CF10 1AA',
    localAuthorityCode: 'W06000015',
    contactMethods: ['phone'],
    phone: '029 2000 0000',
    email: '',
    address: '',
    language: 'cy',
    welshOfferMade: 'yes',
    reasons: ['loneliness_isolation', 'social_wellbeing'],
    reasonDetails: 'Lives alone since her husband died',
    risks: '',
    urgency: 'routine',
    personAgreed: 'yes',
    shareOutcomeWithReferrer: 'yes',
    receivingOrganisationId: '',
    ...overrides,
  }
}

/** The same referral as an API body. */
export function validJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    referrerRole: 'GP',
    referrerContact: 'owen@example.org',
    route: 'primary_care',
    givenName: 'Llŷr',
    familyName: 'Evans',
    dateOfBirth: '1950-02-01',
    nhsNumber: '9434765919',
    postcode: 'CF10 1AA',
    localAuthorityCode: 'W06000015',
    contactMethods: ['phone'],
    phone: '029 2000 0000',
    language: 'en',
    welshOfferMade: true,
    reasons: ['social_wellbeing'],
    personAgreed: true,
    shareOutcomeWithReferrer: true,
    ...overrides,
  }
}

/** Rows that a refused referral must not have written. */
export async function counts(db: Kysely<DB>) {
  const count = async (table: 'people' | 'referrals' | 'consents') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const creates = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'referral.create')
    .executeTakeFirstOrThrow()
  return {
    people: await count('people'),
    referrals: await count('referrals'),
    consents: await count('consents'),
    creates: Number(creates.n),
  }
}

export async function organisationId(db: Kysely<DB>, name: string): Promise<string> {
  return (await db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}

export async function userId(db: Kysely<DB>, email: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
}

/** A second referring organisation with one referrer, to show one organisation cannot see another's referrals. */
export async function addReferrerOrganisation(db: Kysely<DB>, password: string): Promise<string> {
  const email = 'referrer@ysgol.example'
  const organisation = await db
    .insertInto('organisations')
    .values({ name: 'Ysgol Uwchradd Glan Môr', name_cy: 'Ysgol Uwchradd Glan Môr', type: 'referrer' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const user = await db
    .insertInto('users')
    .values({
      email,
      name: 'Mererid Athro',
      organisation_id: organisation.id,
      password_hash: await hashPassword(password),
      password_changed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('user_roles').values({ user_id: user.id, role: 'referrer' }).execute()
  return email
}

/** What triage will do (another feature): record a decision on a referral. */
export async function decide(
  db: Kysely<DB>,
  referralId: string,
  decision: {
    status: 'accepted' | 'declined' | 'unable_to_contact'
    declineReason?: string
    explanation?: string
    redirectedTo?: string
  },
) {
  await db
    .updateTable('referrals')
    .set({
      status: decision.status,
      triaged_at: new Date(),
      decline_reason: decision.declineReason ?? null,
      decline_explanation: decision.explanation ?? null,
      redirected_to: decision.redirectedTo ?? null,
      first_contact_at: decision.status === 'accepted' ? new Date() : null,
    })
    .where('id', '=', referralId)
    .execute()
}

/** The person withdraws their consent to the referrer hearing the outcome: a newer consent record. */
export async function withdrawShareConsent(db: Kysely<DB>, referralId: string) {
  const referral = await db
    .selectFrom('referrals')
    .select(['person_id', 'organisation_id'])
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('consents')
    .values({
      person_id: referral.person_id,
      organisation_id: referral.organisation_id,
      scope: 'share_with_referrer',
      given: false,
      method: 'verbal',
      recorded_at: new Date(Date.now() + 1000),
    })
    .execute()
}
