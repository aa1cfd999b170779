import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Agent } from '../../../test/support/agent.js'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import { connectionFixture } from '../connections/testing.js'
import { plusDays, walesToday } from '../follow-ups/rules.js'
import { makeReferral, userId } from '../triage/test-referrals.js'

interface Item {
  episodeId: string
  personId: string
  name: string
  stage: string
  nextAction: string
  nextDue: string | null
  overdue: boolean
  daysSinceReferral: number
}

for (const kind of databaseKinds()) {
  describe(`caseload and the team view (${kind})`, () => {
    let t: TestApp
    let practitioner: Agent
    let lead: Agent
    before(async () => {
      t = await startTestApp(kind)
      practitioner = new Agent(t.app)
      await practitioner.signIn('practitioner')
      lead = new Agent(t.app)
      await lead.signIn('teamlead')
    })
    after(() => t.close())

    const db = () => t.app.deps.database.db
    const episodeOf = (personId: string) =>
      db().selectFrom('episodes').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow()
    const addFollowUp = async (personId: string, due: string, description: string, assignedTo?: string | null) => {
      const e = await episodeOf(personId)
      return (
        await db()
          .insertInto('follow_ups')
          .values({
            person_id: personId,
            episode_id: e.id,
            organisation_id: e.organisation_id,
            kind: 'task',
            description,
            due_on: due,
            assigned_to: assignedTo === undefined ? e.practitioner_id : assignedTo,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    }

    it('lists the practitioner’s own people, overdue first, then by due date, then longest since referral, with counts', async () => {
      const today = walesToday()
      const later = await connectionFixture(t.app)
      const overdue = await connectionFixture(t.app)
      const soon = await connectionFixture(t.app)
      const nothing = await connectionFixture(t.app)
      await addFollowUp(later.personId, plusDays(today, 20), 'Check in about the choir')
      await addFollowUp(overdue.personId, plusDays(today, -3), 'Send the bus timetable')
      await addFollowUp(overdue.personId, plusDays(today, 30), 'Later task')
      await addFollowUp(soon.personId, plusDays(today, 2), 'Ring about the allotment')
      // Referred long ago, nothing due: after everyone with a date.
      await db()
        .updateTable('referrals')
        .set({ received_at: new Date(Date.now() - 40 * 86_400_000) })
        .where('id', '=', nothing.referralId)
        .execute()
      await db()
        .insertInto('what_matters_conversations')
        .values({
          person_id: soon.personId,
          episode_id: (await episodeOf(soon.personId)).id,
          organisation_id: soon.organisationId,
          completed: true,
          held_on: today,
        })
        .execute()

      // Contacts: the latest that took place is the last contact; a missed one later does not count.
      const contact = async (personId: string, hoursAgo: number, didNotAttend: boolean) =>
        db()
          .insertInto('support_contacts')
          .values({
            person_id: personId,
            episode_id: (await episodeOf(personId)).id,
            organisation_id: soon.organisationId,
            occurred_at: new Date(Date.now() - hoursAgo * 3_600_000),
            mode: 'phone',
            duration_minutes: didNotAttend ? null : 20,
            with_whom: ['person'],
            contact_type: 'follow_up',
            did_not_attend: didNotAttend,
            language: 'en',
          })
          .execute()
      await contact(soon.personId, 50, false)
      await contact(soon.personId, 26, false)
      await contact(soon.personId, 2, true)

      const api = await practitioner.api('GET', '/api/v1/caseload')
      assert.equal(api.statusCode, 200)
      const items = api.json().items as (Item & { lastContact: string | null })[]
      const index = (personId: string) => items.findIndex((i) => i.personId === personId)
      const lastOf = (personId: string) => items[index(personId)]?.lastContact ?? null
      assert.equal(lastOf(later.personId), null)
      assert.ok(Math.abs(Date.parse(lastOf(soon.personId) as string) - (Date.now() - 26 * 3_600_000)) < 60_000, 'the last contact that took place')
      for (const f of [later, overdue, soon, nothing]) assert.ok(index(f.personId) >= 0, 'on the caseload')
      const firstNotOverdue = items.findIndex((i) => !i.overdue)
      assert.ok(
        items.slice(firstNotOverdue).every((i) => !i.overdue),
        'every overdue person comes first',
      )
      assert.ok(index(overdue.personId) < firstNotOverdue)
      assert.ok(index(soon.personId) < index(later.personId), 'then by due date')
      assert.ok(index(later.personId) < index(nothing.personId), 'nothing due comes after every date')
      const o = items[index(overdue.personId)] as Item
      assert.equal(o.nextAction, 'Send the bus timetable')
      assert.equal(o.nextDue, plusDays(today, -3))
      assert.equal(o.stage, 'to_contact')
      assert.equal((items[index(soon.personId)] as Item).stage, 'planning')
      const n = items[index(nothing.personId)] as Item
      assert.equal(n.nextAction, 'Contact them to arrange a What Matters conversation')
      assert.equal(n.nextDue, null)
      assert.ok(n.daysSinceReferral >= 39 && n.daysSinceReferral <= 41)
      const counts = api.json().counts
      assert.equal(counts.active, items.length)
      assert.equal(counts.overdue, items.filter((i) => i.overdue).length)
      assert.ok(counts.dueThisWeek >= 1)

      const page = await practitioner.get('/caseload')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Your caseload/)
      assert.doesNotMatch(page.body, /href="\/caseload\/team"/, 'a practitioner is not offered the team view')
      assert.match((await lead.get('/caseload')).body, /href="\/caseload\/team"/)
      const names = [...page.body.matchAll(/<a class="govuk-link" href="\/people\/([0-9a-f-]{36})">/g)].map((m) => m[1])
      assert.deepEqual(
        names,
        items.map((i) => i.personId),
        'the page lists the same people in the same order',
      )
      assert.match(page.body, /govuk-tag--red">\s*Overdue/)
      const audits = await db()
        .selectFrom('audit_events')
        .select(['action', 'detail'])
        .where('action', '=', 'caseload.view')
        .where('actor_user_id', '=', later.practitioner)
        .execute()
      assert.equal(audits.length, 2, 'one audit row per view, page or API')
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('practitioner')
      const cy = await welsh.get('/caseload')
      assert.match(cy.body, /Eich llwyth achosion/)
      assert.match(cy.body, /Yn hwyr/)
    })

    it('never shows another organisation’s people or another practitioner’s', async () => {
      const gwynedd = await makeReferral(t.app, {}, { provider: 'gwynedd' })
      const practitioner2 = await userId(t.app, 'practitioner2')
      await db()
        .insertInto('episodes')
        .values({
          person_id: gwynedd.personId,
          referral_id: gwynedd.referralId,
          organisation_id: gwynedd.organisationId,
          practitioner_id: practitioner2,
        })
        .execute()
      const mine = await connectionFixture(t.app)
      const lead_ = await userId(t.app, 'teamlead')
      await db()
        .updateTable('episodes')
        .set({ practitioner_id: lead_ })
        .where('person_id', '=', mine.personId)
        .execute()
      const own = (await practitioner.api('GET', '/api/v1/caseload')).json().items as Item[]
      assert.ok(!own.some((i) => i.personId === gwynedd.personId))
      assert.ok(
        !own.some((i) => i.personId === mine.personId),
        'the team lead’s person is not on the practitioner’s caseload',
      )
      const leadsOwn = (await lead.api('GET', '/api/v1/caseload')).json().items as Item[]
      assert.ok(
        leadsOwn.some((i) => i.personId === mine.personId),
        'a team lead has a caseload of their own',
      )
      const team = (await lead.api('GET', '/api/v1/caseload/team')).json()
      const everyone = [...team.practitioners.flatMap((p: { items: Item[] }) => p.items), ...team.unallocated] as Item[]
      assert.ok(!everyone.some((i) => i.personId === gwynedd.personId))
      assert.ok(!team.practitioners.some((p: { id: string }) => p.id === practitioner2))
      assert.ok(!team.awaitingTriage.some((r: { name: string }) => r.name.startsWith(gwynedd.givenName)))
      const other = new Agent(t.app)
      await other.signIn('practitioner2')
      const theirs = (await other.api('GET', '/api/v1/caseload')).json().items as Item[]
      assert.ok(theirs.some((i) => i.personId === gwynedd.personId))
      assert.ok(!theirs.some((i) => i.personId === mine.personId))
    })

    it('refuses the team view to a practitioner and the caseload to other roles', async () => {
      assert.equal((await practitioner.get('/caseload/team')).statusCode, 403)
      assert.equal((await practitioner.api('GET', '/api/v1/caseload/team')).statusCode, 403)
      const f = await connectionFixture(t.app)
      const e = await episodeOf(f.personId)
      assert.equal((await practitioner.get(`/caseload/team/episodes/${e.id}/reallocate`)).statusCode, 403)
      for (const who of ['asset', 'referrer', 'admin']) {
        const agent = new Agent(t.app)
        await agent.signIn(who)
        assert.equal((await agent.get('/caseload')).statusCode, 403, who)
        assert.equal((await agent.api('GET', '/api/v1/caseload')).statusCode, 403, who)
      }
    })

    it('shows the team lead each practitioner, the unallocated and referrals waiting in triage', async () => {
      const f = await connectionFixture(t.app)
      await addFollowUp(f.personId, plusDays(walesToday(), -1), 'Overdue one')
      const unallocated = await connectionFixture(t.app)
      await db()
        .updateTable('episodes')
        .set({ practitioner_id: null })
        .where('person_id', '=', unallocated.personId)
        .execute()
      const waiting = await makeReferral(t.app)
      await db()
        .updateTable('referrals')
        .set({ received_at: new Date(Date.now() - 5 * 86_400_000) })
        .where('id', '=', waiting.referralId)
        .execute()
      const views = async () =>
        (await db().selectFrom('audit_events').select('id').where('action', '=', 'caseload.team.view').execute()).length
      const viewsBefore = await views()
      const api = await lead.api('GET', '/api/v1/caseload/team')
      assert.equal(api.statusCode, 200)
      const team = api.json()
      const rhian = team.practitioners.find((p: { id: string }) => p.id === f.practitioner)
      assert.ok(rhian.items.some((i: Item) => i.personId === f.personId))
      assert.ok(rhian.counts.overdue >= 1)
      assert.ok(team.unallocated.some((i: Item) => i.personId === unallocated.personId))
      const w = team.awaitingTriage.find((r: { referralId: string }) => r.referralId === waiting.referralId)
      assert.ok(w.ageDays >= 4 && w.ageDays <= 6)
      const page = await lead.get('/caseload/team')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Rhian Practitioner’s caseload/)
      assert.match(page.body, /Open episodes with no practitioner/)
      assert.match(page.body, new RegExp(`href="/triage/${waiting.referralId}"`))
      assert.match(
        page.body,
        new RegExp(`href="/caseload/team/episodes/${(await episodeOf(unallocated.personId)).id}/reallocate">Allocate`),
      )
      assert.equal(await views(), viewsBefore + 2, 'one audit row per view')
    })

    it('reallocates an episode with its referral and open follow-ups in one audited change', async () => {
      const f = await connectionFixture(t.app)
      const e = await episodeOf(f.personId)
      const lead_ = await userId(t.app, 'teamlead')
      const open = await addFollowUp(f.personId, plusDays(walesToday(), 3), 'Open one')
      const unassigned = await addFollowUp(f.personId, plusDays(walesToday(), 4), 'Nobody’s', null)
      const colleague = await db()
        .insertInto('users')
        .values({
          email: `colleague-${e.id.slice(0, 6)}@example.org`,
          name: 'Colleague',
          organisation_id: f.organisationId,
          password_hash: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const elsewhere = await addFollowUp(f.personId, plusDays(walesToday(), 5), 'Given to a colleague', colleague.id)
      const done = await addFollowUp(f.personId, plusDays(walesToday(), 1), 'Finished')
      await db()
        .updateTable('follow_ups')
        .set({ status: 'done', completed_at: new Date() })
        .where('id', '=', done)
        .execute()

      const form = await lead.get(`/caseload/team/episodes/${e.id}/reallocate`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /At the moment Rhian Practitioner supports this person/)
      const moved = await lead.submit(`/caseload/team/episodes/${e.id}/reallocate`, { practitionerId: lead_ })
      assert.equal(moved.statusCode, 303)
      assert.equal(moved.headers.location, '/caseload/team?reallocated=1')
      assert.equal((await episodeOf(f.personId)).practitioner_id, lead_)
      assert.equal(
        (
          await db()
            .selectFrom('referrals')
            .select('allocated_practitioner_id')
            .where('id', '=', f.referralId)
            .executeTakeFirstOrThrow()
        ).allocated_practitioner_id,
        lead_,
      )
      const after = new Map(
        (
          await db()
            .selectFrom('follow_ups')
            .select(['id', 'assigned_to'])
            .where('person_id', '=', f.personId)
            .execute()
        ).map((r) => [r.id, r.assigned_to]),
      )
      assert.equal(after.get(open), lead_)
      assert.equal(after.get(unassigned), lead_)
      assert.equal(after.get(elsewhere), colleague.id, 'a task given to a third colleague stays with them')
      assert.equal(after.get(done), f.practitioner, 'finished follow-ups keep who had them')
      const audit = await db()
        .selectFrom('audit_events')
        .select(['detail', 'outcome'])
        .where('action', '=', 'episode.reallocate')
        .where('record_id', '=', e.id)
        .execute()
      assert.equal(audit.length, 1)
      assert.equal((audit[0]?.detail as { movedFollowUps: number }).movedFollowUps, 2)
      assert.match((await lead.get('/caseload/team?reallocated=1')).body, /has been moved/)
      // By API, back to Rhian.
      const back = await lead.api('POST', '/api/v1/caseload/team/reallocations', {
        episodeId: e.id,
        practitionerId: f.practitioner,
      })
      assert.equal(back.statusCode, 200)
      assert.equal(back.json().movedFollowUps, 2)
      assert.equal((await episodeOf(f.personId)).practitioner_id, f.practitioner)
    })

    it('refuses a practitioner of another organisation or someone who is not a practitioner, writing nothing', async () => {
      const f = await connectionFixture(t.app)
      const e = await episodeOf(f.personId)
      await addFollowUp(f.personId, plusDays(walesToday(), 3), 'Stays')
      const before = await db()
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'episode.reallocate')
        .execute()
      const gwynedd = await userId(t.app, 'practitioner2')
      const asset = await userId(t.app, 'asset')
      for (const practitionerId of [gwynedd, asset, 'nonsense', '']) {
        const page = await lead.submit(`/caseload/team/episodes/${e.id}/reallocate`, { practitionerId })
        assert.equal(page.statusCode, 400, practitionerId)
        assert.match(page.body, /govuk-error-summary/)
        assert.match(
          page.body,
          practitionerId ? /Choose a practitioner of your organisation/ : /Choose a practitioner</,
        )
      }
      const same = await lead.submit(`/caseload/team/episodes/${e.id}/reallocate`, { practitionerId: f.practitioner })
      assert.equal(same.statusCode, 400)
      const welsh = new Agent(t.app, 'cy')
      await welsh.signIn('teamlead')
      await welsh.get(`/caseload/team/episodes/${e.id}/reallocate`)
      const cy = await welsh.submit(`/caseload/team/episodes/${e.id}/reallocate`, { practitionerId: gwynedd })
      assert.equal(cy.statusCode, 400)
      assert.match(cy.body, /Dewiswch ymarferydd o’ch sefydliad/)
      const api = await lead.api('POST', '/api/v1/caseload/team/reallocations', {
        episodeId: e.id,
        practitionerId: gwynedd,
      })
      assert.equal(api.statusCode, 422)
      assert.equal(api.json().code, 'validation_failed')
      assert.equal((await episodeOf(f.personId)).practitioner_id, f.practitioner)
      assert.ok(
        (await db().selectFrom('follow_ups').select('assigned_to').where('person_id', '=', f.personId).execute()).every(
          (r) => r.assigned_to === f.practitioner,
        ),
      )
      assert.equal(
        (await db().selectFrom('audit_events').select('id').where('action', '=', 'episode.reallocate').execute())
          .length,
        before.length,
      )
      // Another organisation's episode: refused, and the refusal audited.
      const g = await makeReferral(t.app, {}, { provider: 'gwynedd' })
      const ge = await db()
        .insertInto('episodes')
        .values({
          person_id: g.personId,
          referral_id: g.referralId,
          organisation_id: g.organisationId,
          practitioner_id: gwynedd,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      assert.equal((await lead.get(`/caseload/team/episodes/${ge.id}/reallocate`)).statusCode, 403)
      assert.equal(
        (
          await lead.api('POST', '/api/v1/caseload/team/reallocations', {
            episodeId: ge.id,
            practitionerId: f.practitioner,
          })
        ).statusCode,
        404,
      )
      const refused = await db()
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'episode.reallocate')
        .where('record_id', '=', ge.id)
        .where('outcome', '=', 'refused')
        .execute()
      assert.equal(refused.length, 2)
      assert.equal(
        (await db().selectFrom('episodes').select('practitioner_id').where('id', '=', ge.id).executeTakeFirstOrThrow())
          .practitioner_id,
        gwynedd,
      )
    })
  })
}
