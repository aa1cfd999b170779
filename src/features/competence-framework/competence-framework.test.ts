import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'

const count = (body: string, re: RegExp) => (body.match(new RegExp(re.source, 'g')) ?? []).length
const h1 = (body: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(body)?.[1]?.trim()

for (const kind of databaseKinds()) {
  describe(`the Competence Framework pages and API (${kind})`, () => {
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

    it('lists the seven domains and links all 31 areas, in English', async () => {
      const page = await practitioner.get('/competence-framework')
      assert.equal(page.statusCode, 200)
      assert.equal(h1(page.body), 'Competence Framework for social prescribing practitioners')
      assert.equal(count(page.body, /<h2 class="govuk-heading-m" id="domain-\d"/), 7)
      assert.match(page.body, />Domain 7: Meta-competences \(judgement calls\)</)
      assert.equal(count(page.body, /href="\/competence-framework\/[1-7]\.\d[abc]?"/), 31)
      assert.match(
        page.body,
        /href="\/competence-framework\/1\.2a">1\.2a Knowledge of the principles of a person-centred approach</,
      )
      assert.doesNotMatch(page.body, /<div lang="en">/)
    })

    it('lists them in Welsh, with the English-only statements marked lang="en"', async () => {
      const page = await welsh.get('/competence-framework')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<html lang="cy"/)
      assert.equal(h1(page.body), 'Fframwaith Cymhwysedd ar gyfer ymarferwyr presgripsiynu cymdeithasol')
      assert.match(page.body, />Parth 1: Gwybodaeth</)
      assert.match(page.body, /href="\/competence-framework\/5\.4">5\.4 Cyfeirio</)
      assert.match(page.body, /wedi’i gyhoeddi yn Saesneg yn unig/)
      assert.match(page.body, /<div lang="en">\s*<div class="cyswllt-statement">/)
    })

    it("shows an area's statements under their headings, notes first, with bullet points", async () => {
      const page = await practitioner.get('/competence-framework/1.1')
      assert.equal(page.statusCode, 200)
      assert.equal(h1(page.body), '1.1 Knowledge of social prescribing and its application in Wales')
      assert.match(page.body, /Domain 1: Knowledge/)
      assert.equal(count(page.body, /class="cyswllt-statement"/), 13)
      assert.equal(count(page.body, /<h2 class="govuk-heading-m">/), 4)
      assert.match(page.body, /<h2 class="govuk-heading-m">The legislative and strategic context<\/h2>/)
      assert.match(page.body, /<li>the Children Act 1989 and the Children and Families Act 2014<\/li>/)
      const business = await practitioner.get('/competence-framework/2.6')
      assert.match(business.body, /Developing a business case is potentially challenging/)
      assert.match(business.body, /<li>its impact on wellbeing<\/li>/)
      assert.match(business.body, /href="\/competence-framework\/2\.5"/)
      assert.match(business.body, /href="\/competence-framework\/2\.7a"/)
    })

    it('shows an area in Welsh: Welsh titles, the statements in English', async () => {
      const page = await welsh.get('/competence-framework/7.1')
      assert.equal(page.statusCode, 200)
      assert.equal(h1(page.body), '7.1 Meta-gymwyseddau ar gyfer ymarferwyr presgripsiynu cymdeithasol')
      assert.match(page.body, /Parth 7: Meta-gymwyseddau/)
      assert.match(page.body, /<span lang="en">Meta-competences for social prescribing practitioners<\/span>/)
      assert.match(page.body, /<div id="statements" lang="en">/)
      assert.equal(count(page.body, /class="cyswllt-statement"/), 18)
    })

    it('answers 404 for an area that is not in the framework, and asks to sign in first', async () => {
      assert.equal((await practitioner.get('/competence-framework/1.2')).statusCode, 404)
      assert.equal((await practitioner.get('/competence-framework/8.1')).statusCode, 404)
      const anonymous = await new Agent(t.app).get('/competence-framework')
      assert.notEqual(anonymous.statusCode, 200)
    })

    it('gives the whole framework as JSON, titles in the language asked for', async () => {
      const en = await practitioner.api('GET', '/api/v1/competence-framework')
      assert.equal(en.statusCode, 200)
      const body = en.json() as {
        lang: string
        statementsLang: string
        corePhilosophy: { statements: unknown[] }
        domains: { number: number; title: string; areas: { id: string; title: string; statements: unknown[] }[] }[]
      }
      assert.equal(body.lang, 'en')
      assert.equal(body.statementsLang, 'en')
      assert.equal(body.domains.length, 7)
      const areas = body.domains.flatMap((d) => d.areas)
      assert.equal(areas.length, 31)
      assert.equal(
        areas.reduce((n, a) => n + a.statements.length, 0),
        283,
      )
      assert.equal(body.corePhilosophy.statements.length, 5)
      assert.equal(body.domains[3]!.title, 'Communication skills')
      const cy = (await practitioner.api('GET', '/api/v1/competence-framework?lang=cy')).json() as typeof body
      assert.equal(cy.lang, 'cy')
      assert.equal(cy.domains[3]!.title, 'Sgiliau cyfathrebu')
      assert.equal(cy.domains[4]!.areas[5]!.title, 'Cyfeirio')
      assert.equal((await practitioner.api('GET', '/api/v1/competence-framework?lang=fr')).statusCode, 400)
    })

    it('gives one area as JSON, and a 404 problem for an unknown id', async () => {
      const area = await practitioner.api('GET', '/api/v1/competence-framework/areas/2.6?lang=cy')
      assert.equal(area.statusCode, 200)
      const body = area.json() as {
        id: string
        title: string
        titleEn: string
        headings: string[]
        statements: { heading: string | null; items: { text: string; items?: string[] }[] }[]
        domain: { number: number; title: string }
      }
      assert.equal(body.id, '2.6')
      assert.equal(body.title, 'Gallu datblygu achos busnes')
      assert.equal(body.titleEn, 'Able to develop a business case')
      assert.deepEqual(body.domain, {
        number: 2,
        title: 'Cymwyseddau proffesiynol',
        titleEn: 'Professional competences',
      })
      assert.equal(body.statements.length, 4)
      assert.deepEqual(body.headings, [
        'Developing a business case as a social prescribing practitioner',
        'Preparing to make a business case',
        'Making the case',
        'Acting on feedback',
      ])
      assert.equal(body.statements[2]!.heading, 'Making the case')
      assert.equal(body.statements[2]!.items[4]!.items!.length, 3)
      const missing = await practitioner.api('GET', '/api/v1/competence-framework/areas/9.9')
      assert.equal(missing.statusCode, 404)
      assert.match(String(missing.headers['content-type']), /^application\/problem\+json/)
      assert.equal((missing.json() as { code: string }).code, 'not_found')
    })

    it('asks API callers to sign in and documents both routes in OpenAPI', async () => {
      const anonymous = await t.app.inject({ url: '/api/v1/competence-framework' })
      assert.equal(anonymous.statusCode, 401)
      const doc = JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body)
      assert.ok(doc.paths['/api/v1/competence-framework']?.get)
      assert.ok(doc.paths['/api/v1/competence-framework/areas/{id}']?.get)
    })
  })
}
