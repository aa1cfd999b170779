import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'

const today = () => {
  const d = new Date()
  return {
    'sharedOn-day': String(d.getUTCDate()),
    'sharedOn-month': String(d.getUTCMonth() + 1),
    'sharedOn-year': String(d.getUTCFullYear()),
  }
}
const disclosure = () => ({
  recipientKind: 'referrer',
  sharedWithName: 'Dr Owen, Heath Surgery',
  fields: ['progress', 'wellbeing_and_plan'],
  purposeNote: 'Update for the GP by phone',
  basis: 'consent',
  consentScope: 'share_with_referrer',
  ...today(),
})

for (const kind of databaseKinds()) {
  describe(`the information-sharing log (${kind})`, () => {
    let t: TestApp
    const agents: Record<string, Agent> = {}
    before(async () => {
      t = await startTestApp(kind)
      for (const who of ['practitioner', 'practitioner2', 'asset', 'referrer', 'commissioner', 'safeguarding']) {
        agents[who] = new Agent(t.app)
        await agents[who].signIn(who)
      }
    })
    after(() => t.close())
    const a = (who: string) => agents[who] as Agent
    const db = () => t.app.deps.database.db
    const logged = async (personId: string) =>
      (await db().selectFrom('information_sharing_log').select('id').where('person_id', '=', personId).execute()).length
    const consent = async (f: { personId: string; organisationId: string; practitioner: string }, given: boolean) => {
      await db()
        .insertInto('consents')
        .values({
          person_id: f.personId,
          organisation_id: f.organisationId,
          scope: 'share_with_referrer',
          given,
          method: 'verbal',
          recorded_by: f.practitioner,
          recorded_at: new Date(Date.now() + (given ? 0 : 1000)),
        })
        .execute()
    }

    it('records a disclosure by hand and lists it beside the referral’s, with when, what, with whom, why, basis and by whom', async () => {
      const f = await connectionFixture(t.app)
      await consent(f, true)
      await a('practitioner').api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.shedService,
        kind: 'referral',
        fields: ['name'],
      })
      assert.equal((await a('practitioner').get(`/people/${f.personId}/sharing/new`)).statusCode, 200)
      const response = await a('practitioner').submit(`/people/${f.personId}/sharing`, disclosure())
      assert.equal(response.statusCode, 303)
      const row = await db()
        .selectFrom('information_sharing_log')
        .selectAll()
        .where('person_id', '=', f.personId)
        .where('recipient_kind', '=', 'referrer')
        .executeTakeFirstOrThrow()
      assert.equal(row.basis, 'consent')
      assert.equal(row.consent_scope, 'share_with_referrer')
      assert.ok(row.consent_id)
      assert.deepEqual(row.fields, ['progress', 'wellbeing_and_plan'])
      assert.deepEqual(
        (await db().selectFrom('audit_events').select('action').where('record_id', '=', row.id).execute()).map(
          (e) => e.action,
        ),
        ['disclosure.create'],
      )
      const list = await a('practitioner').get(`/people/${f.personId}/sharing?recorded=1`)
      assert.equal(list.statusCode, 200)
      for (const text of [
        'Dr Owen, Heath Surgery',
        'Progress and outcomes',
        'Update for the GP by phone',
        'Consent: Telling the referrer what happened',
        'Rhian Practitioner',
        'Referral to a community service',
        'Community service',
      ])
        assert.ok(list.body.includes(text), text)
      const page = await a('practitioner').get(`/people/${f.personId}`)
      assert.match(page.body, /Disclosures recorded: 2/)
      assert.match(page.body, /Information shared with Dr Owen, Heath Surgery/)
      const api = await a('practitioner').api('GET', `/api/v1/people/${f.personId}/disclosures`)
      assert.deepEqual(
        api
          .json()
          .disclosures.map((d: { recipientKind: string }) => d.recipientKind)
          .sort(),
        ['asset', 'referrer'],
      )
      assert.ok(
        (
          await db()
            .selectFrom('audit_events')
            .select('action')
            .where('record_id', '=', f.personId)
            .where('action', '=', 'disclosure.list')
            .execute()
        ).length >= 2,
      )
    })

    it('withdrawn consent blocks a new disclosure under that scope, and one without a basis is refused; nothing is written', async () => {
      const f = await connectionFixture(t.app, { consent: null })
      await consent(f, true)
      await consent(f, false)
      const withdrawn = await a('practitioner').submit(`/people/${f.personId}/sharing`, disclosure())
      assert.equal(withdrawn.statusCode, 400)
      assert.match(withdrawn.body, /govuk-error-summary/)
      assert.match(withdrawn.body, /The person has withdrawn this consent, so nothing can be shared under it now/)
      const noBasis = await a('practitioner').submit(`/people/${f.personId}/sharing`, { ...disclosure(), basis: '' })
      assert.equal(noBasis.statusCode, 400)
      assert.match(noBasis.body, /A disclosure needs a basis/)
      const api = await a('practitioner').api('POST', `/api/v1/people/${f.personId}/disclosures`, {
        ...disclosure(),
        sharedOn: new Date().toISOString().slice(0, 10),
      })
      assert.equal(api.statusCode, 422)
      assert.deepEqual(
        api.json().errors.map((e: { field: string }) => e.field),
        ['consentScope'],
      )
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      await welsh.get(`/people/${f.personId}/sharing/new`)
      const cy = await welsh.submit(`/people/${f.personId}/sharing`, { ...disclosure(), 'sharedOn-year': '2999' })
      assert.equal(cy.statusCode, 400)
      assert.match(
        cy.body,
        /Rhaid i&#39;r dyddiad rhannu fod heddiw neu yn y gorffennol|Rhaid i'r dyddiad rhannu fod heddiw neu yn y gorffennol/,
      )
      assert.equal(await logged(f.personId), 0)
      // A safeguarding duty needs no consent, and may name the person's concern.
      const concern = (
        await a('practitioner').api('POST', `/api/v1/people/${f.personId}/safeguarding-concerns`, {
          category: 'neglect',
          about: 'adult',
          noticedOn: '2026-01-02',
          whatHappened: 'Cold house',
        })
      ).json().id as string
      const duty = await a('practitioner').api('POST', `/api/v1/people/${f.personId}/disclosures`, {
        recipientKind: 'agency',
        sharedWithName: 'Cardiff adult safeguarding',
        fields: ['name', 'safeguarding'],
        purposeNote: 'Concern reported',
        basis: 'safeguarding_duty',
        concernId: concern,
        sharedOn: new Date().toISOString().slice(0, 10),
      })
      assert.equal(duty.statusCode, 201, duty.body)
      assert.equal(duty.json().safeguardingConcernId, concern)
      assert.equal(await logged(f.personId), 1)
    })

    it('keeps everyone but the person’s caseworkers out of the log', async () => {
      const f = await connectionFixture(t.app)
      for (const who of ['practitioner2', 'asset', 'referrer', 'commissioner', 'safeguarding']) {
        for (const r of [
          await a(who).get(`/people/${f.personId}/sharing`),
          await a(who).get(`/people/${f.personId}/sharing/new`),
          await a(who).submit(`/people/${f.personId}/sharing`, disclosure()),
          await a(who).api('GET', `/api/v1/people/${f.personId}/disclosures`),
          await a(who).api('POST', `/api/v1/people/${f.personId}/disclosures`, disclosure()),
        ])
          assert.ok([403, 404].includes(r.statusCode), `${who}: ${String(r.statusCode)}`)
      }
      assert.equal(await logged(f.personId), 0)
    })
  })
}
