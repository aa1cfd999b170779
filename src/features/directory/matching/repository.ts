import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { nearestLocations, type Origin } from '../distance.js'
import { ageOn } from '../../people/person-rules.js'
import { locate } from '../../referrals/repository.js'
import { latestConversationThemes } from '../../what-matters/repository.js'
import type { Candidate, PersonNeeds } from './match.js'
import { candidateColumns, placelessServices } from './placeless.js'
import { accessNeedsOf, themeByCode, type ThemeCode, themesFromReasons } from './themes.js'

type Db = Kysely<DB> | Transaction<DB>

export type { Origin } from '../distance.js'

/** The person fields matching reads (a PersonRow of src/features/person-record has them all). */
export interface PersonForMatching {
  id: string
  date_of_birth: string
  language: string
  communication_needs: string[]
  disability: string | null
  postcode: string | null
  local_authority_code: string | null
}

/**
 * A person's needs as matching uses them. Themes: those of the person's latest What Matters conversation that
 * recorded any (CDS #108, issue 5); without one, from the reasons of the person's referrals that were not declined,
 * through `themesOfReason` (themes.ts). Access needs:
 * communication needs and disability (`accessNeedsOf`). Language: people.language. Age: from the date of birth.
 * Place: the postcode's point, or its district's centre (`locate`).
 */
export async function needsOf(trx: Db, person: PersonForMatching, today = new Date()): Promise<{ needs: PersonNeeds; origin: Origin | null }> {
  const recorded = await latestConversationThemes(trx, person.id)
  const referrals = recorded ? [] : await trx.selectFrom('referrals').select('reasons').where('person_id', '=', person.id).where('status', '<>', 'declined').execute()
  const place = await locate(trx, person.postcode, person.local_authority_code)
  const origin = place.latitude !== null && place.longitude !== null ? { latitude: place.latitude, longitude: place.longitude } : null
  return {
    needs: {
      themes: recorded ?? themesFromReasons(referrals.flatMap((r) => r.reasons)),
      accessNeeds: accessNeedsOf(person.communication_needs, person.disability),
      language: person.language === 'cy' ? 'cy' : 'en',
      age: ageOn(person.date_of_birth, today),
      located: origin !== null,
    },
    origin,
  }
}


/** The taxonomy codes that meet any of these themes. */
export function taxonomyCodesOf(themeList: readonly ThemeCode[]): string[] {
  return [...new Set(themeList.flatMap((code) => themeByCode(code).taxonomyCodes))]
}

/** Whether service `s0` has a location with a latitude and longitude: a place to measure distance to. */
const s0HasPlace = sql<boolean>`exists (select 1 from service_at_locations sal2 join locations l2 on l2.id = sal2.location_id
  where sal2.service_id = s0.id and l2.latitude is not null and l2.longitude is not null)`
/** Whether service `s0` has no location with a latitude: reached by phone, online or anywhere, so suggested wherever the person is. */
const s0Unplaced = sql<boolean>`not exists (select 1 from service_at_locations sal3 join locations l3 on l3.id = sal3.location_id
  where sal3.service_id = s0.id and l3.latitude is not null)`

/**
 * The services that could meet any of the themes, in one statement: active and published, in a category that
 * meets a theme, with those of their categories that meet one, the distance to their nearest location within the
 * distance, and whether they have a place at all. Services all of whose locations are farther away are left out
 * here; those with no location stay in (reached by phone, online or anywhere).
 *
 * Issue 9: the statement starts from the few services that can be suggested at all (the `pool`): those with a
 * location inside an `earth_box` around the person (the gist index on `location_earth(latitude, longitude)` answers
 * it; the box's corners are cut off) and those with no place. Reading every themed service of the directory first
 * and dropping the far ones took 0.2–1.5 s at 25,000 services (most of them far away, and the plan big enough for
 * PostgreSQL to compile it with JIT on every view). Without an origin every service is in the pool, as before.
 */
