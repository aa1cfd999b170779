import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/databases.js'
import type { DB } from '../../../platform/db/schema.js'
import { checkMove } from '../../connections/lifecycle.js'
import type { ConnectionKind, ConnectionStatus, Side } from '../../connections/schema.js'
import { type Answers, headlineOf, type InstrumentId } from '../../instruments/contract.js'
import { buildReport } from '../../reports/engine/report.js'
import { refreshReportFacts } from '../../reports/engine/refresh.js'
import { setReportTriggers } from '../run.js'
import { journeyStage } from '../stages/journey.js'
import { buildJourneyFixture } from './testing.js'

const EPISODES = 300

/** The journey over the fixture's episodes, loaded as runSynth loads it (report triggers off, then a full rebuild). */
async function synthesise(db: Kysely<DB>, seed: number): Promise<Record<string, number>> {
  const ctx = await buildJourneyFixture(db, EPISODES, seed)
  await setReportTriggers(db, false)
  try {
    return await journeyStage.run(ctx)
  } finally {
    await setReportTriggers(db, true)
  }
}

/** A digest of everything the stage wrote that does not depend on when it ran. */
async function digest(db: Kysely<DB>): Promise<string> {
  const r = await sql<{ d: string }>`select md5(
      (select string_agg(concat_ws(',', id, occurred_at, mode, duration_minutes, with_whom, contact_type, did_not_attend, language, barriers, progress_note), ';' order by id) from support_contacts)
      || (select string_agg(concat_ws(',', id, service_id, kind, status, waiting_weeks, first_attended_at, travel_mode, travel_distance_km), ';' order by id) from connections)
      || (select string_agg(concat_ws(',', connection_id, to_status, at), ';' order by connection_id, at) from connection_events)
      || (select string_agg(concat_ws(',', id, instrument_id, occasion, answers::text, scores::text, taken_on), ';' order by id) from measures)
      || (select string_agg(concat_ws(',', id, month, anonymous, service_satisfaction), ';' order by id) from experience_replies)) as d`.execute(
    db,
  )
  return r.rows[0]?.d ?? ''
}

