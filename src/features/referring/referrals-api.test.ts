import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { createApiToken } from '../../platform/security/api-tokens.js'
import { addReferrerOrganisation, counts, decide, organisationId, userId, validJson } from './testing.js'

for (const kind of databaseKinds()) {
  describe(`referrals API (${kind})`, () => {
    let t: TestApp
    const tokens = new Map<string, string>()
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      for (const who of ['referrer', 'practitioner', 'practitioner2'])
        tokens.set(who, (await createApiToken(db, await userId(db, `${who}@demo.cyswllt.test`), 'Tests', 30)).token)
      tokens.set(
        'stranger',
        (await createApiToken(db, await userId(db, await addReferrerOrganisation(db, TEST_PASSWORD)), 'Tests', 30))
          .token,
      )
    })
    after(() => t.close())

    const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, lang = 'en') =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${tokens.get(who)}`, 'accept-language': lang },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })

    let referralId = ''

    it('creates a referral with a personal API token: 201, channel api, sent to the provider covering the area', async () => {
      const db = t.app.deps.database.db
      const response = await call(
        'referrer',
        'POST',
        '/api/v1/referrals',
        validJson({ crisis: true, risks: 'Large dog' }),
      )
      assert.equal(response.statusCode, 201, response.body)
      const body = response.json()
      assert.deepEqual(Object.keys(body).sort(), ['id', 'organisationId', 'receivedAt', 'reference', 'status'])
      assert.equal(body.status, 'received')
      assert.match(body.reference, /^CYS-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      assert.equal(body.organisationId, await organisationId(db, 'Cardiff and Vale Community Connectors'))
      assert.equal(response.headers.location, `/api/v1/referrals/${body.id}`)
      const row = await db.selectFrom('referrals').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
      assert.equal(row.channel, 'api')
      assert.equal(row.referrer_name, 'Dr Owen Referrer', 'defaults to the account')
      assert.equal(row.referrer_organisation_name, 'Heol y Bont Surgery')
      assert.equal(row.crisis, true)
      assert.equal(
        (
          await db
            .selectFrom('audit_events')
            .select('id')
            .where('action', '=', 'referral.create')
            .where('record_id', '=', body.id)
            .execute()
        ).length,
        1,
      )
      referralId = body.id
    })

    it('refuses a bad NHS number with 422 naming the field, in the caller’s language, writing nothing', async () => {
      const db = t.app.deps.database.db
      const before = await counts(db)
      const response = await call('referrer', 'POST', '/api/v1/referrals', validJson({ nhsNumber: '943 476 5918' }))
      assert.equal(response.statusCode, 422)
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/)
      const problem = response.json()
      assert.equal(problem.code, 'validation_failed')
      assert.deepEqual(problem.errors, [
        { field: 'nhsNumber', message: 'This is not a valid NHS number: check each digit, or leave it blank' },
      ])

      const welsh = await call(
        'referrer',
        'POST',
        '/api/v1/referrals',
        validJson({ nhsNumber: '12', dateOfBirth: '2999-01-01', givenName: '' }),
        'cy',
      )
      assert.equal(welsh.statusCode, 422)
      const fields = welsh.json().errors as { field: string; message: string }[]
      assert.deepEqual(
        fields.map((e) => e.field),
        ['givenName', 'dateOfBirth', 'nhsNumber'],
      )
      assert.match(fields[2]?.message ?? '', /Rhaid i rif GIG fod yn 10 digid/)
      assert.deepEqual(await counts(db), before)
    })

    it('refuses other bad bodies with 422 and every field named', async () => {
      const db = t.app.deps.database.db
      const before = await counts(db)
      const empty = await call('referrer', 'POST', '/api/v1/referrals', {})
      assert.equal(empty.statusCode, 422)
      const named = (empty.json().errors as { field: string }[]).map((e) => e.field)
      for (const field of [
        'givenName',
        'familyName',
        'dateOfBirth',
        'postcode',
        'reasons',
        'route',
        'personAgreed',
        'referrerRole',
        'referrerContact',
      ])
        assert.ok(named.includes(field), field)
      const wrongTypes = await call(
        'referrer',
        'POST',
        '/api/v1/referrals',
        validJson({ givenName: 42, reasons: 'housing', personAgreed: 'maybe', route: 'self' }),
      )
      assert.equal(wrongTypes.statusCode, 422)
      assert.deepEqual((wrongTypes.json().errors as { field: string }[]).map((e) => e.field).sort(), [
        'givenName',
        'personAgreed',
        'route',
      ])
      const notFound = await call(
        'referrer',
        'POST',
        '/api/v1/referrals',
        validJson({ postcode: 'SA99 9ZZ', localAuthorityCode: null }),
      )
      assert.equal(notFound.statusCode, 422)
      assert.deepEqual(
        notFound.json().errors.map((e: { field: string }) => e.field),
        ['localAuthorityCode'],
      )
      assert.deepEqual(await counts(db), before)
    })

    it('shows the whole referral to the receiving provider’s practitioner', async () => {
      const response = await call('practitioner', 'GET', `/api/v1/referrals/${referralId}`)
      assert.equal(response.statusCode, 200, response.body)
      const body = response.json()
      assert.equal(body.view, 'provider')
      assert.equal(body.person.nhsNumber, '9434765919')
      assert.equal(body.person.givenName, 'Llŷr')
      assert.equal(body.risks, 'Large dog')
      assert.equal(body.referrer.role, 'GP')
      assert.equal(body.channel, 'api')
      const audit = await t.app.deps.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'referral.view')
        .where('record_id', '=', referralId)
        .execute()
      assert.equal(audit.length, 1)
    })

    it('shows the referrer its status, and the outcome only with the person’s consent', async () => {
      const waiting = (await call('referrer', 'GET', `/api/v1/referrals/${referralId}`)).json()
      assert.equal(waiting.view, 'sender')
      assert.equal(waiting.status, 'received')
      assert.equal(waiting.outcome, null)
      assert.equal(waiting.person.nhsNumber, undefined, 'the sender sees no more of the record than it sent')
      assert.equal(waiting.risks, undefined)

      const quiet = (
        await call(
          'referrer',
          'POST',
          '/api/v1/referrals',
          validJson({ givenName: 'Siân', shareOutcomeWithReferrer: false }),
        )
      ).json()
      await decide(t.app.deps.database.db, quiet.id, { status: 'declined', declineReason: 'duplicate' })
      const hidden = (await call('referrer', 'GET', `/api/v1/referrals/${quiet.id}`)).json()
      assert.equal(hidden.status, 'outcome_not_shared')
      assert.equal(hidden.outcome, null)
      assert.equal(hidden.outcomeSharedWithReferrer, false)
      const declined = await call('referrer', 'GET', '/api/v1/referrals?status=declined')
      assert.ok(
        !declined.json().referrals.some((r: { id: string }) => r.id === quiet.id),
        'a filter cannot reveal a hidden outcome',
      )

      await decide(t.app.deps.database.db, referralId, {
        status: 'declined',
        declineReason: 'out_of_area',
        explanation: 'Lives in Bridgend',
        redirectedTo: 'Bridgend connectors',
      })
      const shared = (await call('referrer', 'GET', `/api/v1/referrals/${referralId}`)).json()
      assert.equal(shared.status, 'declined')
      assert.deepEqual(
        { ...shared.outcome, decidedAt: undefined },
        {
          status: 'declined',
          decidedAt: undefined,
          firstContactAt: null,
          declineReason: 'out_of_area',
          declineExplanation: 'Lives in Bridgend',
          redirectedTo: 'Bridgend connectors',
        },
      )
    })

    it('answers 404 to another provider and another referrer organisation, and audits the refusal', async () => {
      for (const who of ['practitioner2', 'stranger']) {
        const response = await call(who, 'GET', `/api/v1/referrals/${referralId}`)
        assert.equal(response.statusCode, 404)
        assert.equal(response.json().code, 'not_found')
        assert.doesNotMatch(response.body, /Llŷr/)
      }
      const refused = await t.app.deps.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'referral.view')
        .where('record_id', '=', referralId)
        .where('outcome', '=', 'refused')
        .execute()
      assert.equal(refused.length, 2)
      const practitioner2 = await userId(t.app.deps.database.db, 'practitioner2@demo.cyswllt.test')
      assert.ok(refused.some((a) => a.actor_user_id === practitioner2))
    })

    it('lists received referrals for the provider and sent ones for the referrer, filtered by status', async () => {
      const provider = (await call('practitioner', 'GET', '/api/v1/referrals')).json()
      assert.equal(provider.view, 'provider')
      assert.ok(provider.referrals.some((r: { id: string }) => r.id === referralId))
      const declined = (await call('practitioner', 'GET', '/api/v1/referrals?status=declined')).json()
      assert.ok(declined.referrals.every((r: { status: string }) => r.status === 'declined'))
      assert.equal(declined.total, 2)
      const sender = (await call('referrer', 'GET', '/api/v1/referrals?status=declined')).json()
      assert.equal(sender.view, 'sender')
      assert.deepEqual(
        sender.referrals.map((r: { id: string }) => r.id),
        [referralId],
      )
      assert.deepEqual((await call('practitioner2', 'GET', '/api/v1/referrals')).json().referrals, [])
      assert.deepEqual((await call('stranger', 'GET', '/api/v1/referrals')).json().referrals, [])
      const bad = await call('referrer', 'GET', '/api/v1/referrals?status=lost&page=0')
      assert.equal(bad.statusCode, 422)
      assert.deepEqual(
        bad.json().errors.map((e: { field: string }) => e.field),
        ['status', 'page'],
      )
    })

    it('works from the pages’ session with the CSRF header, and is documented in OpenAPI', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('referrer')
      const created = await agent.api(
        'POST',
        '/api/v1/referrals',
        validJson({ givenName: 'Dafydd', familyName: 'ap Gwilym' }),
      )
      assert.equal(created.statusCode, 201, created.body)
      const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
      assert.ok(openapi.paths['/api/v1/referrals'].post.requestBody)
      assert.ok(openapi.paths['/api/v1/referrals'].post.responses['422'])
      assert.ok(openapi.paths['/api/v1/referrals'].get)
      assert.ok(openapi.paths['/api/v1/referrals/{id}'].get)
    })
  })
}
