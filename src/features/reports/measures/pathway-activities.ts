import { sql } from 'kysely'
import type { MeasureResult } from '../contract.js'
import type { ReportContext } from '../modules.js'
import { between, breakdown, connectionsOf, countOf, durationOf, measure, rowsOf, share } from './pathway-sql.js'

/**
 * Connections to community assets (issue 7 §2; docs/reports-engine.md). A connection is in the period by the day it
 * was made (created); completions, disengagements and lengths by the day it ended; new activities by the day of
 * the first attendance. A suggestion nobody acted on (no kind) is not a connection yet and is never counted.
 */
export async function pathwayActivities(context: ReportContext): Promise<MeasureResult[]> {
  const c = connectionsOf(context)
  const made = sql`c.kind is not null and ${between(sql`c.created_on`, context)}`
  const ended = sql`c.kind is not null and ${between(sql`c.ended_on`, context)}`
  const count = async (where: ReturnType<typeof sql>) => countOf(context, sql`select count(*) from ${c} where ${where}`)
  const connections = await count(made)
  const referred = await count(sql`${made} and c.reached_referred`)
  const accepted = await count(sql`${made} and c.reached_accepted`)
  const attended = await count(sql`${made} and c.reached_attended`)
  const completed = await count(sql`${made} and c.reached_completed`)
  const assetReferrals = await count(sql`${made} and c.kind = 'referral'`)
  const people = await countOf(context, sql`select count(distinct c.person_id) from ${c} where ${made}`)
  const peopleAttending = await countOf(
    context,
    sql`select count(distinct c.person_id) from ${c} where ${made} and c.reached_attended`,
  )
  const categories = await rowsOf(
    context,
    sql`select u.code as code, count(*) as count from ${c} cross join unnest(c.categories) as u(code) where ${made} group by 1`,
  )
  const byArea = await rowsOf(
    context,
    sql`select coalesce(f.local_authority_code, 'not_recorded') || ':' || u.code as code, count(*) as count
      from ${c} cross join unnest(c.categories) as u(code) where ${made} group by 1`,
  )
  const areaTotals = await rowsOf(
    context,
    sql`select f.local_authority_code as code, count(*) as count from ${c} where ${made} group by 1`,
  )
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
        await rowsOf(context, sql`select c.kind as code, count(*) as count from ${c} where ${made} group by 1`),
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
        await rowsOf(
          context,
          sql`select u.code as code, count(*) as count from ${c} cross join unnest(c.attending_types) as u(code) where ${made} group by 1`,
        ),
        connections,
        false,
      ),
    ),
    measure(
      'cds118',
      [118],
      'how_much',
      breakdown(
        await rowsOf(
          context,
          sql`select c.service_organisation_id::text as code, count(*) as count from ${c} where ${made} group by 1`,
        ),
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
        await rowsOf(
          context,
          sql`select u.reason as code, count(*) as count from ${c} cross join unnest(f.reasons) as u(reason) where ${made} and c.kind = 'referral' group by 1`,
        ),
        assetReferrals,
        false,
      ),
    ),
    measure(
      'cds42',
      [42],
      'how_much',
      share(await count(sql`${made} and c.kind = 'referral' and c.reached_accepted`), assetReferrals),
    ),
    measure('cds100', [100], 'how_well', {
      kind: 'count',
      count: await count(sql`${ended} and c.status = 'completed'`),
    }),
    measure('cds103', [103], 'how_well', {
      kind: 'count',
      count: await count(sql`${ended} and c.status = 'disengaged'`),
    }),
    measure('cds106', [106], 'how_well', {
      kind: 'count',
      count: await countOf(context, sql`select coalesce(sum(c.did_not_attend_count), 0) from ${c} where ${made}`),
    }),
    measure('cds86', [86], 'better_off', {
      kind: 'count',
      count: await count(sql`c.kind is not null and ${between(sql`c.first_attended_on`, context)}`),
    }),
    measure(
      'cds46',
      [46],
      'how_well',
      await durationOf(context, sql`c.first_attended_on - c.created_on`, sql`${c} where ${made}`),
    ),
    measure(
      'cds104',
      [104],
      'how_well',
      await durationOf(context, sql`c.accepted_on - c.created_on`, sql`${c} where ${made} and c.kind = 'referral'`),
    ),
    measure(
      'cds113',
      [113],
      'how_much',
      await durationOf(context, sql`c.ended_on - c.first_attended_on`, sql`${c} where ${ended}`),
    ),
    measure(
      'cds114',
      [114],
      'how_much',
      await durationOf(context, sql`c.ended_on - c.created_on`, sql`${c} where ${ended}`),
    ),
  ]
}
