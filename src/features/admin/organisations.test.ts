import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

for (const kind of databaseKinds()) {
  describe(`administering organisations (${kind})`, () => {
    let t: TestApp
    let admin: Agent
    const db = () => t.app.deps.database.db
    const count = async (table: 'organisations' | 'organisation_areas' | 'audit_events') =>
      Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const byName = (name: string) => db().selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst()

    before(async () => {
      t = await startTestApp(kind)
      admin = new Agent(t.app)
      await admin.signIn('admin')
    })
    after(() => t.close())

    it('lists organisations with their Welsh name, type, areas and number of users', async () => {
      const page = await admin.get('/admin/organisations')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Cardiff and Vale Community Connectors/)
      assert.match(page.body, /Cysylltwyr Cymunedol Caerdydd a&#39;r Fro/)
      assert.match(page.body, /Social prescribing provider/)
      assert.match(page.body, /Cardiff, Vale of Glamorgan/)
      assert.match(page.body, /6 organisations/)
    })

    it('filters by type', async () => {
      const page = await admin.get('/admin/organisations?type=commissioner')
      assert.match(page.body, /Cyswllt National Team/)
      assert.doesNotMatch(page.body, /Gwynedd Community Link/)
      assert.match(page.body, /2 organisations/)
    })

    it('adds an organisation with its areas and records it in the audit trail', async () => {
      await admin.get('/admin/organisations/new')
      const response = await admin.submit('/admin/organisations', { name: 'Llanelli Walking Group', nameCy: 'Grŵp Cerdded Llanelli', type: 'asset', localAuthorities: ['W06000010', 'W06000009'] })
      assert.equal(response.statusCode, 303)
      const saved = await byName('Llanelli Walking Group')
      assert.ok(saved)
      assert.equal(response.headers.location, `/admin/organisations?saved=${saved.id}`)
      assert.equal(saved.name_cy, 'Grŵp Cerdded Llanelli')
      const areas = await db().selectFrom('organisation_areas').select('local_authority_code').where('organisation_id', '=', saved.id).orderBy('local_authority_code').execute()
      assert.deepEqual(areas.map((a) => a.local_authority_code), ['W06000009', 'W06000010'])
      const list = await admin.get(String(response.headers.location))
      assert.match(list.body, /Llanelli Walking Group has been saved/)
      const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'organisation.create').where('record_id', '=', saved.id).executeTakeFirstOrThrow()
      assert.equal(event.record_type, 'organisation')
      assert.equal(event.organisation_id, saved.id)
      assert.doesNotMatch(JSON.stringify(event.detail), /Llanelli/)
    })

    it('works in Welsh: Welsh labels, Welsh place names, Welsh errors', async () => {
      const cy = new Agent(t.app, 'cy')
      await cy.signIn('admin')
      const form = await cy.get('/admin/organisations/new')
      assert.match(form.body, /<html lang="cy"/)
      assert.match(form.body, /Enw yn Gymraeg \(dewisol\)/)
      assert.match(form.body, /Sir Gaerfyrddin/)
      assert.match(form.body, /Bwrdd Iechyd Prifysgol Hywel Dda/)
      assert.match(form.body, /Darparwr presgripsiynu cymdeithasol/)
      const bad = await cy.submit('/admin/organisations', { name: '', type: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Mae problem wedi codi/)
      assert.match(bad.body, /Rhowch enw&#39;r sefydliad yn Saesneg/)
      const ok = await cy.submit('/admin/organisations', { name: 'Bangor Men’s Shed', nameCy: 'Sied Dynion Bangor', type: 'asset', localAuthorities: 'W06000002' })
      assert.equal(ok.statusCode, 303)
      const list = await cy.get(String(ok.headers.location))
      assert.match(list.body, /Mae Bangor Men’s Shed wedi&#39;i gadw/)
      assert.match(list.body, /Gwynedd/)
    })

    it('shows the error summary, keeps what was typed and writes nothing when the form is wrong', async () => {
      const before = [await count('organisations'), await count('organisation_areas'), await count('audit_events')]
      await admin.get('/admin/organisations/new')
      const response = await admin.submit('/admin/organisations', { name: 'x'.repeat(201), nameCy: 'Enw Cymraeg', type: 'charity', localAuthorities: ['W06000015', 'E09000001'] })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /<title>Error: /)
      assert.match(response.body, /href="#name">The name must be 200 characters or fewer/)
      assert.match(response.body, /href="#type">Select a type of organisation from the list/)
      assert.match(response.body, /href="#localAuthorities">Select local authorities from the list/)
      assert.match(response.body, /value="Enw Cymraeg"/)
      assert.match(response.body, /value="W06000015" checked/)
      assert.deepEqual([await count('organisations'), await count('organisation_areas'), await count('audit_events')], before)
    })

    it('refuses a name another organisation has, whatever its case', async () => {
      const before = await count('organisations')
      await admin.get('/admin/organisations/new')
      const response = await admin.submit('/admin/organisations', { name: 'GWYNEDD community link', type: 'provider' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /There is already an organisation with this name/)
      assert.match(response.body, /value="GWYNEDD community link"/)
      assert.equal(await count('organisations'), before)
    })

    it('changes an organisation and audits the names of the fields changed', async () => {
      const shed = await byName('Aberystwyth Community Shed')
      assert.ok(shed)
      const form = await admin.get(`/admin/organisations/${shed.id}`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /value="Aberystwyth Community Shed"/)
      assert.match(form.body, /value="W06000008" checked/)
      const response = await admin.submit(`/admin/organisations/${shed.id}`, { name: 'Aberystwyth Community Shed', nameCy: 'Sied Gymunedol Aberystwyth', type: 'asset', localAuthorities: ['W06000008', 'W06000023'] })
      assert.equal(response.statusCode, 303)
      const areas = await db().selectFrom('organisation_areas').select('local_authority_code').where('organisation_id', '=', shed.id).orderBy('local_authority_code').execute()
      assert.deepEqual(areas.map((a) => a.local_authority_code), ['W06000008', 'W06000023'])
      const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'organisation.update').where('record_id', '=', shed.id).executeTakeFirstOrThrow()
      assert.deepEqual(event.detail, { changed: ['localAuthorities'] })
    })

    it('keeps its own name when renamed only in case, but not another organisation’s', async () => {
      const shed = await byName('Aberystwyth Community Shed')
      assert.ok(shed)
      await admin.get(`/admin/organisations/${shed.id}`)
      const own = await admin.submit(`/admin/organisations/${shed.id}`, { name: 'Aberystwyth community shed', type: 'asset' })
      assert.equal(own.statusCode, 303)
      await admin.get(`/admin/organisations/${shed.id}`)
      const clash = await admin.submit(`/admin/organisations/${shed.id}`, { name: 'Heol y Bont Surgery', type: 'asset' })
      assert.equal(clash.statusCode, 400)
      assert.match(clash.body, /There is already an organisation with this name/)
      assert.equal((await db().selectFrom('organisations').select('name').where('id', '=', shed.id).executeTakeFirstOrThrow()).name, 'Aberystwyth community shed')
    })

    it('answers 404 for an unknown organisation or an id that is not a UUID', async () => {
      assert.equal((await admin.get('/admin/organisations/7d8e2c52-0000-4000-8000-000000000000')).statusCode, 404)
      const notUuid = await admin.get('/admin/organisations/not-a-uuid')
      assert.equal(notUuid.statusCode, 404)
      assert.match(notUuid.body, /Page not found/)
      const post = await admin.submit('/admin/organisations/not-a-uuid', { name: 'X', type: 'asset' })
      assert.equal(post.statusCode, 404)
    })
  })
}
