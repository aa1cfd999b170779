import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { createApiToken } from '../../platform/security/api-tokens.js'

for (const kind of databaseKinds()) {
  describe(`administration API (${kind})`, () => {
    let t: TestApp
    let admin: Agent
    const db = () => t.app.deps.database.db
    const count = async (table: 'organisations' | 'users' | 'audit_events') =>
      Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const orgId = async (name: string) => (await db().selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
    const isProblem = (response: { headers: Record<string, unknown> }) => assert.match(String(response.headers['content-type']), /^application\/problem\+json/)

    before(async () => {
      t = await startTestApp(kind)
      admin = new Agent(t.app)
      await admin.signIn('admin')
    })
    after(() => t.close())

    it('lists organisations, filtered by type', async () => {
      const all = await admin.api('GET', '/api/v1/organisations')
      assert.equal(all.statusCode, 200)
      const organisations = all.json().organisations as { name: string; nameCy: string | null; localAuthorities: string[]; userCount: number }[]
      assert.equal(organisations.length, 6)
      const cardiff = organisations.find((o) => o.name === 'Cardiff and Vale Community Connectors')
      assert.deepEqual(cardiff?.localAuthorities, ['W06000014', 'W06000015'])
      assert.equal(cardiff?.userCount, 3)
      const assets = await admin.api('GET', '/api/v1/organisations?type=asset')
      assert.deepEqual(assets.json().organisations.map((o: { name: string }) => o.name), ['Aberystwyth Community Shed'])
      const bad = await admin.api('GET', '/api/v1/organisations?type=charity')
      assert.equal(bad.statusCode, 400)
      assert.deepEqual(bad.json().errors, [{ field: 'type', message: 'Select a type of organisation from the list' }])
    })

    it('creates an organisation and reads it back', async () => {
      const response = await admin.api('POST', '/api/v1/organisations', { name: 'Newport Lunch Club', nameCy: 'Clwb Cinio Casnewydd', type: 'asset', localAuthorities: ['W06000022'] })
      assert.equal(response.statusCode, 201)
      const created = response.json()
      assert.equal(response.headers.location, `/api/v1/organisations/${created.id}`)
      assert.equal(created.nameCy, 'Clwb Cinio Casnewydd')
      assert.equal(created.userCount, 0)
      assert.match(created.createdAt, /^\d{4}-\d\d-\d\dT/)
      const read = await admin.api('GET', String(response.headers.location))
      assert.equal(read.statusCode, 200)
      assert.deepEqual(read.json(), created)
      const [event] = await db().selectFrom('audit_events').selectAll().where('action', '=', 'organisation.create').where('record_id', '=', created.id).execute()
      assert.ok(event)
    })

    it('answers 400 validation_failed with each field, in the caller’s language, and writes nothing', async () => {
      const cy = new Agent(t.app, 'cy')
      await cy.signIn('admin')
      const before = [await count('organisations'), await count('audit_events')]
      const response = await admin.api('POST', '/api/v1/organisations', { name: 42.5, type: 'club', localAuthorities: 'W06000099' })
      assert.equal(response.statusCode, 400)
      isProblem(response)
      assert.equal(response.json().code, 'validation_failed')
      assert.deepEqual(response.json().errors, [
        { field: 'type', message: 'Select a type of organisation from the list' },
        { field: 'localAuthorities', message: 'Select local authorities from the list' },
      ])
      const welsh = await cy.api('POST', '/api/v1/organisations', {})
      assert.equal(welsh.statusCode, 400)
      assert.deepEqual(welsh.json().errors, [
        { field: 'name', message: "Rhowch enw'r sefydliad yn Saesneg" },
        { field: 'type', message: 'Dewiswch y math o sefydliad' },
      ])
      const notObject = await admin.api('POST', '/api/v1/organisations', ['name'])
      assert.equal(notObject.statusCode, 400)
      assert.deepEqual([await count('organisations'), await count('audit_events')], before)
    })

    it('answers 409 conflict for a name already used', async () => {
      const before = await count('organisations')
      const response = await admin.api('POST', '/api/v1/organisations', { name: 'heol y bont surgery', type: 'referrer' })
      assert.equal(response.statusCode, 409)
      isProblem(response)
      assert.equal(response.json().code, 'conflict')
      assert.equal(response.json().title, 'The record already exists')
      assert.deepEqual(response.json().errors, [{ field: 'name', message: 'There is already an organisation with this name' }])
      assert.equal(await count('organisations'), before)
    })

    it('answers 404 for an unknown organisation or user, or an id that is not a UUID', async () => {
      for (const url of ['/api/v1/organisations/00000000-0000-4000-8000-000000000000', '/api/v1/organisations/abc', '/api/v1/users/00000000-0000-4000-8000-000000000000', '/api/v1/users/abc']) {
        const response = await admin.api('GET', url)
        assert.equal(response.statusCode, 404, url)
        isProblem(response)
        assert.equal(response.json().code, 'not_found')
      }
    })

    it('lists users for administrators, with filters, and audits the read', async () => {
      const before = await count('audit_events')
      const response = await admin.api('GET', `/api/v1/users?organisationId=${await orgId('Cardiff and Vale Community Connectors')}&role=team_lead`)
      assert.equal(response.statusCode, 200)
      const body = response.json()
      assert.equal(body.total, 1)
      assert.equal(body.pageSize, 50)
      assert.equal(body.users[0].email, 'teamlead@demo.cyswllt.test')
      assert.deepEqual(body.users[0].roles, ['practitioner', 'team_lead'])
      assert.equal(body.users[0].locked, false)
      assert.equal(body.users[0].password_hash, undefined)
      assert.equal(await count('audit_events'), before + 1)
      const bad = await admin.api('GET', '/api/v1/users?role=root&organisationId=1&page=0')
      assert.equal(bad.statusCode, 400)
      assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['organisationId', 'role', 'page'])
    })

    it('creates a user, returning a chosen password once', async () => {
      const response = await admin.api('POST', '/api/v1/users', { name: 'Ffion API', email: 'Ffion@Example.org', organisationId: await orgId('Heol y Bont Surgery'), roles: ['referrer'] })
      assert.equal(response.statusCode, 201)
      assert.equal(response.headers['cache-control'], 'no-store')
      const created = response.json()
      assert.equal(created.email, 'ffion@example.org')
      assert.equal(created.active, true)
      assert.equal(typeof created.generatedPassword, 'string')
      const read = await admin.api('GET', `/api/v1/users/${created.id}`)
      assert.equal(read.statusCode, 200)
      assert.equal(read.json().generatedPassword, undefined)
      const view = await db().selectFrom('audit_events').select('id').where('action', '=', 'user.view').where('record_id', '=', created.id).execute()
      assert.equal(view.length, 1)
      const ffion = new Agent(t.app)
      await ffion.signIn('ffion@example.org', created.generatedPassword)

      const typed = await admin.api('POST', '/api/v1/users', { name: 'Hywel API', email: 'hywel@example.org', organisationId: await orgId('Heol y Bont Surgery'), roles: ['referrer'], password: 'cwm rhondda bread of heaven' })
      assert.equal(typed.statusCode, 201)
      assert.equal(typed.json().generatedPassword, undefined)
    })

    it('answers 400 for a bad user and 409 for an e-mail address in use, writing nothing', async () => {
      const before = [await count('users'), await count('audit_events')]
      const bad = await admin.api('POST', '/api/v1/users', { name: '', email: 'nobody', organisationId: 'x', roles: [], password: '123456789012' })
      assert.equal(bad.statusCode, 400)
      assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['name', 'email', 'organisationId', 'roles', 'password'])
      const taken = await admin.api('POST', '/api/v1/users', { name: 'Copy', email: 'ADMIN@demo.cyswllt.test', organisationId: await orgId('Heol y Bont Surgery'), roles: ['referrer'] })
      assert.equal(taken.statusCode, 409)
      assert.equal(taken.json().code, 'conflict')
      assert.deepEqual(taken.json().errors, [{ field: 'email', message: 'There is already a user with this email address' }])
      assert.deepEqual([await count('users'), await count('audit_events')], before)
    })

    it('refuses non-administrators (403), anonymous callers (401) and session calls without the CSRF header', async () => {
      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      for (const [method, url] of [['GET', '/api/v1/organisations'], ['POST', '/api/v1/organisations'], ['GET', '/api/v1/users'], ['POST', '/api/v1/users']] as const) {
        const response = await practitioner.api(method, url, method === 'POST' ? { name: 'X', type: 'asset' } : undefined)
        assert.equal(response.statusCode, 403, url)
        isProblem(response)
        assert.equal(response.json().code, 'forbidden')
      }
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/users' })
      assert.equal(anonymous.statusCode, 401)
      assert.equal(anonymous.json().code, 'unauthenticated')
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { cookie: `cyswllt_session=${admin.cookie('cyswllt_session')}`, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'No CSRF', type: 'asset' }) })
      assert.equal(noCsrf.statusCode, 403)
      assert.equal(await db().selectFrom('organisations').select('id').where('name', '=', 'No CSRF').executeTakeFirst(), undefined)
    })

    it('accepts a personal API token without CSRF', async () => {
      const me = await db().selectFrom('users').select('id').where('email', '=', 'admin@demo.cyswllt.test').executeTakeFirstOrThrow()
      const { token } = await createApiToken(db(), me.id, 'test', 1)
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'Token Made', type: 'commissioner' }) })
      assert.equal(response.statusCode, 201)
    })

    it('documents the routes and their responses in the OpenAPI document', async () => {
      const doc = (await t.app.inject('/api/v1/openapi.json')).json()
      for (const path of ['/api/v1/organisations', '/api/v1/organisations/{id}', '/api/v1/users', '/api/v1/users/{id}']) assert.ok(doc.paths[path], path)
      assert.ok(doc.paths['/api/v1/organisations'].post.responses['201'])
      assert.ok(doc.paths['/api/v1/organisations'].post.responses['409'])
      assert.ok(doc.paths['/api/v1/users'].post.requestBody)
      assert.ok(doc.paths['/api/v1/users/{id}'].get.responses['404'])
    })
  })
}
