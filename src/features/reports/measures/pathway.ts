import { sql } from 'kysely'
import type { MeasureResult } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { pathwayActivities } from './pathway-activities.js'
import { between, breakdown, countOf, durationOf, factsOf, measure, rowsOf, share } from './pathway-sql.js'

/** The dimensions #36 breaks people down by: never names, NHS numbers, postcodes or dates of birth. */
export const demographicDimensions = [
  'age_band',
  'sex',
  'ethnicity',
  'disability',
  'language',
  'wimd_quintile',
] as const

/**
 * The referral and episode measures (issue 7 §2; docs/reports-engine.md gives every definition). Referrals are in
 * the period by the day they were received, episodes by the day they started or (for closing measures) ended,
 * contacts by the day they happened.
 */
async function referralMeasures(context: ReportContext): Promise<MeasureResult[]> {
  const f = factsOf(context)
  const received = between(sql`f.received_on`, context)
  const referrals = await countOf(context, sql`select count(*) from ${f} where ${received}`)
  const accepted = await countOf(context, sql`select count(*) from ${f} where ${received} and f.status = 'accepted'`)
  const byColumn = (column: string) =>
    rowsOf(
      context,
      sql`select ${sql.ref(`f.${column}`)} as code, count(*) as count from ${f} where ${received} group by 1`,
    )
  // People referred in the period, each once, described as at their latest referral in it.
  const people = sql`(select distinct on (f.person_id) f.* from ${f} where ${received} order by f.person_id, f.received_on desc, f.referral_id) f`
  const peopleCount = await countOf(context, sql`select count(*) from ${people}`)
  const byPerson = async (column: string) =>
    rowsOf(
      context,
      sql`select ${sql.raw(column === 'wimd_quintile' ? 'f.wimd_quintile::text' : `f.${column}`)} as code, count(*) as count from ${people} group by 1`,
    )
  const demographics: MeasureResult[] = []
  for (const dimension of demographicDimensions)
    demographics.push(
      measure(`cds36.${dimension}`, [36], 'how_much', breakdown(await byPerson(dimension), peopleCount, true), true),
    )

  const inappropriate = sql`${received} and f.status = 'declined' and f.decline_reason <> 'person_declined'`
  const acceptedIn = sql`${received} and f.status = 'accepted'`
  const priorBucket = sql`case when f.prior_referrals >= 3 then '3+' else f.prior_referrals::text end`
  return [
    measure('cds45', [45], 'how_much', { kind: 'count', count: referrals }),
    measure('cds44', [44], 'how_much', share(accepted, referrals)),
    measure('cds41', [41], 'how_much', breakdown(await byColumn('route'), referrals, true)),
    measure('cds52', [52], 'how_well', breakdown(await byColumn('channel'), referrals, true)),
    measure('cds48', [48], 'how_much', breakdown(await byColumn('referrer_role'), referrals, true)),
    measure(
      'cds51',
      [51],
      'how_much',
      breakdown(
        await rowsOf(
          context,
          sql`select u.reason as code, count(*) as count from ${f} cross join unnest(f.reasons) as u(reason) where ${received} group by 1`,
        ),
        referrals,
        false,
      ),
      true,
    ),
    ...demographics,
    measure('cds31', [31], 'how_much', breakdown(await byPerson('used_before'), peopleCount, true)),
    measure(
      'cds49',
      [49],
      'how_well',
      breakdown(
        await rowsOf(
          context,
          sql`select f.decline_reason as code, count(*) as count from ${f} where ${inappropriate} group by 1`,
        ),
        await countOf(context, sql`select count(*) from ${f} where ${inappropriate}`),
        true,
      ),
    ),
    measure('cds25', [25], 'how_much', {
      kind: 'count',
      count: await countOf(context, sql`select count(*) from ${f} where ${acceptedIn} and f.prior_referrals = 0`),
    }),
    measure(
      'cds40',
      [40],
      'how_well',
      breakdown(
        await rowsOf(
          context,
          sql`select ${priorBucket} as code, count(*) as count from ${f} where ${acceptedIn} group by 1`,
        ),
        accepted,
        true,
      ),
    ),
    measure(
      'cds47',
      [47],
      'how_well',
      await durationOf(context, sql`f.first_contact_on - f.received_on`, sql`${f} where ${received}`),
    ),
    measure(
      'cds105',
      [105],
      'how_well',
      await durationOf(context, sql`f.first_seen_on - f.received_on`, sql`${f} where ${received}`),
    ),
  ]
}

