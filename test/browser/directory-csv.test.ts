import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import { parseCsv, writeCsv } from '../../src/features/directory/csv/csv.js'
import { loadDemoServices } from '../../src/features/directory/demo/load.js'
import type { Language } from '../../src/platform/i18n/i18n.js'
import { browserSuite, text } from './support.js'

/**
 * The directory CSV import in a real browser, once in each language (issue 4 §6): an editor goes from "Manage the
 * directory" to the import page, pastes the export with one change, sees the preview (1 changed, the rest
 * unchanged, the changed column named), confirms, and sees the counts; a file with a bad field is refused with the
 * error summary naming its row and column. axe checks every page on the way.
 */

/** `csv` with one cell changed in the row of the service named `name`. */
function edit(csv: string, name: string, column: string, value: string): string {
  const parsed = parseCsv(csv)
  if (!parsed.ok) throw new Error('the export is not valid CSV')
  const [header, ...rows] = parsed.records as [string[], ...string[][]]
  const row = rows.find((r) => r[header.indexOf('name')] === name)
  if (!row) throw new Error(`no service ${name} in the export`)
  row[header.indexOf(column)] = value
  return writeCsv([header, ...rows])
}

browserSuite('browser journeys: importing the directory from CSV', (rig) => {
  before(async () => {
    assert.ok(rig.app, 'the app has not started')
    await loadDemoServices(rig.app.app.deps.database.db)
  })

  const cases: { lang: Language; service: string; weeks: string }[] = [
    { lang: 'en', service: 'Cardiff Health Walks', weeks: '7' },
    { lang: 'cy', service: 'Cardiff Food Bank', weeks: '9' },
  ]
  for (const { lang, service, weeks } of cases) {
    const t = (key: string, params?: Record<string, string | number>) => text(lang, key, params)

    it(`an editor previews and imports a changed export, and a bad file is refused with its row and column (${lang})`, async () => {
      const editor = await rig.visitor(lang)
      await editor.signInAs('editor', lang)
      await editor.visit('/directory/manage')
      await editor.clickLink(t('directory.manage.importCsv'))
      assert.equal(editor.path(), '/directory/manage/import')
      assert.equal(await editor.heading(), t('directory.csv.title'))

      const exported = await editor.page.request.get(`${rig.baseUrl}/directory/manage/export.csv`)
      assert.equal(exported.status(), 200)
      const csv = edit(await exported.text(), service, 'waiting_list_weeks', weeks)

      // A bad field: the error summary names the row and column, links to the text box, and keeps the text.
      const bad = edit(csv, service, 'email', 'not an address')
      await editor.page.getByLabel(t('directory.csv.label'), { exact: true }).fill(bad)
      await editor.clickButton(t('directory.csv.check'), { status: 400 })
      const summary = editor.page.locator('.govuk-error-summary')
      assert.match(await summary.innerText(), new RegExp(`${t('directory.csv.problems.notEmail').slice(0, 20)}`))
      assert.match(await summary.innerText(), /email/)
      assert.equal(await summary.getByRole('link').first().getAttribute('href'), '#csv')
      assert.ok((await editor.page.locator('#csv').inputValue()).includes('not an address'), 'the pasted text is kept')

      // The good file: the preview, then the import.
      // In English the corrected file is uploaded (the file wins over the text still pasted); in Welsh it is pasted.
      if (lang === 'en')
        await editor.page
          .getByLabel(t('directory.csv.fileLabel'), { exact: true })
          .setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      else await editor.page.getByLabel(t('directory.csv.label'), { exact: true }).fill(csv)
      await editor.clickButton(t('directory.csv.check'))
      assert.equal(await editor.heading(), t('directory.csv.previewTitle'))
      const changed = editor.page.locator('#preview-rows tbody tr', { hasText: t('directory.csv.outcomes.updated') })
      assert.equal(await changed.count(), 1)
      assert.match(await changed.innerText(), new RegExp(service))
      assert.match(await changed.innerText(), /waiting_list_weeks/)
      await editor.clickButton(t('directory.csv.confirm'))
      assert.equal(editor.path().split('?')[0], '/directory/manage/import/done')
      assert.match(
        await editor.page.locator('.govuk-panel').innerText(),
        new RegExp(t('directory.csv.doneCounts', { created: 0, updated: 1, unchanged: 71 })),
      )

      const db = rig.app?.app.deps.database.db
      const saved = await db
        ?.selectFrom('services')
        .select('waiting_list_weeks')
        .where('name', '=', service)
        .executeTakeFirstOrThrow()
      assert.equal(saved?.waiting_list_weeks, Number(weeks))
      await editor.done()
    })
  }
})
