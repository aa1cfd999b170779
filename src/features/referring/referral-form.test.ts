import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { organisationId, userId, validForm } from './testing.js'

const CARDIFF = 'Cardiff and Vale Community Connectors'
const GWYNEDD = 'Gwynedd Community Link'

for (const kind of databaseKinds()) {
  describe(`professional referral form (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      // One postcode the loaded data knows, in Gwynedd; every other postcode falls back to the authority chosen.
      await t.app.deps.database.db
        .insertInto('postcodes')
        .values({
          postcode: 'LL55 1AA',
          latitude: 53.14,
          longitude: -4.27,
          local_authority_code: 'W06000002',
          lsoa_code: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
    })
    after(() => t.close())

    const latestReferral = () =>
      t.app.deps.database.db
        .selectFrom('referrals')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow()

    it('links a referrer to the form and their sent referrals from the home page', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('referrer')
      const home = await agent.get('/home')
      assert.match(home.body, /href="\/referrals\/new"/)
      assert.match(home.body, /href="\/referrals\/sent"/)
      assert.doesNotMatch(home.body, /added with the referrals capability/)
    })

    it('sends a referral in English: prefilled referrer, receiving provider by area, written and audited together', async () => {
      const db = t.app.deps.database.db
      const agent = new Agent(t.app)
      await agent.signIn('referrer')
      const form = await agent.get('/referrals/new')
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /value="Dr Owen Referrer"/)
      assert.match(form.body, /value="Heol y Bont Surgery"/)
      assert.match(form.body, /Primary care \(GP practice/)
      assert.doesNotMatch(form.body, /value="self"/, 'a professional referral is never a self-referral')
      assert.match(form.body, /The person is in crisis – put this referral at the top of the queue/)

      const sent = await agent.submit(
        '/referrals/new',
        validForm({
          risks: '<script>alert(1)</script> dog at home',
          loneWorkerRisk: 'yes',
          crisis: 'yes',
          clinicalDiagnosis: 'COPD',
        }),
      )
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 500))
      const confirmation = await agent.get(sent.headers.location as string)
      assert.equal(confirmation.statusCode, 200)
      const referral = await latestReferral()
      assert.ok(confirmation.body.includes(referral.reference))
      assert.ok(confirmation.body.includes(CARDIFF))
      assert.match(confirmation.body, /at the top of the service/)

      assert.equal(referral.organisation_id, await organisationId(db, CARDIFF))
      assert.equal(referral.channel, 'professional_form')
      assert.equal(referral.route, 'primary_care')
      assert.equal(referral.referrer_user_id, await userId(db, 'referrer@demo.cyswllt.test'))
      assert.equal(referral.referrer_organisation_id, await organisationId(db, 'Heol y Bont Surgery'))
      assert.equal(referral.risks, '<script>alert(1)</script> dog at home', 'HTML is stored as text')
      assert.equal(referral.lone_worker_risk, true)
      assert.equal(referral.crisis, true)
      assert.equal(referral.clinical_diagnosis, 'COPD')
      assert.deepEqual(referral.reasons, ['social_wellbeing', 'loneliness_isolation'])
      const person = await db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', referral.person_id)
        .executeTakeFirstOrThrow()
      assert.equal(person.given_name, 'Siân')
      assert.equal(person.family_name, 'ap Llŷr')
      assert.equal(person.nhs_number, '9434765919')
      assert.equal(person.language, 'cy')
      assert.equal(person.welsh_offer_made, true)
      assert.equal(person.local_authority_code, 'W06000015')
      const consents = await db
        .selectFrom('consents')
        .select(['scope', 'given', 'method'])
        .where('person_id', '=', person.id)
        .orderBy('scope')
        .execute()
      assert.deepEqual(consents, [
        { scope: 'receive_support', given: true, method: 'via_referrer' },
        { scope: 'share_with_referrer', given: true, method: 'via_referrer' },
      ])
      const audits = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'referral.create')
        .where('record_id', '=', referral.id)
        .execute()
      assert.equal(audits.length, 1)
      assert.equal(audits[0]?.organisation_id, referral.organisation_id)
      assert.doesNotMatch(JSON.stringify(audits), /Siân|9434765919/, 'no personal data in the audit trail')
    })

    it('sends a referral in Welsh, with the pages in Welsh', async () => {
      const agent = new Agent(t.app, 'cy')
      await agent.signIn('referrer')
      const form = await agent.get('/referrals/new')
      assert.match(form.body, /Atgyfeirio rhywun at bresgripsiynu cymdeithasol/)
      assert.match(form.body, /Gofal sylfaenol/)
      assert.match(form.body, /Mae&#39;r unigolyn mewn argyfwng/)
      const sent = await agent.submit(
        '/referrals/new',
        validForm({
          givenName: 'Dafydd',
          familyName: 'ap Gwilym',
          localAuthorityCode: 'W06000014',
          postcode: 'CF62 4AA',
        }),
      )
      assert.equal(sent.statusCode, 303)
      const confirmation = await agent.get(sent.headers.location as string)
      assert.match(confirmation.body, /Atgyfeiriad wedi&#39;i anfon/)
      assert.match(confirmation.body, /Cysylltwyr Cymunedol Caerdydd a&#39;r Fro/)
      const referral = await latestReferral()
      assert.ok(confirmation.body.includes(referral.reference))
    })

    it('sends to the provider covering the postcode, or to the provider chosen', async () => {
      const db = t.app.deps.database.db
      const agent = new Agent(t.app)
      await agent.signIn('referrer')
      await agent.get('/referrals/new')
      const byPostcode = await agent.submit(
        '/referrals/new',
        validForm({ postcode: 'll551aa', localAuthorityCode: '' }),
      )
      assert.equal(byPostcode.statusCode, 303)
      const first = await latestReferral()
      assert.equal(first.organisation_id, await organisationId(db, GWYNEDD))
      const person = await db
        .selectFrom('people')
        .select(['postcode', 'local_authority_code'])
        .where('id', '=', first.person_id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(person, { postcode: 'LL55 1AA', local_authority_code: 'W06000002' })

      await agent.get('/referrals/new')
      const chosen = await agent.submit(
        '/referrals/new',
        validForm({ receivingOrganisationId: await organisationId(db, GWYNEDD) }),
      )
      assert.equal(chosen.statusCode, 303)
      const second = await latestReferral()
      assert.equal(
        second.organisation_id,
        await organisationId(db, GWYNEDD),
        'chosen explicitly, though the area is Cardiff',
      )
      const audit = await db
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'referral.create')
        .where('record_id', '=', second.id)
        .executeTakeFirstOrThrow()
      assert.match(JSON.stringify(audit.detail), /chosen/)
    })

    it('lets a practitioner refer too, and keeps the confirmation to the one who sent it', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      await agent.get('/referrals/new')
      const sent = await agent.submit(
        '/referrals/new',
        validForm({
          referrerName: 'Rhian Practitioner',
          referrerRole: 'Social prescribing practitioner',
          route: 'third_sector',
        }),
      )
      assert.equal(sent.statusCode, 303)
      assert.equal((await agent.get(sent.headers.location as string)).statusCode, 200)
      const other = new Agent(t.app)
      await other.signIn('referrer')
      assert.equal((await other.get(sent.headers.location as string)).statusCode, 404)
    })

    it('refuses the form to those who do not refer', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('asset')
      assert.equal((await agent.get('/referrals/new')).statusCode, 403)
      const anonymous = new Agent(t.app)
      const page = await anonymous.get('/referrals/new')
      assert.equal(page.statusCode, 303)
      assert.match(String(page.headers.location), /^\/sign-in/)
    })
  })
}
