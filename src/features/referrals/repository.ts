import type { DeleteQueryBuilder, DeleteResult, Expression, Insertable, Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import { type AuditContext, type AuditEvent, auditRow } from '../../platform/audit/audit.js'
import { timeOrderedId } from '../../platform/db/ids.js'
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

/** What a place lookup reads: the postcode's row if the file has it, and its district's centre if it gives no authority. */
interface PlaceRow {
  local_authority_code: string | null
  lsoa_code: string | null
  latitude: number | null
  longitude: number | null
  decile: number | null
  district_latitude: number | null
  district_longitude: number | null
}

/**
 * The postcode and its district in one statement (the district was a second round trip whenever the postcode file
 * had no authority). `(select 1)` is the one row both lookups hang from, whether or not either finds anything.
 */
function placeQuery(db: Db, postcode: string | null) {
  return db
    .selectFrom(sql<{ one: number }>`(select 1 as one)`.as('one'))
    .leftJoin('postcodes as p', (join) => join.on('p.postcode', '=', sql.val(postcode)))
    .leftJoin('wimd_ranks as w', 'w.lsoa_code', 'p.lsoa_code')
    .leftJoin('postcode_districts as d', (join) =>
      join.on('d.outcode', '=', sql.val(postcode && outcode(postcode))).on('p.local_authority_code', 'is', null),
    )
    .select(['p.local_authority_code', 'p.lsoa_code', 'p.latitude', 'p.longitude', 'w.decile', 'd.latitude as district_latitude', 'd.longitude as district_longitude'])
}

/** A district centre gives a location for distance but never an authority (districts cross borders). */
function placeFrom(postcode: string | null, localAuthorityCode: string | null, found: PlaceRow | undefined): Place {
  if (!postcode) return { localAuthorityCode, lsoaCode: null, wimdDecile: null, latitude: null, longitude: null, source: localAuthorityCode ? 'given' : 'unknown' }
  if (found?.local_authority_code) {
    return { localAuthorityCode: found.local_authority_code, lsoaCode: found.lsoa_code, wimdDecile: found.decile ?? null, latitude: found.latitude, longitude: found.longitude, source: 'postcode' }
  }
  const latitude = found?.district_latitude ?? null
  const longitude = found?.district_longitude ?? null
  if (localAuthorityCode) return { localAuthorityCode, lsoaCode: null, wimdDecile: null, latitude, longitude, source: 'given' }
  return { localAuthorityCode: null, lsoaCode: null, wimdDecile: null, latitude, longitude, source: latitude === null ? 'unknown' : 'district' }
}

/**
 * Where a person lives, from their postcode when the postcode file knows it, otherwise from the local authority
 * they chose, with the postcode district's centre for distance.
 */
export async function locate(db: Db, postcode: string | null, localAuthorityCode: string | null): Promise<Place> {
  return placeFrom(postcode, localAuthorityCode, postcode ? await placeQuery(db, postcode).executeTakeFirst() : undefined)
}

/** Provider organisations covering a local authority, the longest-established first. */
function coveringQuery(db: Db, localAuthorityCode: string | Expression<string | null>) {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_areas', 'organisation_areas.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name', 'organisations.name_cy'])
    .where('organisations.type', '=', 'provider')
    .where('organisation_areas.local_authority_code', '=', localAuthorityCode)
    .orderBy('organisations.created_at')
    .orderBy('organisations.name')
}

export function providersCovering(db: Db, localAuthorityCode: string) {
  return coveringQuery(db, localAuthorityCode).execute()
}

export type Provider = Awaited<ReturnType<typeof providersCovering>>[number]

export interface Destination {
  place: Place
  /** The first of `providersCovering` the place's authority, if any. */
  provider: Provider | null
  /** False when the authority given is not one of `local_authorities`: the place is then found as if none was given. */
  authorityKnown: boolean
}

/**
 * Where a referral goes, in one statement (issue 9: the authority check, the postcode, its district and the
 * covering provider were four round trips of every referral write): the place as `locate` finds it from the
 * postcode and the authority given, when that authority exists, and the provider covering the place.
 */
export async function locateReferral(db: Db, postcode: string | null, localAuthorityCode: string | null): Promise<Destination> {
  const found = await placeQuery(db, postcode)
    .leftJoin('local_authorities as la', (join) => join.on('la.code', '=', sql.val(localAuthorityCode)))
    .leftJoinLateral(
      () => coveringQuery(db, sql<string | null>`coalesce(p.local_authority_code, la.code)`).limit(1).as('provider'),
      (join) => join.onTrue(),
    )
    .select(['la.code as known_authority', 'provider.id as provider_id', 'provider.name as provider_name', 'provider.name_cy as provider_name_cy'])
    .executeTakeFirstOrThrow()
  const authorityKnown = !localAuthorityCode || found.known_authority !== null
  return {
    place: placeFrom(postcode, authorityKnown ? localAuthorityCode : null, found),
    provider: found.provider_id ? { id: found.provider_id, name: found.provider_name as string, name_cy: found.provider_name_cy } : null,
    authorityKnown,
  }
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

/** The audit row written with a referral: the event is built once the record's identifiers are known. */
export interface ReferralAudit {
  context: AuditContext
  event: (written: { referralId: string; personId: string }) => AuditEvent
}

export interface WrittenReferral {
  referralId: string
  personId: string
  reference: string
  receivedAt: Date
}

function personRow(input: NewReferral, id: string): Insertable<DB['people']> {
  const { person, place } = input
  return {
    id,
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
  }
}

function referralRow(input: NewReferral, id: string, personId: string, reference: string): Insertable<DB['referrals']> {
  const { referral } = input
  return {
    id,
    reference,
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
  }
}

/** Consent to support, and for a referrer's referral whether they may hear the outcome. */
function consentRows(input: NewReferral, personId: string): Insertable<DB['consents']>[] {
  const { referral } = input
  const consents = [
    { scope: 'receive_support' as const, given: true },
    ...(input.channel === 'self_referral_form' ? [] : [{ scope: 'share_with_referrer' as const, given: referral.shareOutcomeWithReferrer }]),
  ]
  return consents.map((c) => ({ id: timeOrderedId(), person_id: personId, organisation_id: input.organisationId, scope: c.scope, given: c.given, method: input.consentMethod, given_by: referral.consentGivenBy, recorded_by: input.referrerUserId }))
}

/**
 * `insert into <table> (…) select <the row's values> from referral`: written once if the statement's referral was
 * inserted, not at all if its reference clashed. (Each value takes its column's type, as in `values`.)
 */
function alongTheReferral<T extends 'people' | 'consents' | 'audit_events'>(db: Db, table: T, row: Insertable<DB[T]>) {
  const columns = Object.keys(row)
  const values = Object.values(row).map((value) => sql.val(value))
  return db
    .insertInto(table)
    .columns(columns as never)
    .expression(sql`select ${sql.join(values)} from referral`)
}

export interface WriteOptions {
  /** The audit row to write with the referral. */
  audit?: ReferralAudit
  /** Rows to delete when, and only when, the referral is written (a self-referral's draft). */
  deleting?: DeleteQueryBuilder<DB, keyof DB, DeleteResult>[]
  /** For tests: where references come from. */
  newReference?: () => string
}

/**
 * Writes the person (unless an existing one is given), the referral, the consents given with it, and the audit row
 * and deletions in `options`, in one statement (issue 9: each was a round trip): the referral's insert is a CTE and
 * the others select from it or depend on it. So they commit or fail together without a transaction, and a
 * reference clash writes nothing and is retried.
 */
export async function insertReferral(db: Db, input: NewReferral, options: WriteOptions = {}): Promise<WrittenReferral> {
  const { audit, deleting = [], newReference = newReferralReference } = options
  // Made here rather than by the database, so that no insert needs another's result; ordered by time (ADR 0014).
  const personId = input.existingPersonId ?? timeOrderedId()
  const referralId = timeOrderedId()
  const along = [
    ...(input.existingPersonId ? [] : [alongTheReferral(db, 'people', personRow(input, personId))]),
    ...consentRows(input, personId).map((row) => alongTheReferral(db, 'consents', row)),
    ...(audit ? [alongTheReferral(db, 'audit_events', auditRow(audit.context, audit.event({ referralId, personId })))] : []),
    ...deleting.map((deletion) => deletion.where(sql<boolean>`exists (select from referral)`)),
  ]
  // A clash among 10^12 references is unlikely but possible: the unique constraint finds it (`on conflict do
  // nothing` inserts no referral, so nothing selects from it) and the referral gets another.
  for (;;) {
    const referral = db
      .insertInto('referrals')
      .values(referralRow(input, referralId, personId, newReference()))
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning(['id', 'received_at', 'reference'])
    const { rows } = await sql<{ id: string; received_at: Date; reference: string }>`with referral as (${referral}),
      ${sql.join(along.map((write, i) => sql`${sql.id(`along_${i}`)} as (${write})`))}
      select id, received_at, reference from referral`.execute(db)
    const [inserted] = rows
    if (inserted) return { referralId: inserted.id, personId, reference: inserted.reference, receivedAt: inserted.received_at }
  }
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
