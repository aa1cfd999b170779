import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { sha256 } from '../../platform/security/tokens.js'
import { DRAFT_COOKIE, paths } from './journey.js'
import { counts, referenceIn, send, walk } from './testing.js'
import { SUBMISSIONS_PER_HOUR } from './tools.js'

for (const kind of databaseKinds()) {
  describe(`self-referral abuse controls (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
    })
    after(() => t.close())

    it('shows the normal confirmation but writes nothing when the honeypot is filled on a question page', async () => {
      const db = t.app.deps.database.db
      const before = await counts(db)
      const agent = new Agent(t.app)
      const language = await agent.get(paths.step('language'))
      assert.match(language.body, /<div class="govuk-visually-hidden">\s*<label for="website">Leave this blank<\/label>\s*<input type="text" id="website" name="website" value="" autocomplete="off" tabindex="-1">/)
      await walk(agent, { name: { givenName: 'Spam', familyName: 'Bot', website: 'http://spam.example' } })
      const confirmation = await send(agent)
      assert.ok(confirmation.body.includes('Request sent'))
      referenceIn(confirmation.body)
      assert.deepEqual(await counts(db), before)
    })

    it('writes nothing when the honeypot is filled on the final page', async () => {
      const db = t.app.deps.database.db
      const before = await counts(db)
      const agent = new Agent(t.app)
      await walk(agent)
      const idHash = sha256(agent.cookie(DRAFT_COOKIE) as string)
      const confirmation = await send(agent, { website: 'x' })
      assert.ok(confirmation.body.includes('A practitioner from Cardiff and Vale Community Connectors'))
      assert.deepEqual(await counts(db), before)
      assert.equal(await db.selectFrom('self_referral_drafts').select('id_hash').where('id_hash', '=', idHash).executeTakeFirst(), undefined, 'its draft is gone')
    })

    it('says nothing about whether the person is already known', async () => {
      const first = new Agent(t.app)
      await walk(first, { name: { givenName: 'Gwen', familyName: 'Morgan' } })
      const one = await send(first)
      const second = new Agent(t.app)
      await walk(second, { name: { givenName: 'Gwen', familyName: 'Morgan' } })
      const two = await send(second)
      const strip = (body: string) => body.replace(/CYS-[0-9A-Z]{4}-[0-9A-Z]{4}/g, 'REF').replace(/nonce="[^"]*"|value="[^"]*"/g, '')
      assert.equal(strip(two.body), strip(one.body), 'the same page whether or not the person was known')
    })

    it('forgets answers after 2 hours and purges expired drafts when new ones start', async () => {
      const db = t.app.deps.database.db
      const agent = new Agent(t.app)
      await walk(agent, {}, paths.step('date-of-birth'))
      const idHash = sha256(agent.cookie(DRAFT_COOKIE) as string)
      await db.updateTable('self_referral_drafts').set({ expires_at: new Date(Date.now() - 1000) }).where('id_hash', '=', idHash).execute()
      const page = await agent.get(paths.step('date-of-birth'))
      assert.equal(page.headers.location, `${paths.start}?expired=1`)
      const start = await agent.get(page.headers.location as string)
      assert.ok(start.body.includes('Your answers have been deleted'))
      await walk(new Agent(t.app), {}, paths.step('name'))
      assert.equal(await db.selectFrom('self_referral_drafts').select('id_hash').where('id_hash', '=', idHash).executeTakeFirst(), undefined)
    })

    it(`refuses more than ${SUBMISSIONS_PER_HOUR} submissions an hour from one address, with a page in the user's language`, async () => {
      const agent = new Agent(t.app, 'cy')
      await agent.get(paths.step('language'))
      let status = 0
      // Earlier tests in this file sent 4; keep sending until refused, which must happen at the limit.
      let sent = 0
      while (status !== 429 && sent <= SUBMISSIONS_PER_HOUR) {
        status = (await agent.submit(paths.step('check-answers'), {})).statusCode
        sent += 1
      }
      assert.equal(status, 429)
      assert.equal(sent, SUBMISSIONS_PER_HOUR - 4 + 1)
      const body = agent.last?.body ?? ''
      assert.ok(body.includes('Gormod o geisiadau'))
      assert.ok(body.includes('0300 123 4567'), 'with the phone and post routes')
    })
  })
}
