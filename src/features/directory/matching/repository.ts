import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { nearestLocations, type Origin } from '../distance.js'
import { ageOn } from '../../people/person-rules.js'
import { locate } from '../../referrals/repository.js'
import { latestConversationThemes } from '../../what-matters/repository.js'
import type { Candidate, PersonNeeds } from './match.js'
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

/**
 * The services that could meet any of the themes, in one statement: active and published, in a category that
 * meets a theme, with those of their categories that meet one, and the distance to their nearest location inside an `earth_box` around
 * the person (the gist index on `ll_to_earth(latitude, longitude)` answers it; the box's corners are cut off).
 * Services all of whose locations are farther away are left out here; those with no location stay in.
 */
export async function candidateServices(trx: Db, themeList: readonly ThemeCode[], origin: Origin | null, withinKm: number): Promise<Candidate[]> {
  const codes = taxonomyCodesOf(themeList)
  if (!codes.length) return []
  const radius = withinKm * 1000
  const rows = await trx
    .with('near', (qb) => nearestLocations(qb, origin, radius))
    .with('themed', (qb) =>
      qb
        .selectFrom('attributes as a')
        .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
        .select(['a.link_id as service_id', sql<string[]>`array_agg(distinct tt.code)`.as('categories')])
        .where('a.link_type', '=', 'service')
        // Only the categories that meet a theme: all that matching compares, and it keeps the grouping small.
        .where('tt.code', 'in', codes)
        .groupBy('a.link_id'),
    )
    .selectFrom('services as s')
    .innerJoin('themed', 'themed.service_id', 's.id')
    .leftJoin('near', 'near.service_id', 's.id')
    .select([
      's.id',
      's.name',
      's.name_cy',
      's.status',
      's.published',
      's.accessibility_features',
      's.welsh_provision',
      's.life_stages',
      's.minimum_age',
      's.maximum_age',
      's.capacity_status',
      's.waiting_list_weeks',
      's.attending_types',
      'themed.categories',
      'near.metres',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('service_at_locations as sal2')
            .innerJoin('locations as l2', 'l2.id', 'sal2.location_id')
            .select(sql`1`.as('one'))
            .whereRef('sal2.service_id', '=', 's.id')
            .where('l2.latitude', 'is not', null)
            .where('l2.longitude', 'is not', null),
        )
        .as('located'),
    )
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .where((eb) => (origin ? eb.or([eb('near.service_id', 'is not', null), eb.not(eb.exists(eb.selectFrom('service_at_locations as sal3').innerJoin('locations as l3', 'l3.id', 'sal3.location_id').select(sql`1`.as('one')).whereRef('sal3.service_id', '=', 's.id').where('l3.latitude', 'is not', null)))]) : eb.val(true)))
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    nameCy: r.name_cy,
    status: r.status,
    published: r.published,
    categories: r.categories,
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
