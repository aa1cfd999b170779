import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { makeReferral, userId } from '../triage/test-referrals.js'
import { currentConsent, validateConsentForm } from './consents.js'
import { formatNhsNumber } from './format.js'
import { changedColumns, validatePersonEdit } from './person-form.js'
import type { PersonRow } from './person-queries.js'

describe('person record rules', () => {
  it('formats NHS numbers 3-3-4', () => {
    assert.equal(formatNhsNumber('9434765919'), '943 476 5919')
    assert.equal(formatNhsNumber(null), '')
  })

  it('checks the change-details form and names only the columns that changed', () => {
    const bad = validatePersonEdit({ phone: '12', email: 'nope', contactMethods: ['letter', 'pigeon'], ethnicity: 'martian', language: 'fr' }, { child: true })
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['address', 'contactMethods', 'email', 'ethnicity', 'guardianContact', 'guardianName', 'language', 'phone'])
    const good = validatePersonEdit({ phone: '029 2000 0000', language: 'cy', welshOfferMade: 'yes', sex: 'prefer_not_to_say' }, { child: false })
    assert.deepEqual(good.errors, [])
    const person = { phone: '029 2000 0000', language: 'en', welsh_offer_made: false, sex: null, contact_methods: [] } as unknown as PersonRow
    assert.deepEqual(changedColumns(person, { phone: '029 2000 0000', language: 'cy', welsh_offer_made: true, sex: 'prefer_not_to_say', contact_methods: [] }), ['language', 'sex', 'welsh_offer_made'])
  })

  it('checks the consent form', () => {
    assert.deepEqual(validateConsentForm({}).errors.map((e) => e.field), ['scope', 'decision', 'method', 'givenBy'])
    assert.equal(validateConsentForm({ scope: 'case_study', decision: 'withdrawn', method: 'verbal', givenBy: 'person' }).value.given, false)
  })
})

