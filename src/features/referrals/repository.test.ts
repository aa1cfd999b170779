import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { loadDemoData } from '../demo/demo-data.js'
import { validateReferral } from './referral-input.js'
import { findDuplicateCandidates, insertReferral, locate, locateReferral, type NewReferral, providersCovering, type ReferralAudit } from './repository.js'

const today = new Date('2026-11-25T12:00:00Z')

/** The audit row the API writes with a referral, with a request id to find it by. */
function auditedAs(requestId: string, organisationId: string): ReferralAudit {
  return {
    context: { actorUserId: null, organisationId: null, requestId, clientAddress: null },
    event: ({ referralId, personId }) => ({ action: 'referral.create', recordType: 'referral', recordId: referralId, organisationId, detail: { personId } }),
  }
}
const raw = {
  givenName: 'Llŷr',
  familyName: 'Evans',
  dateOfBirth: '1950-02-01',
  nhsNumber: '9434765919',
  postcode: 'CF10 1AA',
  localAuthorityCode: 'W06000015',
  contactMethods: ['phone'],
  phone: '029 2000 0000',
  reasons: ['social_wellbeing'],
  route: 'primary_care',
  personAgreed: 'yes',
  shareOutcomeWithReferrer: 'yes',
  referrerName: 'Dr Owen',
  referrerRole: 'GP',
  referrerContact: 'owen@example.org',
}

