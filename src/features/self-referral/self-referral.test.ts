import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { DRAFT_COOKIE, paths } from './journey.js'
import { counts, dateOfBirthAged, referenceIn, send, walk } from './testing.js'

for (const kind of databaseKinds()) {
  describe(`self-referral journey (${kind})`, () => {
    let t: TestApp
    let cardiffId: string
    before(async () => {
      t = await startTestApp(kind)
      cardiffId = (await t.app.deps.database.db.selectFrom('organisations').select('id').where('name', '=', 'Cardiff and Vale Community Connectors').executeTakeFirstOrThrow()).id
    })
    after(() => t.close())

    const stored = (reference: string) =>
      t.app.deps.database.db
        .selectFrom('referrals')
        .innerJoin('people', 'people.id', 'referrals.person_id')
        .select([
          'referrals.id',
          'referrals.route',
          'referrals.channel',
          'referrals.status',
          'referrals.received_at',
          'referrals.organisation_id',
          'referrals.reasons',
          'referrals.reason_details',
          'people.given_name',
          'people.family_name',
          'people.language',
          'people.welsh_offer_made',
          'people.postcode',
          'people.local_authority_code',
          'people.contact_methods',
          'people.phone',
          'people.email',
          'people.guardian_name',
          'people.guardian_contact',
          'people.organisation_id as person_organisation_id',
        ])
        .where('referrals.reference', '=', reference)
        .executeTakeFirstOrThrow()

    it('links the public start page to the journey, which explains itself and gives the phone and post routes', async () => {
      const home = await new Agent(t.app).get('/')
      assert.ok(home.body.includes('href="/refer-yourself"'))
      assert.ok(!home.body.includes('coming soon'))
      for (const lang of ['en', 'cy'] as const) {
        const start = await new Agent(t.app, lang).get(paths.start)
        assert.equal(start.statusCode, 200)
        for (const text of lang === 'en' ? ['Refer yourself for social prescribing', 'about 10 minutes', '0300 123 4567', 'demonstration number', 'Cyswllt, Freepost, Cardiff'] : ['Atgyfeirio eich hun am bresgripsiynu cymdeithasol', 'tua 10 munud', '0300 123 4567', 'Rhif arddangos', 'Cyswllt, Rhadbost, Caerdydd']) {
          assert.ok(start.body.includes(text), `${lang}: ${text}`)
        }
        assert.ok(start.body.includes(`href="${paths.step('language')}"`))
      }
    })

    it('takes a whole self-referral in Welsh to the Cardiff provider, found through the local authority', async () => {
      const db = t.app.deps.database.db
      const agent = new Agent(t.app, 'cy')
      const offer = await agent.get(paths.step('language'))
      assert.ok(offer.body.includes('Hoffech chi ddefnyddio&#39;r Gymraeg?'), 'the active offer comes first')
      const localAuthorityPage = await walk(agent, { language: { useWelsh: 'yes' }, name: { givenName: 'Siân', familyName: 'Llŷr' } }, paths.step('local-authority'))
      assert.ok(localAuthorityPage.body.includes('Ym mha ardal cyngor'), 'asked for the council area in Welsh')
      assert.ok(localAuthorityPage.body.includes('CF10 1AA'))
      assert.ok(localAuthorityPage.body.includes('Caerdydd') && localAuthorityPage.body.includes('Ynys Môn'), 'authorities named in Welsh')
      const check = await walk(agent, { language: { useWelsh: 'yes' }, name: { givenName: 'Siân', familyName: 'Llŷr' } })
      assert.ok(check.body.includes('Gwiriwch eich atebion'))
      assert.ok(check.body.includes('Siân Llŷr'))
      assert.ok(check.body.includes(`href="${paths.step('name')}"`), 'each answer can be changed')
      const before = await counts(db)

      const confirmation = await send(agent)
      assert.equal(confirmation.statusCode, 200)
      assert.ok(confirmation.body.includes('Cais wedi&#39;i anfon'))
      assert.ok(confirmation.body.includes('Cysylltwyr Cymunedol Caerdydd a&#39;r Fro'), 'provider named in Welsh')
      assert.ok(confirmation.body.includes('o fewn 10 diwrnod gwaith dros y ffôn neu drwy e-bost'))
      const reference = referenceIn(confirmation.body)

      const row = await stored(reference)
      assert.equal(row.given_name, 'Siân')
      assert.equal(row.family_name, 'Llŷr')
      assert.equal(row.language, 'cy')
      assert.equal(row.welsh_offer_made, true)
      assert.equal(row.route, 'self')
      assert.equal(row.channel, 'self_referral_form')
      assert.equal(row.status, 'received')
      assert.ok(row.received_at instanceof Date)
      assert.equal(row.organisation_id, cardiffId)
      assert.equal(row.person_organisation_id, cardiffId)
      assert.equal(row.postcode, 'CF10 1AA')
      assert.equal(row.local_authority_code, 'W06000015')
      assert.deepEqual(row.contact_methods, ['phone', 'email'])
      assert.equal(row.email, 'dafydd@example.org')
      assert.deepEqual(await counts(db), { people: before.people + 1, referrals: before.referrals + 1, consents: before.consents + 1 })
      const consent = await db.selectFrom('consents').innerJoin('referrals', 'referrals.person_id', 'consents.person_id').select(['consents.scope', 'consents.method', 'consents.given']).where('referrals.id', '=', row.id).execute()
      assert.deepEqual(consent, [{ scope: 'receive_support', method: 'online_form', given: true }])
      const audited = await db.selectFrom('audit_events').select(['organisation_id', 'actor_user_id', 'outcome']).where('action', '=', 'referral.create').where('record_id', '=', row.id).execute()
      assert.deepEqual(audited, [{ organisation_id: cardiffId, actor_user_id: null, outcome: 'success' }])

      const drafts = await sql<{ n: number }>`select count(*)::int as n from self_referral_drafts where answers->>'givenName' = 'Siân'`.execute(db)
      assert.equal(drafts.rows[0]?.n, 0, 'the draft is deleted at submit')
      assert.ok(agent.cookie(DRAFT_COOKIE)?.startsWith('done.'))
      const again = await agent.get(paths.confirmation)
      assert.equal(referenceIn(again.body), reference, 'the confirmation survives a refresh')
      const resend = await agent.submit(paths.step('check-answers'), {})
      assert.equal(resend.headers.location, paths.start, 'sending twice writes nothing more')
      assert.equal((await counts(db)).referrals, before.referrals + 1)
    })

    it('takes a whole self-referral in English, still recording that the Welsh offer was made', async () => {
      const agent = new Agent(t.app, 'en')
      const offer = await agent.get(paths.step('language'))
      assert.ok(offer.body.includes('Would you like to use Welsh?') && offer.body.includes('lang="cy"'))
      const check = await walk(agent)
      assert.ok(check.body.includes('Check your answers before sending your request'))
      assert.ok(check.body.includes('Dafydd ap Gwilym'))
      assert.ok(check.body.includes('Cardiff'))
      const confirmation = await send(agent)
      assert.ok(confirmation.body.includes('Request sent'))
      assert.ok(confirmation.body.includes('A practitioner from Cardiff and Vale Community Connectors will contact you within 10 working days by phone or by email.'))
      const row = await stored(referenceIn(confirmation.body))
      assert.equal(row.given_name, 'Dafydd')
      assert.equal(row.family_name, 'ap Gwilym')
      assert.equal(row.language, 'en')
      assert.equal(row.welsh_offer_made, true)
      assert.deepEqual(row.reasons, ['loneliness_isolation', 'other'])
    })

    it('switches the journey to Welsh when Welsh is chosen at the active offer', async () => {
      const agent = new Agent(t.app, 'en')
      await agent.get(paths.step('language'))
      const chosen = await agent.submit(paths.step('language'), { useWelsh: 'yes' })
      assert.equal(chosen.headers.location, paths.step('name'))
      const name = await agent.get(paths.step('name'))
      assert.ok(name.body.includes('Beth yw eich enw?'))
      assert.ok(name.body.includes('<html lang="cy"'))
    })

    it('asks an under-18 for a parent, guardian or carer, and keeps every name exactly', async () => {
      const agent = new Agent(t.app)
      const young = { 'date-of-birth': dateOfBirthAged(15), name: { givenName: 'Zoë', familyName: '陈' } }
      const guardian = await walk(agent, young, paths.step('guardian'))
      assert.ok(guardian.body.includes('Because you are under 18'))
      const missing = await agent.submit(paths.step('guardian'), { guardianName: '', guardianRelationship: 'Dad', guardianContact: '' })
      assert.equal(missing.statusCode, 400)
      assert.ok(missing.body.includes('Enter the name of a parent, guardian or carer for someone under 18'))
      assert.ok(missing.body.includes('value="Dad"'))
      await walk(agent, { ...young, guardian: { guardianName: 'Llŷr ap Dafydd', guardianRelationship: 'Dad', guardianContact: '07700 900982' } })
      const row = await stored(referenceIn((await send(agent)).body))
      assert.equal(row.given_name, 'Zoë')
      assert.equal(row.family_name, '陈')
      assert.equal(row.guardian_name, 'Llŷr ap Dafydd')
      assert.equal(row.guardian_contact, '07700 900982')
    })

    it('shows the other ways to ask where no provider covers the area, and writes nothing', async () => {
      const db = t.app.deps.database.db
      const before = await counts(db)
      const agent = new Agent(t.app)
      const page = await walk(agent, { postcode: { postcode: 'LD1 5AA' }, 'local-authority': { localAuthorityCode: 'W06000023' } })
      assert.equal(agent.last?.statusCode, 200)
      assert.ok(page.body.includes('No social prescribing service in Cyswllt covers this area yet'))
      assert.ok(page.body.includes('Your council area: Powys'))
      assert.ok(page.body.includes('0300 123 4567') && page.body.includes('Cyswllt, Freepost, Cardiff'))
      const skip = await agent.get(paths.step('contact'))
      assert.equal(skip.headers.location, paths.step('no-service'), 'the journey cannot go on past it')
      assert.deepEqual(await counts(db), before)
      // Choosing a covered area carries on where the person was.
      const changed = await agent.submit(paths.step('local-authority'), { localAuthorityCode: 'W06000014' })
      assert.equal(changed.headers.location, paths.step('contact'))
    })

    it('shows HTML typed in their own words as text on check your answers', async () => {
      const agent = new Agent(t.app)
      const check = await walk(agent, { help: { reasons: ['other'], reasonDetails: '<script>alert("hi")</script><b>bold</b>' } })
      assert.ok(check.body.includes('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;'))
      assert.ok(!check.body.includes('<script>alert'))
      assert.ok(!check.body.includes('<b>bold</b>'))
    })

    it('lets an answer be changed from check your answers and comes back there', async () => {
      const agent = new Agent(t.app)
      await walk(agent)
      await agent.get(paths.step('carer'))
      const changed = await agent.submit(paths.step('carer'), { isCarer: 'yes', hasSupport: 'no' })
      assert.equal(changed.headers.location, paths.step('check-answers'))
      const check = await agent.get(paths.step('check-answers'))
      assert.match(check.body, /You look after someone[\s\S]*?Yes/)
      // A date of birth under 18 brings in the guardian page before going back.
      await agent.get(paths.step('date-of-birth'))
      const younger = await agent.submit(paths.step('date-of-birth'), dateOfBirthAged(12))
      assert.equal(younger.headers.location, paths.step('guardian'))
    })
  })
}
