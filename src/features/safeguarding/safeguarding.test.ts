import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'

const future = () => {
  const d = new Date(Date.now() + 3 * 86_400_000)
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) }
}
const dateFields = (name: string, d: { day: string; month: string; year: string }) => ({
  [`${name}-day`]: d.day,
  [`${name}-month`]: d.month,
  [`${name}-year`]: d.year,
})
const lastWeek = () => {
  const d = new Date(Date.now() - 7 * 86_400_000)
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) }
}
const concernForm = () => ({
  category: 'financial_or_material',
  about: 'adult',
  ...dateFields('noticedOn', lastWeek()),
  whatHappened: 'Her nephew takes her pension card every week',
  actionTaken: 'Talked it through with her',
})

for (const kind of databaseKinds()) {
  describe(`safeguarding concerns (${kind})`, () => {
    let t: TestApp
    const agents: Record<string, Agent> = {}
    before(async () => {
      t = await startTestApp(kind)
      for (const who of [
        'practitioner',
        'teamlead',
        'safeguarding',
        'practitioner2',
        'asset',
        'referrer',
        'commissioner',
        'admin',
      ]) {
        agents[who] = new Agent(t.app)
        await agents[who].signIn(who)
      }
    })
    after(() => t.close())
    const a = (who: string) => agents[who] as Agent
    const db = () => t.app.deps.database.db
    const count = async (personId: string) =>
      (await db().selectFrom('safeguarding_concerns').select('id').where('person_id', '=', personId).execute()).length

    it('a practitioner raises a concern (bad input refused, nothing written), sees the flag; the safeguarding lead lists, escalates and closes it', async () => {
      const f = await connectionFixture(t.app)
      const form = await a('practitioner').get(`/people/${f.personId}/safeguarding/new`)
      assert.equal(form.statusCode, 200)
      const bad = await a('practitioner').submit(`/people/${f.personId}/safeguarding`, {
        ...concernForm(),
        category: '',
        ...dateFields('noticedOn', future()),
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /govuk-error-summary/)
      assert.match(bad.body, /Choose what kind of concern it is/)
      assert.match(bad.body, /The date it happened must be today or in the past/)
      const badEscalation = await a('practitioner').submit(`/people/${f.personId}/safeguarding`, {
        ...concernForm(),
        escalatedTo: 'police',
        ...dateFields('escalatedOn', future()),
      })
      assert.equal(badEscalation.statusCode, 400)
      assert.match(badEscalation.body, /The escalation date must be today or in the past/)
      assert.equal(await count(f.personId), 0)

      const raised = await a('practitioner').submit(`/people/${f.personId}/safeguarding`, {
        ...concernForm(),
        escalatedTo: 'supervisor',
        ...dateFields('escalatedOn', lastWeek()),
      })
      assert.equal(raised.statusCode, 303)
      const concern = await db()
        .selectFrom('safeguarding_concerns')
        .selectAll()
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      assert.equal(raised.headers.location, `/safeguarding/concerns/${concern.id}?raised=1`)
      assert.equal(concern.status, 'open')
      assert.equal(concern.raised_by_side, 'provider')
      assert.ok(concern.episode_id, 'linked to the open episode')
      assert.deepEqual(
        (
          await db()
            .selectFrom('safeguarding_escalations')
            .select('escalated_to')
            .where('concern_id', '=', concern.id)
            .execute()
        ).map((e) => e.escalated_to),
        ['supervisor'],
      )
      assert.deepEqual(
        (await db().selectFrom('audit_events').select('action').where('record_id', '=', concern.id).execute()).map(
          (e) => e.action,
        ),
        ['safeguarding_concern.create'],
      )

      const page = await a('practitioner').get(`/people/${f.personId}`)
      assert.match(page.body, /id="safeguarding-flag"/)
      assert.match(page.body, /There is an open safeguarding concern about this person/)
      assert.match(page.body, /Safeguarding concern raised: Financial or material abuse/)

      // The safeguarding lead: no person page, but the list and the concern, which says who it is about.
      assert.equal((await a('safeguarding').get(`/people/${f.personId}`)).statusCode, 403)
      const list = await a('safeguarding').get('/safeguarding')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, new RegExp(f.givenName))
      assert.equal((await a('teamlead').get('/safeguarding')).statusCode, 200)
      assert.equal(
        (await a('practitioner').get('/safeguarding')).statusCode,
        200,
        'the policy lets practitioners see it; only the navigation leaves it out',
      )
      const shown = await a('safeguarding').get(`/safeguarding/concerns/${concern.id}`)
      assert.equal(shown.statusCode, 200)
      assert.match(shown.body, new RegExp(`${f.givenName} ap Llŷr`))
      assert.match(shown.body, /12 April 1960|12 Ebrill 1960/)
      assert.match(shown.body, /takes her pension card/)
      const future1 = await a('safeguarding').submit(`/safeguarding/concerns/${concern.id}/escalations`, {
        escalatedTo: 'local_authority',
        ...dateFields('escalatedOn', future()),
      })
      assert.equal(future1.statusCode, 400)
      assert.match(future1.body, /The escalation date must be today or in the past/)
      assert.equal(
        (await db().selectFrom('safeguarding_escalations').select('id').where('concern_id', '=', concern.id).execute())
          .length,
        1,
      )
      assert.equal(
        (
          await a('safeguarding').submit(`/safeguarding/concerns/${concern.id}/escalations`, {
            escalatedTo: 'local_authority',
            ...dateFields('escalatedOn', lastWeek()),
            reference: 'CAR-2026-114',
          })
        ).statusCode,
        303,
      )
      const closeWithout = await a('safeguarding').submit(`/safeguarding/concerns/${concern.id}/outcome`, {
        status: 'closed',
        outcome: '',
      })
      assert.equal(closeWithout.statusCode, 400)
      assert.match(closeWithout.body, /Enter the outcome before closing the concern/)
      assert.equal(
        (
          await a('safeguarding').submit(`/safeguarding/concerns/${concern.id}/outcome`, {
            status: 'open',
            outcome: 'Adult services visiting',
          })
        ).statusCode,
        303,
      )
      assert.equal(
        (
          await a('safeguarding').submit(`/safeguarding/concerns/${concern.id}/outcome`, {
            status: 'closed',
            outcome: 'Appointee arranged by adult services',
          })
        ).statusCode,
        303,
      )
      const after = await a('safeguarding').get(`/safeguarding/concerns/${concern.id}?updated=1`)
      assert.match(after.body, /CAR-2026-114/)
      assert.match(after.body, /Adult services visiting/, 'the earlier outcome stays in the history')
      assert.match(after.body, /Appointee arranged by adult services/)
      const events = await db()
        .selectFrom('safeguarding_concern_events')
        .select('kind')
        .where('concern_id', '=', concern.id)
        .orderBy('at')
        .orderBy('id')
        .execute()
      assert.deepEqual(events.map((e) => e.kind).sort(), [
        'closed',
        'escalated',
        'escalated',
        'outcome',
        'outcome',
        'raised',
      ])
      const audited = (
        await db().selectFrom('audit_events').select('action').where('record_id', '=', concern.id).execute()
      ).map((e) => e.action)
      for (const action of [
        'safeguarding_concern.view',
        'safeguarding_concern.escalate',
        'safeguarding_concern.update',
      ])
        assert.ok(audited.includes(action), action)
      assert.equal(
        (await a('safeguarding').get('/safeguarding')).body.includes(f.givenName),
        false,
        'a closed concern leaves the open list',
      )
    })

    it('keeps assets, referrers, commissioners, admins and other organisations out of every concern page and API, writing nothing', async () => {
      const f = await connectionFixture(t.app)
      const concernId = (
        await a('practitioner').api('POST', `/api/v1/people/${f.personId}/safeguarding-concerns`, {
          category: 'neglect',
          about: 'adult',
          noticedOn: '2026-01-02',
          whatHappened: 'Cold house',
        })
      ).json().id as string
      const before = (await db().selectFrom('safeguarding_escalations').select('id').execute()).length
      for (const who of ['asset', 'referrer', 'commissioner', 'admin', 'practitioner2']) {
        const agent = a(who)
        const pages = [
          await agent.get(`/people/${f.personId}/safeguarding/new`),
          await agent.submit(`/people/${f.personId}/safeguarding`, concernForm()),
          await agent.get(`/safeguarding/concerns/${concernId}`),
          await agent.submit(`/safeguarding/concerns/${concernId}/escalations`, {
            escalatedTo: 'police',
            ...dateFields('escalatedOn', lastWeek()),
          }),
          await agent.submit(`/safeguarding/concerns/${concernId}/outcome`, { status: 'closed', outcome: 'x' }),
          await agent.api('GET', `/api/v1/people/${f.personId}/safeguarding-concerns`),
          await agent.api('POST', `/api/v1/people/${f.personId}/safeguarding-concerns`, {
            category: 'neglect',
            about: 'adult',
            noticedOn: '2026-01-02',
            whatHappened: 'x',
          }),
          await agent.api('GET', `/api/v1/safeguarding-concerns/${concernId}`),
          await agent.api('PATCH', `/api/v1/safeguarding-concerns/${concernId}`, { status: 'closed', outcome: 'x' }),
        ]
        for (const [i, r] of pages.entries()) {
          assert.ok([403, 404].includes(r.statusCode), `${who} got ${String(r.statusCode)} on request ${String(i)}`)
          assert.doesNotMatch(r.body, /Cold house/)
        }
        // Their own organisation's list (a practitioner elsewhere may open theirs) never shows this concern.
        const list = await agent.get('/safeguarding')
        assert.ok(
          who === 'practitioner2' ? list.statusCode === 200 : list.statusCode === 403,
          `${who} list: ${String(list.statusCode)}`,
        )
        assert.doesNotMatch(list.body, new RegExp(f.givenName))
        // An unknown concern looks the same as one they may not see.
        assert.equal(
          (await agent.api('GET', '/api/v1/safeguarding-concerns/00000000-0000-4000-8000-000000000000')).statusCode,
          pages[7]?.statusCode,
        )
      }
      assert.equal(await count(f.personId), 1)
      assert.equal((await db().selectFrom('safeguarding_escalations').select('id').execute()).length, before)
      assert.equal(
        (
          await db()
            .selectFrom('safeguarding_concerns')
            .select('status')
            .where('id', '=', concernId)
            .executeTakeFirstOrThrow()
        ).status,
        'open',
      )
      const refused = await db()
        .selectFrom('audit_events')
        .select('action')
        .where('record_id', '=', concernId)
        .where('outcome', '=', 'refused')
        .execute()
      assert.ok(refused.length > 0, 'refusals of another organisation are audited')
    })

    it('an asset user raises a concern from the portal, sees only a confirmation and never the concern; the lead and practitioner are notified', async () => {
      const f = await connectionFixture(t.app)
      const made = await a('practitioner').api('POST', `/api/v1/people/${f.personId}/connections`, {
        serviceId: f.shedService,
        kind: 'referral',
        fields: ['name'],
      })
      assert.equal(made.statusCode, 201, made.body)
      const referral = made.json().id as string
      const other = (
        await a('practitioner').api('POST', `/api/v1/people/${f.personId}/connections`, {
          serviceId: f.otherService,
          kind: 'referral',
          fields: ['name'],
        })
      ).json().id as string
      const portal = await a('asset').get(`/asset/connections/${referral}`)
      assert.match(portal.body, new RegExp(`/asset/connections/${referral}/safeguarding/new`))
      assert.equal((await a('asset').get(`/asset/connections/${referral}/safeguarding/new`)).statusCode, 200)
      const bad = await a('asset').submit(`/asset/connections/${referral}/safeguarding`, {
        about: 'adult',
        whatHappened: 'x',
        ...dateFields('noticedOn', lastWeek()),
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Choose what kind of concern it is/)
      assert.equal(await count(f.personId), 0)
      assert.equal(
        (await a('asset').get(`/asset/connections/${other}/safeguarding/new`)).statusCode,
        404,
        'another asset organisation’s referral',
      )
      const sent = await a('asset').submit(`/asset/connections/${referral}/safeguarding`, {
        category: 'self_neglect',
        about: 'adult',
        ...dateFields('noticedOn', lastWeek()),
        whatHappened: 'Came in without a coat in the snow',
        actionTaken: 'Gave him a hot drink',
      })
      assert.equal(sent.statusCode, 303)
      const confirmation = await a('asset').get(sent.headers.location as string)
      assert.equal(confirmation.statusCode, 200)
      assert.match(confirmation.body, /Concern sent/)
      assert.doesNotMatch(confirmation.body, /without a coat|Self-neglect/)
      const concern = await db()
        .selectFrom('safeguarding_concerns')
        .selectAll()
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      assert.equal(concern.raised_by_side, 'asset')
      assert.equal(concern.connection_id, referral)
      assert.equal(concern.organisation_id, f.organisationId)
      const lead = await db()
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'safeguarding@demo.cyswllt.test')
        .executeTakeFirstOrThrow()
      const notified = await db()
        .selectFrom('notifications')
        .select(['recipient_user_id', 'kind', 'sent_at'])
        .where('connection_id', '=', referral)
        .where('kind', '=', 'safeguarding_concern.raised')
        .execute()
      assert.deepEqual(notified.map((n) => n.recipient_user_id).sort(), [lead.id, f.practitioner].sort())
      assert.ok(notified.every((n) => n.sent_at), 'each is handed to the notifier once the concern is stored')
      for (const url of [
        `/safeguarding/concerns/${concern.id}`,
        `/api/v1/safeguarding-concerns/${concern.id}`,
        `/asset/connections/${referral}`,
        '/asset',
      ]) {
        const r = url.startsWith('/api') ? await a('asset').api('GET', url) : await a('asset').get(url)
        assert.doesNotMatch(r.body, /without a coat|Self-neglect|safeguarding-flag/, url)
      }
      assert.ok(
        (await db().selectFrom('audit_events').select('action').where('record_id', '=', concern.id).execute()).some(
          (e) => e.action === 'asset_safeguarding_concern.create',
        ),
      )
      const formReads = await db()
        .selectFrom('audit_events')
        .select('action')
        .where('record_id', '=', referral)
        .where('action', '=', 'asset_safeguarding_concern.form')
        .execute()
      assert.ok(formReads.length >= 2, 'each showing of the form is audited')
      // The provider sees it, flagged as raised by a community service.
      assert.match((await a('safeguarding').get('/safeguarding')).body, /raised by a community service/)
    })

    it('the API raises, reads and updates a concern for authorised roles, refusing bad input with nothing written', async () => {
      const f = await connectionFixture(t.app)
      const bad = await a('practitioner').api('POST', `/api/v1/people/${f.personId}/safeguarding-concerns`, {
        about: 'child',
        noticedOn: '2999-01-01',
        whatHappened: 'x',
        escalations: [{ escalatedTo: 'police', escalatedOn: '2999-01-01' }],
      })
      assert.equal(bad.statusCode, 422)
      assert.equal(bad.json().code, 'validation_failed')
      assert.deepEqual(
        bad.json().errors.map((e: { field: string }) => e.field),
        ['category', 'noticedOn', 'escalations[0].escalatedOn'],
      )
      assert.equal(await count(f.personId), 0)
      const created = await a('practitioner').api('POST', `/api/v1/people/${f.personId}/safeguarding-concerns`, {
        category: 'domestic_abuse',
        about: 'adult',
        noticedOn: '2026-01-05',
        whatHappened: 'Disclosed at the group',
        escalations: [{ escalatedTo: 'police', escalatedOn: '2026-01-05', reference: 'SWP-1' }],
      })
      assert.equal(created.statusCode, 201)
      const id = created.json().id as string
      assert.deepEqual(created.json().escalations, [{ to: 'police', on: '2026-01-05', reference: 'SWP-1' }])
      const patched = await a('safeguarding').api('PATCH', `/api/v1/safeguarding-concerns/${id}`, {
        escalations: [{ escalatedTo: 'local_authority', escalatedOn: '2026-01-06' }],
        outcome: 'MARAC referral made',
        status: 'closed',
      })
      assert.equal(patched.statusCode, 200)
      assert.equal(patched.json().status, 'closed')
      assert.deepEqual(
        patched.json().history.map((h: { kind: string }) => h.kind),
        ['raised', 'escalated', 'escalated', 'outcome', 'closed'],
      )
      assert.equal((await a('safeguarding').api('PATCH', `/api/v1/safeguarding-concerns/${id}`, {})).statusCode, 422)
      const listed = await a('teamlead').api('GET', `/api/v1/people/${f.personId}/safeguarding-concerns`)
      assert.equal(listed.statusCode, 200)
      assert.equal(listed.json().concerns.length, 1)
      assert.equal(
        (await a('safeguarding').api('GET', `/api/v1/safeguarding-concerns/${id}`)).json().outcome,
        'MARAC referral made',
      )
    })
  })
}
