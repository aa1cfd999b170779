import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { buildApp } from '../../../app.js'
import { loadConfig } from '../../../platform/config.js'
import type { DB } from '../../../platform/db/schema.js'
import { Agent } from '../../../../test/support/agent.js'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import { runSynth, STAGE_TABLES, type SynthReport } from '../run.js'
import { synthAccounts } from '../stages/organisations.js'

const PASSWORD = 'synthetic-password-for-tests'
const options = { episodes: 300, services: 10, seed: 42, until: '2026-11-30', password: PASSWORD }

/** The tables the people stage writes (the ones it loads in bulk), hashed row by row: the same seed must give the same bytes. */
const TABLES = STAGE_TABLES.people ?? []

async function contentHash(db: Kysely<DB>): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {}
  for (const table of TABLES) {
    const row = await sql<{
      h: string
    }>`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.table(table)} t`.execute(db)
    hashes[table] = row.rows[0]!.h
  }
  return hashes
}

const one = async (db: Kysely<DB>, query: string): Promise<number> =>
  Number((await sql.raw<{ n: number }>(query).execute(db)).rows[0]?.n ?? 0)

for (const kind of databaseKinds()) {
  describe(`synth: the people stage at 300 episodes (${kind})`, () => {
    let first: TestDatabase
    let report: SynthReport
    const db = () => first.database.db
    before(async () => {
      first = await openTestDatabase(kind)
      report = await runSynth(db(), options)
    })
    after(() => first.dispose())

    it('writes as many people, referrals and episodes as the plan says, one episode per accepted referral', async () => {
      const rows = report.stages.find((s) => s.stage === 'people')!.rows
      assert.equal(rows.people, report.plan.people)
      assert.equal(rows.referrals, report.plan.referrals)
      assert.equal(rows.episodes, report.plan.episodes)
      assert.equal(
        await one(db(), `select count(*)::int as n from referrals where status = 'accepted'`),
        report.plan.episodes,
      )
      assert.equal(
        await one(
          db(),
          `select count(*)::int as n from referrals r join episodes e on e.referral_id = r.id
          where e.started_at = r.triaged_at and r.first_contact_at <= r.triaged_at and e.person_id = r.person_id
            and e.practitioner_id = r.allocated_practitioner_id and (e.ended_at is null) = (e.status = 'open')`,
        ),
        report.plan.episodes,
      )
      assert.equal(await one(db(), `select count(*)::int as n from report_referral_facts`), report.plan.referrals)
    })

    it('sends about three quarters of referrals from health, and keeps the channel to the route', async () => {
      const health = await one(
        db(),
        `select round(100 * avg((route in ('primary_care', 'secondary_care'))::int))::int as n from referrals`,
      )
      assert.ok(health >= 65 && health <= 85, `${health}% from health`)
      assert.equal(
        await one(
          db(),
          `select count(*)::int as n from referrals where route = 'self' and channel not in ('self_referral_form', 'practitioner')`,
        ),
        0,
      )
      assert.equal(
        await one(
          db(),
          `select count(*)::int as n from referrals where route <> 'self' and channel = 'self_referral_form'`,
        ),
        0,
      )
    })

    it('gives each episode a practitioner of a provider serving where the person lives', async () => {
      const misplaced = await one(
        db(),
        `select count(*)::int as n from episodes e join people p on p.id = e.person_id join users u on u.id = e.practitioner_id
        where u.organisation_id <> e.organisation_id or p.organisation_id <> e.organisation_id
          or not exists (select 1 from organisation_areas a where a.organisation_id = e.organisation_id and a.local_authority_code = p.local_authority_code)
          or not exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'practitioner')`,
      )
      assert.equal(misplaced, 0)
      assert.ok((await one(db(), `select count(*)::int as n from episodes where status = 'open'`)) > 0)
    })

    it('records disclosures to other agencies during episodes, on a consent the person gave (CDS #54)', async () => {
      const agency = await one(db(), `select count(*)::int as n from information_sharing_log where recipient_kind = 'agency'`)
      assert.ok(agency > 0, 'some disclosures to agencies')
      assert.equal(
        await one(
          db(),
          `select count(*)::int as n from information_sharing_log l
          join consents c on c.id = l.consent_id and c.given and c.person_id = l.person_id and c.recorded_at <= l.shared_at
          join episodes e on e.person_id = l.person_id and e.started_at <= l.shared_at
            and (e.ended_at is null or l.shared_at <= e.ended_at)
          where l.recipient_kind = 'agency' and l.basis = 'consent' and l.purpose_note is not null`,
        ),
        agency,
      )
    })

    it('gives nobody two episodes at once', async () => {
      const overlapping = await one(
        db(),
        `select count(*)::int as n from episodes a join episodes b on a.person_id = b.person_id and a.id < b.id
        where a.started_at < coalesce(b.ended_at, 'infinity') and b.started_at < coalesce(a.ended_at, 'infinity')`,
      )
      assert.equal(overlapping, 0)
    })

    it('writes the same rows for the same seed', async () => {
      const second = await openTestDatabase(kind)
      try {
        await runSynth(second.database.db, options)
        assert.deepEqual(await contentHash(second.database.db), await contentHash(db()))
      } finally {
        await second.dispose()
      }
    })

    it("shows a synthetic practitioner's caseload and the person page of one of their people", async () => {
      const config = loadConfig({
        NODE_ENV: 'test',
        SESSION_SECRET: 'test-secret-of-at-least-thirty-two-bytes',
        DEMO_PASSWORD: PASSWORD,
      })
      const app = await buildApp({ config, database: first.database })
      try {
        await app.ready()
        const agent = new Agent(app)
        await agent.signIn(synthAccounts.practitioner(1), PASSWORD)
        const caseload = await agent.get('/caseload')
        assert.equal(caseload.statusCode, 200)
        const person = await sql<{
          id: string
        }>`select e.person_id as id from episodes e join users u on u.id = e.practitioner_id
          where u.email = ${synthAccounts.practitioner(1)} and e.status = 'open' order by e.started_at limit 1`.execute(
          db(),
        )
        const page = await agent.get(`/people/${person.rows[0]!.id}`)
        assert.equal(page.statusCode, 200)
        const welsh = new Agent(app, 'cy')
        await welsh.signIn(synthAccounts.practitioner(1), PASSWORD)
        assert.equal((await welsh.get(`/people/${person.rows[0]!.id}`)).statusCode, 200)
      } finally {
        // The database belongs to the test file (closed in `after`), so only the app's own resources end here.
        await app.close()
      }
    })
  })
}
