import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { matchName, outcode } from '../people/person-rules.js'
import type { PersonInput, ReferralDetailsInput } from './referral-input.js'
import { newReferralReference } from './reference.js'

type Db = Kysely<DB> | Transaction<DB>

export interface Place {
  localAuthorityCode: string | null
  lsoaCode: string | null
  wimdDecile: number | null
  latitude: number | null
  longitude: number | null
  /** How the place was found: the full postcode file, the postcode district's centre, or the authority given. */
  source: 'postcode' | 'district' | 'given' | 'unknown'
}

/**
 * Where a person lives, from their postcode when the postcode file knows it, otherwise from the local authority
 * they chose. A district centre gives a location for distance but never an authority (districts cross borders).
 */
export async function locate(db: Db, postcode: string | null, localAuthorityCode: string | null): Promise<Place> {
  if (postcode) {
    const found = await db
      .selectFrom('postcodes')
      .leftJoin('wimd_ranks', 'wimd_ranks.lsoa_code', 'postcodes.lsoa_code')
      .select(['postcodes.local_authority_code', 'postcodes.lsoa_code', 'postcodes.latitude', 'postcodes.longitude', 'wimd_ranks.decile'])
      .where('postcodes.postcode', '=', postcode)
      .executeTakeFirst()
    if (found?.local_authority_code) {
      return { localAuthorityCode: found.local_authority_code, lsoaCode: found.lsoa_code, wimdDecile: found.decile ?? null, latitude: found.latitude, longitude: found.longitude, source: 'postcode' }
    }
    const district = await db.selectFrom('postcode_districts').select(['latitude', 'longitude']).where('outcode', '=', outcode(postcode)).executeTakeFirst()
    if (localAuthorityCode) return { localAuthorityCode, lsoaCode: null, wimdDecile: null, latitude: district?.latitude ?? null, longitude: district?.longitude ?? null, source: 'given' }
    return { localAuthorityCode: null, lsoaCode: null, wimdDecile: null, latitude: district?.latitude ?? null, longitude: district?.longitude ?? null, source: district ? 'district' : 'unknown' }
  }
  return { localAuthorityCode, lsoaCode: null, wimdDecile: null, latitude: null, longitude: null, source: localAuthorityCode ? 'given' : 'unknown' }
}

/** Provider organisations covering a local authority, the longest-established first. */
export function providersCovering(db: Db, localAuthorityCode: string) {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_areas', 'organisation_areas.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name', 'organisations.name_cy'])
    .where('organisations.type', '=', 'provider')
    .where('organisation_areas.local_authority_code', '=', localAuthorityCode)
    .orderBy('organisations.created_at')
    .orderBy('organisations.name')
    .execute()
}

export interface NewReferral {
  person: PersonInput
  referral: ReferralDetailsInput
  place: Place
  organisationId: string
  channel: 'self_referral_form' | 'professional_form' | 'api' | 'practitioner'
  referrerUserId: string | null
  referrerOrganisationId: string | null
  consentMethod: 'online_form' | 'via_referrer' | 'api' | 'verbal'
  /** Link to an existing person of the same organisation instead of creating one. */
  existingPersonId?: string
}

