import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'

/*
 * Test support for the matching and gaps tests: a handful of directory services placed at known distances from
 * the centre of the CF10 postcode district (where the test referrals' people live; the test databases have no
 * full postcode file, so `locate` gives the district centre).
 */
export const CF10 = { latitude: 51.473451, longitude: -3.165409 }
/** Degrees of latitude per kilometre on the sphere earthdistance uses. */
const DEGREES_PER_KM = 1 / 111.195

export interface FixtureService {
  name: string
  nameCy?: string
  categories: string[]
  /** Kilometres due north of the CF10 centre; null for a service with no location (phone or online). */
  kmNorth: number | null
  status?: 'active' | 'inactive' | 'defunct' | 'temporarily closed'
  published?: boolean
  welsh?: 'welsh_medium' | 'bilingual' | 'english_only'
  access?: string[]
  capacity?: 'places_available' | 'limited' | 'full' | 'waiting_list'
  waitingWeeks?: number
  attending?: string[]
}

export async function addService(db: Kysely<DB>, s: FixtureService): Promise<string> {
  const id = randomUUID()
  const terms = await db.selectFrom('taxonomy_terms').select(['id', 'code']).where('code', 'in', s.categories).execute()
  if (terms.length !== s.categories.length) throw new Error(`unknown category in ${s.categories.join(', ')}`)
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('services')
      .values({
        id,
        name: s.name,
        name_cy: s.nameCy ?? null,
        status: s.status ?? 'active',
        published: s.published ?? true,
        welsh_provision: s.welsh ?? 'english_only',
        accessibility_features: s.access ?? [],
        capacity_status: s.capacity ?? 'places_available',
        waiting_list_weeks: s.waitingWeeks ?? null,
        attending_types: s.attending ?? (s.kmNorth === null ? ['online'] : ['in_person']),
        created_at: new Date(),
        last_modified: new Date(),
      })
      .execute()
    for (const term of terms) await trx.insertInto('attributes').values({ id: randomUUID(), link_id: id, link_type: 'service', taxonomy_term_id: term.id }).execute()
    if (s.kmNorth !== null) {
      const locationId = randomUUID()
      await trx.insertInto('locations').values({ id: locationId, name: s.name, latitude: CF10.latitude + s.kmNorth * DEGREES_PER_KM, longitude: CF10.longitude }).execute()
      await trx.insertInto('service_at_locations').values({ id: randomUUID(), service_id: id, location_id: locationId }).execute()
    }
  })
  return id
}
