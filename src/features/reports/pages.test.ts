import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { reportFixture } from './fixture.js'
import { reportSource } from './pages.js'

/** A CSV as the exports write it (quoted fields, CRLF), back into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\n') {
      endField()
      rows.push(row)
      row = []
    } else if (c !== '\r') field += c
  }
  return rows
}

/** What the page shows in a measure's table cell (data-cell), e.g. cell('cds41', 'row:self'). */
function pageCell(html: string, measureId: string, cellName: string): string | undefined {
  const section = html.split(`data-measure="${measureId}"`)[1]?.split('</section>')[0] ?? ''
  return new RegExp(`data-cell="${cellName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">([^<]*)<`).exec(section)?.[1]
}

const pageNumber = (shown: string | undefined) => Number((shown ?? '').replace(/,/g, ''))

for (const kind of databaseKinds()) {
  describe(`the RBA report pages and exports (${kind})`, () => {
    let t: TestApp
    const original = { ...reportSource }
    before(async () => {
      t = await startTestApp(kind)
      reportSource.build = async (_db, filter, audience) => reportFixture(filter, audience)
    })
    after(async () => {
      Object.assign(reportSource, original)
      await t.close()
    })
    const db = () => t.app.deps.database.db
    const audits = (action: string) => db().selectFrom('audit_events').select(['detail', 'actor_user_id']).where('action', '=', action).execute()

    it('shows a team lead exact figures: Table 2 first under the three questions, charts with tables, definitions (English)', async () => {
      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      const before = (await audits('report.view')).length
      const page = await lead.get('/reports?from=2026-04-01&to=2026-09-30')
      assert.equal(page.statusCode, 200, page.body)
      const html = page.body
      assert.match(html, /<h1 class="govuk-heading-xl">Results Based Accountability report<\/h1>/)
      assert.match(html, /1 April 2026 to 30 September 2026/)
      const order = ['Table 2: the headline measures', 'How much did we do?', 'How well did we do it?', 'Is anyone better off?', 'Every other measure', 'Equity: who the service reaches', 'Welsh language'].map((s) => html.indexOf(s))
      assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] as number))), `sections in order: ${order.join(', ')}`)
      assert.ok(html.indexOf('data-measure="cds122"') < html.indexOf('data-measure="cds45"'), 'Table 2 before the rest')
      assert.equal(pageCell(html, 'cds122', 'count'), '1,234')
      assert.equal(pageCell(html, 'cds45', 'count'), '3')
      assert.equal(pageCell(html, 'cds41', 'row:third_sector'), '3')
      assert.equal(pageCell(html, 'cds123', 'percent'), '92.5%')
      assert.equal(pageCell(html, 'cds68', 'amount'), '£123.45')
      assert.match(html, /href="\/core-data-set\/122#definition">Definition/)
      assert.match(html, /href="\/core-data-set\/121#definition">Definition/, 'the funnel links to its first statement')
      // Charts for breakdowns, the funnel, durations, the scale, carbon and the change; none for counts and shares.
      assert.equal((html.match(/<svg class="cyswllt-chart"[^>]*role="img"/g) ?? []).length, 8)
      assert.match(html, /<desc id="measure-cds41-chart-desc">Chart of Referral route: Primary care[^<]*20, Self-referral 7, [^<]*3\./)
      assert.match(html, /<caption class="govuk-table__caption govuk-table__caption--s" id="measure-cds41-caption">Referral route<\/caption>/)
      assert.match(html, /<th scope="row" class="govuk-table__header">Female<\/th>/, 'the equity table labels its rows from the vocabulary')
      assert.doesNotMatch(html, /id="footnotes"/, 'nothing hidden, no notes on hidden numbers')
      assert.match(html, /<select class="govuk-select" id="practitioner" name="practitioner">/, 'a team lead may filter by practitioner')
      assert.doesNotMatch(html, /id="organisation" name="organisation"/)
      assert.match(html, /href="\/reports\/rba.csv\?from=2026-04-01&amp;to=2026-09-30"/)
      const rows = await audits('report.view')
      assert.equal(rows.length, before + 1, 'the read is audited')
    })

    it('reads the same report in Welsh, numbers formatted for Welsh', async () => {
      const lead = new Agent(t.app, 'cy')
      await lead.signIn('teamlead')
      const page = await lead.get('/reports?from=2026-04-01&to=2026-09-30')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Adroddiad Atebolrwydd Seiliedig ar Ganlyniadau/)
      assert.match(page.body, /Faint wnaethon ni\?/)
      assert.match(page.body, /A oes unrhyw un yn well ei fyd\?/)
      assert.equal(pageCell(page.body, 'cds122', 'count'), new Intl.NumberFormat('cy').format(1234))
      assert.match(page.body, />Diffiniad<span class="govuk-visually-hidden">: Sgyrsiau Beth sy&#39;n Bwysig a gwblhawyd<\/span>/)
    })

    it('gives a commissioner suppressed figures with the notes, and nothing person-identifiable', async () => {
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      const page = await commissioner.get('/reports?from=2026-04-01&to=2026-09-30')
      assert.equal(page.statusCode, 200, page.body)
      const html = page.body
      assert.match(html, /small numbers hidden/)
      assert.equal(pageCell(html, 'cds122', 'count'), '1,234')
      assert.equal(pageCell(html, 'cds45', 'count'), '&lt;5')
      assert.equal(pageCell(html, 'cds41', 'row:third_sector'), '&lt;5')
      assert.equal(pageCell(html, 'cds41', 'row:self'), '[c]', 'the second smallest route, so 3 cannot be subtracted from 30')
      assert.equal(pageCell(html, 'cds123', 'numerator'), '[c]', '37 of 40: the 3 who did not attend would show')
      assert.equal(pageCell(html, 'cds123', 'percent'), '–')
      assert.equal(pageCell(html, 'cds46', 'median'), '–')
      assert.equal(pageCell(html, 'funnel', 'stage:accepted'), '[c]')
      assert.match(html, /<li>&lt;5: a count from 1 to 4/)
      assert.match(html, /<li>\[c\]: hidden so that/)
      assert.doesNotMatch(html, /id="practitioner"|id="team"/, 'no practitioner or team filter for commissioners')
      assert.match(html, /id="organisation" name="organisation"/)
      for (const name of ['Rhian', 'Siân', 'NHS number']) assert.ok(!html.includes(name), `no ${name} on a commissioner's report`)
    })

    it('exports CSV with a BOM that parses back to the numbers the page shows, audited as an export', async () => {
      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      const page = await lead.get('/reports?from=2026-04-01&to=2026-09-30')
      const csv = await lead.get('/reports/rba.csv?from=2026-04-01&to=2026-09-30')
      assert.equal(csv.statusCode, 200)
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="cyswllt-rba-2026-04-01-2026-09-30-en.csv"')
      assert.ok(csv.body.startsWith('\uFEFF'), 'a byte order mark for Excel')
      const rows = parseCsv(csv.body.slice(1))
      assert.deepEqual(rows[0], ['Measure', 'Core Data Set statements', 'RBA question', 'Label', 'Cell', 'Value'])
      const value = (id: string, cell: string) => rows.find((r) => r[0] === id && r[4] === cell)?.[5]
      assert.deepEqual(rows.find((r) => r[0] === 'cds122'), ['cds122', '122', 'How much did we do?', 'What Matters conversations completed', 'count', '1234'])
      for (const [id, cell] of [['cds122', 'count'], ['cds45', 'count'], ['cds41', 'row:primary_care'], ['cds41', 'row:third_sector'], ['funnel', 'stage:attended'], ['cds47', 'median']] as const) {
        assert.equal(Number(value(id, cell)), pageNumber(pageCell(page.body, id, cell)), `${id} ${cell}`)
      }
      assert.equal(value('funnel', 'stage:attended'), '40')
      assert.equal(rows.find((r) => r[0] === 'funnel')?.[1], '121 43 42 109 100')
      assert.equal(value('equity.sex', 'female:referrals'), '30')
      const exports = await audits('report.export')
      assert.equal(exports.at(-1)?.detail && (exports.at(-1)?.detail as { format: string }).format, 'csv')
    })

    it('exports a commissioner CSV in Welsh with the hidden values as shown', async () => {
      const commissioner = new Agent(t.app, 'cy')
      await commissioner.signIn('commissioner')
      const csv = await commissioner.get('/reports/rba.csv?from=2026-04-01&to=2026-09-30')
      const rows = parseCsv(csv.body.slice(1))
      const value = (id: string, cell: string) => rows.find((r) => r[0] === id && r[4] === cell)?.[5]
      assert.equal(rows[0]?.[0], 'Mesur')
      assert.equal(value('cds45', 'count'), '<5')
      assert.equal(value('cds41', 'row:self'), '[c]')
      assert.equal(value('cds123', 'percent'), '')
      assert.equal(value('equity.sex', 'male:completed'), '<5')
      assert.equal(rows.find((r) => r[0] === 'cds122')?.[2], 'Faint wnaethon ni?')
    })

    it('exports XLSX with a sheet per question, equity and definitions, read back with exceljs', async () => {
      const commissioner = new Agent(t.app)
      await commissioner.signIn('commissioner')
      const xlsx = await commissioner.get('/reports/rba.xlsx?from=2026-04-01&to=2026-09-30')
      assert.equal(xlsx.statusCode, 200)
      assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      assert.match(String(xlsx.headers['content-disposition']), /filename="cyswllt-rba-2026-04-01-2026-09-30-en.xlsx"/)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
      assert.deepEqual(book.worksheets.map((s) => s.name), ['How much did we do', 'How well did we do it', 'Is anyone better off', 'Equity', 'Definitions'])
      const cells = (name: string) => {
        const out: unknown[][] = []
        book.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
        return out
      }
      const howMuch = cells('How much did we do')
      assert.deepEqual(howMuch.find((r) => r[0] === 'cds122'), ['cds122', '122', 'How much did we do?', 'What Matters conversations completed', 'count', 1234])
      assert.equal(howMuch.find((r) => r[0] === 'cds45')?.[5], '<5')
      assert.equal(howMuch.find((r) => r[0] === 'cds41' && r[4] === 'row:self')?.[5], '[c]')
      const equity = cells('Equity')
      assert.deepEqual(equity.find((r) => r[0] === 'Male'), ['Male', 12, 8, '<5', 6, '<5', 240000, 0.05])
      const definitions = cells('Definitions')
      assert.match(String(definitions.find((r) => r[0] === 'cds122')?.[3]), /\/core-data-set\/122#definition$/)
    })

    it('shows the filter errors in an error summary in the user’s language, and writes no audit', async () => {
      reportSource.parse = async () => ({ ok: false, status: 400, errors: [{ field: 'from', key: 'reports.notAvailable.noData' }] })
      try {
        const lead = new Agent(t.app, 'cy')
        await lead.signIn('teamlead')
        const before = (await audits('report.view')).length
        const page = await lead.get('/reports?from-day=31&from-month=2&from-year=2026')
        assert.equal(page.statusCode, 400)
        assert.match(page.body, /govuk-error-summary/)
        assert.match(page.body, /href="#from-day">Dim ffigurau ar gyfer y cyfnod hwn\.<\/a>/)
        assert.match(page.body, /id="from-day" name="from-day" type="text" value="31"/)
        assert.equal((await audits('report.view')).length, before)
        assert.equal((await lead.get('/reports/rba.csv?from=x')).statusCode, 400)
      } finally {
        reportSource.parse = original.parse
      }
    })

    it('serves the printable report and its stylesheet', async () => {
      const lead = new Agent(t.app)
      await lead.signIn('teamlead')
      const print = await lead.get('/reports/print?from=2026-04-01&to=2026-09-30')
      assert.equal(print.statusCode, 200)
      assert.match(print.body, /<link rel="stylesheet" href="\/assets\/report-print.css">/)
      assert.match(print.body, /data-measure="cds122"/)
      const css = await lead.get('/assets/report-print.css')
      assert.equal(css.statusCode, 200)
      assert.match(css.body, /@media print/)
    })

    it('draws the engine’s report as it comes, even with no measures yet', async () => {
      reportSource.build = original.build
      try {
        const lead = new Agent(t.app)
        await lead.signIn('teamlead')
        const page = await lead.get('/reports')
        assert.equal(page.statusCode, 200, page.body)
        assert.match(page.body, /Table 2: the headline measures/)
        assert.match(page.body, /id="from-year" name="from-year" type="text" value="\d{4}"/, 'the form shows the period used')
      } finally {
        reportSource.build = async (_db, filter, audience) => reportFixture(filter, audience)
      }
    })

    it('refuses the report to someone without reports.view', async () => {
      const referrer = new Agent(t.app)
      await referrer.signIn('referrer')
      assert.equal((await referrer.get('/reports')).statusCode, 403)
      assert.equal((await referrer.get('/reports/rba.csv')).statusCode, 403)
    })
  })
}
