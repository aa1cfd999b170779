import { type RawBuilder, sql } from 'kysely'
import type { MeasureResult } from '../contract.js'
import { computeParts, type MeasureModule, type ReportContext } from '../modules.js'
import { pathwayActivities } from './pathway-activities.js'
import { type MonthlyPass, monthlyPassOf } from './monthly-pass.js'
import type { PassRow } from '../engine/months.js'
import { countRow, firstSeen, keysOf, type MonthlySet, monthlySetOf, tallyRows } from './monthly-set.js'
import { between, breakdown, contactsOf, factsOf, measure, passResult, share } from './pathway-sql.js'

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
/**
 * The referrals received in the period, additive month by month (monthly-pass.ts): each referral is counted by the
 * day it was received.
 */
const referralPass: MonthlyPass = (context) => {
  const r = sql`period_referrals f`
  const byColumn = (column: string) => sql`select ${sql.ref(`f.${column}`)}, count(*) from ${r} group by 1`
  const inappropriate = sql`f.status = 'declined' and f.decline_reason <> 'person_declined'`
  const accepted = sql`f.status = 'accepted'`
  const priorBucket = sql`case when f.prior_referrals >= 3 then '3+' else f.prior_referrals::text end`
  return {
    slices: { period_referrals: sql`select f.* from ${factsOf(context)} where ${between(sql`f.received_on`, context)}` },
    parts: [
      {
        key: 'counts',
        from: r,
        aggregates: {
          referrals: sql`count(*)`,
          accepted: sql`count(*) filter (where ${accepted})`,
          inappropriate: sql`count(*) filter (where ${inappropriate})`,
          first_time: sql`count(*) filter (where ${accepted} and f.prior_referrals = 0)`,
        },
      },
      { key: 'route', rows: byColumn('route') },
      { key: 'channel', rows: byColumn('channel') },
      { key: 'referrer_role', rows: byColumn('referrer_role') },
      { key: 'reasons', rows: sql`select u.reason, count(*) from ${r} cross join unnest(f.reasons) as u(reason) group by 1` },
      { key: 'decline_reason', rows: sql`select f.decline_reason, count(*) from ${r} where ${inappropriate} group by 1` },
      { key: 'prior', rows: sql`select ${priorBucket}, count(*) from ${r} where ${accepted} group by 1` },
      { key: 'cds47', days: sql`f.first_contact_on - f.received_on`, from: r },
      { key: 'cds105', days: sql`f.first_seen_on - f.received_on`, from: r },
    ],
  }
}

/** The columns #36 and #31 describe each person referred by. */
const personColumns = [...demographicDimensions, 'used_before'] as const

/**
 * The people referred in the period, each once, described as at their latest referral in it (#36, #31). A person
 * referred in two months is one person, so these are month sets (monthly-set.ts): each month's people as at their
 * latest referral in that month, grouped by those columns; the months are put together latest first, so each person
 * is counted as their latest month gives them.
 */
const referredSet: MonthlySet = (context) => sql`select p.age_band, p.sex, p.ethnicity, p.disability, p.language,
    p.wimd_quintile::text as wimd_quintile, p.used_before, ${keysOf('p.person_id')} as keys
  from (select distinct on (f.person_id) f.person_id, f.age_band, f.sex, f.ethnicity, f.disability, f.language,
      f.wimd_quintile, f.used_before
    from ${factsOf(context)} where ${between(sql`f.received_on`, context)}
    order by f.person_id, f.received_on desc, f.referral_id) p
  group by 1, 2, 3, 4, 5, 6, 7`

async function referredPeople(context: ReportContext): Promise<PassRow[]> {
  const counted = firstSeen((await monthlySetOf(context, 'referred-people', referredSet)).flat())
  return [countRow(counted, 'people'), ...personColumns.flatMap((column) => tallyRows(counted, `person.${column}`, column))]
}

async function referralMeasures(context: ReportContext): Promise<MeasureResult[]> {
  const pass = await monthlyPassOf(context, 'referrals', referralPass)
  const people = passResult(await referredPeople(context))
  const referrals = pass.count('referrals')
  const acceptedCount = pass.count('accepted')
  const peopleCount = people.count('people')
  const demographics = demographicDimensions.map((dimension) =>
    measure(`cds36.${dimension}`, [36], 'how_much', breakdown(people.rows(`person.${dimension}`), peopleCount, true), true),
  )
  return [
    measure('cds45', [45], 'how_much', { kind: 'count', count: referrals }),
    measure('cds44', [44], 'how_much', share(acceptedCount, referrals)),
    measure('cds41', [41], 'how_much', breakdown(pass.rows('route'), referrals, true)),
    measure('cds52', [52], 'how_well', breakdown(pass.rows('channel'), referrals, true)),
    measure('cds48', [48], 'how_much', breakdown(pass.rows('referrer_role'), referrals, true)),
    measure('cds51', [51], 'how_much', breakdown(pass.rows('reasons'), referrals, false), true),
    ...demographics,
    measure('cds31', [31], 'how_much', breakdown(people.rows('person.used_before'), peopleCount, true)),
    measure('cds49', [49], 'how_well', breakdown(pass.rows('decline_reason'), pass.count('inappropriate'), true)),
    measure('cds25', [25], 'how_much', { kind: 'count', count: pass.count('first_time') }),
    measure('cds40', [40], 'how_well', breakdown(pass.rows('prior'), acceptedCount, true)),
    measure('cds47', [47], 'how_well', pass.duration('cds47')),
    measure('cds105', [105], 'how_well', pass.duration('cds105')),
  ]
}

