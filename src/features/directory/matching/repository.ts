import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { type Origin } from '../distance.js'
import { chordSquaredWithin, earthDistance, earthPoint } from '../earth.js'
import { ageOn } from '../../people/person-rules.js'
import { locate } from '../../referrals/repository.js'
import { latestConversationThemes } from '../../what-matters/repository.js'
import type { Candidate, PersonNeeds } from './match.js'
import { candidateColumns, keptDirectory, type ServiceColumns } from './kept-directory.js'
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
export async function needsOf(
  trx: Db,
  person: PersonForMatching,
  today = new Date(),
  // The latest conversation's themes when the caller has read them already (the person page); read here otherwise.
  themes?: ThemeCode[] | null,
): Promise<{ needs: PersonNeeds; origin: Origin | null }> {
  const recorded = themes === undefined ? await latestConversationThemes(trx, person.id) : themes
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

/** Whether service `s` has a location with a latitude and longitude: a place to measure distance to. */
const hasPlace = sql<boolean>`exists (select 1 from service_at_locations sal2 join locations l2 on l2.id = sal2.location_id
  where sal2.service_id = s.id and l2.latitude is not null and l2.longitude is not null)`

type CandidateRow = ServiceColumns & { categories: string[]; metres: number | null; located: boolean }

/**
 * The services that could meet any of the themes: active and published, in a category that meets a theme, with
 * those of their categories that meet one, the distance to their nearest location within the distance, and whether
 * they have a place at all. Services all of whose locations are farther away are left out here; those with no
 * location stay in (reached by phone, online or anywhere).
 *
 * Issue 9: with an origin, the services near the person are found in memory, from what matching keeps of the directory
 * per directory version (kept-directory.ts): their locations' points, measured as earthdistance measures (earth.ts),
 * their categories, and the services with no place. Only the columns matching reads of the themed services near the
 * person are read from the database, by id. In a city 4,000–9,000 locations lie within 25 km, and finding and
 * measuring them in a statement was the person page's largest cost at 25,000 services (docs/performance.md). Without
 * an origin every service is a candidate, and one statement groups the categories of all of them at once (hash
 * joins, which PostgreSQL plans well there).
 */
export async function candidateServices(
  trx: Db,
  themeList: readonly ThemeCode[],
  origin: Origin | null,
  withinKm: number,
  database: object,
): Promise<Candidate[]> {
  const codes = taxonomyCodesOf(themeList)
  if (!codes.length) return []
  const wanted = new Set(codes)
  const themedOf = (categories: readonly string[]) => categories.filter((code) => wanted.has(code))
  const rows: CandidateRow[] = origin ? await nearCandidates(trx, origin, withinKm * 1000, themedOf, database) : await everyCandidate(trx, codes)
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
    metres: r.metres === null ? null : Number(r.metres),
    located: r.located,
  }))
}

/** The themed services within `radius` metres of the origin, then those with no place. */
async function nearCandidates(
  trx: Db,
  origin: Origin,
  radius: number,
  themedOf: (categories: readonly string[]) => string[],
  database: object,
): Promise<CandidateRow[]> {
  const kept = await keptDirectory(database, trx)
  const wanted = new Uint8Array(kept.codes.length)
  kept.codes.forEach((code, i) => {
    if (themedOf([code]).length) wanted[i] = 1
  })
  const { starts, codes } = kept.services
  const isThemed = (service: number) => {
    for (let k = starts[service] as number; k < (starts[service + 1] as number); k++) if (wanted[codes[k] as number]) return true
    return false
  }
  // Each themed service's nearest location within the radius, measured as the database would (earth.ts): sifted
  // by the squared chord first, so only the few that may be near are measured exactly. Only active, published
  // services are kept.
  const from = earthPoint(origin.latitude, origin.longitude)
  const within = chordSquaredWithin(radius)
  const { service, x, y, z } = kept.places
  const nearest = new Map<number, number>()
  // A place within the chord of the person differs from them in z by no more than the chord, and the places are kept
  // in order of z: only that band is looked at (about a tenth of Wales's places at 25 km).
  const chord = Math.sqrt(within)
  for (let i = firstAtLeast(z, from.z - chord); i < service.length && (z[i] as number) <= from.z + chord; i++) {
    const dx = from.x - (x[i] as number)
    const dy = from.y - (y[i] as number)
    const dz = from.z - (z[i] as number)
    if (dx * dx + dy * dy + dz * dz > within) continue // chordSquared (earth.ts), on the typed arrays
    const s = service[i] as number
    if (!isThemed(s)) continue
    const metres = earthDistance(from, { x: x[i] as number, y: y[i] as number, z: z[i] as number })
    if (metres > radius) continue
    const had = nearest.get(s)
    if (had === undefined || metres < had) nearest.set(s, metres)
  }
  const categoriesOf = (service: number) => {
    const categories: string[] = []
    for (let k = starts[service] as number; k < (starts[service + 1] as number); k++)
      if (wanted[codes[k] as number]) categories.push(kept.codes[codes[k] as number] as string)
    return categories
  }
  // The themed services near the person and those with no place, from the kept columns (no statement: they are
  // what the version read in this transaction says they are).
  const candidates: CandidateRow[] = []
  for (const [s, metres] of nearest) candidates.push(candidateRow(kept.columns[s] as ServiceColumns, categoriesOf(s), metres, true))
  for (const s of kept.placeless) if (isThemed(s)) candidates.push(candidateRow(kept.columns[s] as ServiceColumns, categoriesOf(s), null, false))
  return candidates
}

/** The first index of an ascending array whose value is at least `value` (its length when there is none). */
export function firstAtLeast(sorted: Float64Array, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * A candidate from a kept service, written out field by field: copying the kept row with `...` cost about 3 µs a
 * service (hundreds on every person page: 2.4 ms of a view at national size), a literal of one shape a tenth of that.
 */
function candidateRow(c: ServiceColumns, categories: string[], metres: number | null, located: boolean): CandidateRow {
  return {
    id: c.id,
    name: c.name,
    name_cy: c.name_cy,
    status: c.status,
    published: c.published,
    accessibility_features: c.accessibility_features,
    welsh_provision: c.welsh_provision,
    life_stages: c.life_stages,
    minimum_age: c.minimum_age,
    maximum_age: c.maximum_age,
    capacity_status: c.capacity_status,
    waiting_list_weeks: c.waiting_list_weeks,
    attending_types: c.attending_types,
    categories,
    metres,
    located,
  }
}

/** Without an origin: every active, published service in a themed category, and whether it has a place. */
async function everyCandidate(trx: Db, codes: string[]): Promise<CandidateRow[]> {
  const rows = await trx
    .with('themed', (qb) =>
      qb
        .selectFrom('attributes as a')
        .innerJoin('taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
        .select(['a.link_id as service_id', sql<string[]>`array_agg(distinct tt.code)`.as('categories')])
        .where('a.link_type', '=', 'service')
        .where('tt.code', 'in', codes)
        .groupBy('a.link_id'),
    )
    .selectFrom('services as s')
    .innerJoin('themed', 'themed.service_id', 's.id')
    .select([...candidateColumns, 'themed.categories', hasPlace.as('located')])
    .where('s.status', '=', 'active')
    .where('s.published', '=', true)
    .execute()
  return rows.map((r) => ({ ...r, metres: null, located: Boolean(r.located) }))
}
