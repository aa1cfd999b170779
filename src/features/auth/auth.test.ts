import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

for (const kind of databaseKinds()) {
  describe(`sign-in and sessions (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    it('signs in each demo account and shows its home page', async () => {
      for (const who of ['admin', 'practitioner', 'practitioner2', 'teamlead', 'referrer', 'asset', 'editor', 'commissioner']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal(agent.last?.statusCode, 200)
        assert.match(agent.last?.body ?? '', /Hello, /)
      }
    })

    it('gives a new session id at sign-in and ends the session at sign-out', async () => {
      const agent = new Agent(t.app)
      await agent.signIn('practitioner')
      const first = agent.cookie('cyswllt_session')
      await agent.signIn('practitioner')
      const second = agent.cookie('cyswllt_session')
      assert.ok(first && second && first !== second)
      const home = await agent.get('/home')
      const signOut = await agent.submit('/sign-out', {})
      assert.equal(home.statusCode, 200)
      assert.equal(signOut.statusCode, 303)
      const after = await agent.get('/home')
      assert.equal(after.statusCode, 303)
      assert.match(String(after.headers.location), /^\/sign-in\?required=1/)
    })

    it('refuses a wrong password with a clear message and keeps the e-mail typed', async () => {
      const agent = new Agent(t.app)
      await agent.get('/sign-in')
      const response = await agent.submit('/sign-in', { email: 'referrer@demo.cyswllt.test', password: 'not the right one at all' })
      assert.equal(response.statusCode, 401)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /The email address or password is not right/)
      assert.match(response.body, /value="referrer@demo.cyswllt.test"/)
    })

    it('answers missing fields in Welsh', async () => {
      const agent = new Agent(t.app, 'cy')
      await agent.get('/sign-in')
      const response = await agent.submit('/sign-in', { email: '', password: '' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Mae problem wedi codi/)
      assert.match(response.body, /Rhowch eich cyfeiriad e-bost/)
      assert.match(response.body, /<html lang="cy"/)
    })

    it('locks an account after 10 wrong passwords, even against the right one, and records it', async () => {
      const agent = new Agent(t.app)
      await agent.get('/sign-in')
      let last
      for (let i = 0; i < 10; i++) last = await agent.submit('/sign-in', { email: 'editor@demo.cyswllt.test', password: `wrong password ${i}` })
      assert.equal(last?.statusCode, 423)
      assert.match(last?.body ?? '', /locked/)
      const right = await agent.submit('/sign-in', { email: 'editor@demo.cyswllt.test', password: 'demo-password-for-tests' })
      assert.equal(right.statusCode, 423)
      const audit = await t.app.deps.database.db.selectFrom('audit_events').select('action').where('action', '=', 'user.lock').execute()
      assert.equal(audit.length, 1)
    })

    it('refuses a form posted without its CSRF token, and writes nothing', async () => {
      const agent = new Agent(t.app)
      await agent.get('/sign-in')
      const before = await t.app.deps.database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      const response = await agent.submit('/sign-in', { email: 'admin@demo.cyswllt.test', password: 'demo-password-for-tests' }, { csrf: false })
      assert.equal(response.statusCode, 403)
      assert.match(response.body, /form has expired/)
      const afterCount = await t.app.deps.database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      assert.equal(afterCount.n, before.n)
    })

    it('only returns to pages on this site after sign-in', async () => {
      const agent = new Agent(t.app)
      await agent.get('/sign-in?returnTo=//evil.example/x')
      const response = await agent.submit('/sign-in', { email: 'admin@demo.cyswllt.test', password: 'demo-password-for-tests', returnTo: 'https://evil.example' })
      assert.equal(response.headers.location, '/home')
    })
  })
}
