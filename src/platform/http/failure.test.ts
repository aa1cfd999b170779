import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'

describe('when the database fails', () => {
  let t: TestApp
  let agent: Agent
  before(async () => {
    t = await startTestApp('pglite')
    agent = new Agent(t.app, 'cy')
    await agent.signIn('admin')
    // Break the database under the running app, as a crashed or unreachable server would.
    await t.app.deps.database.close()
  })
  after(() => t.app.close())

  it('shows the error page in the user language, without a stack trace', async () => {
    const response = await agent.get('/home')
    assert.ok(response.statusCode >= 500, String(response.statusCode))
    assert.match(response.body, /Mae&#39;n ddrwg gennym/)
    assert.doesNotMatch(response.body, /at .+\.(ts|js):\d+/)
    assert.doesNotMatch(response.body, /PGlite|Error:/)
  })

  it('reports not ready', async () => {
    const response = await t.app.inject('/readyz')
    assert.equal(response.statusCode, 503)
    assert.equal(response.json().status, 'not_ready')
  })
})
