import { sql } from 'kysely'
import type { CodeCount, MeasureResult } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
import { type MonthlyPass, monthlyPassOf } from './monthly-pass.js'
import { episodeInScope } from './scope.js'
import { FACTOR_YEAR, type TravelMode, travelModes, tripKgCo2e } from './sustainability/factors.js'

/*
 * Sustainability (issue 7 §4, CS §87–90).
 * Travel carbon (`carbon`, CDS #17, #18): connections first attended in the period whose travel mode and distance
 * are recorded, each counted as a return trip: distance × 2 × the DESNZ factor for its mode (sustainability/
 * factors.ts, per passenger-km; the car per vehicle-km with one occupant). 'other' is listed but not counted.
 * Green and blue prescribing (`green_blue`, CDS #38): of the connections made in the period (created in it, not
 * merely suggested), the share to services tagged with the social prescribing taxonomy's `green` (nature,
 * gardening, conservation, outdoors) or `blue` (in or near water) term (migrations/0010).
 */

/** The taxonomy terms that make a service green or blue prescribing (Cyswllt social prescribing categories). */
export const GREEN_BLUE_TERMS = ['green', 'blue'] as const
const SOCIAL_PRESCRIBING_TAXONOMY = 'b91865dc-96b5-5d96-99c8-d72c35f0f1dd'

/**
 * The instant a UK calendar day begins, so a timestamp column is compared as it is stored (and its index used):
 * the period runs from the start of `from` to the start of the day after `to`.
 */
const startOfDay = (day: string) => sql<Date>`(cast(${day} as date)::timestamp at time zone 'Europe/London')`
const startOfNextDay = (day: string) => sql<Date>`((cast(${day} as date) + 1)::timestamp at time zone 'Europe/London')`


/**
 * Connections first attended in the period with a travel mode and distance, by mode: how many, and their distance
 * in tenths of a kilometre (the column's own precision, numeric(6, 1)), so that months add up exactly. Counted by the
 * UK day first attended, so the pass adds up month by month (ADR 0019; migration 0051 moves a connection's months).
 */
const tripsPass: MonthlyPass = (context) => {
  const { from, to } = context.filter
  return {
    slices: {
      trips: sql`select c.travel_mode, c.travel_distance_km from connections c
        where ${episodeInScope(context, 'c.episode_id')}
          and c.first_attended_at >= ${startOfDay(from)} and c.first_attended_at < ${startOfNextDay(to)}
          and c.travel_mode is not null and c.travel_distance_km is not null`,
    },
    parts: [
      { key: 'trips', rows: sql`select t.travel_mode, count(*) from trips t group by 1` },
      { key: 'tenths', rows: sql`select t.travel_mode, sum((t.travel_distance_km * 10)::bigint) from trips t group by 1` },
    ],
  }
}

async function carbon(context: ReportContext): Promise<MeasureResult> {
  // Counted and summed by mode in the database (issue 9: a national year is about 100,000 trips); a trip's carbon is
  // linear in its distance, so a mode's is its factor times its summed distance.
  const pass = await monthlyPassOf(context, 'carbon-trips', tripsPass)
  const trips = pass.counts('trips')
  const tenths = pass.counts('tenths')
  let kg = 0
  let counted = 0
  let all = 0
  for (const [mode, n] of trips) {
    all += n
    const modeKg = tripKgCo2e(mode as TravelMode, (tenths.get(mode) ?? 0) / 10)
    if (modeKg === null || Number.isNaN(modeKg)) continue
    kg += modeKg
    counted += n
  }
  const rows: CodeCount[] = travelModes.map((code) => ({ code, count: trips.get(code) ?? 0 }))
  return {
    id: 'carbon',
    cds: [17, 18],
    question: 'better_off',
    table2: false,
    value:
      all === 0
        ? { kind: 'not_available', reasonKey: 'serviceReturns.measures.noTravel' }
        : { kind: 'carbon', kgCo2e: Math.round(kg * 10) / 10, connections: counted, factorYear: FACTOR_YEAR, rows },
  }
}

/**
 * Connections made in the period (not merely suggested), and those of them to a green or blue service: by the UK day
 * made, so month by month; the settings are the directory's, so the months are kept under its version too.
 */
const madePass: MonthlyPass = (context) => {
  const { from, to } = context.filter
  return {
    slices: {
      made: sql`select c.service_id from connections c
        where ${episodeInScope(context, 'c.episode_id')} and c.status <> 'suggested'
          and c.created_at >= ${startOfDay(from)} and c.created_at < ${startOfNextDay(to)}`,
      // One hashed set of the green and blue services for all the period's connections, where `exists` per
      // connection took four times as long for a national year (issue 9).
      green_blue: sql`select a.link_id as service_id from attributes a join taxonomy_terms tt on tt.id = a.taxonomy_term_id
        where a.link_type = 'service' and tt.taxonomy_id = ${SOCIAL_PRESCRIBING_TAXONOMY}
          and tt.code in (${sql.join(GREEN_BLUE_TERMS)})`,
    },
    parts: [
      {
        key: 'made',
        from: sql`made c`,
        aggregates: {
          made: sql`count(*)`,
          green_blue: sql`count(*) filter (where c.service_id in (select g.service_id from green_blue g))`,
        },
      },
    ],
  }
}

async function greenBlue(context: ReportContext): Promise<MeasureResult> {
  const pass = await monthlyPassOf(context, 'green-blue', madePass, { directory: true })
  const made = pass.count('made')
  const numerator = pass.count('green_blue')
  return {
    id: 'green_blue',
    cds: [38],
    question: 'how_well',
    table2: false,
    value: { kind: 'share', numerator, denominator: made, percent: made === 0 ? null : Math.round((1000 * numerator) / made) / 10 },
  }
}

export const sustainabilityModule: MeasureModule = {
  name: 'sustainability',
  async compute(context) {
    return [await carbon(context), await greenBlue(context)]
  },
}