for (const kind of databaseKinds()) {
  describe(`synth journey stage (${kind})`, () => {
    let t: TestDatabase
    let rows: Record<string, number>
    const db = () => t.database.db
    before(async () => {
      t = await openTestDatabase(kind)
      rows = await synthesise(db(), 7)
    })
    after(() => t.dispose())

    it('writes every table in the expected proportions', async () => {
      const per = (table: string) => (rows[table] ?? 0) / EPISODES
      assert.ok(
        per('support_contacts') >= 6 && per('support_contacts') <= 10,
        `contacts per episode ${per('support_contacts')}`,
      )
      assert.ok(per('connections') >= 1.2 && per('connections') <= 1.9, `connections per episode ${per('connections')}`)
      assert.ok(per('connection_events') > per('connections'))
      assert.ok(per('measures') >= 1.6 && per('measures') <= 2.6, `measures per episode ${per('measures')}`)
      for (const table of [
        'information_sharing_log',
        'experience_invitations',
        'experience_replies',
        'experience_service_ratings',
        'own_words_outcomes',
      ])
        assert.ok((rows[table] ?? 0) > 0, table)
      const counted = await sql<{ n: number }>`select count(*)::int as n from support_contacts`.execute(db())
      assert.equal(counted.rows[0]?.n, rows.support_contacts)
      const perEpisode = await sql<{ lo: number; hi: number; dna: number; baseline: number }>`select
          (select min(n) from (select count(*)::int as n from support_contacts group by episode_id) x) as lo,
          (select max(n) from (select count(*)::int as n from support_contacts group by episode_id) x) as hi,
          (select avg(did_not_attend::int)::float8 from support_contacts) as dna,
          (select count(distinct episode_id)::float8 / ${EPISODES} from measures where occasion = 'baseline') as baseline`.execute(
        db(),
      )
      const p = perEpisode.rows[0]!
      assert.ok(p.lo >= 1 && p.hi <= 12, `contacts per episode ${p.lo}–${p.hi}`)
      assert.ok(p.dna > 0.04 && p.dna < 0.12, `did not attend ${p.dna}`)
      assert.ok(p.baseline > 0.78 && p.baseline < 0.92, `baselines ${p.baseline}`)
    })

    it('contacts fall inside their episode, in order, the What Matters conversation first', async () => {
      const outside = await sql<{
        n: number
      }>`select count(*)::int as n from support_contacts c join episodes e on e.id = c.episode_id
        where c.occurred_at < e.started_at or c.occurred_at > coalesce(e.ended_at, '2026-12-01'::timestamptz)`.execute(
        db(),
      )
      assert.equal(outside.rows[0]?.n, 0)
      const firsts = await sql<{ type: string; n: number }>`select contact_type as type, count(*)::int as n from (
          select distinct on (episode_id) episode_id, contact_type from support_contacts order by episode_id, occurred_at) f group by 1`.execute(
        db(),
      )
      assert.deepEqual(firsts.rows, [{ type: 'what_matters', n: EPISODES }])
      const ties = await sql<{
        n: number
      }>`select count(*)::int as n from (select episode_id, occurred_at from support_contacts group by 1, 2 having count(*) > 1) x`.execute(
        db(),
      )
      assert.equal(ties.rows[0]?.n, 0)
    })

    it('every connection went along the lifecycle, and its columns agree with its events', async () => {
      const connections = await db()
        .selectFrom('connections')
        .select(['id', 'kind', 'status', 'first_attended_at', 'waiting_weeks', 'decline_reason'])
        .execute()
      const events = await db()
        .selectFrom('connection_events')
        .select(['connection_id', 'from_status', 'to_status', 'side', 'at'])
        .orderBy('connection_id')
        .orderBy('at')
        .execute()
      const byConnection = new Map<string, typeof events>()
      for (const e of events) byConnection.set(e.connection_id, [...(byConnection.get(e.connection_id) ?? []), e])
      for (const c of connections) {
        const list = byConnection.get(c.id) ?? []
        assert.ok(list.length >= 1)
        assert.equal(list[0]?.from_status, null)
        let attended = false
        for (let i = 1; i < list.length; i++) {
          const e = list[i]!
          assert.equal(e.from_status, list[i - 1]!.to_status)
          const check = checkMove(
            { status: e.from_status as ConnectionStatus, kind: c.kind as ConnectionKind, attendedBefore: attended },
            e.to_status as ConnectionStatus,
            e.side as Side,
            { reason: c.decline_reason ?? 'x', weeks: c.waiting_weeks ?? 4 },
          )
          assert.deepEqual(check, { ok: true })
          if (e.to_status === 'first_attended') attended = true
        }
        assert.equal(c.status, list[list.length - 1]?.to_status)
        const firstAttended = list.find((e) => e.to_status === 'first_attended')
        assert.equal(c.first_attended_at?.getTime() ?? null, firstAttended?.at.getTime() ?? null)
      }
    })

    it('the referral funnel narrows: attended ≤ accepted ≤ referred', async () => {
      const reached = await sql<{ referred: number; accepted: number; attended: number }>`select
          count(*)::int as referred,
          count(*) filter (where exists (select 1 from connection_events e where e.connection_id = c.id and e.to_status = 'accepted'))::int as accepted,
          count(*) filter (where c.first_attended_at is not null)::int as attended
        from connections c where c.kind = 'referral'`.execute(db())
      const f = reached.rows[0]!
      assert.ok(f.referred > 0 && f.attended <= f.accepted && f.accepted <= f.referred, JSON.stringify(f))
      assert.ok(f.attended < f.referred)
    })

    it('stores the scores the instruments feature gives for the stored answers', async () => {
      const measures = await db().selectFrom('measures').select(['instrument_id', 'answers', 'scores']).execute()
      assert.ok(new Set(measures.map((m) => m.instrument_id)).size >= 4)
      for (const m of measures)
        assert.deepEqual(m.scores, headlineOf(m.instrument_id as InstrumentId, m.answers as Answers), m.instrument_id)
    })

    it('SWEMWBS improves by about two metric points from baseline to exit', async () => {
      const pairs = await sql<{
        change: number
        n: number
      }>`select avg((x.scores->'scores'->'metric'->>'value')::float8 - (b.scores->'scores'->'metric'->>'value')::float8) as change, count(*)::int as n
        from measures b join measures x on x.episode_id = b.episode_id and x.instrument_id = 'swemwbs' and x.occasion = 'exit'
        where b.instrument_id = 'swemwbs' and b.occasion = 'baseline'`.execute(db())
      const p = pairs.rows[0]!
      assert.ok(p.n > 50, `pairs ${p.n}`)
      assert.ok(p.change > 0.8 && p.change < 3.2, `mean change ${p.change}`)
    })

    it('experience replies: anonymous ones keep nothing that leads back, invitations know only that a reply came', async () => {
      const r = await sql<{ replies: number; replied: number; anonymous: number; traceable: number }>`select
          (select count(*)::int from experience_replies) as replies,
          (select count(*)::int from experience_invitations where replied) as replied,
          (select count(*)::int from experience_replies where anonymous) as anonymous,
          (select count(*)::int from experience_replies where anonymous and (person_id is not null or received_at is not null)) as traceable`.execute(
        db(),
      )
      const x = r.rows[0]!
      assert.equal(x.replies, x.replied)
      assert.ok(x.anonymous > 0 && x.anonymous < x.replies)
      assert.equal(x.traceable, 0)
    })

    it('the report aggregates rebuild over it and a report has wellbeing pairs', async () => {
      await sql`delete from report_dirty_referrals`.execute(db())
      await refreshReportFacts(db(), { full: true })
      const pairs = await sql<{
        n: number
      }>`select count(*)::int as n from report_outcome_pairs where instrument_id = 'swemwbs' and series = 'metric' and latest_value is not null`.execute(
        db(),
      )
      assert.ok((pairs.rows[0]?.n ?? 0) > 50)
      const report = await buildReport(db(), { from: '2016-12-01', to: '2026-11-30', where: {} }, 'aggregate')
      assert.ok(report.measures.length > 20)
    })

    it('is the same for the same seed', async () => {
      const other = await openTestDatabase(kind)
      try {
        await synthesise(other.database.db, 7)
        assert.equal(await digest(other.database.db), await digest(db()))
      } finally {
        await other.dispose()
      }
    })
  })
}
