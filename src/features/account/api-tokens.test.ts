import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { createApiToken } from '../../platform/security/api-tokens.js'

const TOKEN = /cys_[A-Za-z0-9_-]{43}/

for (const kind of databaseKinds()) {
  describe(`personal API tokens (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    const bearer = (token: string, method: 'GET' | 'POST' | 'DELETE' = 'GET', url = '/api/v1/me', payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
    const userId = async (who: string) =>
      (
        await t.app.deps.database.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', `${who}@demo.cyswllt.test`)
          .executeTakeFirstOrThrow()
      ).id

    it('creates a token from the page, shows it once, and it works until revoked', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const list = await agent.get('/account/api-tokens')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /You have no API tokens/)
      assert.match(list.body, /value="90" checked/)

      const created = await agent.submit('/account/api-tokens', { name: 'Monthly report', days: '30' })
      assert.equal(created.statusCode, 200)
      assert.equal(created.headers['cache-control'], 'no-store')
      assert.match(created.body, /It will not be shown again/)
      assert.match(created.body, /govuk-warning-text/)
      const token = TOKEN.exec(created.body)?.[0] as string
      assert.ok(token)

      const again = await agent.get('/account/api-tokens')
      assert.ok(!again.body.includes(token), 'the token is shown only once')
      assert.match(again.body, /Monthly report/)
      assert.ok(again.body.includes(`${token.slice(0, 8)}…`))
      assert.match(again.body, /Active/)

      const me = await bearer(token)
      assert.equal(me.statusCode, 200)
      const body = me.json()
      assert.equal(body.email, 'practitioner@demo.cyswllt.test')
      assert.equal(body.authenticatedBy, 'token')
      assert.deepEqual(body.roles, ['practitioner'])
      assert.equal(body.organisation.type, 'provider')
      assert.equal(body.organisation.name, 'Cardiff and Vale Community Connectors')

      const audits = await t.app.deps.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', 'like', 'api_token.%')
        .execute()
      assert.ok(audits.some((a) => a.action === 'api_token.create' && a.actor_user_id === body.id))
      assert.ok(!JSON.stringify(audits).includes(token), 'the token is never audited')

      const row = await t.app.deps.database.db
        .selectFrom('api_tokens')
        .select('id')
        .where('name', '=', 'Monthly report')
        .executeTakeFirstOrThrow()
      await agent.get('/account/api-tokens')
      const revoked = await agent.submit(`/account/api-tokens/${row.id}/revoke`, {})
      assert.equal(revoked.statusCode, 303)
      const listed = await agent.get(revoked.headers.location as string)
      assert.match(listed.body, /The token has been revoked/)
      assert.match(listed.body, /Revoked/)

      const refused = await bearer(token)
      assert.equal(refused.statusCode, 401)
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/)
      assert.equal(refused.json().code, 'invalid_token')
      const revokeAudit = await t.app.deps.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'api_token.revoke')
        .where('record_id', '=', row.id)
        .execute()
      assert.equal(revokeAudit.length, 1)
    })

    it('keeps what was typed when the form is wrong, and creates nothing', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('referrer')
      await agent.get('/account/api-tokens')
      const noDays = await agent.submit('/account/api-tokens', { name: 'Nightly export' })
      assert.equal(noDays.statusCode, 400)
      assert.match(noDays.body, /Select how long the token should last/)
      assert.match(noDays.body, /value="Nightly export"/)
      const noName = await agent.submit('/account/api-tokens', { name: '', days: '180' })
      assert.equal(noName.statusCode, 400)
      assert.match(noName.body, /Enter a name for the token/)
      assert.match(noName.body, /value="180" checked/)
      const count = await t.app.deps.database.db
        .selectFrom('api_tokens')
        .select('id')
        .where('user_id', '=', await userId('referrer'))
        .execute()
      assert.equal(count.length, 0)

      await agent.submit('/account/api-tokens', { name: 'Nightly export', days: '90' })
      await agent.get('/account/api-tokens')
      const clash = await agent.submit('/account/api-tokens', { name: 'nightly EXPORT', days: '30' })
      assert.equal(clash.statusCode, 409)
      assert.match(clash.body, /You already have an active token with this name/)
      assert.match(clash.body, /value="nightly EXPORT"/)
    })

    it('answers in Welsh', async () => {
      const agent = new Agent(t.app, 'cy')
      await agent.signIn('asset')
      await agent.get('/account/api-tokens')
      assert.match(agent.last?.body ?? '', /Tocynnau API personol/)
      const created = await agent.submit('/account/api-tokens', { name: 'Sgript', days: '365' })
      assert.match(created.body, /Ni fydd yn cael ei ddangos eto/)
      const wrong = await agent.submit('/account/api-tokens', { name: '', days: '' })
      assert.match(wrong.body, /Rhowch enw i&#39;r tocyn/)
    })

    it("does not reveal or revoke another user's token", async () => {
      const theirs = await createApiToken(t.app.deps.database.db, await userId('practitioner2'), 'Theirs', 30)
      const agent = new Agent(t.app)
      await agent.signIn('teamlead')
      await agent.get('/account/api-tokens')
      assert.equal((await agent.submit(`/account/api-tokens/${theirs.id}/revoke`, {})).statusCode, 404)
      assert.equal((await agent.submit('/account/api-tokens/not-a-uuid/revoke', {})).statusCode, 404)
      const api = await agent.api('DELETE', `/api/v1/api-tokens/${theirs.id}`)
      assert.equal(api.statusCode, 404)
      assert.equal(api.json().code, 'not_found')
      assert.equal((await bearer(theirs.token)).statusCode, 200)
    })

    it('refuses an expired token', async () => {
      const longAgo = new Date(Date.now() - 60 * 86_400_000)
      const expired = await createApiToken(t.app.deps.database.db, await userId('editor'), 'Old', 30, longAgo)
      const response = await bearer(expired.token)
      assert.equal(response.statusCode, 401)
      assert.equal(response.json().code, 'invalid_token')
      assert.equal((await bearer('cys_not-a-real-token')).statusCode, 401)
      const anonymous = await t.app.inject({ url: '/api/v1/me' })
      assert.equal(anonymous.statusCode, 401)
      assert.equal(anonymous.json().code, 'unauthenticated')
    })

    it('manages tokens through the API from a session, and lets a bearer token list and revoke but never create', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('commissioner')
      const first = await createApiToken(t.app.deps.database.db, await userId('commissioner'), 'Bootstrap', 30)
      const minted = await bearer(first.token, 'POST', '/api/v1/api-tokens', { name: 'From a token' })
      assert.equal(minted.statusCode, 403, 'a leaked token must not mint tokens that outlive its revocation')
      const created = await agent.api('POST', '/api/v1/api-tokens', { name: 'Dashboard', days: 180 })
      assert.equal(created.statusCode, 201)
      const body = created.json()
      assert.match(body.token, TOKEN)
      assert.equal(body.name, 'Dashboard')
      assert.equal(Math.round((Date.parse(body.expiresAt) - Date.parse(body.createdAt)) / 86_400_000), 180)

      const listed = (await bearer(first.token, 'GET', '/api/v1/api-tokens')).json()
      assert.deepEqual(listed.items.map((i: { name: string }) => i.name).sort(), ['Bootstrap', 'Dashboard'])
      assert.ok(!JSON.stringify(listed).includes(body.token))

      const defaulted = (await agent.api('POST', '/api/v1/api-tokens', { name: 'Default length' })).json()
      assert.equal(Math.round((Date.parse(defaulted.expiresAt) - Date.parse(defaulted.createdAt)) / 86_400_000), 90)

      const deleted = await bearer(first.token, 'DELETE', `/api/v1/api-tokens/${body.id}`)
      assert.equal(deleted.statusCode, 204)
      assert.equal((await bearer(body.token)).statusCode, 401)
      assert.equal((await bearer(first.token, 'DELETE', `/api/v1/api-tokens/${body.id}`)).statusCode, 204)
    })

    it('answers API mistakes with problem documents and codes', async () => {
      const { token } = await createApiToken(t.app.deps.database.db, await userId('admin'), 'Mistakes', 30)
      const agent = new Agent(t.app)
      await agent.signIn('admin')
      const cases: { payload: unknown; field: string }[] = [
        { payload: { name: '' }, field: 'name' },
        { payload: { name: '   ' }, field: 'name' },
        { payload: { name: 'x', days: 45 }, field: 'days' },
        { payload: { days: 30 }, field: 'name' },
      ]
      for (const c of cases) {
        const response = await agent.api('POST', '/api/v1/api-tokens', c.payload)
        assert.equal(response.statusCode, 400, JSON.stringify(c.payload))
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/)
        const problem = response.json()
        assert.equal(problem.code, 'validation_failed')
        assert.ok(
          Array.isArray(problem.errors) && problem.errors.some((e: { field: string }) => e.field === c.field),
          JSON.stringify(problem),
        )
      }
      await agent.api('POST', '/api/v1/api-tokens', { name: 'Twice' })
      const conflict = await agent.api('POST', '/api/v1/api-tokens', { name: 'Twice' })
      assert.equal(conflict.statusCode, 409)
      assert.equal(conflict.json().code, 'conflict')
      const badId = await bearer(token, 'DELETE', '/api/v1/api-tokens/not-a-uuid')
      assert.equal(badId.statusCode, 400)
      assert.equal(badId.json().code, 'validation_failed')
      const missing = await bearer(token, 'DELETE', '/api/v1/api-tokens/00000000-0000-4000-8000-000000000000')
      assert.equal(missing.statusCode, 404)
    })

    it('accepts session calls only with the x-csrf-token header', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner2')
      const cookie = `cyswllt_session=${agent.cookie('cyswllt_session')}; cyswllt_csrf=${agent.cookie('cyswllt_csrf')}`
      const payload = { name: 'From the page' }
      const without = await t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: { cookie }, payload })
      assert.equal(without.statusCode, 403)
      assert.equal(without.json().code, 'csrf_failed')
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: { cookie, 'x-csrf-token': 'guessed' },
        payload,
      })
      assert.equal(wrong.statusCode, 403)
      const count = await t.app.deps.database.db
        .selectFrom('api_tokens')
        .select('id')
        .where('name', '=', 'From the page')
        .execute()
      assert.equal(count.length, 0)

      const me = await agent.api('GET', '/api/v1/me')
      assert.equal(me.json().authenticatedBy, 'session')
      const created = await agent.api('POST', '/api/v1/api-tokens', payload)
      assert.equal(created.statusCode, 201)
    })

    it('describes every route in the OpenAPI document', async () => {
      const response = await t.app.inject({ url: '/api/v1/openapi.json' })
      assert.equal(response.statusCode, 200)
      const doc = JSON.parse(response.body)
      assert.match(doc.openapi, /^3\.1\.\d+$/)
      assert.ok(doc.paths['/api/v1/me'].get)
      assert.ok(doc.paths['/api/v1/api-tokens'].get && doc.paths['/api/v1/api-tokens'].post)
      assert.ok(doc.paths['/api/v1/api-tokens/{id}'].delete)
      assert.ok(doc.paths['/api/v1/api-tokens'].post.requestBody.content['application/json'].schema.properties.days)
      assert.ok(doc.paths['/api/v1/api-tokens'].post.responses['409'].content['application/problem+json'])
      assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/account')), 'pages stay out of the API document')
    })
  })
}
