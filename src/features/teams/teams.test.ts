import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

for (const kind of databaseKinds()) {
  describe(`teams: administration pages, API and the user form (${kind})`, () => {
    let t: TestApp
    let admin: Agent
    let cy: Agent
    const db = () => t.app.deps.database.db
    const orgId = async (name: string) => (await db().selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
    const userByEmail = (email: string) => db().selectFrom('users').select(['id', 'name', 'email', 'organisation_id', 'team_id']).where('email', '=', email).executeTakeFirstOrThrow()
    const teamEvents = async (action: string) => (await db().selectFrom('audit_events').select('record_id').where('action', '=', action).execute()).map((e) => e.record_id)
    let cardiff: string
    let gwynedd: string

    before(async () => {
      t = await startTestApp(kind)
      admin = new Agent(t.app)
      await admin.signIn('admin')
      cy = new Agent(t.app, 'cy')
      await cy.signIn('admin')
      cardiff = await orgId('Cardiff and Vale Community Connectors')
      gwynedd = await orgId('Gwynedd Community Link')
    })
    after(() => t.close())

    it('links to the teams from the organisation and lists them in English and Welsh', async () => {
      const form = await admin.get(`/admin/organisations/${cardiff}`)
      assert.match(form.body, new RegExp(`href="/admin/organisations/${cardiff}/teams">Teams<`))
      const en = await admin.get(`/admin/organisations/${cardiff}/teams`)
      assert.equal(en.statusCode, 200)
      assert.match(en.body, /<h1 class="govuk-heading-l">Teams<\/h1>/)
      assert.match(en.body, />North<\/a>/)
      assert.match(en.body, /lang="cy">Gogledd</)
      const welsh = await cy.get(`/admin/organisations/${cardiff}/teams`)
      assert.match(welsh.body, /<h1 class="govuk-heading-l">Timau<\/h1>/)
      assert.match(welsh.body, /Ychwanegu tîm/)
      const none = await admin.get(`/admin/organisations/${gwynedd}/teams`)
      assert.match(none.body, /This organisation has no teams yet/)
    })

    it('adds, renames, archives and restores a team, each audited', async () => {
      await admin.get(`/admin/organisations/${gwynedd}/teams/new`)
      const created = await admin.submit(`/admin/organisations/${gwynedd}/teams`, { name: ' Bangor ', nameCy: '' })
      assert.equal(created.statusCode, 303)
      const team = await db().selectFrom('teams').selectAll().where('organisation_id', '=', gwynedd).executeTakeFirstOrThrow()
      assert.equal(created.headers.location, `/admin/organisations/${gwynedd}/teams/${team.id}?created=1`)
      assert.deepEqual([team.name, team.name_cy, team.archived_at], ['Bangor', null, null])
      const page = await admin.get(String(created.headers.location))
      assert.match(page.body, /Team added/)
      const renamed = await admin.submit(`/admin/organisations/${gwynedd}/teams/${team.id}`, { name: 'Bangor', nameCy: 'Bangor (Cymraeg)' })
      assert.equal(renamed.statusCode, 303)
      await admin.get(String(renamed.headers.location))
      await admin.submit(`/admin/organisations/${gwynedd}/teams/${team.id}/archive`, {})
      const archived = await db().selectFrom('teams').select('archived_at').where('id', '=', team.id).executeTakeFirstOrThrow()
      assert.ok(archived.archived_at instanceof Date)
      const list = await admin.get(`/admin/organisations/${gwynedd}/teams`)
      assert.match(list.body, /Archived/)
      await admin.submit(`/admin/organisations/${gwynedd}/teams/${team.id}/restore`, {})
      assert.equal((await db().selectFrom('teams').select('archived_at').where('id', '=', team.id).executeTakeFirstOrThrow()).archived_at, null)
      assert.deepEqual(await teamEvents('team.create'), [team.id])
      assert.deepEqual(await teamEvents('team.update'), [team.id])
      assert.deepEqual(await teamEvents('team.archive'), [team.id])
      assert.deepEqual(await teamEvents('team.restore'), [team.id])
    })

    it('shows errors on the form in the user’s language and writes nothing', async () => {
      const before = await db().selectFrom('teams').select('id').execute()
      await cy.get(`/admin/organisations/${cardiff}/teams/new`)
      const missing = await cy.submit(`/admin/organisations/${cardiff}/teams`, { name: '' })
      assert.equal(missing.statusCode, 400)
      assert.match(missing.body, /govuk-error-summary/)
      assert.match(missing.body, /Rhowch enw’r tîm/)
      const taken = await admin.submit(`/admin/organisations/${cardiff}/teams`, { name: 'north' })
      assert.equal(taken.statusCode, 400)
      assert.match(taken.body, /This organisation already has a team with this name/)
      assert.equal((await db().selectFrom('teams').select('id').execute()).length, before.length)
    })

    it('answers the API: lists and adds teams, 400 and 409 as problems, 404 for no organisation', async () => {
      const list = await admin.api('GET', `/api/v1/organisations/${cardiff}/teams`)
      assert.equal(list.statusCode, 200)
      assert.deepEqual(list.json().teams.map((team: { name: string; nameCy: string; memberCount: number; archived: boolean }) => [team.name, team.nameCy, team.memberCount, team.archived]), [
        ['North', 'Gogledd', 1, false],
        ['South', 'De', 1, false],
      ])
      const created = await admin.api('POST', `/api/v1/organisations/${cardiff}/teams`, { name: 'Vale', nameCy: 'Bro' })
      assert.equal(created.statusCode, 201)
      assert.deepEqual({ ...(created.json() as Record<string, unknown>), id: undefined, createdAt: undefined }, { id: undefined, organisationId: cardiff, name: 'Vale', nameCy: 'Bro', archived: false, archivedAt: null, memberCount: 0, createdAt: undefined })
      const bad = await cy.api('POST', `/api/v1/organisations/${cardiff}/teams`, { name: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(String(bad.headers['content-type']), /^application\/problem\+json/)
      assert.deepEqual(bad.json().errors, [{ field: 'name', message: 'Rhowch enw’r tîm' }])
      const clash = await admin.api('POST', `/api/v1/organisations/${cardiff}/teams`, { name: 'VALE' })
      assert.equal(clash.statusCode, 409)
      const missing = await admin.api('GET', '/api/v1/organisations/00000000-0000-4000-8000-000000000000/teams')
      assert.equal(missing.statusCode, 404)
    })

    it('is for administrators only', async () => {
      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      assert.equal((await lead.get(`/admin/organisations/${cardiff}/teams`)).statusCode, 403)
      assert.equal((await lead.api('GET', `/api/v1/organisations/${cardiff}/teams`)).statusCode, 403)
      assert.equal((await lead.api('POST', `/api/v1/organisations/${cardiff}/teams`, { name: 'Mine' })).statusCode, 403)
    })

    it('sets a user’s team on the admin user form, only one of their organisation’s current teams', async () => {
      const teams = Object.fromEntries((await db().selectFrom('teams').select(['id', 'name']).execute()).map((team) => [team.name, team.id]))
      const rhian = await userByEmail('practitioner@demo.cyswllt.test')
      const page = await admin.get(`/admin/users/${rhian.id}`)
      assert.match(page.body, /<select class="govuk-select" id="teamId" name="teamId"/)
      assert.match(page.body, new RegExp(`<option value="${teams.North}" selected>North</option>`))
      const welsh = await cy.get(`/admin/users/${rhian.id}`)
      assert.match(welsh.body, new RegExp(`<option value="${teams.North}" selected>Gogledd</option>`))
      const form = { name: rhian.name, email: rhian.email, organisationId: cardiff, roles: 'practitioner', active: 'yes' }

      const moved = await admin.submit(`/admin/users/${rhian.id}`, { ...form, teamId: teams.South! })
      assert.equal(moved.statusCode, 303)
      assert.equal((await userByEmail(rhian.email)).team_id, teams.South)
      const [event] = await db().selectFrom('audit_events').select('detail').where('action', '=', 'user.update').where('record_id', '=', rhian.id).execute()
      assert.deepEqual(event?.detail, { changed: ['teamId'] })

      const wrong = await admin.submit(`/admin/users/${rhian.id}`, { ...form, teamId: teams.Bangor! })
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /Choose one of the organisation’s teams/)
      await admin.submit(`/admin/organisations/${cardiff}/teams/${teams.Vale}/archive`, {})
      const archived = await admin.submit(`/admin/users/${rhian.id}`, { ...form, teamId: teams.Vale! })
      assert.equal(archived.statusCode, 400)
      assert.match(archived.body, /This team is archived/)
      assert.equal((await userByEmail(rhian.email)).team_id, teams.South)

      const none = await admin.submit(`/admin/users/${rhian.id}`, { ...form, teamId: '' })
      assert.equal(none.statusCode, 303)
      assert.equal((await userByEmail(rhian.email)).team_id, null)
    })

    it('clears the team when a user moves organisation, and takes teamId in the users API', async () => {
      const teams = Object.fromEntries((await db().selectFrom('teams').select(['id', 'name']).execute()).map((team) => [team.name, team.id]))
      const sian = await userByEmail('teamlead@demo.cyswllt.test')
      assert.equal(sian.team_id, teams.South)
      // The form left out teamId (no teams offered): moving to Gwynedd clears the Cardiff team rather than failing.
      const movedAway = await admin.submit(`/admin/users/${sian.id}`, { name: sian.name, email: sian.email, organisationId: gwynedd, roles: ['team_lead', 'practitioner'], active: 'yes' })
      assert.equal(movedAway.statusCode, 303)
      assert.deepEqual(await userByEmail(sian.email), { ...sian, organisation_id: gwynedd, team_id: null })

      const created = await admin.api('POST', '/api/v1/users', { name: 'Mali Practitioner', email: 'mali@example.org', organisationId: gwynedd, teamId: teams.Bangor, roles: ['practitioner'] })
      assert.equal(created.statusCode, 201)
      assert.equal(created.json().teamId, teams.Bangor)
      const read = await admin.api('GET', `/api/v1/users/${created.json().id}`)
      assert.equal(read.json().teamId, teams.Bangor)
      const wrong = await admin.api('POST', '/api/v1/users', { name: 'Huw', email: 'huw@example.org', organisationId: gwynedd, teamId: teams.North, roles: ['practitioner'] })
      assert.equal(wrong.statusCode, 400)
      assert.deepEqual(wrong.json().errors, [{ field: 'teamId', message: 'Choose one of the organisation’s teams' }])
      assert.equal((await db().selectFrom('users').select('id').where('email', '=', 'huw@example.org').execute()).length, 0)
    })

    it('keeps a user’s team within their organisation in the database too', async () => {
      const teams = Object.fromEntries((await db().selectFrom('teams').select(['id', 'name']).execute()).map((team) => [team.name, team.id]))
      await assert.rejects(db().updateTable('users').set({ team_id: teams.North }).where('email', '=', 'practitioner2@demo.cyswllt.test').execute())
    })
  })
}
