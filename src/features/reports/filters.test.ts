import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { startTestApp, type TestApp } from '../../../test/support/app.js'
import { databaseKinds } from '../../../test/support/databases.js'
import type { Actor } from '../../platform/access/policy.js'
import type { DB } from '../../platform/db/schema.js'
import { I18n } from '../../platform/i18n/i18n.js'
import { accessKeys } from './access.js'
import { tooManyKey, unknownKeys } from './filters-codes.js'
import { periodKeys } from './filters-period.js'
import { parseReportQuery, type ParsedReportQuery } from './filters.js'

const NOW = new Date('2026-12-04T12:00:00Z')
const CARDIFF = 'W06000015'
const VALE = 'W06000014'
const GWYNEDD = 'W06000002'

describe('report filter messages', () => {
  it('exist in English and Welsh for every key the filters can answer with', () => {
    const i18n = new I18n()
    const keys = [...Object.values(periodKeys), ...Object.values(unknownKeys), ...Object.values(accessKeys), tooManyKey]
    assert.equal(keys.length, 9 + 13 + 7 + 1)
    assert.deepEqual(keys.filter((key) => !i18n.has('en', key) || !i18n.has('cy', key)), [])
  })
})

for (const kind of databaseKinds()) {
  describe(`parseReportQuery on the demo organisations (${kind})`, () => {
    let t: TestApp
    let db: Kysely<DB>
    const actors: Record<string, Actor> = {}
    const orgs: Record<string, string> = {}
    const teams: Record<string, string> = {}

    before(async () => {
      t = await startTestApp(kind)
      db = t.app.deps.database.db
      for (const o of await db.selectFrom('organisations').select(['id', 'name', 'type']).execute()) orgs[o.name] = o.id
      // A national analyst: a commissioner in the organisation with no areas.
      const analyst = await db.insertInto('users').values({ email: 'analyst@example.org', name: 'Ifan Analyst', organisation_id: orgs['Cyswllt National Team']! }).returning('id').executeTakeFirstOrThrow()
      await db.insertInto('user_roles').values({ user_id: analyst.id, role: 'commissioner' }).execute()
      const users = await db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select(['u.id', 'u.email', 'u.organisation_id', 'o.type']).execute()
      const roles = await db.selectFrom('user_roles').select(['user_id', 'role']).execute()
      for (const u of users) {
        actors[u.email.split('@')[0]!] = { userId: u.id, organisationId: u.organisation_id, organisationType: u.type, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) }
      }
      for (const team of await db.selectFrom('teams').select(['id', 'name']).execute()) teams[team.name] = team.id
    })
    after(() => t.close())

    const parse = (who: string, query: Record<string, unknown>) => parseReportQuery(db, actors[who]!, query, { now: NOW })
    const refusals = () => db.selectFrom('audit_events').select(['actor_user_id', 'action', 'outcome', 'record_type', 'request_id', 'detail']).where('action', '=', 'report.view').orderBy('id').execute()
    const fieldsOf = (parsed: ParsedReportQuery) => (parsed.ok ? {} : Object.fromEntries(parsed.errors.map((e) => [e.field, e.key])))

    it('loads the demo teams, with the practitioner in North and the team lead in South', async () => {
      assert.deepEqual(Object.keys(teams).sort(), ['North', 'South'])
      const members = await db.selectFrom('users').select(['email', 'team_id']).where('team_id', 'is not', null).orderBy('email').execute()
      assert.deepEqual(members, [
        { email: 'practitioner@demo.cyswllt.test', team_id: teams.North },
        { email: 'teamlead@demo.cyswllt.test', team_id: teams.South },
      ])
    })

    it('gives a practitioner their own organisation’s report for the financial year to date', async () => {
      assert.deepEqual(await parse('practitioner', {}), {
        ok: true,
        audience: 'organisation',
        filter: { from: '2026-04-01', to: '2026-12-04', where: { organisation: [orgs['Cardiff and Vale Community Connectors']] } },
      })
    })

    it('lets a practitioner filter by a team of theirs and by themselves, and a team lead by a colleague', async () => {
      const own = await parse('practitioner', { team: teams.North, practitioner: actors.practitioner!.userId, 'from-day': '1', 'from-month': '4', 'from-year': '2025', to: '2026-03-31' })
      assert.ok(own.ok)
      assert.deepEqual(own.filter, { from: '2025-04-01', to: '2026-03-31', where: { organisation: [orgs['Cardiff and Vale Community Connectors']], team: [teams.North], practitioner: [actors.practitioner!.userId] } })
      const lead = await parse('teamlead', { practitioner: actors.practitioner!.userId })
      assert.ok(lead.ok)
    })

    it('refuses bad input with 400, one message per field, and writes nothing to the audit trail', async () => {
      const before = (await refusals()).length
      const parsed = await parse('commissioner', {
        from: '2014-03-01',
        to: '2026-12-05',
        organisation: orgs['Heol y Bont Surgery'], // a referrer, not a provider
        team: '00000000-0000-4000-8000-000000000000',
        practitioner: actors.commissioner!.userId, // not a practitioner
        local_authority: `${CARDIFF},W06000099`,
        rpb: 'atlantis',
        wimd_quintile: '0',
      })
      assert.equal(parsed.ok, false)
      assert.equal(!parsed.ok && parsed.status, 400)
      assert.deepEqual(fieldsOf(parsed), {
        from: 'reportFilters.period.fromTooEarly',
        to: 'reportFilters.period.toFuture',
        organisation: 'reportFilters.unknown.organisation',
        team: 'reportFilters.unknown.team',
        practitioner: 'reportFilters.unknown.practitioner',
        local_authority: 'reportFilters.unknown.local_authority',
        rpb: 'reportFilters.unknown.rpb',
        wimd_quintile: 'reportFilters.unknown.wimd_quintile',
      })
      assert.equal((await refusals()).length, before)
    })

    it('refuses a practitioner another organisation, and a colleague’s caseload, with 403, audited', async () => {
      const other = await parse('practitioner', { organisation: orgs['Gwynedd Community Link'] })
      assert.deepEqual(other, { ok: false, status: 403, errors: [{ field: 'organisation', key: 'reportFilters.access.otherOrganisation' }] })
      const colleague = await parse('practitioner', { practitioner: actors.teamlead!.userId })
      assert.deepEqual(fieldsOf(colleague), { practitioner: 'reportFilters.access.ownCaseloadOnly' })
      const gwyneddTeamLead = await parse('teamlead', { practitioner: actors.practitioner2!.userId })
      assert.deepEqual(fieldsOf(gwyneddTeamLead), { practitioner: 'reportFilters.access.otherPractitioner' })
      const rows = (await refusals()).filter((r) => r.actor_user_id === actors.practitioner!.userId)
      assert.deepEqual(rows.map((r) => [r.outcome, r.detail]), [
        ['refused', { refused: ['organisation'] }],
        ['refused', { refused: ['practitioner'] }],
      ])
    })

    it('gives the regional commissioner aggregates forced to Cardiff and the Vale', async () => {
      assert.deepEqual(await parse('commissioner', { from: '2025-04-01', to: '2026-03-31' }), {
        ok: true,
        audience: 'aggregate',
        filter: { from: '2025-04-01', to: '2026-03-31', where: { local_authority: [VALE, CARDIFF] } },
      })
      const narrowed = await parse('commissioner', { local_authority: CARDIFF, health_board: 'W11000029', organisation: orgs['Cardiff and Vale Community Connectors'], sex: 'female' })
      assert.ok(narrowed.ok)
      assert.deepEqual(narrowed.filter.where, { local_authority: [CARDIFF], health_board: ['W11000029'], organisation: [orgs['Cardiff and Vale Community Connectors']], sex: ['female'] })
    })

    it('refuses the commissioner another region with 403 and audits the refusal with the request, fields only', async () => {
      const context = { actorUserId: actors.commissioner!.userId, organisationId: actors.commissioner!.organisationId, requestId: 'req-gwynedd', clientAddress: '192.0.2.7' }
      const parsed = await parseReportQuery(db, actors.commissioner!, { local_authority: GWYNEDD, health_board: 'W11000023', rpb: 'north-wales', organisation: orgs['Gwynedd Community Link'] }, { now: NOW, audit: context })
      assert.equal(!parsed.ok && parsed.status, 403)
      assert.deepEqual(fieldsOf(parsed), {
        local_authority: 'reportFilters.access.outsideAreas',
        health_board: 'reportFilters.access.outsideAreas',
        rpb: 'reportFilters.access.outsideAreas',
        organisation: 'reportFilters.access.outsideAreas',
      })
      const row = (await refusals()).find((r) => r.request_id === 'req-gwynedd')
      assert.deepEqual(row, {
        actor_user_id: actors.commissioner!.userId,
        action: 'report.view',
        outcome: 'refused',
        record_type: 'report',
        request_id: 'req-gwynedd',
        detail: { refused: ['organisation', 'local_authority', 'health_board', 'rpb'] },
      })
    })

    it('refuses commissioners the team and practitioner filters, and administrators any report', async () => {
      assert.deepEqual(fieldsOf(await parse('commissioner', { team: teams.North, practitioner: actors.practitioner!.userId })), {
        team: 'reportFilters.access.personLevel',
        practitioner: 'reportFilters.access.personLevel',
      })
      assert.deepEqual(fieldsOf(await parse('admin', {})), { report: 'reportFilters.access.role' })
    })

    it('gives the national team all of Wales', async () => {
      assert.deepEqual(await parse('analyst', { local_authority: GWYNEDD, to: '2026-06-30' }), {
        ok: true,
        audience: 'aggregate',
        filter: { from: '2026-04-01', to: '2026-06-30', where: { local_authority: [GWYNEDD] } },
      })
    })
  })
}