async function episodeMeasures(context: ReportContext): Promise<MeasureResult[]> {
  const f = factsOf(context)
  const started = sql`f.episode_id is not null and ${between(sql`f.episode_started_on`, context)}`
  const closed = sql`f.episode_id is not null and ${between(sql`f.episode_ended_on`, context)}`
  const open = sql`f.episode_id is not null and f.episode_started_on <= ${context.filter.to}::date
    and (f.episode_ended_on is null or f.episode_ended_on >= ${context.filter.from}::date)`
  const startedCount = await countOf(context, sql`select count(*) from ${f} where ${started}`)
  const closedCount = await countOf(context, sql`select count(*) from ${f} where ${closed}`)
  const count = async (where: ReturnType<typeof sql>) => countOf(context, sql`select count(*) from ${f} where ${where}`)
  const contacts = await countOf(
    context,
    sql`select count(*) from ${f} join report_contact_facts k on k.referral_id = f.referral_id
      where not k.did_not_attend and ${between(sql`k.occurred_on`, context)}`,
  )
  return [
    measure(
      'cds122',
      [122],
      'how_much',
      share(await count(sql`${started} and f.what_matters_completed`), startedCount),
      true,
    ),
    measure('cds111', [111], 'how_much', {
      kind: 'count',
      count: await countOf(context, sql`select count(distinct f.person_id) from ${f} where ${open}`),
    }),
    measure('cds24', [24], 'how_much', { kind: 'count', count: contacts }),
    measure(
      'cds115',
      [115],
      'how_much',
      await durationOf(context, sql`f.last_seen_on - f.first_seen_on`, sql`${f} where ${closed}`),
    ),
    measure('cds115.appointments', [115], 'how_much', {
      kind: 'count',
      count: await countOf(context, sql`select coalesce(sum(f.contacts_attended), 0) from ${f} where ${closed}`),
    }),
    measure(
      'cds116',
      [116],
      'how_much',
      await durationOf(context, sql`f.episode_ended_on - f.episode_started_on`, sql`${f} where ${closed}`),
    ),
    measure(
      'cds117',
      [117],
      'how_well',
      await durationOf(context, sql`f.episode_ended_on - f.received_on`, sql`${f} where ${closed}`),
    ),
    measure('cds21', [21], 'how_much', {
      kind: 'count',
      count: await count(sql`${started} and 'holistic' = any(f.levels)`),
    }),
    measure('cds22', [22], 'how_much', {
      kind: 'count',
      count: await count(sql`${started} and 'short_term' = any(f.levels)`),
    }),
    measure('cds23', [23], 'how_much', {
      kind: 'count',
      count: await count(sql`${started} and 'signposting' = any(f.levels)`),
    }),
    measure('cds30', [30], 'how_well', {
      kind: 'count',
      count: await count(sql`${started} and f.escalated_to_holistic`),
    }),
    measure(
      'cds107',
      [107],
      'how_well',
      share(await count(sql`${closed} and f.levels = array['signposting']::text[]`), closedCount),
    ),
    measure(
      'cds101',
      [101],
      'how_well',
      share(await count(sql`${closed} and f.closing_reason = 'goals_met'`), closedCount),
    ),
    measure(
      'cds102',
      [102],
      'how_well',
      share(await count(sql`${closed} and f.closing_reason = 'withdrew'`), closedCount),
    ),
  ]
}

export const pathwayModule: MeasureModule = {
  name: 'pathway',
  compute: async (context) => [
    ...(await referralMeasures(context)),
    ...(await episodeMeasures(context)),
    ...(await pathwayActivities(context)),
  ],
}