for (const kind of databaseKinds()) {
  describe(`referral records (${kind})`, () => {
    let t: TestDatabase
    before(async () => {
      t = await openTestDatabase(kind)
      await loadDemoData(t.database.db, 'a-demo-password-for-tests')
    })
    after(() => t.dispose())

    it('falls back to the authority given, or to nothing, when the postcode is not loaded', async () => {
      const given = await locate(t.database.db, 'CF10 1AA', 'W06000015')
      assert.equal(given.source, 'given')
      assert.equal(given.localAuthorityCode, 'W06000015')
      assert.ok(given.latitude, 'district centre gives a location')
      const unknown = await locate(t.database.db, 'CF10 1AA', null)
      assert.equal(unknown.localAuthorityCode, null)
      assert.equal(unknown.source, 'district')
    })

    it('finds the provider covering an area', async () => {
      const providers = await providersCovering(t.database.db, 'W06000015')
      assert.equal(providers[0]?.name, 'Cardiff and Vale Community Connectors')
      assert.deepEqual(await providersCovering(t.database.db, 'W06000023'), [])
    })

    it('writes a person, a referral and its consents, and finds the same person again without merging', async () => {
      const db = t.database.db
      const [provider] = await providersCovering(db, 'W06000015')
      const input = validateReferral(raw, 'professional', today)
      assert.deepEqual(input.errors, [])
      const place = await locate(db, input.person.postcode, input.person.localAuthorityCode)
      const first = await db.transaction().execute((trx) =>
        insertReferral(trx, { ...input, place, organisationId: provider!.id, channel: 'api', referrerUserId: null, referrerOrganisationId: null, consentMethod: 'via_referrer' }),
      )
      assert.match(first.reference, /^CYS-/)
      const consents = await db.selectFrom('consents').select(['scope', 'given']).where('person_id', '=', first.personId).orderBy('scope').execute()
      assert.deepEqual(consents, [
        { scope: 'receive_support', given: true },
        { scope: 'share_with_referrer', given: true },
      ])

      const again = validateReferral({ ...raw, givenName: 'LLYR', nhsNumber: '' }, 'professional', today)
      const second = await db.transaction().execute((trx) =>
        insertReferral(trx, { ...again, place, organisationId: provider!.id, channel: 'api', referrerUserId: null, referrerOrganisationId: null, consentMethod: 'via_referrer' }),
      )
      const candidates = await findDuplicateCandidates(db, { id: second.personId, organisationId: provider!.id, ...again.person })
      assert.equal(candidates.length, 1)
      assert.equal(candidates[0]?.id, first.personId)
      assert.deepEqual(candidates[0]?.matchedOn, ['name_and_date_of_birth', 'date_of_birth_and_postcode'])
      const people = await db.selectFrom('people').select('id').execute()
      assert.equal(people.length, 2, 'nothing merged')
    })

    it('finds where a referral goes in one lookup: the place, the covering provider and whether the authority exists', async () => {
      const db = t.database.db
      const given = await locateReferral(db, 'CF10 1AA', 'W06000015')
      assert.deepEqual(given.place, await locate(db, 'CF10 1AA', 'W06000015'))
      assert.equal(given.provider?.name, 'Cardiff and Vale Community Connectors')
      assert.equal(given.authorityKnown, true)
      const unknown = await locateReferral(db, 'CF10 1AA', 'W06999999')
      assert.equal(unknown.authorityKnown, false)
      assert.deepEqual(unknown.place, await locate(db, 'CF10 1AA', null), 'found as if no authority was given')
      assert.equal(unknown.provider, null)
      const uncovered = await locateReferral(db, null, 'W06000023')
      assert.deepEqual([uncovered.place.source, uncovered.place.localAuthorityCode, uncovered.provider], ['given', 'W06000023', null])
      const nowhere = await locateReferral(db, null, null)
      assert.deepEqual([nowhere.place.source, nowhere.provider, nowhere.authorityKnown], ['unknown', null, true])
    })

    /** A valid referral for `givenName`, to the Cardiff provider. */
    async function referralOf(givenName: string, organisationId?: string): Promise<NewReferral> {
      const db = t.database.db
      const [provider] = await providersCovering(db, 'W06000015')
      const input = validateReferral({ ...raw, givenName, nhsNumber: '' }, 'professional', today)
      assert.deepEqual(input.errors, [])
      const place = await locate(db, input.person.postcode, input.person.localAuthorityCode)
      return { ...input, place, organisationId: organisationId ?? provider!.id, channel: 'api', referrerUserId: null, referrerOrganisationId: null, consentMethod: 'via_referrer' }
    }

    async function writtenFor(givenName: string, requestId: string) {
      const db = t.database.db
      const people = await db.selectFrom('people').select('id').where('given_name', '=', givenName).execute()
      const ids = people.map((p) => p.id)
      return {
        people: ids,
        referrals: ids.length ? await db.selectFrom('referrals').select(['id', 'reference']).where('person_id', 'in', ids).execute() : [],
        consents: ids.length ? (await db.selectFrom('consents').select('id').where('person_id', 'in', ids).execute()).length : 0,
        audits: await db.selectFrom('audit_events').select(['record_id', 'detail']).where('request_id', '=', requestId).execute(),
      }
    }

    it('gives a clashing reference another, writing the person, consents and audit row once and making the deletions', async () => {
      const db = t.database.db
      const first = await insertReferral(db, await referralOf('Cyntaf'), { audit: auditedAs('first-write', randomUUID()), newReference: () => 'CYS-CCCC-DDDD' })
      assert.equal(first.reference, 'CYS-CCCC-DDDD')
      const offered = ['CYS-CCCC-DDDD', 'CYS-CCCC-DDDD', 'CYS-EEEE-FFFF']
      const input = await referralOf('Ail')
      await db.insertInto('self_referral_drafts').values({ id_hash: 'sent-draft', answers: '{}', expires_at: new Date(Date.now() + 3_600_000) }).execute()
      const second = await insertReferral(db, input, {
        audit: auditedAs('clash-write', input.organisationId),
        deleting: [db.deleteFrom('self_referral_drafts').where('id_hash', '=', 'sent-draft')],
        newReference: () => offered.shift() as string,
      })
      assert.equal(second.reference, 'CYS-EEEE-FFFF')
      assert.equal(offered.length, 0, 'tried again after each clash')
      const written = await writtenFor('Ail', 'clash-write')
      assert.deepEqual(written.people, [second.personId])
      assert.deepEqual(written.referrals, [{ id: second.referralId, reference: 'CYS-EEEE-FFFF' }])
      assert.equal(written.consents, 2)
      assert.deepEqual(written.audits, [{ record_id: second.referralId, detail: { personId: second.personId } }])
      assert.equal(await db.selectFrom('self_referral_drafts').select('id_hash').where('id_hash', '=', 'sent-draft').executeTakeFirst(), undefined)
    })

    it('writes nothing when a part of the write fails, or its transaction is rolled back', async () => {
      const db = t.database.db
      await db.insertInto('self_referral_drafts').values({ id_hash: 'kept-draft', answers: '{}', expires_at: new Date(Date.now() + 3_600_000) }).execute()
      const deleting = [db.deleteFrom('self_referral_drafts').where('id_hash', '=', 'kept-draft')]
      // No such organisation: the referral, person and consents all refer to it.
      await assert.rejects(insertReferral(db, await referralOf('Methu', randomUUID()), { audit: auditedAs('failed-write', randomUUID()), deleting }))
      assert.deepEqual(await writtenFor('Methu', 'failed-write'), { people: [], referrals: [], consents: 0, audits: [] })
      assert.ok(await db.selectFrom('self_referral_drafts').select('id_hash').where('id_hash', '=', 'kept-draft').executeTakeFirst(), 'the deletion is undone too')

      const input = await referralOf('Dadwneud')
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await insertReferral(trx, input, { audit: auditedAs('rolled-back-write', input.organisationId) })
          throw new Error('something later in the transaction failed')
        }),
        /something later/,
      )
      assert.deepEqual(await writtenFor('Dadwneud', 'rolled-back-write'), { people: [], referrals: [], consents: 0, audits: [] })
    })
  })
}
