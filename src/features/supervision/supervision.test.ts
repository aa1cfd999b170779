import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { hashPassword } from '../../platform/security/passwords.js'

const SECRET = 'I felt out of my depth with the housing case and said so'
const SECRET2 = 'Rhian named the pressure early, which was good to hear'
const parts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

for (const kind of databaseKinds()) {
  describe(`supervision sessions and their private reflections (${kind})`, () => {
    let t: TestApp
    const agents: Record<string, Agent> = {}
    const ids: Record<string, string> = {}
    let sessionId = ''
    const db = () => t.app.deps.database.db
    const count = async (table: 'supervision_sessions' | 'supervision_actions' | 'supervision_reflections') =>
      Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    before(async () => {
      t = await startTestApp(kind)
      const cardiff = (await db().selectFrom('users').select('organisation_id').where('email', '=', 'practitioner@demo.cyswllt.test').executeTakeFirstOrThrow()).organisation_id
      // Two more practitioners of Rhian's organisation: her supervisor for this test, and a colleague who is neither.
      for (const [who, name] of [['carys', 'Carys Supervisor'], ['other', 'Osian Colleague']] as const) {
        const user = await db()
          .insertInto('users')
          .values({ email: `${who}@cardiff.example`, name, organisation_id: cardiff, password_hash: await hashPassword(TEST_PASSWORD), password_changed_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow()
        await db().insertInto('user_roles').values({ user_id: user.id, role: 'practitioner' }).execute()
      }
      for (const who of ['practitioner', 'teamlead', 'admin', 'commissioner', 'practitioner2', 'carys@cardiff.example', 'other@cardiff.example']) {
        const key = who.split('@')[0]!
        agents[key] = new Agent(t.app)
        await agents[key].signIn(who)
        const email = who.includes('@') ? who : `${who}@demo.cyswllt.test`
        ids[key] = (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
      }
    })
    after(() => t.close())

    it('the supervisor records a session on the page, with an action and reflections from both people', async () => {
      const carys = agents.carys!
      const form = await carys.get('/supervision/new')
      assert.equal(form.statusCode, 200)
      const saved = await carys.submit('/supervision/new', {
        superviseeId: ids.practitioner!,
        supervisorId: ids.carys!,
        ...parts('heldOn', dayOffset(-3)),
        kind: 'one_to_one',
        topics: ['caseload', 'wellbeing'],
        topicsNote: 'Caseload of 34',
      })
      assert.equal(saved.statusCode, 303, saved.body)
      sessionId = /\/supervision\/([0-9a-f-]{36})/.exec(saved.headers.location as string)![1]!
      const action = await carys.submit(`/supervision/${sessionId}/actions`, { description: 'Book the trauma-informed practice course', ownerId: ids.practitioner!, ...parts('dueOn', dayOffset(-1)) })
      assert.equal(action.statusCode, 303, action.body)
      assert.equal((await carys.submit(`/supervision/${sessionId}/reflections`, { text: SECRET2 })).statusCode, 303)
      const rhian = agents.practitioner!
      await rhian.get(`/supervision/${sessionId}`)
      assert.equal((await rhian.submit(`/supervision/${sessionId}/reflections`, { text: SECRET })).statusCode, 303)
      const list = await rhian.get('/supervision')
      assert.match(list.body, /Book the trauma-informed practice course/)
      assert.match(list.body, /Overdue/, 'an open action past its due day is flagged')
      assert.match(list.body, /Carys Supervisor/)
      assert.deepEqual([await count('supervision_sessions'), await count('supervision_actions'), await count('supervision_reflections')], [1, 1, 2])
    })

    it('shows the reflective notes only to the supervisee and the supervisor (pages and API)', async () => {
      const expected: Record<string, { page: number; api: number; notes: boolean; listed: boolean | null }> = {
        practitioner: { page: 200, api: 200, notes: true, listed: true },
        carys: { page: 200, api: 200, notes: true, listed: true },
        other: { page: 403, api: 404, notes: false, listed: false },
        teamlead: { page: 200, api: 200, notes: false, listed: true },
        practitioner2: { page: 403, api: 404, notes: false, listed: false },
        admin: { page: 403, api: 403, notes: false, listed: null },
        commissioner: { page: 403, api: 403, notes: false, listed: null },
      }
      for (const [who, want] of Object.entries(expected)) {
        const agent = agents[who]!
        const page = await agent.get(`/supervision/${sessionId}`)
        assert.equal(page.statusCode, want.page, `${who} page`)
        assert.equal(page.body.includes(SECRET) && page.body.includes(SECRET2), want.notes, `${who} page notes`)
        if (!want.notes) assert.ok(!page.body.includes(SECRET) && !page.body.includes(SECRET2), `${who} sees no note`)
        const api = await agent.api('GET', `/api/v1/supervision/sessions/${sessionId}`)
        assert.equal(api.statusCode, want.api, `${who} api`)
        assert.equal(api.body.includes(SECRET), want.notes, `${who} api notes`)
        if (api.statusCode === 200) {
          const json = api.json() as Record<string, unknown>
          assert.equal('reflections' in json, want.notes, `${who}: reflections absent, not empty`)
          if (want.notes) assert.equal((json.reflections as unknown[]).length, 2)
          assert.equal((json.actions as unknown[]).length, 1)
        }
        const list = await agent.api('GET', '/api/v1/supervision/sessions')
        if (want.listed === null) assert.equal(list.statusCode, 403, `${who} list`)
        else {
          assert.equal(list.statusCode, 200, `${who} list`)
          const listed = (list.json() as { sessions: { id: string }[] }).sessions.some((s) => s.id === sessionId)
          assert.equal(listed, want.listed, `${who} listed`)
          assert.ok(!list.body.includes(SECRET))
        }
      }
      const lead = await agents.teamlead!.get(`/supervision/${sessionId}`)
      assert.match(lead.body, /Reflective notes are private to the supervisee and the supervisor/)
      assert.match((await agents.teamlead!.get('/supervision')).body, /without the reflective notes/)
      // A team lead who is not one of the two may not write a note either.
      assert.equal((await agents.teamlead!.submit(`/supervision/${sessionId}/reflections`, { text: 'x' })).statusCode, 403)
      assert.equal((await agents.teamlead!.api('POST', `/api/v1/supervision/sessions/${sessionId}/reflections`, { text: 'x' })).statusCode, 403)
      assert.equal((await agents.other!.api('POST', `/api/v1/supervision/sessions/${sessionId}/reflections`, { text: 'x' })).statusCode, 404)
      assert.equal(await count('supervision_reflections'), 2)
      const audits = await db().selectFrom('audit_events').select(['action', 'detail', 'outcome']).where('action', 'like', 'supervision%').execute()
      assert.ok(audits.every((a) => !JSON.stringify(a.detail ?? '').includes('felt') && !JSON.stringify(a.detail ?? '').includes('pressure')), 'no note text in the audit trail')
      assert.ok(audits.some((a) => a.action === 'supervision_session.view' && a.outcome === 'refused'))
      assert.ok(audits.some((a) => a.action === 'supervision_reflection.add'))
      assert.ok(audits.some((a) => a.action === 'supervision_sessions.list'))
    })

    it('follows an action up: marked done with a note, then no longer open', async () => {
      const action = (await db().selectFrom('supervision_actions').select('id').executeTakeFirstOrThrow()).id
      const rhian = agents.practitioner!
      await rhian.get(`/supervision/${sessionId}`)
      const done = await rhian.submit(`/supervision/${sessionId}/actions/${action}`, { status: 'done', followUpNote: 'Booked for May' })
      assert.equal(done.statusCode, 303)
      const row = await db().selectFrom('supervision_actions').selectAll().where('id', '=', action).executeTakeFirstOrThrow()
      assert.deepEqual([row.status, row.done_on, row.follow_up_note], ['done', new Date().toISOString().slice(0, 10), 'Booked for May'])
      assert.doesNotMatch((await rhian.get('/supervision')).body, /Overdue/)
      const reopened = await rhian.api('PATCH', `/api/v1/supervision/sessions/${sessionId}/actions/${action}`, { status: 'open' })
      assert.equal(reopened.statusCode, 200)
      assert.equal((reopened.json() as { status: string; doneOn: null }).doneOn, null)
    })

    it('refuses bad input with 400 on pages and 422 in the API, writing nothing', async () => {
      const lead = agents.teamlead!
      await lead.get('/supervision/new')
      const good = { superviseeId: ids.practitioner!, supervisorId: ids.carys!, kind: 'group', topics: ['safeguarding'] }
      const cases: [Record<string, string | string[]>, RegExp][] = [
        [{ ...good, ...parts('heldOn', dayOffset(2)) }, /The date of the session must be today or in the past/],
        [{ ...good, supervisorId: ids.practitioner!, ...parts('heldOn', dayOffset(0)) }, /The supervisor must be someone other than the supervisee/],
        [{ ...good, superviseeId: ids.practitioner2!, ...parts('heldOn', dayOffset(0)) }, /Choose a practitioner or team lead of your organisation as the supervisee/],
        [{ ...good, topics: ['caseload', 'gossip'], ...parts('heldOn', dayOffset(0)) }, /Select topics from the list/],
      ]
      for (const [form, message] of cases) {
        const page = await lead.submit('/supervision/new', form)
        assert.equal(page.statusCode, 400)
        assert.match(page.body, message)
        assert.match(page.body, /govuk-error-summary/)
      }
      const api = async (body: Record<string, unknown>) => lead.api('POST', '/api/v1/supervision/sessions', body)
      const apiGood = { superviseeId: ids.practitioner!, supervisorId: ids.carys!, kind: 'group', topics: ['safeguarding'], heldOn: dayOffset(0) }
      for (const body of [{ ...apiGood, heldOn: dayOffset(5) }, { ...apiGood, supervisorId: ids.practitioner! }, { ...apiGood, supervisorId: ids.practitioner2! }, { ...apiGood, topics: ['nope'] }]) {
        const res = await api(body)
        assert.equal(res.statusCode, 422, res.body)
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
      }
      // A practitioner records only sessions they supervised.
      await agents.other!.get('/supervision/new')
      const notTheirs = await agents.other!.submit('/supervision/new', { ...good, ...parts('heldOn', dayOffset(0)) })
      assert.equal(notTheirs.statusCode, 400)
      assert.match(notTheirs.body, /You can only record sessions you supervised/)
      assert.equal(await count('supervision_sessions'), 1)
      await lead.get(`/supervision/${sessionId}`)
      const empty = await lead.submit(`/supervision/${sessionId}/actions`, { description: '  ', ownerId: ids.practitioner! })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Enter the agreed action/)
      const emptyApi = await lead.api('POST', `/api/v1/supervision/sessions/${sessionId}/actions`, { description: '', ownerId: ids.carys! })
      assert.equal(emptyApi.statusCode, 422)
      const wrongOwner = await lead.api('POST', `/api/v1/supervision/sessions/${sessionId}/actions`, { description: 'Read the policy', ownerId: ids.teamlead! })
      assert.equal(wrongOwner.statusCode, 422)
      assert.equal(await count('supervision_actions'), 1)
      // A team lead records for anyone of the organisation, by the API.
      const created = await api(apiGood)
      assert.equal(created.statusCode, 201, created.body)
      assert.equal((created.json() as { kind: string }).kind, 'group')
      assert.equal(await count('supervision_sessions'), 2)
    })

    it('documents its API in the OpenAPI document', async () => {
      const response = await t.app.inject('/api/v1/openapi.json')
      assert.equal(response.statusCode, 200)
      const paths = (response.json() as { paths: Record<string, Record<string, unknown>> }).paths
      assert.deepEqual(
        Object.keys(paths).filter((p) => p.startsWith('/api/v1/supervision')).sort(),
        ['/api/v1/supervision/sessions', '/api/v1/supervision/sessions/{id}', '/api/v1/supervision/sessions/{id}/actions', '/api/v1/supervision/sessions/{id}/actions/{actionId}', '/api/v1/supervision/sessions/{id}/reflections'],
      )
      assert.ok(paths['/api/v1/supervision/sessions/{id}/actions/{actionId}']!.patch)
    })

    it('reads in Welsh and in English', async () => {
      const cy = new Agent(t.app, 'cy')
      await cy.signIn('practitioner')
      const list = await cy.get('/supervision')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Sesiynau lle cawsoch eich goruchwylio/)
      const page = await cy.get(`/supervision/${sessionId}`)
      assert.match(page.body, /Nodiadau myfyriol/)
      assert.match(page.body, /Llwyth achosion/)
      const form = await cy.get('/supervision/new')
      assert.match(form.body, /Cofnodi sesiwn goruchwylio/)
      const bad = await cy.submit('/supervision/new', { superviseeId: ids.carys!, supervisorId: ids.practitioner!, kind: 'peer', topics: ['other'], ...parts('heldOn', dayOffset(3)) })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Rhaid i ddyddiad y sesiwn fod heddiw neu yn y gorffennol/)
      const en = await agents.practitioner!.get(`/supervision/${sessionId}`)
      assert.match(en.body, /Agreed actions/)
      assert.match(en.body, /Caseload/)
    })
  })
}
