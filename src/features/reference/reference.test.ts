import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

for (const kind of databaseKinds()) {
  describe(`Welsh geography reference data (${kind})`, () => {
    let t: TestApp
    let agent: Agent
    before(async () => {
      t = await startTestApp(kind)
      agent = new Agent(t.app)
      await agent.signIn('asset')
    })
    after(() => t.close())

    it('lists the 22 local authorities with both names and their health board', async () => {
      const response = await agent.api('GET', '/api/v1/local-authorities')
      assert.equal(response.statusCode, 200)
      const { items } = response.json()
      assert.equal(items.length, 22)
      assert.deepEqual(
        items.find((i: { code: string }) => i.code === 'W06000001'),
        { code: 'W06000001', name: { en: 'Isle of Anglesey', cy: 'Ynys Môn' }, healthBoardCode: 'W11000023' },
      )
      const cardiffAndVale = (await agent.api('GET', '/api/v1/local-authorities?healthBoard=W11000029')).json()
      assert.deepEqual(
        cardiffAndVale.items.map((i: { name: { en: string } }) => i.name.en),
        ['Vale of Glamorgan', 'Cardiff'],
      )
    })

    it('lists the 7 health boards and the 7 regional partnership boards', async () => {
      const boards = (await agent.api('GET', '/api/v1/health-boards')).json().items
      assert.equal(boards.length, 7)
      assert.ok(boards.every((b: { regionalPartnershipBoardCode: string }) => b.regionalPartnershipBoardCode))
      const gwent = (await agent.api('GET', '/api/v1/health-boards?regionalPartnershipBoard=gwent')).json().items
      assert.deepEqual(
        gwent.map((b: { code: string }) => b.code),
        ['W11000028'],
      )
      const rpbs = (await agent.api('GET', '/api/v1/regional-partnership-boards')).json().items
      assert.equal(rpbs.length, 7)
      assert.ok(
        rpbs.some((r: { name: { cy: string } }) => r.name.cy === "Bwrdd Partneriaeth Rhanbarthol Caerdydd a'r Fro"),
      )
    })

    it('refuses a malformed filter and callers who are not signed in', async () => {
      const bad = await agent.api('GET', '/api/v1/local-authorities?healthBoard=cardiff')
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().code, 'validation_failed')
      assert.equal(bad.json().errors[0].field, 'healthBoard')
      for (const url of ['/api/v1/local-authorities', '/api/v1/health-boards', '/api/v1/regional-partnership-boards']) {
        const response = await t.app.inject({ url })
        assert.equal(response.statusCode, 401, url)
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/)
      }
    })

    it('appears in the OpenAPI document', async () => {
      const doc = JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body)
      for (const path of ['/api/v1/local-authorities', '/api/v1/health-boards', '/api/v1/regional-partnership-boards'])
        assert.ok(doc.paths[path]?.get, path)
      const parameters = doc.paths['/api/v1/local-authorities'].get.parameters
      assert.ok(parameters.some((p: { name: string; in: string }) => p.name === 'healthBoard' && p.in === 'query'))
    })
  })
}
