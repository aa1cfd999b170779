import { sql } from 'kysely'
import { travelModes } from '../../connections/schema.js'
import { vocabulary } from '../../people/vocabulary.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import type { ReportContext } from '../modules.js'
import { episodeInScope, personInScope, referralInScope } from './scope.js'
import { type MonthlyPass, monthlyPassOf } from './monthly-pass.js'
import { countRow, firstSeen, KeySet, keysOf, type MonthlySet, monthlySetOf, tallyRows } from './monthly-set.js'
import { between as periodOf, factsOf, passResult } from './pathway-sql.js'
import { codeRows, nextDay, organisationOnlyScope, percent, result } from './shared.js'

/*
 * The rest of the journey statements (issue 7 §2, §3; CDS #13, #27, #54, #99, #34, #32, #35, #20, #17, #18, #38):
 * the person's circumstances, the language of their support, safeguarding, other agencies, transfers, case studies,
 * travel and green/blue settings. Counts and codes only.
 */

/** The social prescribing taxonomy (migrations/0010), whose 'green' and 'blue' terms mark outdoor settings (#38). */
export const SOCIAL_PRESCRIBING_TAXONOMY = 'b91865dc-96b5-5d96-99c8-d72c35f0f1dd'
export const distanceBands = ['under_1km', '1_to_5km', '5_to_10km', '10_to_20km', '20km_or_more'] as const

export function distanceBand(km: number): (typeof distanceBands)[number] {
  if (km < 1) return 'under_1km'
  if (km < 5) return '1_to_5km'
  if (km < 10) return '5_to_10km'
  if (km < 20) return '10_to_20km'
  return '20km_or_more'
}

const between = (ctx: ReportContext) => ({
  from: new Date(`${ctx.filter.from}T00:00:00Z`),
  before: new Date(`${nextDay(ctx.filter.to)}T00:00:00Z`),
})

/**
 * #34, #32, #35: each person referred in the period once, by what their record says now. Month sets (monthly-set.ts):
 * a month's people in groups by the three codes; a change to a person's record queues their referrals, whose facts
 * the refresh rewrites, which moves those referrals' months (migrations 0025, 0049).
 */
const circumstancesSet: MonthlySet = (ctx) => sql`select p.has_support, p.is_carer, p.housing_tenure, ${keysOf('p.id')} as keys
  from people p
  where p.id in (${ctx.facts().select('person_id').where('received_on', '>=', ctx.filter.from).where('received_on', '<=', ctx.filter.to)})
  group by 1, 2, 3`

async function circumstances(ctx: ReportContext) {
  const counted = firstSeen((await monthlySetOf(ctx, 'circumstances', circumstancesSet)).flat())
  const pass = passResult([
    countRow(counted, 'people'),
    ...['has_support', 'is_carer', 'housing_tenure'].flatMap((code) => tallyRows(counted, code, code)),
  ])
  const recorded = (key: string, known: readonly string[]): MeasureValue => ({
    kind: 'breakdown',
    total: pass.count('people'),
    additive: true,
    rows: codeRows(pass.counts(key), [...known, 'not_recorded']),
  })
  return {
    hasSupport: recorded('has_support', vocabulary.yesNoPreferNot),
    isCarer: recorded('is_carer', vocabulary.yesNoPreferNot),
    housingTenure: recorded('housing_tenure', vocabulary.housingTenure),
  }
}

/**
 * #13's contacts of each person in the period: how many took place (not missed), how many of those were in the
 * person's language of choice, from the contacts' facts (migration 0036, which say whether each was). Month sets: a
 * month's people in two groups, those all of whose contacts in it were in their language and the rest, with each
 * group's contacts summed (they add up month by month).
 */
const languageSet: MonthlySet = (ctx) => {
  const { from, before } = between(ctx)
  return sql`select x.chosen = x.all_contacts as every, sum(x.all_contacts) as all_contacts, sum(x.chosen) as chosen,
      ${keysOf('x.person_id')} as keys
    from (${ctx.db
      .selectFrom('report_contact_facts as s')
      .where(referralInScope(ctx, 's.referral_id'))
      .select([
        's.person_id',
        sql<number>`count(*)`.as('all_contacts'),
        sql<number>`count(*) filter (where s.in_chosen_language)`.as('chosen'),
      ])
      .where('s.did_not_attend', '=', false)
      .where('s.occurred_at', '>=', from)
      .where('s.occurred_at', '<', before)
      .groupBy('s.person_id')}) x
    group by 1`
}

