import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { hashPassword } from '../../platform/security/passwords.js'

const NEW_PASSWORD = 'plum kettle orbit saddle'

for (const kind of databaseKinds()) {
  describe(`account and change of password (${kind})`, () => {
    let t: TestApp
    let testHash: string
    before(async () => {
      t = await startTestApp(kind)
      testHash = await hashPassword(TEST_PASSWORD)
    })
    after(() => t.close())

    /** A practitioner of one's own, so changing a password does not disturb the other tests. */
    const newUser = async (): Promise<{ id: string; email: string }> => {
      const db = t.app.deps.database.db
      const org = await db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'Cardiff and Vale Community Connectors')
        .executeTakeFirstOrThrow()
      const email = `person-${randomBytes(4).toString('hex')}@example.test`
      const user = await db
        .insertInto('users')
        .values({ email, name: 'Nia Prydderch', organisation_id: org.id, password_hash: testHash })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('user_roles')
        .values([
          { user_id: user.id, role: 'practitioner' },
          { user_id: user.id, role: 'team_lead' },
        ])
        .execute()
      return { id: user.id, email }
    }
    const stored = (id: string) =>
      t.app.deps.database.db
        .selectFrom('users')
        .select(['password_hash', 'password_changed_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    const sessionCount = async (id: string) =>
      (await t.app.deps.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', id).execute()).length
    const auditCount = async (id: string, outcome: 'success' | 'failed') =>
      (
        await t.app.deps.database.db
          .selectFrom('audit_events')
          .select('id')
          .where('action', '=', 'user.change_password')
          .where('record_id', '=', id)
          .where('outcome', '=', outcome)
          .execute()
      ).length

    it('shows who you are, your organisation and your roles, with links to change them', async () => {
      const me = await newUser()
      const agent = new Agent(t.app)
      await agent.signIn(me.email)
      const page = await agent.get('/account')
      assert.equal(page.statusCode, 200)
      for (const text of [
        'Your account',
        'Nia Prydderch',
        me.email,
        'Cardiff and Vale Community Connectors',
        'Practitioner, Team lead',
        'Last signed in',
        'href="/account/password"',
        'href="/account/api-tokens"',
      ]) {
        assert.ok(page.body.includes(text), text)
      }
    })

    it('shows the account page in Welsh', async () => {
      const me = await newUser()
      const agent = new Agent(t.app, 'cy')
      await agent.signIn(me.email)
      const page = await agent.get('/account')
      assert.match(page.body, /<html lang="cy"/)
      assert.match(page.body, /Eich cyfrif/)
      assert.match(page.body, /Ymarferydd, Arweinydd tîm/)
    })

    it('changes the password, keeps this session, ends the others and records it', async () => {
      const me = await newUser()
      const here = new Agent(t.app)
      const elsewhere = new Agent(t.app)
      await here.signIn(me.email)
      await elsewhere.signIn(me.email)
      assert.equal(await sessionCount(me.id), 2)
      await here.get('/account/password')
      const response = await here.submit('/account/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      })
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, '/account?changed=1')
      const banner = await here.get('/account?changed=1')
      assert.match(banner.body, /govuk-notification-banner--success/)
      assert.match(banner.body, /Your password has been changed/)

      assert.equal(await sessionCount(me.id), 1)
      assert.equal((await elsewhere.get('/home')).statusCode, 303)
      assert.equal((await here.get('/home')).statusCode, 200)
      const row = await stored(me.id)
      assert.match(row.password_hash ?? '', /^\$argon2id\$/)
      assert.ok(row.password_changed_at)
      assert.equal(await auditCount(me.id, 'success'), 1)

      await assert.rejects(new Agent(t.app).signIn(me.email, TEST_PASSWORD))
      await new Agent(t.app).signIn(me.email, NEW_PASSWORD)
    })

    it('changes the password in Welsh', async () => {
      const me = await newUser()
      const agent = new Agent(t.app, 'cy')
      await agent.signIn(me.email)
      await agent.get('/account/password')
      assert.match(agent.last?.body ?? '', /Newid eich cyfrinair/)
      const response = await agent.submit('/account/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      })
      assert.equal(response.statusCode, 303)
      const page = await agent.get(response.headers.location as string)
      assert.match(page.body, /Llwyddiant/)
      assert.match(page.body, /Mae eich cyfrinair wedi&#39;i newid/)
    })

    const cases: { name: string; form: Record<string, string>; field: string; message: RegExp; status?: number }[] = [
      {
        name: 'nothing entered',
        form: { currentPassword: '', newPassword: '', confirmPassword: '' },
        field: 'currentPassword',
        message: /Enter your current password/,
      },
      {
        name: 'a wrong current password',
        form: { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        field: 'currentPassword',
        message: /Your current password is not right/,
      },
      {
        name: 'a short new password',
        form: { currentPassword: TEST_PASSWORD, newPassword: 'tiny-pass', confirmPassword: 'tiny-pass' },
        field: 'newPassword',
        message: /must be 12 characters or more/,
      },
      {
        name: 'a long new password',
        form: {
          currentPassword: TEST_PASSWORD,
          newPassword: 'long words '.repeat(30),
          confirmPassword: 'long words '.repeat(30),
        },
        field: 'newPassword',
        message: /must be 256 characters or fewer/,
      },
      {
        name: 'a common new password',
        form: { currentPassword: TEST_PASSWORD, newPassword: 'password2024!', confirmPassword: 'password2024!' },
        field: 'newPassword',
        message: /too easy to guess/,
      },
      {
        name: 'a confirmation that differs',
        form: {
          currentPassword: TEST_PASSWORD,
          newPassword: NEW_PASSWORD,
          confirmPassword: 'plum kettle orbit saddles',
        },
        field: 'confirmPassword',
        message: /The passwords do not match/,
      },
      {
        name: 'no confirmation',
        form: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: '' },
        field: 'confirmPassword',
        message: /Confirm your new password/,
      },
      {
        name: 'the same password again',
        form: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD },
        field: 'newPassword',
        message: /must be different from your current password/,
      },
    ]
    for (const c of cases) {
      it(`refuses ${c.name}, writes nothing and does not echo passwords`, async () => {
        const me = await newUser()
        const agent = new Agent(t.app)
        const other = new Agent(t.app)
        await agent.signIn(me.email)
        await other.signIn(me.email)
        const before = await stored(me.id)
        await agent.get('/account/password')
        const response = await agent.submit('/account/password', c.form)
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /There is a problem/)
        assert.match(response.body, c.message)
        assert.match(response.body, new RegExp(`href="#${c.field}"`))
        assert.match(response.body, new RegExp(`id="${c.field}-error"`))
        assert.match(response.body, /<title>Error: /)
        for (const typed of Object.values(c.form).filter(Boolean))
          assert.ok(!response.body.includes(`value="${typed}"`), 'a password was echoed')
        const afterRow = await stored(me.id)
        assert.equal(afterRow.password_hash, before.password_hash)
        assert.equal(afterRow.password_changed_at, null)
        assert.equal(await sessionCount(me.id), 2)
        assert.equal(await auditCount(me.id, 'success'), 0)
        assert.equal(await auditCount(me.id, 'failed'), c.name === 'a wrong current password' ? 1 : 0)
      })
    }

    it('explains errors in Welsh', async () => {
      const me = await newUser()
      const agent = new Agent(t.app, 'cy')
      await agent.signIn(me.email)
      await agent.get('/account/password')
      const response = await agent.submit('/account/password', {
        currentPassword: 'anghywir iawn yn wir',
        newPassword: 'byr',
        confirmPassword: 'arall',
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Mae problem wedi codi/)
      assert.match(response.body, /Nid yw eich cyfrinair presennol yn gywir/)
      assert.match(response.body, /Rhaid i&#39;ch cyfrinair newydd fod yn 12 nod neu fwy/)
      assert.match(response.body, /Nid yw&#39;r cyfrineiriau yr un fath/)
    })

    it('does not count a wrong current password as a failed sign-in', async () => {
      const me = await newUser()
      const agent = new Agent(t.app)
      await agent.signIn(me.email)
      await agent.get('/account/password')
      await agent.submit('/account/password', {
        currentPassword: 'wrong wrong wrong',
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      })
      const row = await t.app.deps.database.db
        .selectFrom('users')
        .select(['failed_sign_ins', 'locked_until'])
        .where('id', '=', me.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(row, { failed_sign_ins: 0, locked_until: null })
    })

    it('sends someone not signed in to sign in, and refuses a change without the CSRF token', async () => {
      const anonymous = await new Agent(t.app).get('/account')
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/sign-in\?required=1&returnTo=%2Faccount/)
      const me = await newUser()
      const agent = new Agent(t.app)
      await agent.signIn(me.email)
      const response = await agent.submit(
        '/account/password',
        { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        { csrf: false },
      )
      assert.equal(response.statusCode, 403)
      assert.equal((await stored(me.id)).password_changed_at, null)
    })
  })
}