/** Writes the person, the referral and the consents given with it. Call inside the transaction that audits it. */
export async function insertReferral(trx: Transaction<DB>, input: NewReferral): Promise<{ referralId: string; personId: string; reference: string; receivedAt: Date }> {
  const { person, referral, place } = input
  const personId =
    input.existingPersonId ??
    (
      await trx
        .insertInto('people')
        .values({
          organisation_id: input.organisationId,
          given_name: person.givenName,
          family_name: person.familyName,
          match_name: matchName(person.givenName, person.familyName),
          date_of_birth: person.dateOfBirth,
          nhs_number: person.nhsNumber,
          postcode: person.postcode,
          local_authority_code: place.localAuthorityCode,
          lsoa_code: place.lsoaCode,
          wimd_decile: place.wimdDecile,
          phone: person.phone,
          email: person.email,
          address: person.address,
          contact_methods: person.contactMethods,
          contact_times: person.contactTimes,
          safe_to_leave_message: person.safeToLeaveMessage,
          language: person.language,
          welsh_offer_made: person.welshOfferMade,
          communication_needs: person.communicationNeeds,
          interpreter_language: person.interpreterLanguage,
          is_carer: person.isCarer,
          has_support: person.hasSupport,
          guardian_name: person.guardianName,
          guardian_relationship: person.guardianRelationship,
          guardian_contact: person.guardianContact,
          guardian_has_parental_responsibility: person.guardianHasParentalResponsibility,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id

  // A clash among 10^12 references is unlikely but possible: the unique constraint finds it (`on conflict do
  // nothing` returns no row and leaves the transaction usable) and the person gets another. One statement, where
  // looking before writing cost a round trip on every referral (issue 9).
  let inserted: { id: string; received_at: Date; reference: string } | undefined
  while (!inserted) {
    inserted = await trx
      .insertInto('referrals')
      .values({
        reference: newReferralReference(),
        person_id: personId,
        organisation_id: input.organisationId,
        route: referral.route,
        channel: input.channel,
        referrer_user_id: input.referrerUserId,
        referrer_organisation_id: input.referrerOrganisationId,
        referrer_name: referral.referrerName,
        referrer_role: referral.referrerRole,
        referrer_organisation_name: referral.referrerOrganisationName,
        referrer_contact: referral.referrerContact,
        reasons: referral.reasons,
        reason_details: referral.reasonDetails,
        clinical_diagnosis: referral.clinicalDiagnosis,
        risks: referral.risks,
        lone_worker_risk: referral.loneWorkerRisk,
        urgency: referral.urgency,
        crisis: referral.crisis,
        person_agreed: referral.personAgreed,
        share_outcome_with_referrer: referral.shareOutcomeWithReferrer,
        consent_given_by: referral.consentGivenBy,
        young_person_competent: referral.youngPersonCompetent,
      })
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning(['id', 'received_at', 'reference'])
      .executeTakeFirst()
  }

  const givenBy = referral.consentGivenBy
  const consents = [
    { scope: 'receive_support' as const, given: true },
    ...(input.channel === 'self_referral_form' ? [] : [{ scope: 'share_with_referrer' as const, given: referral.shareOutcomeWithReferrer }]),
  ]
  await trx
    .insertInto('consents')
    .values(consents.map((c) => ({ person_id: personId, organisation_id: input.organisationId, scope: c.scope, given: c.given, method: input.consentMethod, given_by: givenBy, recorded_by: input.referrerUserId })))
    .execute()

  return { referralId: inserted.id, personId, reference: inserted.reference, receivedAt: inserted.received_at }
}

export interface DuplicateCandidate {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
  postcode: string | null
  nhs_number: string | null
  /** Why it matched: the same NHS number, the same name and date of birth, or the same date of birth and postcode. */
  matchedOn: ('nhs_number' | 'name_and_date_of_birth' | 'date_of_birth_and_postcode')[]
}

/** Likely earlier records of the same person in the same organisation (DESIGN §2 step 2). Never merges. */
export async function findDuplicateCandidates(
  db: Db,
  person: { id?: string; organisationId: string; givenName: string; familyName: string; dateOfBirth: string; nhsNumber: string | null; postcode: string | null },
): Promise<DuplicateCandidate[]> {
  const match = matchName(person.givenName, person.familyName)
  const rows = await db
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'postcode', 'nhs_number', 'match_name'])
    .where('organisation_id', '=', person.organisationId)
    .where('duplicate_of', 'is', null)
    .$if(person.id !== undefined, (qb) => qb.where('id', '<>', person.id as string))
    .where((eb) =>
      eb.or([
        ...(person.nhsNumber ? [eb('nhs_number', '=', person.nhsNumber)] : []),
        eb.and([eb('match_name', '=', match), eb('date_of_birth', '=', person.dateOfBirth)]),
        ...(person.postcode ? [eb.and([eb('date_of_birth', '=', person.dateOfBirth), eb('postcode', '=', person.postcode)])] : []),
      ]),
    )
    .orderBy('created_at')
    .limit(20)
    .execute()
  return rows.map(({ match_name, ...row }) => ({
    ...row,
    matchedOn: [
      ...(person.nhsNumber && row.nhs_number === person.nhsNumber ? (['nhs_number'] as const) : []),
      ...(match_name === match && row.date_of_birth === person.dateOfBirth ? (['name_and_date_of_birth'] as const) : []),
      ...(person.postcode && row.postcode === person.postcode && row.date_of_birth === person.dateOfBirth ? (['date_of_birth_and_postcode'] as const) : []),
    ],
  }))
}

/** Days a referral has waited, for the triage queue's age column. */
export const waitingDays = sql<number>`floor(extract(epoch from (now() - referrals.received_at)) / 86400)::int`
