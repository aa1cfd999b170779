import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'

const story = (over: Record<string, unknown> = {}) => ({
  title: 'Back at the allotment',
  perspective: 'person',
  whatMattered: 'Being outdoors with other people again',
  support: 'Three conversations and an introduction to the garden group',
  whatChanged: 'Goes twice a week and has made two friends',
  ...over,
})
const allChecked = ['names', 'places', 'dates', 'details', 'photos', 'seen']

for (const kind of databaseKinds()) {
  describe(`case studies (${kind})`, () => {
    let t: TestApp
    const agents: Record<string, Agent> = {}
    before(async () => {
      t = await startTestApp(kind)
      for (const who of ['practitioner', 'teamlead', 'practitioner2', 'asset', 'commissioner']) {
        agents[who] = new Agent(t.app)
        await agents[who].signIn(who)
      }
      agents.welsh = new Agent(t.app, 'cy')
      await agents.welsh.signIn('practitioner')
    })
    after(() => t.close())
    const a = (who: string) => agents[who] as Agent
    const db = () => t.app.deps.database.db
    const count = async () => (await db().selectFrom('case_studies').select('id').execute()).length
    const row = (id: string) =>
      db().selectFrom('case_studies').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const audited = async (id: string) =>
      (await db().selectFrom('audit_events').select(['action', 'outcome']).where('record_id', '=', id).execute()).map(
        (e) => `${e.action}:${e.outcome}`,
      )

    it('a practitioner writes a story (bad input refused, nothing written), the screen warns of the name; the check is completed and signed off by a team lead; consent lets it be printed', async () => {
      const f = await connectionFixture(t.app)
      assert.equal((await a('practitioner').get('/case-studies/new')).statusCode, 200)
      const before = await count()
      const empty = await a('practitioner').submit('/case-studies', {
        title: 'A story',
        perspective: 'funder',
        whatMattered: '',
        support: '',
        whatChanged: '',
      })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /govuk-error-summary/)
      assert.match(empty.body, /Choose a perspective from the list/)
      assert.match(empty.body, /Enter what mattered/)
      assert.match(empty.body, /Enter what changed/)
      const badTheme = await a('practitioner').submit('/case-studies', { ...story(), themes: ['world_peace'] })
      assert.equal(badTheme.statusCode, 400)
      assert.match(badTheme.body, /‘world_peace’ is not a What Matters theme/)
      assert.equal(await count(), before, 'nothing written')

      const created = await a('practitioner').submit('/case-studies', {
        ...story({ whatChanged: `${f.givenName} goes twice a week since 3 March` }),
        personId: f.personId,
        themes: ['reduce_isolation', 'green_spaces'],
        tags: 'Gardening',
      })
      assert.equal(created.statusCode, 303)
      const id = /\/case-studies\/([0-9a-f-]{36})\?created=1/.exec(created.headers.location as string)?.[1] as string
      assert.ok(id)
      const page = await a('practitioner').get(`/case-studies/${id}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /id="screen-warnings"/)
      assert.match(page.body, new RegExp(`The person’s first name \\(${f.givenName}\\)`))
      assert.match(page.body, /A date \(3 March\)/)
      assert.match(page.body, /The person’s consent to use it has not been recorded/)
      assert.ok(
        (await audited(id)).includes('case_study.view:success'),
        'reading a story linked to a person is audited',
      )

      // The check: every point, then a team lead who did not write it.
      const partial = await a('practitioner').submit(`/case-studies/${id}/check`, { checklist: ['names'] })
      assert.equal(partial.statusCode, 400)
      assert.match(partial.body, /Confirm every point of the anonymisation check/)
      assert.equal((await row(id)).status, 'draft')
      assert.equal(
        (await a('practitioner').submit(`/case-studies/${id}/check`, { checklist: allChecked })).statusCode,
        303,
      )
      assert.equal((await row(id)).status, 'awaiting_check')
      assert.equal(
        (await a('practitioner').submit(`/case-studies/${id}/approve`, {})).statusCode,
        403,
        'a practitioner is not a team lead',
      )
      await a('teamlead').get(`/case-studies/${id}`)
      assert.equal((await a('teamlead').submit(`/case-studies/${id}/approve`, {})).statusCode, 303)
      assert.equal((await row(id)).status, 'approved')

      // Approved, but no consent yet: it cannot be printed for sharing.
      const noConsent = await a('practitioner').get(`/case-studies/${id}/print`)
      assert.equal(noConsent.statusCode, 409)
      assert.match(noConsent.body, /The person’s consent to use it has not been recorded/)
      const badConsent = await a('practitioner').submit(`/case-studies/${id}/consent`, { consentScope: 'published' })
      assert.equal(badConsent.statusCode, 400)
      assert.match(badConsent.body, /Enter the date the person gave their consent/)
      assert.equal((await row(id)).consent_given_on, null)
      const yesterday = new Date(Date.now() - 86_400_000)
      const consent = {
        'consentGivenOn-day': String(yesterday.getUTCDate()),
        'consentGivenOn-month': String(yesterday.getUTCMonth() + 1),
        'consentGivenOn-year': String(yesterday.getUTCFullYear()),
        consentMethod: 'written',
      }
      await a('practitioner').submit(`/case-studies/${id}/consent`, { ...consent, consentScope: 'organisation' })
      const internal = await a('practitioner').get(`/case-studies/${id}/print`)
      assert.equal(internal.statusCode, 409)
      assert.match(internal.body, /agreed to its use within the organisation only/)
      await a('practitioner').submit(`/case-studies/${id}/consent`, { ...consent, consentScope: 'published' })
      const printed = await a('practitioner').get(`/case-studies/${id}/print`)
      assert.equal(printed.statusCode, 200)
      assert.match(printed.body, /Back at the allotment/)
      assert.doesNotMatch(printed.body, new RegExp(f.personId), 'the link to the person never leaves')
      assert.doesNotMatch(printed.body, /Rhian/, 'nor the author')

      // Editing the words after sign-off resets the check; saving the same words does not.
      const same = await a('practitioner').submit(`/case-studies/${id}`, {
        ...story({ whatChanged: `${f.givenName} goes twice a week since 3 March` }),
        personId: f.personId,
        themes: ['reduce_isolation', 'green_spaces'],
        tags: 'gardening',
      })
      assert.equal(same.headers.location, `/case-studies/${id}?updated=1`)
      assert.equal((await row(id)).status, 'approved')
      const edited = await a('practitioner').submit(`/case-studies/${id}`, {
        ...story({ whatChanged: 'Goes twice a week and has made two friends' }),
        personId: f.personId,
        themes: ['reduce_isolation'],
      })
      assert.equal(edited.headers.location, `/case-studies/${id}?reset=1`)
      const reset = await row(id)
      assert.equal(reset.status, 'draft')
      assert.equal(reset.approved_by, null)
      assert.deepEqual(reset.checklist, [])
      assert.equal((await a('practitioner').get(`/case-studies/${id}/print`)).statusCode, 409)
      const events = await db().selectFrom('case_study_events').select('kind').where('case_study_id', '=', id).execute()
      assert.deepEqual(events.map((e) => e.kind).sort(), [
        'approved',
        'check_completed',
        'check_reset',
        'consent_recorded',
        'consent_recorded',
        'created',
        'edited',
      ])
    })

    it('a team lead cannot sign off their own story; withdrawing consent stops it leaving, and the page says so', async () => {
      const own = await a('teamlead').api('POST', '/api/v1/case-studies', story({ perspective: 'practitioner' }))
      assert.equal(own.statusCode, 201)
      const id = own.json().id as string
      assert.equal(
        (await a('teamlead').api('POST', `/api/v1/case-studies/${id}/check`, { checklist: allChecked })).statusCode,
        200,
      )
      const refused = await a('teamlead').api('POST', `/api/v1/case-studies/${id}/approve`)
      assert.equal(refused.statusCode, 403)
      assert.equal(refused.json().code, 'own_case_study')
      assert.match(refused.json().detail, /You wrote this case study/)
      assert.equal((await row(id)).status, 'awaiting_check', 'nothing written')
      assert.ok((await audited(id)).includes('case_study.approve:refused'))
      const page = await a('teamlead').submit(`/case-studies/${id}/approve`, {})
      assert.equal(page.statusCode, 403)
      assert.match(page.body, /another team lead must sign off its check/)

      // Another writer's story, approved and consented, then consent withdrawn.
      const theirs = (
        await a('practitioner').api('POST', '/api/v1/case-studies', story({ perspective: 'community_asset' }))
      ).json().id as string
      await a('practitioner').api('POST', `/api/v1/case-studies/${theirs}/check`, { checklist: allChecked })
      assert.equal((await a('teamlead').api('POST', `/api/v1/case-studies/${theirs}/approve`)).statusCode, 200)
      const noConsent = await a('practitioner').api('GET', `/api/v1/case-studies/${theirs}`)
      assert.deepEqual(noConsent.json().sharing, {
        allowed: false,
        reasons: ['The person’s consent to use it has not been recorded'],
      })
      const withdrawNothing = await a('practitioner').api('POST', `/api/v1/case-studies/${theirs}/consent/withdraw`)
      assert.equal(withdrawNothing.statusCode, 409)
      const consented = await a('practitioner').api('PUT', `/api/v1/case-studies/${theirs}/consent`, {
        consentGivenOn: '2026-01-05',
        consentMethod: 'in_person',
        consentScope: 'commissioners',
      })
      assert.equal(consented.json().sharing.allowed, true)
      const withdrawn = await a('practitioner').api('POST', `/api/v1/case-studies/${theirs}/consent/withdraw`)
      assert.equal(withdrawn.statusCode, 200)
      assert.equal(withdrawn.json().status, 'withdrawn')
      assert.deepEqual(withdrawn.json().sharing.reasons, ['The person withdrew their consent'])
      const print = await a('practitioner').get(`/case-studies/${theirs}/print`)
      assert.equal(print.statusCode, 409)
      assert.match(print.body, /id="withdrawn-notice"/)
      assert.match(print.body, /This case study cannot leave the organisation/)
      const edit = await a('practitioner').api('PUT', `/api/v1/case-studies/${theirs}`, story({ title: 'New words' }))
      assert.equal(edit.statusCode, 409)
      assert.equal(edit.json().code, 'withdrawn')
      const again = await a('practitioner').api('PUT', `/api/v1/case-studies/${theirs}/consent`, {
        consentGivenOn: '2026-01-06',
        consentMethod: 'in_person',
        consentScope: 'published',
      })
      assert.equal(again.statusCode, 409)
      assert.equal((await row(theirs)).consent_scope, 'commissioners', 'nothing written')
    })

    it('the API refuses bad input with 422 naming the fields, in the user’s language, and filters the list', async () => {
      const before = await count()
      const bad = await a('welsh').api('POST', '/api/v1/case-studies', {
        title: '',
        perspective: 'mayor',
        whatMattered: 'x',
        support: 'y',
        whatChanged: '',
        themes: ['nope'],
        tags: ['ok', '<b>'],
        serviceIds: ['no-such-service'],
      })
      assert.equal(bad.statusCode, 422)
      assert.equal(bad.json().code, 'validation_failed')
      const errors = bad.json().errors as { field: string; message: string }[]
      assert.deepEqual(
        errors.map((e) => e.field),
        ['title', 'perspective', 'whatChanged', 'tags', 'themes', 'serviceIds'],
      )
      assert.equal(errors[0]?.message, 'Rhowch deitl')
      const unknownService = await a('practitioner').api(
        'POST',
        '/api/v1/case-studies',
        story({ serviceIds: ['00000000-0000-4000-8000-000000000000'] }),
      )
      assert.equal(unknownService.statusCode, 422)
      assert.deepEqual(
        unknownService.json().errors.map((e: { field: string }) => e.field),
        ['serviceIds'],
      )
      const otherPerson = await a('practitioner2').api(
        'POST',
        '/api/v1/case-studies',
        story({ personId: (await connectionFixture(t.app)).personId }),
      )
      assert.equal(otherPerson.statusCode, 422, 'a story links only to its own organisation’s people')
      assert.equal(await count(), before, 'nothing written')

      const f = await connectionFixture(t.app)
      const shed = await a('practitioner').api('POST', '/api/v1/case-studies', {
        ...story({ title: 'Shed story', perspective: 'community_asset' }),
        tags: ['woodwork'],
        themes: ['confidence'],
        serviceIds: [f.shedService],
        periodFrom: '2025-09-01',
        periodTo: '2026-01-31',
      })
      assert.equal(shed.statusCode, 201)
      assert.deepEqual(shed.json().serviceIds, [f.shedService])
      const byTag = await a('practitioner').api('GET', '/api/v1/case-studies?tag=woodwork')
      assert.deepEqual(
        byTag.json().caseStudies.map((c: { title: string }) => c.title),
        ['Shed story'],
      )
      const byTheme = await a('practitioner').api(
        'GET',
        '/api/v1/case-studies?tag=confidence&perspective=community_asset',
      )
      assert.deepEqual(
        byTheme.json().caseStudies.map((c: { title: string }) => c.title),
        ['Shed story'],
      )
      const list = await a('practitioner').get('/case-studies?perspective=community_asset&tag=woodwork')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Shed story/)
      assert.doesNotMatch(list.body, /Back at the allotment/)
      const badFilter = await a('practitioner').api('GET', '/api/v1/case-studies?perspective=mayor')
      assert.equal(badFilter.statusCode, 422)
      assert.equal(badFilter.json().errors[0].field, 'perspective')
      assert.equal((await a('practitioner').get('/case-studies?perspective=mayor')).statusCode, 400)
    })

    it('keeps other organisations, assets and commissioners out: 403, the refusal audited, nothing written', async () => {
      const id = (await a('practitioner').api('POST', '/api/v1/case-studies', story({ title: 'Ours' }))).json()
        .id as string
      const page = await a('practitioner2').get(`/case-studies/${id}`)
      assert.equal(page.statusCode, 403)
      assert.doesNotMatch(page.body, /Ours/)
      assert.equal((await a('practitioner2').api('GET', `/api/v1/case-studies/${id}`)).statusCode, 403)
      assert.equal(
        (await a('practitioner2').api('PUT', `/api/v1/case-studies/${id}`, story({ title: 'Theirs' }))).statusCode,
        403,
      )
      assert.equal((await a('practitioner2').get(`/case-studies/${id}/print`)).statusCode, 403)
      assert.equal((await row(id)).title, 'Ours')
      const refusals = (await audited(id)).filter((e) => e.endsWith(':refused'))
      assert.ok(refusals.length >= 4, 'each refusal is audited')
      const list = await a('practitioner2').api('GET', '/api/v1/case-studies')
      assert.equal(
        list.json().caseStudies.some((c: { id: string }) => c.id === id),
        false,
      )
      for (const who of ['asset', 'commissioner']) {
        assert.equal((await a(who).get('/case-studies')).statusCode, 403, who)
        assert.equal((await a(who).get(`/case-studies/${id}`)).statusCode, 403, who)
        assert.equal((await a(who).api('GET', '/api/v1/you-said-we-did')).statusCode, 403, who)
      }
    })
  })
}
