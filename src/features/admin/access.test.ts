import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

for (const kind of databaseKinds()) {
  describe(`who may use the administration pages (${kind})`, () => {
    let t: TestApp
    let pages: string[]
    let forms: string[]
    let counts: () => Promise<number[]>
    before(async () => {
      t = await startTestApp(kind)
      const db = t.app.deps.database.db
      const org = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id
      const user = (await db.selectFrom('users').select('id').where('email', '=', 'referrer@demo.cyswllt.test').executeTakeFirstOrThrow()).id
      pages = ['/admin/organisations', '/admin/organisations/new', `/admin/organisations/${org}`, '/admin/users', '/admin/users/new', `/admin/users/${user}`, '/admin/audit']
      forms = ['/admin/organisations', `/admin/organisations/${org}`, '/admin/users', `/admin/users/${user}`, `/admin/users/${user}/unlock`, `/admin/users/${user}/reset-password`]
      counts = async () => Promise.all((['organisations', 'users', 'user_roles', 'sessions'] as const).map(async (table) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)))
    })
    after(() => t.close())

    it('gives a practitioner 403 on every admin page and form, and changes nothing', async () => {
      for (const lang of ['en', 'cy'] as const) {
        const agent = new Agent(t.app, lang)
        await agent.signIn('practitioner')
        const before = await counts()
        for (const url of pages) {
          const response = await agent.get(url)
          assert.equal(response.statusCode, 403, url)
          assert.match(response.body, lang === 'en' ? /You do not have access to this page/ : /Nid oes gennych fynediad i&#39;r dudalen hon/)
        }
        for (const url of forms) assert.equal((await agent.submit(url, { name: 'Hijack', email: 'x@example.org', type: 'asset', roles: 'admin', active: 'yes' })).statusCode, 403, url)
        assert.deepEqual(await counts(), before)
      }
    })

    it('sends someone not signed in to sign in, and back afterwards', async () => {
      const agent = new Agent(t.app)
      for (const url of pages) {
        const response = await agent.get(url)
        assert.equal(response.statusCode, 303, url)
        assert.equal(response.headers.location, `/sign-in?required=1&returnTo=${encodeURIComponent(url)}`)
      }
      await agent.get('/sign-in')
      for (const url of forms) assert.match(String((await agent.submit(url, {})).headers.location), /^\/sign-in\?required=1/)
    })

    it('shows administrators the admin pages in the menu, and nobody else', async () => {
      const admin = new Agent(t.app)
      await admin.signIn('admin')
      const page = await admin.get('/admin/users')
      assert.match(page.body, /govuk-service-navigation__item--active[^]*href="\/admin\/users"/)
      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      assert.doesNotMatch(practitioner.last?.body ?? '', /href="\/admin\//)
    })

    it('refuses a form posted without its CSRF token', async () => {
      const admin = new Agent(t.app)
      await admin.signIn('admin')
      const before = await counts()
      const response = await admin.submit('/admin/organisations', { name: 'No token', type: 'asset' }, { csrf: false })
      assert.equal(response.statusCode, 403)
      assert.deepEqual(await counts(), before)
    })
  })
}
