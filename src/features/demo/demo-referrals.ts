import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { insertReferral, locate } from '../referrals/repository.js'
import { validateReferral } from '../referrals/referral-input.js'
import { loadDemoConnections } from '../connections/demo.js'
import { DEMO_DOMAIN } from './demo-data.js'

/**
 * Demo referrals from several routes at each triage state (issue 3 §11), for the two demo providers. Names are
 * Welsh and English; every one passes the same validation as a real referral.
 */
interface DemoReferral {
  raw: Record<string, unknown>
  kind: 'self' | 'professional'
  state: 'received' | 'accepted' | 'declined' | 'unable_to_contact'
  daysAgo: number
  fromReferrer?: boolean
  /** Also connect the person to the demo asset's services, in several states (issue 4 §8). */
  connections?: boolean
}

const referrer = { referrerName: 'Dr Owen Referrer', referrerRole: 'GP', referrerOrganisationName: 'Heol y Bont Surgery', referrerContact: '029 2000 0001', personAgreed: true, shareOutcomeWithReferrer: true }

const demoReferrals: DemoReferral[] = [
  { kind: 'self', state: 'received', daysAgo: 2, raw: { givenName: 'Siân', familyName: 'Llywelyn', dateOfBirth: '1958-04-12', postcode: 'CF10 1AA', language: 'cy', welshOfferMade: true, contactMethods: ['phone'], phone: '029 2000 0101', safeToLeaveMessage: true, reasons: ['loneliness_isolation'], reasonDetails: 'Hoffwn gwrdd â phobl newydd.', personAgreed: true } },
  { kind: 'professional', state: 'received', daysAgo: 0, fromReferrer: true, raw: { ...referrer, route: 'primary_care', givenName: 'Tom', familyName: 'Davies', dateOfBirth: '1979-11-02', nhsNumber: '9434765919', postcode: 'CF10 1AA', contactMethods: ['phone'], phone: '07700 900201', reasons: ['mental_wellbeing', 'financial_wellbeing'], risks: 'Lives alone; has said he feels hopeless.', crisis: true, urgency: 'urgent' } },
  { kind: 'professional', state: 'received', daysAgo: 9, raw: { ...referrer, route: 'housing', referrerName: 'Bethan Housing Officer', referrerRole: 'Housing officer', referrerOrganisationName: 'Cardiff Council Housing', givenName: 'Zoë', familyName: 'Price', dateOfBirth: '1990-06-30', localAuthorityCode: 'W06000015', contactMethods: ['email'], email: 'zoe.price@example.org', reasons: ['housing', 'social_wellbeing'] } },
  { kind: 'professional', state: 'accepted', daysAgo: 21, fromReferrer: true, connections: true, raw: { ...referrer, route: 'primary_care', givenName: 'Dafydd', familyName: 'ap Gwilym', dateOfBirth: '1946-01-20', localAuthorityCode: 'W06000014', language: 'cy', welshOfferMade: true, contactMethods: ['letter'], address: '3 Stryd Fawr, Y Barri', reasons: ['physical_wellbeing', 'loneliness_isolation'] } },
  { kind: 'professional', state: 'declined', daysAgo: 15, fromReferrer: true, raw: { ...referrer, route: 'primary_care', givenName: 'Mary', familyName: 'Jones', dateOfBirth: '1985-09-09', localAuthorityCode: 'W06000015', contactMethods: ['phone'], phone: '07700 900301', reasons: ['mental_wellbeing'], clinicalDiagnosis: 'Severe depression under the crisis team' } },
  { kind: 'professional', state: 'unable_to_contact', daysAgo: 30, raw: { ...referrer, route: 'social_services', referrerName: 'Rhys Social Worker', referrerRole: 'Social worker', referrerOrganisationName: 'Vale of Glamorgan Social Services', givenName: 'Chen', familyName: '陈', dateOfBirth: '1970-03-15', localAuthorityCode: 'W06000014', contactMethods: ['phone'], phone: '07700 900401', reasons: ['carer_support'] } },
  { kind: 'professional', state: 'received', daysAgo: 4, raw: { ...referrer, route: 'third_sector', referrerName: 'Elen Age Cymru', referrerRole: 'Support worker', referrerOrganisationName: 'Age Cymru Gwynedd a Môn', givenName: 'Llŷr', familyName: 'Huws', dateOfBirth: '1940-12-01', localAuthorityCode: 'W06000002', language: 'cy', welshOfferMade: true, contactMethods: ['phone'], phone: '01248 000000', reasons: ['loneliness_isolation', 'physical_wellbeing'] } },
  { kind: 'self', state: 'accepted', daysAgo: 40, raw: { givenName: 'Gwen', familyName: 'Roberts', dateOfBirth: '2009-05-05', localAuthorityCode: 'W06000002', language: 'cy', welshOfferMade: true, contactMethods: ['text'], phone: '07700 900501', reasons: ['mental_wellbeing', 'social_wellbeing'], guardianName: 'Ceri Roberts', guardianRelationship: 'Mam', guardianContact: '07700 900502', personAgreed: true } },
]

