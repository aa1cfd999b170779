import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { type Actor, can, isAction } from './policy.js'

/*
 * Every registered route must declare its access-policy action, and the pipeline must enforce exactly what the
 * policy says: the matrix runs every route × every demo role (and anonymous) × a record of the user's own and of
 * another organisation.
 */
const demoRoles = ['admin', 'practitioner', 'practitioner2', 'teamlead', 'referrer', 'asset', 'editor', 'commissioner'] as const

function concrete(url: string, id: string): string {
  return url.replace(/:[A-Za-z]+/g, id)
}

for (const kind of databaseKinds()) {
  describe(`access to every route (${kind})`, () => {
    let t: TestApp
    const agents = new Map<string, Agent>()
    before(async () => {
      t = await startTestApp(kind)
      for (const who of demoRoles) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        agents.set(who, agent)
      }
    })
    after(() => t.close())

    it('has a declared, known policy action on every route', () => {
      const missing = t.app.registeredRoutes.filter((route) => !isAction(route.action)).map((r) => `${r.method} ${r.url}`)
      assert.deepEqual(missing, [], `routes without a declared access-policy action: ${missing.join(', ')}`)
      assert.ok(t.app.registeredRoutes.length > 10)
    })

    it('refuses or admits every role on every route as the policy says, for own and other organisations', async () => {
      const routes = t.app.registeredRoutes.filter((r) => !r.url.startsWith('/assets/') && r.method !== 'HEAD' && isAction(r.action) && r.action !== 'public')
      const orgs = await t.app.deps.database.db.selectFrom('organisations').select(['id', 'name']).execute()
      const failures: string[] = []
      for (const who of [null, ...demoRoles]) {
        const agent = who ? (agents.get(who) as Agent) : new Agent(t.app)
        if (!who) await agent.get('/sign-in')
        const user = who ? await demoActor(t, who) : null
        for (const scope of ['own', 'other'] as const) {
          const organisationId = scope === 'own' && user ? user.organisationId : (orgs.find((o) => o.id !== user?.organisationId)?.id ?? randomUUID())
          for (const route of routes) {
            if (!isAction(route.action)) continue
            const allowed = can(user, route.action)
            // Writes are only sent where they will be refused: an admitted write would change the data under the test.
            if (route.method !== 'GET' && allowed) continue
            const url = concrete(route.url, route.url.includes('organisations') ? organisationId : randomUUID())
            const response = route.method === 'GET' ? await agent.get(url) : url.startsWith('/api/') ? await agent.api(route.method as 'POST', url, {}) : await agent.submit(url, {})
            const refused = response.statusCode === 401 || response.statusCode === 403 || (response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in'))
            if (refused === allowed) failures.push(`${who ?? 'anonymous'} ${scope} ${route.method} ${url}: got ${response.statusCode}, policy says ${allowed ? 'allow' : 'refuse'}`)
          }
        }
      }
      assert.deepEqual(failures, [])
    })
  })
}

async function demoActor(t: TestApp, who: string): Promise<Actor> {
  const db = t.app.deps.database.db
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'organisations.type'])
    .where('users.email', '=', `${who}@demo.cyswllt.test`)
    .executeTakeFirstOrThrow()
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', row.id).execute()
  return { userId: row.id, organisationId: row.organisation_id, organisationType: row.type, roles: roles.map((r) => r.role) }
}
