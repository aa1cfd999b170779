import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

/** The statement numbers of the catalogue table's rows, in the order shown. */
const rowNumbers = (html: string) =>
  [...html.matchAll(/<tr class="govuk-table__row" id="statement-(\d+)"/g)].map((m) => Number(m[1]))

interface StatementJson {
  number: number
  statement: string
  rbaQuestion: string
  coverage: { status: string; measureIds?: string[]; field?: string; reason?: string; definition: string }
}

for (const kind of databaseKinds()) {
  describe(`the Core Data Set catalogue (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    let welsh: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      welsh = new Agent(t.app, 'cy')
      await welsh.signIn('commissioner')
    })
    after(() => t.close())

    it('lists all 125 statements with every published column and the coverage summary', async () => {
      const page = await practitioner.get('/core-data-set')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /118 of 125 statements covered/)
      assert.match(
        page.body,
        /id="coverage-summary"[\s\S]*Computed in reports[\s\S]*102[\s\S]*Recorded, not computed[\s\S]*16[\s\S]*Outside Cyswllt[\s\S]*7/,
      )
      const numbers = rowNumbers(page.body)
      assert.equal(numbers.length, 125)
      assert.deepEqual(numbers.slice(0, 3), [108, 91, 93])
      assert.match(
        page.body,
        /class="cyswllt-table-scroll" role="region" tabindex="0" aria-labelledby="statements-caption"/,
      )
      const row108 = /<tr class="govuk-table__row" id="statement-108"[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? ''
      for (const cell of [
        'Themes on what the person wants to achieve/what matters to them',
        '0.38',
        '4.50',
        '3.79',
        'ILO &amp; PLO',
        'What difference?',
        'Computed',
        'cds108',
      ])
        assert.ok(row108.includes(cell), cell)
      assert.ok(!row108.includes('lang="en"'), 'English pages need no language mark on the statement')
      assert.match(page.body, /16 statements shown|125 statements shown of 125/)
    })

    it('filters by cluster, RBA question, type of data and coverage with a GET form', async () => {
      assert.deepEqual(
        rowNumbers((await practitioner.get('/core-data-set?cluster=2&coverage=recorded')).body),
        [10, 11, 5, 26, 14, 6, 29, 8, 7, 28],
      )
      assert.deepEqual(rowNumbers((await practitioner.get('/core-data-set?question=na')).body), [16])
      assert.deepEqual(rowNumbers((await practitioner.get('/core-data-set?type=ILO+%26+PMO')).body), [110])
      const outside = await practitioner.get('/core-data-set?coverage=outside&cluster=&question=&type=')
      assert.deepEqual(rowNumbers(outside.body), [75, 67, 90, 66, 39, 56, 85])
      assert.match(outside.body, /7 statements shown of 125/)
      assert.match(outside.body, /<option value="outside" selected>/)
      const none = await practitioner.get('/core-data-set?cluster=1&coverage=recorded')
      assert.equal(none.statusCode, 200)
      assert.deepEqual(rowNumbers(none.body), [])
      assert.match(none.body, /No statements match these filters\./)
      // A value the form does not offer is ignored.
      assert.equal(rowNumbers((await practitioner.get('/core-data-set?cluster=9&coverage=maybe')).body).length, 125)
    })

    it('shows the catalogue in Welsh, the statements marked as English', async () => {
      const page = await welsh.get('/core-data-set')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<html lang="cy"/)
      assert.match(page.body, /118 o 125 datganiad wedi&#39;u cwmpasu/)
      assert.match(page.body, /id="english-only">Cyhoeddwyd y datganiadau yn Saesneg yn unig/)
      assert.match(page.body, /<td class="govuk-table__cell" lang="en">Themes on what the person wants to achieve/)
      assert.match(page.body, /Pa wahaniaeth\?/)
      assert.equal(rowNumbers(page.body).length, 125)
      assert.deepEqual(rowNumbers((await welsh.get('/core-data-set?question=how_well&coverage=outside')).body), [])
      assert.match(
        (await welsh.get('/core-data-set?question=how_well&coverage=outside')).body,
        /Nid oes datganiad yn cyfateb/,
      )
    })

    it('shows a statement with its published columns, coverage and definition', async () => {
      const page = await practitioner.get('/core-data-set/91')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h1 class="govuk-heading-l">Statement 91<\/h1>/)
      assert.match(page.body, /id="statement-text">Changes to mental wellbeing \(using a validated tool\(s\)\)</)
      assert.match(page.body, /<h2 class="govuk-heading-m" id="definition">Definition<\/h2>/)
      assert.match(page.body, /id="definition-text">Pairs of a WEMWBS or SWEMWBS baseline/)
      assert.match(page.body, /<code>cds91<\/code>/)
      assert.match(page.body, /ILO &amp; NI/)
      const recorded = await practitioner.get('/core-data-set/10')
      assert.match(recorded.body, /<code>service_returns\.running_costs_pence<\/code>/)
      assert.match(recorded.body, /Recorded/)
      const outside = await practitioner.get('/core-data-set/85')
      assert.match(outside.body, /Measured by national population surveys, not case records/)
      assert.match(outside.body, /id="definition-text">Outside Cyswllt: the National Indicators for Wales/)
      const cy = await welsh.get('/core-data-set/91')
      assert.match(cy.body, /<h1 class="govuk-heading-l">Datganiad 91<\/h1>/)
      assert.match(cy.body, /id="statement-text" lang="en">Changes to mental wellbeing/)
      assert.match(cy.body, /id="definition">Diffiniad</)
      assert.match(cy.body, /id="definition-text">Parau o linell sylfaen WEMWBS neu SWEMWBS/)
    })

    it('answers 404 for a statement that does not exist', async () => {
      for (const url of ['/core-data-set/126', '/core-data-set/0', '/core-data-set/abc', '/core-data-set/1.5']) {
        const page = await practitioner.get(url)
        assert.equal(page.statusCode, 404, url)
      }
      assert.equal((await welsh.get('/core-data-set/999')).statusCode, 404)
    })

    it('is for signed-in users only', async () => {
      const anonymous = new Agent(t.app)
      assert.equal((await anonymous.get('/core-data-set')).statusCode, 303)
      const api = await anonymous.api('GET', '/api/v1/core-data-set')
      assert.equal(api.statusCode, 401)
      const referrer = new Agent(t.app)
      await referrer.signIn('referrer')
      assert.equal((await referrer.get('/core-data-set/1')).statusCode, 200)
    })

    it('gives the catalogue as JSON, the definitions in the language asked for', async () => {
      const response = await practitioner.api('GET', '/api/v1/core-data-set')
      assert.equal(response.statusCode, 200)
      const body = response.json() as { statements: StatementJson[]; summary: unknown }
      assert.deepEqual(body.summary, { total: 125, computed: 102, recorded: 16, outside: 7 })
      assert.equal(body.statements.length, 125)
      assert.deepEqual(body.statements[0], {
        number: 108,
        cluster: 1,
        statement:
          'Themes on what the person wants to achieve/what matters to them (e.g. reduce isolation, increase physical activity)',
        bridgingValue: 0.38,
        importance: 4.5,
        easeOfCollection: 3.79,
        typeOfData: 'ILO & PLO',
        rbaQuestion: 'What difference?',
        published: { bridgingValue: '0.38', importance: '4.50', easeOfCollection: '3.79' },
        coverage: {
          status: 'computed',
          measureIds: ['cds108'],
          definition:
            'Completed What Matters conversations held in the period (by the date held; the latest per episode) by theme (what the person wants to achieve); a conversation with several themes counts under each. Unit: conversations.',
        },
      })
      const byNumber = new Map(body.statements.map((s) => [s.number, s]))
      assert.deepEqual(byNumber.get(85)?.coverage.reason, 'national_indicators')
      assert.equal(byNumber.get(85)?.coverage.measureIds, undefined)
      assert.equal(byNumber.get(19)?.coverage.field, 'person timeline (/people/:id)')
      assert.equal(byNumber.get(16)?.rbaQuestion, 'N/A')

      const cy = (await practitioner.api('GET', '/api/v1/core-data-set?lang=cy')).json() as {
        statements: StatementJson[]
      }
      assert.match(cy.statements[0]?.coverage.definition ?? '', /^Sgyrsiau Beth sy'n Bwysig/)
      assert.equal(cy.statements[0]?.statement, body.statements[0]?.statement)
      const byHeader = (await welsh.api('GET', '/api/v1/core-data-set/108')).json() as StatementJson
      assert.match(byHeader.coverage.definition, /^Sgyrsiau Beth sy'n Bwysig/)
      const englishAsked = (await welsh.api('GET', '/api/v1/core-data-set/108?lang=en')).json() as StatementJson
      assert.match(englishAsked.coverage.definition, /^Completed What Matters conversations/)
    })

    it('answers one statement, 404 for an unknown number and 400 for a non-number', async () => {
      const one = await practitioner.api('GET', '/api/v1/core-data-set/121')
      assert.equal(one.statusCode, 200)
      assert.deepEqual((one.json() as StatementJson).coverage.measureIds, ['cds121', 'funnel'])
      const missing = await practitioner.api('GET', '/api/v1/core-data-set/126')
      assert.equal(missing.statusCode, 404)
      assert.match(String(missing.headers['content-type']), /^application\/problem\+json/)
      assert.equal((missing.json() as { code: string }).code, 'not_found')
      for (const bad of ['abc', '1.5', '-3']) {
        const response = await practitioner.api('GET', `/api/v1/core-data-set/${bad}`)
        assert.equal(response.statusCode, 400, bad)
        assert.equal((response.json() as { code: string }).code, 'invalid_number')
      }
      const cy = await welsh.api('GET', '/api/v1/core-data-set/abc')
      assert.match((cy.json() as { detail: string }).detail, /Rhaid i rif y datganiad/)
    })

    it('documents both routes in OpenAPI', async () => {
      const doc = (await practitioner.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, unknown> }
      assert.ok(doc.paths['/api/v1/core-data-set'])
      assert.ok(doc.paths['/api/v1/core-data-set/{n}'])
    })
  })
}
