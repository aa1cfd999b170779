import { type RawBuilder, sql } from 'kysely'
import type { MeasureResult } from '../contract.js'
import type { ReportContext } from '../modules.js'
import { type MonthlyPass, monthlyPassOf } from './monthly-pass.js'
import { countRow, firstSeen, keysOf, type MonthlySet, monthlySetOf } from './monthly-set.js'
import { between, breakdown, connectionsOf, measure, share } from './pathway-sql.js'

/** Sums `counts` by `codes` (the same length). */
function tally(codes: string[], counts: number[]): Map<string, number> {
  const out = new Map<string, number>()
  codes.forEach((code, i) => out.set(code, (out.get(code) ?? 0) + (counts[i] ?? 0)))
  return out
}

/**
 * The connections' pass, additive month by month (monthly-pass.ts): each aggregate counts a connection by one day
 * (made, ended or first attended) in the period.
 */
const connectionPass: MonthlyPass = (context) => {
  const madeIn = between(sql`c.created_on`, context)
  const endedIn = between(sql`c.ended_on`, context)
  const attendedIn = between(sql`c.first_attended_on`, context)
  // Every connection any of these measures counts (made, ended or first attended in the period), found once. The two
  // columns of its referral's facts they read (local authority, reasons) are copied onto the connection's facts
  // (migration 0042), so no join is needed for them.
  const c = sql`period_connections c`
  const made = madeIn
  const ended = endedIn
  const count = (where: RawBuilder<unknown>) => sql`count(*) filter (where ${where})`
  return {
    slices: {
      period_connections: sql`select c.* from ${connectionsOf(context)} where c.kind is not null and ((${madeIn}) or (${endedIn}) or (${attendedIn}))`,
    },
    parts: [
      {
        key: 'counts',
        from: c,
        aggregates: {
          connections: count(made),
          referred: count(sql`${made} and c.reached_referred`),
          accepted: count(sql`${made} and c.reached_accepted`),
          attended: count(sql`${made} and c.reached_attended`),
          completed: count(sql`${made} and c.reached_completed`),
          asset_referrals: count(sql`${made} and c.kind = 'referral'`),
          cds42: count(sql`${made} and c.kind = 'referral' and c.reached_accepted`),
          cds100: count(sql`${ended} and c.status = 'completed'`),
          cds103: count(sql`${ended} and c.status = 'disengaged'`),
          cds106: sql`coalesce(sum(c.did_not_attend_count) filter (where ${made}), 0)`,
          cds86: count(attendedIn),
        },
      },
      {
        key: 'by_area',
        rows: sql`select coalesce(c.local_authority_code, 'not_recorded') || ':' || u.code, count(*)
          from ${c} cross join unnest(c.categories) as u(code) where ${made} group by 1`,
      },
      { key: 'area_totals', rows: sql`select c.local_authority_code, count(*) from ${c} where ${made} group by 1` },
      { key: 'kinds', rows: sql`select c.kind, count(*) from ${c} where ${made} group by 1` },
      { key: 'attending_types', rows: sql`select u.code, count(*) from ${c} cross join unnest(c.attending_types) as u(code) where ${made} group by 1` },
      { key: 'asset_organisations', rows: sql`select c.service_organisation_id::text, count(*) from ${c} where ${made} group by 1` },
      {
        key: 'reasons',
        rows: sql`select u.reason, count(*) from ${c} cross join unnest(c.reasons) as u(reason) where ${made} and c.kind = 'referral' group by 1`,
      },
      { key: 'cds46', days: sql`c.first_attended_on - c.created_on`, from: sql`${c} where ${made}` },
      { key: 'cds104', days: sql`c.accepted_on - c.created_on`, from: sql`${c} where ${made} and c.kind = 'referral'` },
      { key: 'cds113', days: sql`c.ended_on - c.first_attended_on`, from: sql`${c} where ${ended}` },
      { key: 'cds114', days: sql`c.ended_on - c.created_on`, from: sql`${c} where ${ended}` },
    ],
  }
}

/**
 * The people who made connections in the period, and those of them who attended (#123): a person may make
 * connections in several months, so these are month sets (monthly-set.ts), a month's people grouped by whether the
 * connection reached attendance.
 */
const connectedSet: MonthlySet = (context) => sql`select c.reached_attended as attended, ${keysOf('c.person_id')} as keys
  from ${connectionsOf(context)} where c.kind is not null and ${between(sql`c.created_on`, context)} group by 1`

