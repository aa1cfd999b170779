import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'
import { addDays } from '../follow-ups/schedule.js'

const day = (offset: number) => addDays(new Date(), offset)
const parts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}

const planForm = (extra: Record<string, string> = {}) => ({
  ...parts('planOn', day(-7)),
  ...parts('reviewOn', day(21)),
  whatMatters: 'Having people to talk to',
  'goal-1-description': 'Join a walking group',
  'goal-1-confidence': '4',
  'goal-1-motivation': '8',
  'goal-2-description': 'Learn to video call my grandson',
  'goal-2-confidence': '2',
  'goal-2-motivation': '9',
  howSupported: 'Someone to go with the first time',
  needToKnow: 'Arthritis in both knees',
  supportConnected: 'Riverside Walking Group',
  selfActions: 'Walk to the shop every day',
  coProduced: 'yes',
  agreed: 'yes',
  agreementMethod: 'verbal',
  ...parts('agreedOn', day(-7)),
  ...extra,
})

for (const kind of databaseKinds()) {
  describe(`co-produced action plan (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const followUps = (personId: string) =>
      db()
        .selectFrom('follow_ups')
        .select(['status', 'due_on', 'kind', 'action_plan_id'])
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .execute()
    const counts = async (personId: string) => ({
      plans: (await db().selectFrom('action_plans').select('id').where('person_id', '=', personId).execute()).length,
      goals: (await db().selectFrom('plan_goals').select('id').where('person_id', '=', personId).execute()).length,
      reviews: (await db().selectFrom('plan_reviews').select('id').where('person_id', '=', personId).execute()).length,
      scores: (
        await db()
          .selectFrom('plan_goal_scores as s')
          .innerJoin('plan_goals as g', 'g.id', 's.goal_id')
          .select('s.id')
          .where('g.person_id', '=', personId)
          .execute()
      ).length,
      followUps: (await followUps(personId)).length,
    })

    it('co-produces a plan with two goals, keeps every version, reviews it and ends it, scheduling the reviews', async () => {
      const f = await connectionFixture(t.app)
      const form = await practitioner.get(`/people/${f.personId}/plan/edit`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /Goal 1: how confident they feel \(1 to 10\)/)
      assert.equal((await practitioner.submit(`/people/${f.personId}/plan`, planForm())).statusCode, 303)
      const v1 = await db()
        .selectFrom('action_plans')
        .selectAll()
        .where('person_id', '=', f.personId)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [v1.version, v1.plan_on, v1.review_on, v1.co_produced, v1.agreed, v1.agreement_method, v1.need_to_know],
        [1, day(-7), day(21), true, true, 'verbal', 'Arthritis in both knees'],
      )
      assert.deepEqual(await followUps(f.personId), [
        { status: 'open', due_on: day(21), kind: 'plan_review', action_plan_id: v1.id },
      ])
      assert.deepEqual(await counts(f.personId), { plans: 1, goals: 2, reviews: 0, scores: 2, followUps: 1 })
      assert.equal(
        (
          await db()
            .selectFrom('audit_events')
            .select('id')
            .where('action', '=', 'plan.create')
            .where('record_id', '=', v1.id)
            .execute()
        ).length,
        1,
      )

      const current = (await practitioner.api('GET', `/api/v1/people/${f.personId}/plan`)).json()
      const [walk, call] = current.plan.goals as {
        goalId: string
        scores: { occasion: string; confidence: number }[]
      }[]
      assert.ok(walk && call)
      assert.deepEqual(
        walk.scores.map((s) => [s.occasion, s.confidence]),
        [['start', 4]],
      )

      // Version 2 by the API: the walking goal carried over, the call dropped, a new goal, a later review date.
      const v2 = await practitioner.api('POST', `/api/v1/people/${f.personId}/plan`, {
        planOn: day(-1),
        reviewOn: day(28),
        whatMatters: 'Having people to talk to',
        coProduced: true,
        agreed: false,
        goals: [
          { id: walk.goalId, description: 'Walk with the group every week' },
          { description: 'Go to the chat café', confidence: 5, motivation: 7 },
        ],
      })
      assert.equal(v2.statusCode, 201)
      assert.equal(v2.json().plan.version, 2)
      assert.deepEqual(v2.json().plan.goals.map((g: { goalId: string }) => g.goalId)[0], walk.goalId)
      assert.deepEqual(
        (await followUps(f.personId)).map((u) => [u.status, u.due_on]),
        [
          ['not_done', day(21)],
          ['open', day(28)],
        ],
      )
      const versions = (await practitioner.api('GET', `/api/v1/people/${f.personId}/plan/versions`)).json()
        .versions as { version: number; goals: unknown[] }[]
      assert.deepEqual(
        versions.map((v) => [v.version, v.goals.length]),
        [
          [2, 2],
          [1, 2],
        ],
      )
      const history = await practitioner.get(`/people/${f.personId}/plan/history`)
      assert.match(history.body, /Version 2, saved/)
      assert.match(history.body, /Version 1, saved/)
      assert.match(history.body, /Learn to video call my grandson/, 'the first version keeps its goals')

      // A review from the page: new scores for both goals, the next review date; the open follow-up is done.
      const goals = v2.json().plan.goals as { goalId: string }[]
      const reviewPage = await practitioner.get(`/people/${f.personId}/plan/review`)
      assert.equal(reviewPage.statusCode, 200)
      const review = await practitioner.submit(`/people/${f.personId}/plan/review`, {
        occasion: 'review',
        ...parts('reviewedOn', day(0)),
        ...parts('nextReviewOn', day(30)),
        note: 'Has walked twice',
        ...Object.fromEntries(
          goals.flatMap((g, i) => [
            [`score-${g.goalId}-confidence`, String(7 + i)],
            [`score-${g.goalId}-motivation`, '9'],
          ]),
        ),
      })
      assert.equal(review.statusCode, 303)
      assert.deepEqual(
        (await followUps(f.personId)).map((u) => [u.status, u.due_on]),
        [
          ['not_done', day(21)],
          ['done', day(28)],
          ['open', day(30)],
        ],
      )
      const afterReview = (await practitioner.api('GET', `/api/v1/people/${f.personId}/plan`)).json()
      assert.equal(afterReview.reviewOn, day(30))
      assert.deepEqual(
        afterReview.plan.goals[0].scores.map((s: { occasion: string; confidence: number }) => [
          s.occasion,
          s.confidence,
        ]),
        [
          ['start', 4],
          ['review', 7],
        ],
      )
      const page = await practitioner.get(`/people/${f.personId}/plan`)
      assert.match(page.body, /confidence 7, motivation 9/)
      const person = await practitioner.get(`/people/${f.personId}`)
      assert.match(person.body, /id="plan"/)
      assert.match(person.body, /Walk with the group every week – confidence 7, motivation 9/)
      assert.match(person.body, /Action plan reviewed on/)

      // The end: attainment per goal; attainment for a goal the plan does not have is refused and writes nothing.
      const before = await counts(f.personId)
      const stray = await practitioner.api('POST', `/api/v1/people/${f.personId}/plan/reviews`, {
        occasion: 'end',
        reviewedOn: day(0),
        goals: [
          ...goals.map((g) => ({ goalId: g.goalId, attainment: 'fully' })),
          { goalId: call.goalId, attainment: 'partly' },
        ],
      })
      assert.equal(stray.statusCode, 422)
      assert.ok(
        stray
          .json()
          .errors.some(
            (e: { message: string }) => e.message === 'Attainment can only be recorded for a goal of the plan',
          ),
      )
      assert.deepEqual(await counts(f.personId), before)
      const end = await practitioner.api('POST', `/api/v1/people/${f.personId}/plan/reviews`, {
        occasion: 'end',
        reviewedOn: day(0),
        goals: goals.map((g, i) => ({ goalId: g.goalId, attainment: i === 0 ? 'fully' : 'partly' })),
      })
      assert.equal(end.statusCode, 201)
      assert.deepEqual([end.json().ended, end.json().reviewOn], [true, null])
      assert.deepEqual(
        (await followUps(f.personId)).map((u) => u.status),
        ['not_done', 'done', 'done'],
      )
      const scores = await db()
        .selectFrom('plan_goal_scores')
        .select(['occasion', 'attainment'])
        .where('goal_id', '=', walk.goalId)
        .orderBy('created_at')
        .execute()
      assert.deepEqual(
        scores.map((s) => [s.occasion, s.attainment]),
        [
          ['start', null],
          ['review', null],
          ['end', 'fully'],
        ],
      )
      assert.equal(
        (
          await practitioner.api('POST', `/api/v1/people/${f.personId}/plan/reviews`, {
            occasion: 'review',
            reviewedOn: day(0),
            nextReviewOn: day(5),
            goals: [],
          })
        ).json().code,
        'plan_ended',
      )
    })

    it('prints the plan in the person’s language, in large print too, without the service’s navigation', async () => {
      const f = await connectionFixture(t.app)
      await practitioner.submit(`/people/${f.personId}/plan`, planForm())
      // A new version keeping the review date keeps the open plan-review follow-up.
      const [open] = await db().selectFrom('follow_ups').select('id').where('person_id', '=', f.personId).execute()
      await practitioner.submit(
        `/people/${f.personId}/plan`,
        planForm({ whatMatters: 'Having people to talk to, and getting fitter' }),
      )
      const kept = await db()
        .selectFrom('follow_ups')
        .select(['id', 'status', 'action_plan_id'])
        .where('person_id', '=', f.personId)
        .execute()
      const v2 = await db()
        .selectFrom('action_plans')
        .select('id')
        .where('person_id', '=', f.personId)
        .where('version', '=', 2)
        .executeTakeFirstOrThrow()
      assert.deepEqual(kept, [{ id: open?.id, status: 'open', action_plan_id: v2.id }])
      const print = await practitioner.get(`/people/${f.personId}/plan/print`)
      assert.equal(print.statusCode, 200)
      assert.match(print.body, /<html lang="cy"/, 'the fixture’s person reads Welsh')
      assert.match(print.body, /Fy nghynllun/)
      assert.match(print.body, /Beth sy’n bwysig i mi/)
      assert.doesNotMatch(print.body, /govuk-service-navigation/)
      assert.match(print.body, /href="\/assets\/plan-print.css"/)
      assert.doesNotMatch(print.body, /plan-print--large/)
      assert.match((await practitioner.get(`/people/${f.personId}/plan/print?size=large`)).body, /plan-print--large/)
      const css = await practitioner.get('/assets/plan-print.css')
      assert.equal(css.statusCode, 200)
      assert.match(String(css.headers['content-type']), /text\/css/)
      assert.match(css.body, /@media print/)
      await db().updateTable('people').set({ language: 'en' }).where('id', '=', f.personId).execute()
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      assert.match((await welsh.get(`/people/${f.personId}/plan/print?lng=cy`)).body, /<html lang="en"[\s\S]*My plan/)
      assert.equal(
        (await db().selectFrom('audit_events').select('id').where('action', '=', 'plan.print').execute()).length >= 3,
        true,
      )
    })

    it('refuses bad input on the page (in Welsh too) and the API, writing nothing', async () => {
      const f = await connectionFixture(t.app)
      const before = await counts(f.personId)
      const early = await practitioner.submit(
        `/people/${f.personId}/plan`,
        planForm({ ...parts('reviewOn', day(-8)), 'goal-2-confidence': '11' }),
      )
      assert.equal(early.statusCode, 400)
      assert.match(early.body, /govuk-error-summary/)
      assert.match(early.body, /The review date must be after the date of the plan/)
      assert.match(early.body, /Enter how confident they feel about goal 2 as a whole number from 1 to 10/)
      assert.match(early.body, /value="Learn to video call my grandson"/, 'the typed values come back')
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.submit(
        `/people/${f.personId}/plan`,
        planForm({
          'goal-1-description': '',
          'goal-1-confidence': '',
          'goal-1-motivation': '',
          'goal-2-description': '',
          'goal-2-confidence': '',
          'goal-2-motivation': '',
          agreementMethod: '',
        }),
      )
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Rhowch o leiaf un nod/)
      assert.match(cy.body, /Dewiswch sut y cytunodd yr unigolyn i’r cynllun/)
      const api = await practitioner.api('POST', `/api/v1/people/${f.personId}/plan`, {
        planOn: day(-1),
        reviewOn: day(-2),
        whatMatters: '',
        coProduced: true,
        agreed: false,
        goals: [{ description: 'x', confidence: 5.5, motivation: 3 }],
      })
      assert.equal(api.statusCode, 422)
      assert.deepEqual(
        api.json().errors.map((e: { field: string }) => e.field),
        ['reviewOn', 'whatMatters', 'goal-1-confidence'],
      )
      const review = await practitioner.api('POST', `/api/v1/people/${f.personId}/plan/reviews`, {
        occasion: 'end',
        reviewedOn: day(0),
        goals: [{ goalId: '00000000-0000-4000-8000-000000000000', attainment: 'fully' }],
      })
      assert.equal(review.statusCode, 409)
      assert.equal(review.json().code, 'no_plan')
      assert.deepEqual(await counts(f.personId), before)
      const none = await connectionFixture(t.app, { episode: false })
      assert.equal(
        (
          await practitioner.api('POST', `/api/v1/people/${none.personId}/plan`, {
            planOn: day(-1),
            reviewOn: day(2),
            whatMatters: 'x',
            coProduced: true,
            agreed: false,
            goals: [{ description: 'x', confidence: 5, motivation: 3 }],
          })
        ).json().code,
        'no_open_episode',
      )
      assert.match(
        (await practitioner.get(`/people/${none.personId}/plan/edit`)).body,
        /has no open episode of support/,
      )
      assert.equal((await practitioner.api('GET', `/api/v1/people/${none.personId}/plan`)).json().code, 'no_plan')
    })

    it('keeps other providers out (audited), and referrers and assets never see a plan', async () => {
      const f = await connectionFixture(t.app)
      await practitioner.submit(`/people/${f.personId}/plan`, planForm())
      const before = await counts(f.personId)
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      for (const path of ['plan', 'plan/edit', 'plan/history', 'plan/review', 'plan/print'])
        assert.equal((await other.get(`/people/${f.personId}/${path}`)).statusCode, 403, path)
      assert.equal((await other.submit(`/people/${f.personId}/plan`, planForm())).statusCode, 403)
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/plan`)).statusCode, 404)
      assert.equal((await other.api('GET', `/api/v1/people/${f.personId}/plan/versions`)).statusCode, 404)
      assert.equal(
        (
          await other.api('POST', `/api/v1/people/${f.personId}/plan/reviews`, {
            occasion: 'end',
            reviewedOn: day(0),
            goals: [],
          })
        ).statusCode,
        404,
      )
      const refused = (
        await db()
          .selectFrom('audit_events')
          .select('action')
          .where('record_id', '=', f.personId)
          .where('outcome', '=', 'refused')
          .execute()
      ).map((a) => a.action)
      for (const action of ['plan.view', 'plan.create', 'plan.history', 'plan.review', 'plan.print'])
        assert.ok(refused.includes(action), action)
      for (const who of ['referrer', 'asset']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.get(`/people/${f.personId}/plan/print`)).statusCode, 403, who)
        assert.equal((await agent.api('GET', `/api/v1/people/${f.personId}/plan`)).statusCode, 403, who)
      }
      assert.deepEqual(await counts(f.personId), before)
    })
  })
}
