import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

for (const kind of databaseKinds()) {
  describe(`HTTP behaviour (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind, { BODY_LIMIT_BYTES: '2048' })
    })
    after(() => t.close())

    it('reports liveness and readiness as JSON', async () => {
      const live = await t.app.inject('/healthz')
      assert.deepEqual(live.json(), { status: 'ok' })
      const ready = await t.app.inject('/readyz')
      assert.equal(ready.statusCode, 200)
      assert.equal(ready.json().status, 'ready')
      assert.equal(ready.json().migrations, 'current')
    })

    it('sends security headers and a nonce-based Content-Security-Policy without inline script', async () => {
      const response = await t.app.inject('/')
      const csp = String(response.headers['content-security-policy'])
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1]
      assert.ok(nonce, csp)
      assert.doesNotMatch(csp, /unsafe-inline/)
      assert.match(response.body, new RegExp(`<script src="/assets/app.js" nonce="${nonce}">`))
      assert.doesNotMatch(response.body, /<script>(?!<\/script>)|<script nonce[^>]*>[^<]|style="/)
      assert.equal(response.headers['x-content-type-options'], 'nosniff')
      assert.match(String(response.headers['x-frame-options']), /SAMEORIGIN|DENY/)
      assert.ok(response.headers['x-request-id'])
    })

    it('sends every response the same security headers, with fresh nonces each time', async () => {
      const page = await t.app.inject('/')
      const json = await t.app.inject('/oruk/services')
      const policy = (r: typeof page) => String(r.headers['content-security-policy'])
      assert.equal(policy(page).replace(/nonce-[0-9a-f]{32}/g, 'nonce'), policy(json).replace(/nonce-[0-9a-f]{32}/g, 'nonce'))
      assert.notEqual(policy(page), policy(json))
      const [script, style] = [...policy(json).matchAll(/nonce-([0-9a-f]{32})/g)].map((m) => m[1])
      assert.notEqual(script, style)
      for (const name of ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'x-xss-protection'])
        assert.equal(json.headers[name], page.headers[name], name)
    })

    it('sets cookies HttpOnly and SameSite=Lax', async () => {
      const response = await t.app.inject('/sign-in')
      const cookies = [response.headers['set-cookie']].flat().join('\n')
      assert.match(cookies, /cyswllt_csrf=[^;]+;.*HttpOnly/)
      assert.match(cookies, /SameSite=Lax/)
    })

    it('sets the CSRF cookie only where a page prints a token, and refuses a post whose browser has no cookie', async () => {
      // Reads that render no form (ORUK, the JSON API) leave the browser without one: nothing to mint per request.
      for (const url of ['/oruk/services', '/api/v1/openapi.json', '/healthz']) {
        const response = await t.app.inject(url)
        assert.equal(response.statusCode, 200, url)
        assert.doesNotMatch([response.headers['set-cookie']].flat().join('\n'), /cyswllt_csrf/, url)
      }
      // Nor does a page without a form for someone not signed in: the directory search's form is sent with GET.
      for (const url of ['/directory?q=walking', '/directory?q=cerdded&lng=cy']) {
        const response = await t.app.inject(url)
        assert.equal(response.statusCode, 200, url)
        assert.doesNotMatch(response.body, /name="_csrf"/, url)
        assert.doesNotMatch([response.headers['set-cookie']].flat().join('\n'), /cyswllt_csrf/, url)
      }
      // A page with a form mints it, and the token it shows is good for that browser only.
      const browser = new Agent(t.app)
      await browser.get('/sign-in')
      assert.ok(browser.cookie('cyswllt_csrf'))
      const sameCookie = await browser.get('/sign-in')
      assert.doesNotMatch([sameCookie.headers['set-cookie']].flat().join('\n'), /cyswllt_csrf/)
      const form = { email: 'admin@demo.cyswllt.test', password: 'wrong' }
      const withoutCookie = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...form, _csrf: browser.csrf }).toString(),
      })
      assert.equal(withoutCookie.statusCode, 403)
      // The refusal page hands out a fresh cookie, so reloading the form and sending again works.
      assert.match([withoutCookie.headers['set-cookie']].flat().join('\n'), /cyswllt_csrf=[^;]+;.*HttpOnly/)
      assert.equal((await browser.submit('/sign-in', form)).statusCode, 401)
    })

    it('shows the bilingual 404 page and a problem document for the API', async () => {
      const en = await new Agent(t.app).get('/no-such-page')
      assert.equal(en.statusCode, 404)
      assert.match(en.body, /Page not found/)
      const cy = await new Agent(t.app, 'cy').get('/no-such-page')
      assert.match(cy.body, /Heb ddod o hyd i&#39;r dudalen/)
      const api = await t.app.inject('/api/v1/nothing-here')
      assert.equal(api.statusCode, 404)
      assert.match(String(api.headers['content-type']), /application\/problem\+json/)
      assert.equal(api.json().code, 'not_found')
    })

    it('answers 405 with Allow for a wrong method on a known path', async () => {
      const response = await t.app.inject({ method: 'DELETE', url: '/sign-in' })
      assert.equal(response.statusCode, 405)
      assert.match(String(response.headers.allow), /GET/)
      assert.match(String(response.headers.allow), /POST/)
    })

    it('refuses an oversized body with 413 and writes nothing', async () => {
      const agent = new Agent(t.app)
      await agent.get('/sign-in')
      const response = await agent.submit('/sign-in', { email: 'admin@demo.cyswllt.test', password: 'x'.repeat(4000) })
      assert.equal(response.statusCode, 413)
      assert.match(response.body, /too large/)
    })

    it('asks anonymous API callers to authenticate with a problem document', async () => {
      const response = await t.app.inject('/api/v1/me')
      assert.equal(response.statusCode, 401)
      assert.equal(response.json().code, 'unauthenticated')
      const bad = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer cys_not-a-real-token' } })
      assert.equal(bad.statusCode, 401)
      assert.equal(bad.json().code, 'invalid_token')
    })

    it('serves the OpenAPI 3.1 document', async () => {
      const response = await t.app.inject('/api/v1/openapi.json')
      assert.equal(response.statusCode, 200)
      assert.match(response.json().openapi, /^3\.1\./)
    })

    it('documents what every API operation answers when it succeeds, not only its errors', async () => {
      const document = (await t.app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> }
      const undocumented = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => !Object.keys(operation.responses ?? {}).some((status) => /^[23]/.test(status)))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      assert.deepEqual(undocumented, [])
    })

    it('serves the stylesheet without GDS Transport or the crown', async () => {
      const css = await t.app.inject('/assets/app.css')
      assert.equal(css.statusCode, 200)
      assert.doesNotMatch(css.body, /GDS Transport|@font-face/)
      const page = await t.app.inject('/')
      assert.doesNotMatch(page.body, /govuk-logo|crown|GOV\.UK/i)
    })

    it('ends a session idle for 30 minutes and sends the user to sign in again', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('referrer')
      const db = t.app.deps.database.db
      const user = await db.selectFrom('users').select('id').where('email', '=', 'referrer@demo.cyswllt.test').executeTakeFirstOrThrow()
      await db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60 * 1000) }).where('user_id', '=', user.id).execute()
      const response = await agent.get('/home')
      assert.equal(response.statusCode, 303)
      assert.match(String(response.headers.location), /^\/sign-in\?expired=1/)
      const page = await agent.get(String(response.headers.location))
      assert.match(page.body, /had not used Cyswllt for 30 minutes/)
    })

    it('ends a session 12 hours after sign-in however active it is', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('asset')
      const db = t.app.deps.database.db
      const user = await db.selectFrom('users').select('id').where('email', '=', 'asset@demo.cyswllt.test').executeTakeFirstOrThrow()
      await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date() }).where('user_id', '=', user.id).execute()
      const response = await agent.get('/home')
      assert.equal(response.statusCode, 303)
      assert.match(String(response.headers.location), /expired=1/)
    })

    it('keeps the audit trail append-only', async () => {
      const db = t.app.deps.database.db
      await assert.rejects(db.deleteFrom('audit_events').execute(), /append-only/)
      await assert.rejects(db.updateTable('audit_events').set({ action: 'x' }).execute(), /append-only/)
    })

    it('remembers the language chosen with ?lng=', async () => {
      const agent = new Agent(t.app, 'en')
      await agent.get('/?lng=cy')
      const next = await agent.get('/sign-in')
      assert.match(next.body, /<html lang="cy"/)
      assert.match(next.body, /Mewngofnodi i Cyswllt/)
    })
  })
}
