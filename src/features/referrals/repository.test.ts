import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../test/support/databases.js'
import { loadDemoData } from '../demo/demo-data.js'
import { validateReferral } from './referral-input.js'
import { findDuplicateCandidates, insertReferral, locate, providersCovering } from './repository.js'

const today = new Date('2026-11-25T12:00:00Z')
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
  })
}