/** Loads the demo referrals unless some referral exists already. Returns how many were created. */
export async function loadDemoReferrals(db: Kysely<DB>, now = new Date()): Promise<number> {
  if (await db.selectFrom('referrals').select('id').limit(1).executeTakeFirst()) return 0
  const users = await db.selectFrom('users').select(['id', 'email', 'organisation_id']).where('email', 'like', `%@${DEMO_DOMAIN}`).execute()
  const byEmail = new Map(users.map((u) => [u.email.split('@')[0], u]))
  const referrerUser = byEmail.get('referrer')
  let created = 0
  await db.transaction().execute(async (trx) => {
    for (const demo of demoReferrals) {
      const input = validateReferral(demo.raw, demo.kind, now)
      if (input.errors.length) throw new Error(`demo referral for ${demo.raw.givenName} is not valid: ${input.errors.map((e) => e.field).join(', ')}`)
      const place = await locate(trx, input.person.postcode, input.person.localAuthorityCode)
      const provider = await trx
        .selectFrom('organisations')
        .innerJoin('organisation_areas', 'organisation_areas.organisation_id', 'organisations.id')
        .select('organisations.id')
        .where('organisations.type', '=', 'provider')
        .where('organisation_areas.local_authority_code', '=', place.localAuthorityCode as string)
        .executeTakeFirstOrThrow()
      const sent = demo.fromReferrer && referrerUser
      const { referralId, personId } = await insertReferral(trx, {
        ...input,
        place,
        organisationId: provider.id,
        channel: demo.kind === 'self' ? 'self_referral_form' : 'professional_form',
        referrerUserId: sent ? referrerUser.id : null,
        referrerOrganisationId: sent ? referrerUser.organisation_id : null,
        consentMethod: demo.kind === 'self' ? 'online_form' : 'via_referrer',
      })
      const receivedAt = new Date(now.getTime() - demo.daysAgo * 86_400_000)
      const practitioner = provider.id === byEmail.get('practitioner')?.organisation_id ? byEmail.get('practitioner') : byEmail.get('practitioner2')
      const triager = provider.id === byEmail.get('teamlead')?.organisation_id ? byEmail.get('teamlead') : practitioner
      const later = (days: number) => new Date(receivedAt.getTime() + days * 86_400_000)
      const attempt = (days: number, successful: boolean) => ({ referral_id: referralId, organisation_id: provider.id, attempted_at: later(days), mode: 'phone' as const, successful, recorded_by: triager?.id ?? null })
      await trx.updateTable('referrals').set({ received_at: receivedAt }).where('id', '=', referralId).execute()
      if (demo.state === 'accepted') {
        await trx.insertInto('referral_contact_attempts').values(attempt(2, true)).execute()
        await trx.updateTable('referrals').set({ status: 'accepted', first_contact_at: later(2), triaged_at: later(1), triaged_by: triager?.id ?? null, allocated_practitioner_id: practitioner?.id ?? null }).where('id', '=', referralId).execute()
        const episode = await trx.insertInto('episodes').values({ person_id: personId, referral_id: referralId, organisation_id: provider.id, practitioner_id: practitioner?.id ?? null, started_at: later(1) }).returning('id').executeTakeFirstOrThrow()
        if (demo.connections) await loadDemoConnections(trx, { personId, episodeId: episode.id, organisationId: provider.id, practitionerId: practitioner?.id ?? null, assetUserId: byEmail.get('asset')?.id ?? null, startedAt: later(1) })
      } else if (demo.state === 'declined') {
        await trx
          .updateTable('referrals')
          .set({ status: 'declined', triaged_at: later(1), triaged_by: triager?.id ?? null, decline_reason: 'acute_mental_health', decline_explanation: 'Mary is under the crisis team, who can support her better now. We can help once she is ready.', redirected_to: 'Cardiff Crisis Resolution and Home Treatment Team' })
          .where('id', '=', referralId)
          .execute()
      } else if (demo.state === 'unable_to_contact') {
        await trx.insertInto('referral_contact_attempts').values([attempt(1, false), attempt(4, false), attempt(8, false)]).execute()
        await trx.updateTable('referrals').set({ status: 'unable_to_contact', triaged_at: later(8), triaged_by: triager?.id ?? null }).where('id', '=', referralId).execute()
      }
      created++
    }
    await trx.insertInto('audit_events').values({ action: 'demo_data.load_referrals', detail: JSON.stringify({ referrals: created }) }).execute()
  })
  return created
}
