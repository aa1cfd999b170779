import { sql } from 'kysely'
import { travelModes } from '../../connections/schema.js'
import { vocabulary } from '../../people/vocabulary.js'
import type { MeasureResult, MeasureValue } from '../contract.js'
import type { ReportContext } from '../modules.js'
import { episodeInScope, personInScope, referralInScope } from './scope.js'
import { codeRows, nextDay, organisationOnlyScope, percent, result, tally } from './shared.js'

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

/** #34, #32, #35: each person referred in the period once, by what their record says now. */
async function circumstances(ctx: ReportContext) {
  return ctx.db
    .selectFrom('people as p')
    .select(['p.id', 'p.has_support', 'p.is_carer', 'p.housing_tenure'])
    .where(
      'p.id',
      'in',
      ctx
        .facts()
        .select('person_id')
        .where('received_on', '>=', ctx.filter.from)
        .where('received_on', '<=', ctx.filter.to),
    )
    .execute()
}

const recorded = (values: readonly (string | null)[], known: readonly string[]): MeasureValue => ({
  kind: 'breakdown',
  total: values.length,
  additive: true,
  rows: codeRows(tally(values.map((v) => v ?? 'not_recorded')), [...known, 'not_recorded']),
})

/**
 * #13: contacts that took place (not missed) in the period held in the person's language of choice; and people with
 * such contacts all of whose contacts in the period were (issue 7 §3: "the share of people").
 */
async function languageOfChoice(ctx: ReportContext): Promise<{ contacts: MeasureValue; people: MeasureValue }> {
  const { from, before } = between(ctx)
  // From the contacts' facts (migration 0036), which say whether each was in the person's language of choice.
  const perPerson = await ctx.db
    .selectFrom('report_contact_facts as s')
    .where(referralInScope(ctx, 's.referral_id'))
    .select([
      's.person_id',
      sql<number>`count(*)::int`.as('all'),
      sql<number>`count(*) filter (where s.in_chosen_language)::int`.as('chosen'),
    ])
    .where('s.did_not_attend', '=', false)
    .where('s.occurred_at', '>=', from)
    .where('s.occurred_at', '<', before)
    .groupBy('s.person_id')
    .execute()
  const all = perPerson.reduce((n, r) => n + Number(r.all), 0)
  const chosen = perPerson.reduce((n, r) => n + Number(r.chosen), 0)
  const people = perPerson.filter((r) => Number(r.chosen) === Number(r.all)).length
  return {
    contacts: { kind: 'share', numerator: chosen, denominator: all, percent: percent(chosen, all) },
    people: {
      kind: 'share',
      numerator: people,
      denominator: perPerson.length,
      percent: percent(people, perPerson.length),
    },
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
    .where('l.recipient_kind', '=', 'agency')
    .where('l.shared_at', '>=', from)
    .where('l.shared_at', '<', before)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

async function transferred(ctx: ReportContext): Promise<number> {
  const row = await ctx
    .facts()
    .select(sql<number>`count(*)::int`.as('n'))
    .where('closing_reason', '=', 'transferred')
    .where('episode_ended_on', '>=', ctx.filter.from)
    .where('episode_ended_on', '<=', ctx.filter.to)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
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

/** Connections acted on (not only suggested) made in the period: travel (#17, #18) and outdoor settings (#38). */
async function connections(ctx: ReportContext) {
  const { from, before } = between(ctx)
  return ctx.db
    .selectFrom('connections as c')
    .where(episodeInScope(ctx, 'c.episode_id'))
    .select(['c.id', 'c.service_id', 'c.travel_mode', 'c.travel_distance_km'])
    .where('c.kind', 'is not', null)
    .where('c.created_at', '>=', from)
    .where('c.created_at', '<', before)
    .execute()
}

async function greenBlue(ctx: ReportContext, serviceIds: string[]): Promise<Map<string, string[]>> {
  const byService = new Map<string, string[]>()
  for (let i = 0; i < serviceIds.length; i += 1000) {
    const rows = await ctx.db
      .selectFrom('attributes as a')
      .innerJoin('taxonomy_terms as t', 't.id', 'a.taxonomy_term_id')
      .select(['a.link_id', 't.code'])
      .where('a.link_type', '=', 'service')
      .where('a.link_id', 'in', serviceIds.slice(i, i + 1000))
      .where('t.taxonomy_id', '=', SOCIAL_PRESCRIBING_TAXONOMY)
      .where('t.code', 'in', ['green', 'blue'])
      .execute()
    for (const r of rows)
      byService.set(r.link_id, [...new Set([...(byService.get(r.link_id) ?? []), r.code as string])])
  }
  return byService
}

export async function computeJourneyPeople(ctx: ReportContext): Promise<MeasureResult[]> {
  const people = await circumstances(ctx)
  const made = await connections(ctx)
  const settings = await greenBlue(ctx, [...new Set(made.map((c) => c.service_id))])
  const outdoor = made.map((c) => settings.get(c.service_id) ?? []).filter((codes) => codes.length > 0)
  const distances = made.flatMap((c) =>
    c.travel_distance_km === null ? [] : [distanceBand(Number(c.travel_distance_km))],
  )
  const modes = made.flatMap((c) => (c.travel_mode ? [c.travel_mode] : []))
  const language = await languageOfChoice(ctx)
  return [
    result('cds13', [13], 'how_well', false, language.contacts),
    result('cds13.people', [13], 'how_well', false, language.people),
    result('cds27', [27], 'how_well', false, { kind: 'count', count: await peopleWithSafeguarding(ctx) }),
    result('cds54', [54], 'how_well', false, { kind: 'count', count: await peopleSharedWithAgencies(ctx) }),
    result('cds99', [99], 'how_much', false, { kind: 'count', count: await transferred(ctx) }),
    result(
      'cds34',
      [34],
      'how_much',
      false,
      recorded(
        people.map((p) => p.has_support),
        vocabulary.yesNoPreferNot,
      ),
    ),
    result(
      'cds32',
      [32],
      'how_much',
      false,
      recorded(
        people.map((p) => p.is_carer),
        vocabulary.yesNoPreferNot,
      ),
    ),
    result(
      'cds35',
      [35],
      'how_much',
      false,
      recorded(
        people.map((p) => p.housing_tenure),
        vocabulary.housingTenure,
      ),
    ),
    result('cds20', [20], 'better_off', false, { kind: 'count', count: await approvedCaseStudies(ctx) }),
    result('cds17', [17], 'better_off', false, {
      kind: 'breakdown',
      total: distances.length,
      additive: true,
      rows: codeRows(tally(distances), distanceBands),
    }),
    result('cds18', [18], 'better_off', false, {
      kind: 'breakdown',
      total: modes.length,
      additive: true,
      rows: codeRows(tally(modes), travelModes),
    }),
    result('cds38', [38], 'how_well', false, {
      kind: 'breakdown',
      total: outdoor.length,
      additive: false,
      rows: codeRows(tally(outdoor.flat()), ['green', 'blue']),
    }),
  ]
}