/**
 * The episodes started or closed in the period and the contacts held in it, additive month by month
 * (monthly-pass.ts): each is counted by the day it started, ended or happened.
 */
const episodePass: MonthlyPass = (context) => {
  const started = between(sql`f.episode_started_on`, context)
  const closed = between(sql`f.episode_ended_on`, context)
  // Every episode these measures count (started or closed in the period), found once, by the indexes of migration
  // 0038.
  const e = sql`period_episodes f`
  const count = (where: RawBuilder<unknown>) => sql`count(*) filter (where ${where})`
  return {
    slices: {
      period_episodes: sql`select f.* from ${factsOf(context)} where f.episode_id is not null
        and ((${started}) or (${closed}))`,
    },
    parts: [
      {
        key: 'counts',
        from: e,
        aggregates: {
          started: count(started),
          closed: count(closed),
          cds122: count(sql`${started} and f.what_matters_completed`),
          'cds115.appointments': sql`coalesce(sum(f.contacts_attended) filter (where ${closed}), 0)`,
          cds21: count(sql`${started} and 'holistic' = any(f.levels)`),
          cds22: count(sql`${started} and 'short_term' = any(f.levels)`),
          cds23: count(sql`${started} and 'signposting' = any(f.levels)`),
          cds30: count(sql`${started} and f.escalated_to_holistic`),
          cds107: count(sql`${closed} and f.levels = array['signposting']::text[]`),
          cds101: count(sql`${closed} and f.closing_reason = 'goals_met'`),
          cds102: count(sql`${closed} and f.closing_reason = 'withdrew'`),
        },
      },
      {
        key: 'contacts',
        count: sql`select count(*) from ${contactsOf(context)}
          where not k.did_not_attend and ${between(sql`k.occurred_on`, context)}`,
      },
      { key: 'cds115', days: sql`f.last_seen_on - f.first_seen_on`, from: sql`${e} where ${closed}` },
      { key: 'cds116', days: sql`f.episode_ended_on - f.episode_started_on`, from: sql`${e} where ${closed}` },
      { key: 'cds117', days: sql`f.episode_ended_on - f.received_on`, from: sql`${e} where ${closed}` },
    ],
  }
}

/**
 * #111: the people with an episode open at any time in the period: an episode started in it, or one open on its
 * first day (started before, and not ended before). The first are month sets (monthly-set.ts) by the day the episode
 * started; the second is read at each build, from the episodes started before the period that ended in it or after
 * it or are still open (the indexes of migration 0038).
 */
const startedSet: MonthlySet = (context) => sql`select ${keysOf('f.person_id')} as keys from ${factsOf(context)}
  where f.episode_id is not null and ${between(sql`f.episode_started_on`, context)}`

async function peopleSupported(context: ReportContext): Promise<number> {
  // Two branches, each a range of migration 0053's index (which carries the start and the person): with "ended on or
  // after the first day, or not at all" as one condition PostgreSQL read every episode started before the period.
  const from = sql`${context.filter.from}::date`
  const open = await monthlySetOf({ ...context, months: undefined }, 'open-episodes', () => sql`select ${keysOf('x.person_id')} as keys
    from (select f.person_id from ${factsOf(context)}
        where f.episode_id is not null and f.episode_ended_on >= ${from} and f.episode_started_on < ${from}
      union all select f.person_id from ${factsOf(context)}
        where f.episode_id is not null and f.episode_ended_on is null and f.episode_started_on < ${from}) x`)
  const started = await monthlySetOf(context, 'started-episodes', startedSet)
  return countRow(firstSeen([...open, ...started].flat()), 'people').n
}

async function episodeMeasures(context: ReportContext): Promise<MeasureResult[]> {
  const pass = await monthlyPassOf(context, 'episodes', episodePass)
  const supported = await peopleSupported(context)
  const startedCount = pass.count('started')
  const closedCount = pass.count('closed')
  const n = (key: string) => ({ kind: 'count' as const, count: pass.count(key) })
  return [
    measure('cds122', [122], 'how_much', share(pass.count('cds122'), startedCount), true),
    measure('cds111', [111], 'how_much', { kind: 'count', count: supported }),
    measure('cds24', [24], 'how_much', n('contacts')),
    measure('cds115', [115], 'how_much', pass.duration('cds115')),
    measure('cds115.appointments', [115], 'how_much', n('cds115.appointments')),
    measure('cds116', [116], 'how_much', pass.duration('cds116')),
    measure('cds117', [117], 'how_well', pass.duration('cds117')),
    measure('cds21', [21], 'how_much', n('cds21')),
    measure('cds22', [22], 'how_much', n('cds22')),
    measure('cds23', [23], 'how_much', n('cds23')),
    measure('cds30', [30], 'how_well', n('cds30')),
    measure('cds107', [107], 'how_well', share(pass.count('cds107'), closedCount)),
    measure('cds101', [101], 'how_well', share(pass.count('cds101'), closedCount)),
    measure('cds102', [102], 'how_well', share(pass.count('cds102'), closedCount)),
  ]
}

const pathwayParts = [referralMeasures, episodeMeasures, pathwayActivities]

export const pathwayModule: MeasureModule = {
  name: 'pathway',
  compute: computeParts(pathwayParts),
  parts: pathwayParts,
}