/**
 * #13: contacts that took place (not missed) in the period held in the person's language of choice; and people with
 * such contacts all of whose contacts in the period were (issue 7 §3: "the share of people"): those in no month's
 * group of people with a contact that was not.
 */
async function languageOfChoice(ctx: ReportContext): Promise<{ contacts: MeasureValue; people: MeasureValue }> {
  const groups = (await monthlySetOf(ctx, 'language-of-choice', languageSet)).flat()
  const sum = (code: string) => groups.reduce((n, group) => n + Number(group.codes[code] ?? 0), 0)
  const all = sum('all_contacts')
  const chosen = sum('chosen')
  const seen = new KeySet()
  const notEvery = countRow(firstSeen(groups.filter((group) => group.codes.every !== true), seen), 'people').n
  const people = countRow(firstSeen(groups.filter((group) => group.codes.every === true), seen), 'people').n
  const perPerson = notEvery + people
  return {
    contacts: { kind: 'share', numerator: chosen, denominator: all, percent: percent(chosen, all) },
    people: { kind: 'share', numerator: people, denominator: perPerson, percent: percent(people, perPerson) },
  }
}

async function peopleWithSafeguarding(ctx: ReportContext): Promise<number> {
  const { from, before } = between(ctx)
  const row = await ctx.db
    .selectFrom('safeguarding_concerns as s')
    .select(sql<number>`count(distinct s.person_id)::int`.as('n'))
    .where(personInScope(ctx, 's.person_id'))
    .where('s.raised_at', '>=', from)
    .where('s.raised_at', '<', before)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** #54: people whose information was shared with another agency (the log's recipient kind 'agency') in the period. */
async function peopleSharedWithAgencies(ctx: ReportContext): Promise<number> {
  const { from, before } = between(ctx)
  const row = await ctx.db
    .selectFrom('information_sharing_log as l')
    .select(sql<number>`count(distinct l.person_id)::int`.as('n'))
    .where(personInScope(ctx, 'l.person_id'))
    // A literal, not a parameter, so that the plan may use migration 0054's partial index whatever it is given.
    .where(sql<boolean>`l.recipient_kind = 'agency'`)
    .where('l.shared_at', '>=', from)
    .where('l.shared_at', '<', before)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * #99: the episodes closed in the period as transferred, by the day they ended: additive, so a month pass (its rows
 * are facts, whose months move with them). The index of episodes by their end (0053) holds only rows with an episode,
 * so that is said too (an episode that ended always has one).
 */
const transferredPass: MonthlyPass = (ctx) => ({
  slices: {},
  parts: [
    {
      key: 'transferred',
      count: sql`select count(*) from ${factsOf(ctx)} where f.episode_id is not null and f.closing_reason = 'transferred'
        and ${periodOf(sql`f.episode_ended_on`, ctx)}`,
    },
  ],
})

async function transferred(ctx: ReportContext): Promise<number> {
  return (await monthlyPassOf(ctx, 'transferred', transferredPass)).count('transferred')
}

/** #20: case studies approved in the period whose consent has not been withdrawn. */
async function approvedCaseStudies(ctx: ReportContext): Promise<number> {
  const { from, before } = between(ctx)
  const scope = organisationOnlyScope(ctx.filter)
  const row = await ctx.db
    .selectFrom('case_studies as c')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.status', '=', 'approved')
    .where('c.consent_withdrawn_on', 'is', null)
    .where('c.approved_at', '>=', from)
    .where('c.approved_at', '<', before)
    .where((eb) => {
      const linked = personInScope(ctx, 'c.person_id')
      if (scope === null) return linked
      const unlinked =
        scope === 'all'
          ? eb('c.person_id', 'is', null)
          : eb.and([eb('c.person_id', 'is', null), eb('c.organisation_id', 'in', scope)])
      return eb.or([linked, unlinked])
    })
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * Connections acted on (not only suggested) made in the period: travel (#17, #18) and outdoor settings (#38), counted
 * in the database (a year is about 150,000 connections; returning them and looking up their services' settings in
 * chunks cost more than counting them there). Each connection counts by the UTC day it was made, so the pass adds up
 * month by month (ADR 0019; migration 0051 moves a connection's months); the green and blue settings are the
 * directory's, so its months are kept under the directory's version too.
 */
const band = sql`case when c.travel_distance_km < 1 then 'under_1km' when c.travel_distance_km < 5 then '1_to_5km'
  when c.travel_distance_km < 10 then '5_to_10km' when c.travel_distance_km < 20 then '10_to_20km' else '20km_or_more' end`

const travelPass: MonthlyPass = (ctx) => {
  const { from, before } = between(ctx)
  const made = sql`made c`
  return {
    slices: {
      made: sql`select c.service_id, c.travel_mode, c.travel_distance_km from connections c
        where ${episodeInScope(ctx, 'c.episode_id')} and c.kind is not null
          and c.created_at >= ${from} and c.created_at < ${before}`,
      // The services with a green or blue setting: a few thousand of the directory, whatever the period.
      outdoor: sql`select a.link_id as service_id, t.code from attributes a
          join taxonomy_terms t on t.id = a.taxonomy_term_id
        where a.link_type = 'service' and t.taxonomy_id = ${SOCIAL_PRESCRIBING_TAXONOMY} and t.code in ('green', 'blue')
        group by 1, 2`,
    },
    parts: [
      { key: 'distance', rows: sql`select ${band}, count(*) from ${made} where c.travel_distance_km is not null group by 1` },
      { key: 'mode', rows: sql`select c.travel_mode, count(*) from ${made} where c.travel_mode is not null group by 1` },
      { key: 'outdoor', count: sql`select count(*) from ${made} where c.service_id in (select o.service_id from outdoor o)` },
      { key: 'setting', rows: sql`select o.code, count(*) from ${made} join outdoor o on o.service_id = c.service_id group by 1` },
    ],
  }
}

async function connections(ctx: ReportContext) {
  const pass = await monthlyPassOf(ctx, 'travel', travelPass, { directory: true })
  const counts = pass.counts
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((n, c) => n + c, 0)
  const distances = counts('distance')
  const modes = counts('mode')
  return {
    distances: { kind: 'breakdown', total: total(distances), additive: true, rows: codeRows(distances, distanceBands) } as MeasureValue,
    modes: { kind: 'breakdown', total: total(modes), additive: true, rows: codeRows(modes, travelModes) } as MeasureValue,
    outdoor: {
      kind: 'breakdown',
      total: pass.count('outdoor'),
      additive: false,
      rows: codeRows(counts('setting'), ['green', 'blue']),
    } as MeasureValue,
  }
}

/** The people's circumstances (#34, #32, #35) and the episodes transferred (#99). */
async function circumstanceMeasures(ctx: ReportContext): Promise<MeasureResult[]> {
  const people = await circumstances(ctx)
  return [
    result('cds99', [99], 'how_much', false, { kind: 'count', count: await transferred(ctx) }),
    result('cds34', [34], 'how_much', false, people.hasSupport),
    result('cds32', [32], 'how_much', false, people.isCarer),
    result('cds35', [35], 'how_much', false, people.housingTenure),
  ]
}

/** The language of support (#13). */
async function languageMeasures(ctx: ReportContext): Promise<MeasureResult[]> {
  const language = await languageOfChoice(ctx)
  return [
    result('cds13', [13], 'how_well', false, language.contacts),
    result('cds13.people', [13], 'how_well', false, language.people),
  ]
}

/** Safeguarding (#27), sharing with other agencies (#54), case studies (#20), travel and outdoor settings (#17, #18, #38). */
async function connectionAndRecordMeasures(ctx: ReportContext): Promise<MeasureResult[]> {
  const made = await connections(ctx)
  return [
    result('cds27', [27], 'how_well', false, { kind: 'count', count: await peopleWithSafeguarding(ctx) }),
    result('cds54', [54], 'how_well', false, { kind: 'count', count: await peopleSharedWithAgencies(ctx) }),
    result('cds20', [20], 'better_off', false, { kind: 'count', count: await approvedCaseStudies(ctx) }),
    result('cds17', [17], 'better_off', false, made.distances),
    result('cds18', [18], 'better_off', false, made.modes),
    result('cds38', [38], 'how_well', false, made.outdoor),
  ]
}

/**
 * These measures as parts the build may run on its two lanes (engine/lanes.ts): at national size the three are each
 * about a second's read of a year, which as one part kept one lane busy while the other had finished (issue 9).
 */
export const journeyPeopleParts = [circumstanceMeasures, languageMeasures, connectionAndRecordMeasures]