export async function candidateServices(
  trx: Db,
  themeList: readonly ThemeCode[],
  origin: Origin | null,
  withinKm: number,
  database?: object,
): Promise<Candidate[]> {
  const codes = taxonomyCodesOf(themeList)
  if (!codes.length) return []
  const radius = withinKm * 1000
  // With the database named, the services with no place come from the list kept per directory version
  // (placeless.ts) and the statement reads only the services near the person.
  const keptPlaceless = origin && database ? await placelessServices(database, trx) : null
  const wanted = new Set(codes)
  const placeless = (keptPlaceless ?? []).flatMap((r) => {
    const categories = r.categories.filter((code) => wanted.has(code))
    return categories.length ? [{ ...r, categories }] : []
  })
  const withPool = trx
    .with('near', (qb) => nearestLocations(qb, origin, radius))
    .with('pool', (qb) =>
      origin && keptPlaceless
        ? qb.selectFrom('near').select(['near.service_id', sql<number | null>`near.metres`.as('metres'), sql<boolean>`true`.as('located')])
        : origin
        ? qb
            .selectFrom('near')
            .select(['near.service_id', sql<number | null>`near.metres`.as('metres'), sql<boolean>`true`.as('located')])
            .unionAll(
              qb
                .selectFrom('services as s0')
                .select(['s0.id as service_id', sql<number | null>`null::float8`.as('metres'), sql<boolean>`false`.as('located')])
                .where('s0.status', '=', 'active')
                .where('s0.published', '=', true)
                .where(s0Unplaced),
            )
        : qb
            .selectFrom('services as s0')
            .select(['s0.id as service_id', sql<number | null>`null::float8`.as('metres')])
            .select(s0HasPlace.as('located'))
            .where('s0.status', '=', 'active')
            .where('s0.published', '=', true),
    )
  const near = origin
    ? // Each service near the person, with its categories that meet a theme read beside it (an index lookup each).
      // Grouping the attributes of the whole pool first, as below, is what PostgreSQL planned for one row: it cannot
      // tell how many locations the box holds (it guessed 2 of 797 at small size) and re-ran the grouping for every
      // service, 80–130 ms a person page (issue 9).
      await withPool
        .selectFrom('pool')
        .innerJoin('services as s', 's.id', 'pool.service_id')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('attributes as a')
              .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
              .select(sql<string[] | null>`array_agg(distinct tt.code)`.as('categories'))
              .where('a.link_type', '=', 'service')
              .whereRef('a.link_id', '=', 's.id')
              // Only the categories that meet a theme: all that matching compares.
              .where('tt.code', 'in', codes)
              .as('themed'),
          (join) => join.onTrue(),
        )
        .select([...candidateColumns, 'themed.categories', 'pool.metres', 'pool.located'])
        .where('s.status', '=', 'active')
        .where('s.published', '=', true)
        .where('themed.categories', 'is not', null)
        .execute()
    : // Without an origin the pool is every service, which PostgreSQL counts well: it plans the grouping with hash
      // joins (8 ms at small size, against 23 ms for a lookup per service), so the grouped form stays here.
      await withPool
        .with('themed', (qb) =>
          qb
            .selectFrom('attributes as a')
            .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
            .select(['a.link_id as service_id', sql<string[] | null>`array_agg(distinct tt.code)`.as('categories')])
            .where('a.link_type', '=', 'service')
            .where('a.link_id', 'in', qb.selectFrom('pool').select('pool.service_id'))
            .where('tt.code', 'in', codes)
            .groupBy('a.link_id'),
        )
        .selectFrom('pool')
        .innerJoin('services as s', 's.id', 'pool.service_id')
        .innerJoin('themed', 'themed.service_id', 's.id')
        .select([...candidateColumns, 'themed.categories', 'pool.metres', 'pool.located'])
        .where('s.status', '=', 'active')
        .where('s.published', '=', true)
        .execute()
  return [...near, ...placeless].map((r) => ({
    id: r.id,
    name: r.name,
    nameCy: r.name_cy,
    status: r.status,
    published: r.published,
    categories: r.categories ?? [],
    accessibilityFeatures: r.accessibility_features,
    welshProvision: r.welsh_provision,
    lifeStages: r.life_stages,
    minimumAge: r.minimum_age === null ? null : Number(r.minimum_age),
    maximumAge: r.maximum_age === null ? null : Number(r.maximum_age),
    capacityStatus: r.capacity_status,
    waitingListWeeks: r.waiting_list_weeks,
    attendingTypes: r.attending_types,
    metres: r.metres === null || r.metres === undefined ? null : Number(r.metres),
    located: Boolean(r.located),
  }))
}