async function connectedPeople(context: ReportContext): Promise<{ people: number; attending: number }> {
  const groups = (await monthlySetOf(context, 'connected-people', connectedSet)).flat()
  return {
    people: countRow(firstSeen(groups), 'people').n,
    attending: countRow(firstSeen(groups.filter((group) => group.codes.attended === true)), 'people').n,
  }
}

/**
 * Connections to community assets (issue 7 §2; docs/reports-engine.md). A connection is in the period by the day it
 * was made (created); completions, disengagements and lengths by the day it ended; new activities by the day of
 * the first attendance. A suggestion nobody acted on (no kind) is not a connection yet and is never counted.
 */
export async function pathwayActivities(context: ReportContext): Promise<MeasureResult[]> {
  const pass = await monthlyPassOf(context, 'connections', connectionPass)
  const { people, attending: peopleAttending } = await connectedPeople(context)
  const connections = pass.count('connections')
  const referred = pass.count('referred')
  const accepted = pass.count('accepted')
  const attended = pass.count('attended')
  const completed = pass.count('completed')
  const assetReferrals = pass.count('asset_referrals')
  const byArea = pass.rows('by_area')
  // The categories for all areas are the sums of each area's: one pass over the categories, where two cost 0.3 s
  // each for a national year (issue 9). Ordered as the pass orders rows: by count, then code.
  const categories = [...tally(byArea.map((r) => r.code.slice(r.code.indexOf(':') + 1)), byArea.map((r) => r.count as number))]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
  const areaTotals = pass.rows('area_totals')
  const perArea = areaTotals.map((area) =>
    measure(
      `cds112.${area.code}`,
      [112],
      'how_much',
      breakdown(
        byArea
          .filter((r) => r.code.startsWith(`${area.code}:`))
          .map((r) => ({ code: r.code.slice(area.code.length + 1), count: r.count })),
        area.count as number,
        false,
      ),
      true,
    ),
  )
  return [
    measure('funnel', [121, 43, 42, 109, 100], 'how_much', {
      kind: 'funnel',
      stages: [
        { code: 'signposted', count: connections },
        { code: 'referred', count: referred },
        { code: 'accepted', count: accepted },
        { code: 'attended', count: attended },
        { code: 'completed', count: completed },
      ],
    }),
    measure('cds123', [123], 'how_much', share(peopleAttending, people), true),
    measure('cds109', [109], 'how_well', share(attended, connections), true),
    measure('cds112', [112], 'how_much', breakdown(categories, connections, false), true),
    ...perArea,
    measure(
      'cds121',
      [121],
      'how_much',
      breakdown(
        pass.rows('kinds'),
        connections,
        true,
      ),
    ),
    measure('cds120', [120], 'how_much', breakdown(categories, connections, false)),
    measure(
      'cds119',
      [119],
      'how_much',
      breakdown(
        pass.rows('attending_types'),
        connections,
        false,
      ),
    ),
    measure(
      'cds118',
      [118],
      'how_much',
      breakdown(
        pass.rows('asset_organisations'),
        connections,
        true,
      ),
    ),
    measure('cds43', [43], 'how_much', { kind: 'count', count: assetReferrals }),
    // #50, the reason for a referral to an activity: the reasons the person was referred to social prescribing for
    // (physical, mental, social, financial …), counted for each referral to an activity made in the period. A
    // referral may carry several reasons, so the rows do not add up to the number of referrals.
    measure(
      'cds50',
      [50],
      'how_much',
      breakdown(
        pass.rows('reasons'),
        assetReferrals,
        false,
      ),
    ),
    measure(
      'cds42',
      [42],
      'how_much',
      share(pass.count('cds42'), assetReferrals),
    ),
    measure('cds100', [100], 'how_well', {
      kind: 'count',
      count: pass.count('cds100'),
    }),
    measure('cds103', [103], 'how_well', {
      kind: 'count',
      count: pass.count('cds103'),
    }),
    measure('cds106', [106], 'how_well', {
      kind: 'count',
      count: pass.count('cds106'),
    }),
    measure('cds86', [86], 'better_off', {
      kind: 'count',
      count: pass.count('cds86'),
    }),
    measure(
      'cds46',
      [46],
      'how_well',
      pass.duration('cds46'),
    ),
    measure(
      'cds104',
      [104],
      'how_well',
      pass.duration('cds104'),
    ),
    measure(
      'cds113',
      [113],
      'how_much',
      pass.duration('cds113'),
    ),
    measure(
      'cds114',
      [114],
      'how_much',
      pass.duration('cds114'),
    ),
  ]
}
