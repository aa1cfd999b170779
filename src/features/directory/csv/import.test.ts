import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../../test/support/app.js'
import { databaseKinds } from '../../../../test/support/databases.js'
import { loadDemoServices } from '../demo/load.js'
import { parseCsv, writeCsv } from './csv.js'
import { exportCsv } from './export.js'
import { importCsv, planImport } from './import.js'

/* Issue 4 §6: CSV export and import for editors: a round trip changes nothing, edits are applied, bad files write nothing. */

async function counts(t: TestApp) {
  const db = t.app.deps.database.db
  const out: Record<string, number> = {}
  for (const table of [
    'services',
    'directory_organisations',
    'phones',
    'locations',
    'addresses',
    'service_at_locations',
    'schedules',
    'attributes',
    'audit_events',
  ] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

/** The export with one cell changed, for the service named `name`. */
function edit(text: string, name: string, column: string, value: string): string {
  const parsed = parseCsv(text)
  if (!parsed.ok) throw new Error('bad export')
  const [header, ...rows] = parsed.records as [string[], ...string[][]]
  const row = rows.find((r) => r[header.indexOf('name')] === name)
  if (!row) throw new Error(`no ${name}`)
  row[header.indexOf(column)] = value
  return writeCsv([header, ...rows])
}

for (const kind of databaseKinds()) {
  describe(`directory CSV import (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await startTestApp(kind)
      assert.equal(await loadDemoServices(t.app.deps.database.db), 72)
    })
    after(() => t.close())

    it('exports the demo directory and imports the export: 0 created, 0 updated, 72 unchanged', async () => {
      const db = t.app.deps.database.db
      const { text, count } = await exportCsv(db)
      assert.equal(count, 72)
      const before = await counts(t)
      const plan = await importCsv(db, text)
      assert.deepEqual(plan.problems, [])
      assert.deepEqual(
        plan.rows.filter((r) => r.changes.length).map((r) => [r.service.name, r.changes]),
        [],
      )
      assert.deepEqual(plan.counts, { created: 0, updated: 0, unchanged: 72, rejected: 0 })
      const afterwards = await counts(t)
      assert.deepEqual({ ...afterwards, audit_events: 0 }, { ...before, audit_events: 0 })
      assert.equal((await exportCsv(db)).text, text)
    })

    it('applies edits, creates a row without an id once, and a second import of the same file changes nothing', async () => {
      const db = t.app.deps.database.db
      const { text } = await exportCsv(db)
      let edited = edit(text, 'Cardiff Health Walks', 'capacity_status', 'full')
      edited = edit(edited, 'Cardiff Health Walks', 'schedule', 'MO,TH 10:00-12:00; MONTHLY SA 09:30-11:00')
      edited = edit(edited, 'Cardiff Health Walks', 'categories', 'green;physical_activity;social')
      edited = edit(edited, 'Cardiff Health Walks', 'name_cy', 'Grŵp Cerdded y Bala, "dydd Llun"')
      const parsed = parseCsv(edited)
      if (!parsed.ok) throw new Error('bad')
      const header = parsed.records[0] as string[]
      const cell = (column: string, value: string) => [column, value] as const
      const fresh = Object.fromEntries([
        cell('name', 'Caffi Trwsio Dolgellau'),
        cell('name_cy', 'Caffi Trwsio Dolgellau'),
        cell('organisation', 'Repair Cafés Wales'),
        cell('organisation_cy', 'Caffis Trwsio Cymru'),
        cell('description', 'Bring broken things,\nleave with them mended'),
        cell('status', 'active'),
        cell('published', 'yes'),
        cell('welsh_provision', 'welsh_medium'),
        cell('life_stages', 'adults; older_people'),
        cell('categories', 'learning_and_skills'),
        cell('address', 'Neuadd y Dref'),
        cell('town', 'Dolgellau'),
        cell('postcode', 'll40 1aa'),
        cell('latitude', '52.7428'),
        cell('longitude', '-3.8850'),
        cell('phone', '01341 000000'),
        cell('schedule', 'SA 10:00-13:00'),
      ])
      const withNew = writeCsv([header, ...parsed.records.slice(1), header.map((c) => fresh[c] ?? '')])
      const preview = await planImport(db, withNew)
      assert.deepEqual(preview.problems, [])
      assert.deepEqual(preview.counts, { created: 1, updated: 1, unchanged: 71, rejected: 0 })
      assert.deepEqual(preview.rows.find((r) => r.outcome === 'updated')?.changes, [
        'name_cy',
        'capacity_status',
        'categories',
        'schedule',
      ])

      const first = await importCsv(db, withNew)
      assert.deepEqual(first.counts, { created: 1, updated: 1, unchanged: 71, rejected: 0 })
      const second = await importCsv(db, withNew)
      assert.deepEqual(second.counts, { created: 0, updated: 0, unchanged: 73, rejected: 0 })

      const bala = await db
        .selectFrom('services')
        .selectAll()
        .where('name', '=', 'Cardiff Health Walks')
        .executeTakeFirstOrThrow()
      assert.equal(bala.capacity_status, 'full')
      assert.match(bala.search_text, /grwp cerdded y bala/)
      const cafe = await db
        .selectFrom('services')
        .selectAll()
        .where('name', '=', 'Caffi Trwsio Dolgellau')
        .executeTakeFirstOrThrow()
      assert.deepEqual(cafe.life_stages, ['adults', 'older_people'])
      const exported = await exportCsv(db)
      assert.equal(exported.count, 73)
      assert.deepEqual((await importCsv(db, exported.text)).counts, {
        created: 0,
        updated: 0,
        unchanged: 73,
        rejected: 0,
      })
      assert.match(exported.text, /Neuadd y Dref,Dolgellau,LL40 1AA,52.7428,-3.885,SA 10:00-13:00/)
    })

    it('refuses a malformed file with the row and column of every bad field, and writes nothing', async () => {
      const db = t.app.deps.database.db
      const { text } = await exportCsv(db)
      let bad = edit(text, 'Cardiff Health Walks', 'capacity_status', 'nearly full')
      bad = edit(bad, 'Cardiff Health Walks', 'email', 'not an address')
      bad = edit(bad, 'Bangor Food Bank', 'categories', 'green;gardening')
      bad = edit(bad, 'Bangor Food Bank', 'latitude', '')
      bad = edit(bad, 'Bangor Food Bank', 'schedule', 'Mondays 10am')
      const before = await counts(t)
      const plan = await importCsv(db, bad)
      const rowOf = (name: string) =>
        (parseCsv(text) as { records: string[][] }).records.findIndex((r) => r[3] === name) + 1
      assert.deepEqual(
        plan.problems.map((p) => [p.row, p.column, p.problem]),
        [
          [rowOf('Cardiff Health Walks'), 'email', 'notEmail'],
          [rowOf('Cardiff Health Walks'), 'capacity_status', 'notOneOf'],
          [rowOf('Bangor Food Bank'), 'categories', 'notInList'],
          [rowOf('Bangor Food Bank'), 'latitude', 'bothCoordinates'],
          [rowOf('Bangor Food Bank'), 'schedule', 'notSchedule'],
        ].sort((a, b) => Number(a[0]) - Number(b[0])),
      )
      assert.equal(plan.counts.rejected, 2)
      assert.deepEqual(await counts(t), before)
      for (const [file, problem] of [
        ['', 'empty'],
        ['id,name\n1,x\n', 'missingColumn'],
        [`${text.split('\r\n')[0]},colour\r\n`, 'unknownColumn'],
        [`${text.split('\r\n')[0]}\r\n"x,y\r\n`, 'malformed'],
      ] as const) {
        const refused = await importCsv(db, file)
        assert.ok(
          refused.problems.some((p) => p.problem === problem),
          `${problem}: ${JSON.stringify(refused.problems.slice(0, 3))}`,
        )
      }
      assert.deepEqual(await counts(t), before)
    })

    it('lets editors export and import through the pages with a preview, audited; others are refused', async () => {
      const editor = new Agent(t.app, 'cy')
      await editor.signIn('editor')
      const exported = await editor.get('/directory/manage/export.csv')
      assert.equal(exported.statusCode, 200)
      assert.match(String(exported.headers['content-type']), /^text\/csv/)
      assert.match(String(exported.headers['content-disposition']), /attachment; filename="cyswllt-directory-/)
      const api = await editor.get('/api/v1/directory/services.csv')
      assert.equal(api.body, exported.body)

      await editor.get('/directory/manage/import')
      const same = await editor.submit('/directory/manage/import', { csv: exported.body })
      assert.equal(same.statusCode, 200)
      assert.match(same.body, /nid oes dim i&#39;w fewnforio/)

      const changed = edit(exported.body, 'Cardiff Health Walks', 'waiting_list_weeks', '6')
      const preview = await editor.submit('/directory/manage/import', { csv: changed })
      assert.equal(preview.statusCode, 200)
      assert.match(preview.body, /Mewnforio&#39;r newidiadau hyn/)
      const bad = await editor.submit('/directory/manage/import', {
        csv: edit(changed, 'Cardiff Health Walks', 'published', 'maybe'),
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /govuk-error-summary/)
      assert.match(bad.body, /colofn published: rhowch yes neu no/)

      // The same change as an uploaded file, saved by Excel with a byte order mark: the file wins over pasted text,
      // and the preview's confirm form is multipart too, so files larger than a urlencoded body can be confirmed.
      await editor.get('/directory/manage/import')
      const uploaded = await editor.upload('/directory/manage/import', { csv: '' }, { file: { filename: 'cyfeiriadur.csv', content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(changed)]) } })
      assert.equal(uploaded.statusCode, 200)
      assert.match(uploaded.body, /Mewnforio&#39;r newidiadau hyn/)
      assert.match(uploaded.body, /enctype="multipart\/form-data"/)
      // A spreadsheet saved as .xlsx is not CSV: one message saying how to save it, not a list of missing columns.
      const xlsx = await editor.upload('/directory/manage/import', { csv: '' }, { file: { filename: 'cyfeiriadur.xlsx', content: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 1]) } })
      assert.equal(xlsx.statusCode, 400)
      assert.match(xlsx.body, /Nid ffeil CSV yw&#39;r ffeil/)
      assert.doesNotMatch(xlsx.body, /ar goll o&#39;r llinell gyntaf/)
      await editor.get('/directory/manage/import')
      const forged = await editor.upload('/directory/manage/import', { csv: changed, _csrf: 'wrong' }, {})
      assert.equal(forged.statusCode, 403)
      // A body that claims to be multipart and is not: 400 before anything else.
      const broken = await t.app.inject({ method: 'POST', url: '/directory/manage/import', headers: { 'content-type': 'multipart/form-data; boundary=abc' }, payload: 'not multipart' })
      assert.equal(broken.statusCode, 400)
      await editor.get('/directory/manage/import')

      await editor.submit('/directory/manage/import', { csv: changed })
      const confirmed = await editor.upload('/directory/manage/import/confirm', { csv: changed }, {})
      assert.equal(confirmed.statusCode, 303)
      assert.equal(confirmed.headers.location, '/directory/manage/import/done?created=0&updated=1&unchanged=72')
      const done = await editor.get(confirmed.headers.location as string)
      assert.match(done.body, /0 newydd, 1 wedi newid, 72 heb newid/)
      const db = t.app.deps.database.db
      assert.equal(
        (
          await db
            .selectFrom('services')
            .select('waiting_list_weeks')
            .where('name', '=', 'Cardiff Health Walks')
            .executeTakeFirstOrThrow()
        ).waiting_list_weeks,
        6,
      )
      const audits = await db
        .selectFrom('audit_events')
        .select(['action', 'detail'])
        .where('action', 'in', ['directory_import.csv', 'directory_export.csv'])
        .execute()
      assert.deepEqual(
        audits.map((a) => [a.action, a.detail?.via, a.detail?.updated]),
        [
          ['directory_export.csv', 'web', undefined],
          ['directory_export.csv', 'api', undefined],
          ['directory_import.csv', 'web', 1],
        ],
      )

      const practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      assert.equal((await practitioner.get('/directory/manage/export.csv')).statusCode, 403)
      assert.equal((await practitioner.get('/directory/manage/import')).statusCode, 403)
    })
  })
}
