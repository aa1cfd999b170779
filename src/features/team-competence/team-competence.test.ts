import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { seedTwoPractitioners } from './testing.js'

for (const kind of databaseKinds()) {
  describe(`the team's competence (${kind})`, () => {
    let t: TestApp
    let lead: Agent
    let seeded: Awaited<ReturnType<typeof seedTwoPractitioners>>
    before(async () => {
      t = await startTestApp(kind)
      seeded = await seedTwoPractitioners(t.app.deps.database.db)
      lead = new Agent(t.app)
      await lead.signIn('teamlead')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const audits = (outcome: 'success' | 'refused') =>
      db()
        .selectFrom('audit_events as e')
        .select(['e.record_type', 'e.record_id', 'e.detail'])
        .where('e.action', '=', 'team_competence.view')
        .where('e.outcome', '=', outcome)
        .orderBy('e.id')
        .execute()

    it('a team with two practitioners shows the coverage of 3.1–3.3 correctly (API)', async () => {
      const before = (await audits('success')).length
      const res = await lead.api('GET', `/api/v1/competence/team?team=${seeded.teamId}`)
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      assert.deepEqual(body.team, { id: seeded.teamId, name: 'Coverage', nameCy: 'Cwmpas' })
      assert.deepEqual(body.members, [
        { id: seeded.ann, name: 'Ann Ashby', assessedOn: '2026-06-01', ratings: { '1.1': 'not_yet', '3.1': 'competent', '3.3': 'developing' } },
        { id: seeded.bryn, name: 'Bryn Bevan', assessedOn: '2026-05-02', ratings: { '3.2': 'can_support_others', '3.3': 'developing' } },
      ])
      assert.deepEqual(body.coverage, [
        { areaId: '3.1', covered: true, coveredBy: [{ id: seeded.ann, name: 'Ann Ashby', rating: 'competent' }] },
        { areaId: '3.2', covered: true, coveredBy: [{ id: seeded.bryn, name: 'Bryn Bevan', rating: 'can_support_others' }] },
        { areaId: '3.3', covered: false, coveredBy: [] },
      ])
      assert.equal(body.trainingNeeds.length, 31)
      assert.deepEqual(body.trainingNeeds[0], { areaId: '1.1', notYet: 1, developing: 0, notRated: 1, total: 2 })
      assert.deepEqual(body.trainingNeeds.find((n: { areaId: string }) => n.areaId === '3.3'), { areaId: '3.3', notYet: 0, developing: 2, notRated: 0, total: 2 })
      assert.deepEqual(body.trainingNeeds.slice(-2).map((n: { areaId: string; total: number }) => [n.areaId, n.total]), [['3.1', 1], ['3.2', 1]])
      const rows = await audits('success')
      assert.equal(rows.length, before + 1)
      assert.equal(rows.at(-1)?.record_type, 'team')
      assert.equal(rows.at(-1)?.record_id, seeded.teamId)
    })

    it('shows the matrix, the coverage warning and training needs in English and Welsh', async () => {
      const en = await lead.get(`/competence/team?team=${seeded.teamId}`)
      assert.equal(en.statusCode, 200)
      assert.match(en.body, /<h1 class="govuk-heading-l">Team competence/)
      assert.match(en.body, /Nobody in the team rates themselves competent in 3\.3: the team does not cover this area\./)
      assert.match(en.body, /id="coverage-3-1"[\s\S]*?Covered[\s\S]*?<li>Ann Ashby \(Competent\)<\/li>/)
      assert.match(en.body, /id="coverage-3-2"[\s\S]*?<li>Bryn Bevan \(Can support others\)<\/li>/)
      assert.doesNotMatch(en.body, /Cai Cadwaladr|Dilys Davies/)
      assert.match(en.body, /Latest ratings of 2 people/)
      assert.match(en.body, /<abbr title="Able to contribute to building community assets">3\.3<\/abbr>/)
      assert.match(en.body, /class="cyswllt-table-scroll"/)
      assert.equal((en.body.match(/govuk-tag--grey">\s*Not rated\s*</g) ?? []).length, 57, 'Ann has 28 areas not rated, Bryn 29')
      assert.match(en.body, /1 June 2026/)

      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('teamlead')
      const cy = await welsh.get(`/competence/team?team=${seeded.teamId}`)
      assert.equal(cy.statusCode, 200)
      assert.match(cy.body, /<h1 class="govuk-heading-l">Cymhwysedd y tîm <span class="govuk-caption-l">Cwmpas<\/span>/)
      assert.match(cy.body, /Nid oes neb yn y tîm yn ei raddio ei hun yn gymwys yn 3\.3/)
      assert.match(cy.body, /<li>Ann Ashby \(Cymwys\)<\/li>/)
      assert.match(cy.body, /Anghenion hyfforddi ar draws y tîm/)
    })

    it('counts 3.3 covered once one of them rates it competent, not while both are developing', async () => {
      await seeded.assess(seeded.bryn, '2026-11-20', { '3.2': 'can_support_others', '3.3': 'competent' })
      const body = (await lead.api('GET', `/api/v1/competence/team?team=${seeded.teamId}`)).json()
      assert.deepEqual(body.coverage[2], { areaId: '3.3', covered: true, coveredBy: [{ id: seeded.bryn, name: 'Bryn Bevan', rating: 'competent' }] })
      assert.equal(body.members[1].assessedOn, '2026-11-20')
    })

    it('without a team, lists the organisation’s active practitioners and team leads', async () => {
      const body = (await lead.api('GET', '/api/v1/competence/team')).json()
      assert.equal(body.team, null)
      assert.deepEqual(body.members.map((m: { name: string }) => m.name), ['Ann Ashby', 'Bryn Bevan', 'Rhian Practitioner', 'Siân Team Lead'])
      const rows = await audits('success')
      assert.equal(rows.at(-1)?.record_type, 'organisation')
      assert.equal(rows.at(-1)?.record_id, seeded.cardiff)
    })

    it('downloads the matrix as CSV, audited', async () => {
      const before = (await audits('success')).length
      const res = await lead.get(`/competence/team.csv?team=${seeded.teamId}`)
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^text\/csv/)
      assert.equal(res.headers['cache-control'], 'no-store')
      const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
      assert.equal(lines.length, 3)
      assert.ok(lines[0]?.startsWith('Name,Latest assessment,1.1,1.2a,1.2b,1.2c,1.3,'))
      assert.ok(lines[0]?.endsWith(',6.1,6.2,7.1'))
      const ann = lines[1]?.split(',') ?? []
      assert.deepEqual(ann.slice(0, 3), ['Ann Ashby', '2026-06-01', 'Not yet'])
      assert.equal(ann.length, 33)
      assert.equal(ann[2 + 16], 'Competent', '3.1 is the 17th area')
      assert.equal((await audits('success')).length, before + 1)
      assert.deepEqual((await audits('success')).at(-1)?.detail, { as: 'csv', people: 2, assessed: 2 })
    })

    it('refuses another organisation’s team as not found, audited; a malformed team is a bad request', async () => {
      const refusedBefore = (await audits('refused')).length
      for (const url of [`/api/v1/competence/team?team=${seeded.otherTeamId}`, `/competence/team?team=${seeded.otherTeamId}`, `/competence/team.csv?team=${seeded.otherTeamId}`]) {
        const res = url.startsWith('/api') ? await lead.api('GET', url) : await lead.get(url)
        assert.equal(res.statusCode, 404, url)
        assert.doesNotMatch(res.body, /Llŷn/)
      }
      const refused = await audits('refused')
      assert.equal(refused.length, refusedBefore + 3)
      assert.equal(refused.at(-1)?.record_id, seeded.otherTeamId)
      const bad = await lead.api('GET', '/api/v1/competence/team?team=north')
      assert.equal(bad.statusCode, 400)
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
    })

    it('is for team leads only', async () => {
      for (const who of ['practitioner', 'commissioner', 'admin']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.get('/competence/team')).statusCode, 403, who)
        assert.equal((await agent.get('/competence/team.csv')).statusCode, 403, who)
        assert.equal((await agent.api('GET', '/api/v1/competence/team')).statusCode, 403, who)
      }
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/competence/team' })
      assert.equal(anonymous.statusCode, 401)
    })
  })
}