for (const kind of databaseKinds()) {
  describe(`person record (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    it('shows the person with names exactly as typed, details, timeline and consent, and audits the view', async () => {
      const db = t.app.deps.database.db
      const { personId, reference } = await makeReferral(t.app, { givenName: 'Llŷr', familyName: 'ap Siân <script>', nhsNumber: '9434765919', communicationNeeds: ['bsl'], language: 'cy', welshOfferMade: 'yes' })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const page = await agent.get(`/people/${personId}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Llŷr ap Siân &lt;script&gt;/)
      assert.match(page.body, /943 476 5919/)
      assert.match(page.body, /Cardiff/)
      assert.match(page.body, /Cardiff and Vale University Health Board/)
      assert.match(page.body, /Cardiff and Vale Regional Partnership Board/)
      assert.match(page.body, /British Sign Language/)
      assert.match(page.body, /Welsh/)
      assert.match(page.body, /Receiving support from the service/)
      assert.match(page.body, /Referral received: Primary care/)
      assert.ok(page.body.includes(reference))
      const audit = await db.selectFrom('audit_events').select(['outcome', 'actor_user_id']).where('action', '=', 'person.view').where('record_id', '=', personId).execute()
      assert.deepEqual(audit, [{ outcome: 'success', actor_user_id: await userId(t.app, 'practitioner') }])
    })

    it('refuses a practitioner of another provider with 403, and audits the attempt', async () => {
      const db = t.app.deps.database.db
      const { personId } = await makeReferral(t.app, { givenName: 'Private' })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner2')
      for (const path of ['', '/edit', '/duplicates']) {
        const page = await agent.get(`/people/${personId}${path}`)
        assert.equal(page.statusCode, 403, path)
        assert.doesNotMatch(page.body, /Private/)
      }
      const post = await agent.submit(`/people/${personId}/consents`, { scope: 'case_study', decision: 'given', method: 'verbal', givenBy: 'person' })
      assert.equal(post.statusCode, 403)
      const refusals = await db.selectFrom('audit_events').select(['action', 'outcome', 'organisation_id']).where('record_id', '=', personId).orderBy('id').execute()
      const cardiff = (await db.selectFrom('people').select('organisation_id').where('id', '=', personId).executeTakeFirstOrThrow()).organisation_id
      assert.equal(refusals.length, 4)
      assert.ok(refusals.every((r) => r.outcome === 'refused' && r.organisation_id === cardiff))
      assert.equal((await db.selectFrom('consents').select('id').where('person_id', '=', personId).where('scope', '=', 'case_study').execute()).length, 0)
    })

    it('records consent withdrawn, which shows as withdrawn at once', async () => {
      const db = t.app.deps.database.db
      const { personId } = await makeReferral(t.app)
      assert.equal((await currentConsent(db, personId, 'share_with_referrer'))?.given, true)
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      await agent.get(`/people/${personId}`)
      const bad = await agent.submit(`/people/${personId}/consents`, { scope: 'share_with_referrer', decision: '', method: 'verbal', givenBy: '', note: 'Asked on the phone' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Choose whether consent was given or withdrawn/)
      assert.match(bad.body, /Asked on the phone<\/textarea>/)
      assert.equal((await currentConsent(db, personId, 'share_with_referrer'))?.given, true)

      const saved = await agent.submit(`/people/${personId}/consents`, { scope: 'share_with_referrer', decision: 'withdrawn', method: 'verbal', givenBy: 'person', note: 'Does not want the GP told' })
      assert.equal(saved.statusCode, 303)
      assert.equal((await currentConsent(db, personId, 'share_with_referrer'))?.given, false)
      const page = await agent.get(String(saved.headers.location))
      const row = page.body.slice(page.body.indexOf('Telling the referrer what happened'), page.body.indexOf('</tr>', page.body.indexOf('Telling the referrer what happened')))
      assert.match(row, /Withdrawn/)
      assert.match(page.body, /Consent history/)
      // Consent to a transfer is taken on the transfer form, for that transfer: not offered or listed here.
      assert.doesNotMatch(page.body, /Transfer to another social prescribing service/)
      const transfer = await agent.submit(`/people/${personId}/consents`, { scope: 'transfer', decision: 'given', method: 'verbal', givenBy: 'person' })
      assert.equal(transfer.statusCode, 400)
      assert.equal(await currentConsent(db, personId, 'transfer'), null)
      assert.match(page.body, /Recorded by Rhian Practitioner/)
      const audit = await db.selectFrom('audit_events').select('detail').where('action', '=', 'consent.withdraw').where('record_id', '=', personId).executeTakeFirstOrThrow()
      assert.equal(audit.detail?.scope, 'share_with_referrer')
    })

    it('changes details after checking them, auditing only the names of the fields changed', async () => {
      const db = t.app.deps.database.db
      const { personId } = await makeReferral(t.app)
      const agent = new Agent(t.app)
      await agent.signIn('teamlead')
      const form = await agent.get(`/people/${personId}/edit`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /White: Welsh, English, Scottish, Northern Irish or British/)
      assert.match(form.body, /Prefer not to say/)
      const bad = await agent.submit(`/people/${personId}/edit`, { phone: '029 2000 0000', email: 'not an email', contactMethods: ['phone', 'email'], language: 'en', housingTenure: 'rents_privately' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Enter an email address in the correct format/)
      assert.match(bad.body, /value="not an email"/)
      assert.match(bad.body, /value="rents_privately" checked/)
      const saved = await agent.submit(`/people/${personId}/edit`, {
        phone: '029 2000 0000',
        email: 'Llyr@Example.org',
        contactMethods: ['phone', 'email'],
        language: 'cy',
        welshOfferMade: 'yes',
        ethnicity: 'prefer_not_to_say',
        isCarer: 'yes',
        housingTenure: 'rents_privately',
        usedSocialPrescribingBefore: 'not_sure',
      })
      assert.equal(saved.statusCode, 303)
      const person = await db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
      assert.deepEqual([person.email, person.language, person.welsh_offer_made, person.ethnicity, person.is_carer, person.housing_tenure], ['llyr@example.org', 'cy', true, 'prefer_not_to_say', 'yes', 'rents_privately'])
      const audit = await db.selectFrom('audit_events').select('detail').where('action', '=', 'person.update').where('record_id', '=', personId).executeTakeFirstOrThrow()
      assert.deepEqual(audit.detail, { fields: ['contact_methods', 'email', 'ethnicity', 'housing_tenure', 'is_carer', 'language', 'used_social_prescribing_before', 'welsh_offer_made'] })
      assert.doesNotMatch(JSON.stringify(audit.detail), /example\.org/)
      const page = await agent.get(String(saved.headers.location))
      assert.match(page.body, /The person&#39;s details have been saved/)
      assert.match(page.body, /Rents privately/)
    })

    it('lists duplicate candidates on demand', async () => {
      const first = await makeReferral(t.app, { givenName: 'Gwenllian', familyName: 'Morgan', dateOfBirth: '1990-09-09' })
      const second = await makeReferral(t.app, { givenName: 'Gwenllian', familyName: 'Morgan', dateOfBirth: '1990-09-09' })
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const page = await agent.get(`/people/${second.personId}/duplicates`)
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes(`/people/${first.personId}`))
      assert.match(page.body, /Name and date of birth/)
    })

    it('is in Welsh for Welsh speakers', async () => {
      const { personId } = await makeReferral(t.app, { dateOfBirth: '2011-02-02', guardianName: 'Mair', guardianContact: '07700 900 982', youngPersonCompetent: 'yes' })
      const agent = new Agent(t.app, 'cy')
      await agent.signIn('practitioner')
      const page = await agent.get(`/people/${personId}`)
      assert.match(page.body, /<html lang="cy"/)
      assert.match(page.body, /Manylion personol/)
      assert.match(page.body, /Rhiant, gwarcheidwad neu ofalwr/)
      assert.match(page.body, /Caniatâd/)
      assert.match(page.body, /Llinell amser/)
      assert.match(page.body, /Caerdydd/)
      const edit = await agent.get(`/people/${personId}/edit`)
      assert.match(edit.body, /Gwell gennyf beidio â dweud/)
      const bad = await agent.submit(`/people/${personId}/edit`, { language: 'cy', guardianName: '', guardianContact: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Rhowch enw rhiant, gwarcheidwad neu ofalwr/)
    })
  })
}
