import { sql } from 'kysely'
import type { CodeCount, MeasureResult } from '../contract.js'
import type { MeasureModule, ReportContext } from '../modules.js'
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


async function carbon(context: ReportContext): Promise<MeasureResult> {
  const { from, to } = context.filter
  // Counted and summed by mode in the database (issue 9: a national year is about 100,000 trips); a trip's carbon is
  // linear in its distance, so a mode's is its factor times its summed distance.
  const byMode = await context.db
    .selectFrom('connections as c')
    .select(['c.travel_mode', sql<string>`count(*)`.as('trips'), sql<string>`sum(c.travel_distance_km)`.as('km')])
    .where(episodeInScope(context, 'c.episode_id'))
    .where('c.first_attended_at', 'is not', null)
    .where('c.first_attended_at', '>=', startOfDay(from))
    .where('c.first_attended_at', '<', startOfNextDay(to))
    .where('c.travel_mode', 'is not', null)
    .where('c.travel_distance_km', 'is not', null)
    .groupBy('c.travel_mode')
    .execute()
  let kg = 0
  let counted = 0
  let trips = 0
  for (const mode of byMode) {
    trips += Number(mode.trips)
    const modeKg = tripKgCo2e(mode.travel_mode as TravelMode, Number(mode.km))
    if (modeKg === null || Number.isNaN(modeKg)) continue
    kg += modeKg
    counted += Number(mode.trips)
  }
  const count = (code: string) => Number(byMode.find((m) => m.travel_mode === code)?.trips ?? 0)
  const rows: CodeCount[] = travelModes.map((code) => ({ code, count: count(code) }))
  return {
    id: 'carbon',
    cds: [17, 18],
    question: 'better_off',
    table2: false,
    value:
      trips === 0
        ? { kind: 'not_available', reasonKey: 'serviceReturns.measures.noTravel' }
        : { kind: 'carbon', kgCo2e: Math.round(kg * 10) / 10, connections: counted, factorYear: FACTOR_YEAR, rows },
  }
}

async function greenBlue(context: ReportContext): Promise<MeasureResult> {
  const { from, to } = context.filter
  const row = await context.db
    .selectFrom('connections as c')
    .where(episodeInScope(context, 'c.episode_id'))
    .where('c.status', '<>', 'suggested')
    .where('c.created_at', '>=', startOfDay(from))
    .where('c.created_at', '<', startOfNextDay(to))
    .select((eb) => [
      eb.fn.countAll<number>().as('made'),
      // One hashed set of the green and blue services for all the period's connections, where `exists` per
      // connection took four times as long for a national year (issue 9).
      eb.fn
        .count<number>('c.id')
        .filterWhere(
          'c.service_id',
          'in',
          eb
            .selectFrom('attributes as a')
            .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
            .select('a.link_id')
            .where('a.link_type', '=', 'service')
            .where('tt.taxonomy_id', '=', SOCIAL_PRESCRIBING_TAXONOMY)
            .where('tt.code', 'in', [...GREEN_BLUE_TERMS]),
        )
        .as('green_blue'),
    ])
    .executeTakeFirst()
  const made = Number(row?.made ?? 0)
  const numerator = Number(row?.green_blue ?? 0)
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
