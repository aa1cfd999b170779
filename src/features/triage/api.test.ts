import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { createApiToken } from '../../platform/security/api-tokens.js'
import { makeReferral, userId } from './test-referrals.js'

for (const kind of databaseKinds()) {
  describe(`triage and person API (${kind})`, () => {
    let t: TestApp
    let token: string
    let otherToken: string
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      token = (await createApiToken(db, await userId(t.app, 'practitioner'), 'test', 30)).token
      otherToken = (await createApiToken(db, await userId(t.app, 'practitioner2'), 'test', 30)).token
    })
    after(() => t.close())

    const call = (method: 'GET' | 'POST', url: string, bearer: string, payload?: unknown, lang = 'en') =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, 'accept-language': lang, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) })

    it('accepts a referral with a practitioner, then answers 409 to a second decision', async () => {
      const { referralId, reference } = await makeReferral(t.app)
      const practitioner = await userId(t.app, 'practitioner')
      const accepted = await call('POST', `/api/v1/referrals/${referralId}/triage`, token, { decision: 'accept', practitionerId: practitioner })
      assert.equal(accepted.statusCode, 200)
      assert.deepEqual(accepted.json(), { id: referralId, reference, status: 'accepted' })
      const episode = await t.app.deps.database.db.selectFrom('episodes').select('practitioner_id').where('referral_id', '=', referralId).executeTakeFirstOrThrow()
      assert.equal(episode.practitioner_id, practitioner)

      const again = await call('POST', `/api/v1/referrals/${referralId}/triage`, token, { decision: 'decline', reason: 'duplicate', explanation: 'Twice' })
      assert.equal(again.statusCode, 409)
      assert.match(String(again.headers['content-type']), /application\/problem\+json/)
      assert.equal(again.json().code, 'conflict')
      assert.equal(again.json().currentStatus, 'accepted')
    })

    it('answers 422 naming each field, in the caller’s language, and writes nothing', async () => {
      const db = t.app.deps.database.db
      const { referralId } = await makeReferral(t.app)
      const response = await call('POST', `/api/v1/referrals/${referralId}/triage`, token, { decision: 'decline', reason: 'bored' })
      assert.equal(response.statusCode, 422)
      const problem = response.json()
      assert.equal(problem.code, 'validation_failed')
      assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ['reason', 'explanation'])
      const welsh = await call('POST', `/api/v1/referrals/${referralId}/triage`, token, { decision: 'accept' }, 'cy')
      assert.equal(welsh.statusCode, 422)
      assert.deepEqual(welsh.json().errors, [{ field: 'practitionerId', message: 'Dewiswch ymarferydd' }])
      const other = await call('POST', `/api/v1/referrals/${referralId}/triage`, token, { decision: 'accept', practitionerId: await userId(t.app, 'practitioner2') })
      assert.equal(other.statusCode, 422)
      assert.equal((await call('POST', `/api/v1/referrals/${referralId}/triage`, token, { decision: 'ignore' })).statusCode, 422)
      assert.equal((await db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status, 'received')
      assert.equal((await db.selectFrom('notifications').select('id').where('referral_id', '=', referralId).execute()).length, 0)

      const declined = await call('POST', `/api/v1/referrals/${referralId}/triage`, token, { decision: 'decline', reason: 'out_of_area', explanation: 'Lives in Powys', redirectedTo: 'Powys social prescribing' })
      assert.equal(declined.statusCode, 200)
      assert.equal(declined.json().status, 'declined')
    })

    it('answers 404 for an unknown referral and for another organisation’s, auditing the refusal', async () => {
      const db = t.app.deps.database.db
      const { referralId } = await makeReferral(t.app)
      assert.equal((await call('POST', `/api/v1/referrals/${randomUUID()}/triage`, token, { decision: 'accept' })).statusCode, 404)
      const refused = await call('POST', `/api/v1/referrals/${referralId}/triage`, otherToken, { decision: 'decline', reason: 'duplicate', explanation: 'x' })
      assert.equal(refused.statusCode, 404)
      assert.equal(refused.json().code, 'not_found')
      const audit = await db.selectFrom('audit_events').select(['outcome', 'actor_user_id']).where('record_id', '=', referralId).where('outcome', '=', 'refused').execute()
      assert.deepEqual(audit, [{ outcome: 'refused', actor_user_id: await userId(t.app, 'practitioner2') }])
      assert.equal((await db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status, 'received')
    })

    it('gives the person record to the supporting organisation only, audited', async () => {
      const db = t.app.deps.database.db
      const { personId, organisationId } = await makeReferral(t.app, { givenName: '陈', familyName: 'Zoë', nhsNumber: '943 476 5919' })
      const response = await call('GET', `/api/v1/people/${personId}`, token)
      assert.equal(response.statusCode, 200)
      const person = response.json()
      assert.equal(person.givenName, '陈')
      assert.equal(person.familyName, 'Zoë')
      assert.equal(person.nhsNumber, '9434765919')
      assert.equal(person.organisationId, organisationId)
      assert.deepEqual(person.localAuthority, { code: 'W06000015', name: 'Cardiff', nameCy: 'Caerdydd' })
      assert.equal(person.referrals.length, 1)
      assert.deepEqual(
        person.consents.filter((c: { state: string }) => c.state === 'given').map((c: { scope: string }) => c.scope),
        ['receive_support', 'share_with_referrer'],
      )
      const viewed = await db.selectFrom('audit_events').select('outcome').where('action', '=', 'person.view').where('record_id', '=', personId).execute()
      assert.deepEqual(viewed, [{ outcome: 'success' }])
      const refused = await call('GET', `/api/v1/people/${personId}`, otherToken)
      assert.equal(refused.statusCode, 404)
      const after = await db.selectFrom('audit_events').select('outcome').where('action', '=', 'person.view').where('record_id', '=', personId).orderBy('id').execute()
      assert.deepEqual(after, [{ outcome: 'success' }, { outcome: 'refused' }])
      assert.equal((await call('GET', `/api/v1/people/not-an-id`, token)).statusCode, 404)
    })

    it('documents both operations in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
      const triage = doc.paths['/api/v1/referrals/{id}/triage'].post
      assert.ok(triage.requestBody)
      assert.ok(triage.responses['422'] && triage.responses['409'] && triage.responses['404'])
      assert.ok(doc.paths['/api/v1/people/{id}'].get.responses['200'])
    })
  })
}
