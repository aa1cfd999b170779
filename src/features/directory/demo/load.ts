import type { Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { accessibilityFeatures, type capacityStatuses, type howToAccess } from '../schema.js'
import { searchText } from '../search-text.js'
import { type DemoArea, type DemoKind, type DemoSpecial, type Feature, demoAreas, demoKinds, demoOrganisations, demoPlan, demoSpecials } from './catalogue.js'
import { uuidV5 } from './uuid.js'

const DAY = 86_400_000
/** The demo account organisation of type asset (src/features/demo/demo-data.ts) and the directory organisations it manages. */
export const DEMO_ASSET_ORGANISATION = 'Aberystwyth Community Shed'
export const MANAGED_BY_DEMO_ASSET = ['sheds', 'walks']
const capacityCycle: (typeof capacityStatuses)[number][] = ['places_available', 'limited', 'places_available', 'full', 'waiting_list']
const accessCycle: (typeof howToAccess)[number][] = ['open_access', 'via_practitioner', 'open_access', 'referral_form']
const streets = ['High Street', 'Church Road', 'Station Road', 'Heol y Frenhines', 'Stryd y Bont', 'Park Lane', 'Ffordd y Môr', 'Market Square']

interface Planned {
  key: string
  area: DemoArea | null
  kind: Omit<DemoKind, 'key'>
  welsh: 'welsh_medium' | 'bilingual' | 'english_only'
  features: Feature[]
  noEnglishDescription?: boolean
  noWelsh?: boolean
}

/** Every demo service, in a fixed order, with the choices that vary from one to the next. */
export function plannedServices(): Planned[] {
  const planned: Planned[] = []
  let n = 0
  for (const area of demoAreas) {
    for (const kindKey of demoPlan[area.key] ?? []) {
      const kind = demoKinds.find((k) => k.key === kindKey)
      if (!kind) throw new Error(`no demo kind ${kindKey}`)
      const welsh = kindKey === 'sgwrs' ? 'bilingual' : area.welshSpeaking ? (n % 3 === 0 ? 'bilingual' : 'welsh_medium') : n % 3 === 0 ? 'bilingual' : 'english_only'
      const features = accessibilityFeatures.filter((_, i) => (n + i) % 3 !== 0 && (n * 7 + i) % 5 !== 0)
      planned.push({ key: `${area.key}/${kindKey}`, area, kind, welsh, features })
      n++
    }
  }
  for (const special of demoSpecials) {
    const area = demoAreas.find((a) => a.key === special.area) ?? null
    planned.push({ key: special.key, area, kind: special, welsh: special.welsh, features: special.features, noEnglishDescription: special.noEnglishDescription, noWelsh: special.noWelsh } satisfies Planned & { kind: DemoSpecial })
  }
  return planned
}

const place = (template: string, town: string) => template.replaceAll('{town}', town)

/**
 * Loads the demo directory once: organisations, services with their locations, addresses, timetables, contacts,
 * costs, areas, languages and categories. Does nothing when any service exists. Returns how many were loaded.
 */
export async function loadDemoServices(db: Kysely<DB>, now = new Date()): Promise<number> {
  if (await db.selectFrom('services').select('id').limit(1).executeTakeFirst()) return 0
  const terms = await db.selectFrom('taxonomy_terms').select(['id', 'code']).execute()
  const termId = new Map(terms.map((t) => [t.code, t.id]))
  const planned = plannedServices()

  // The demo asset organisation's users keep these directory organisations' services up to date (issue 4 §4, §8).
  const assetAccount = await db.selectFrom('organisations').select('id').where('type', '=', 'asset').where('name', '=', DEMO_ASSET_ORGANISATION).executeTakeFirst()

  await db.transaction().execute(async (trx) => {
    const organisationIds = new Map<string, string>()
    for (const [key, org] of Object.entries(demoOrganisations)) {
      const id = uuidV5(`organisation/${key}`)
      organisationIds.set(key, id)
      const managedBy = assetAccount && MANAGED_BY_DEMO_ASSET.includes(key) ? assetAccount.id : null
      await trx
        .insertInto('directory_organisations')
        .values({ id, name: org.name, name_cy: org.nameCy, description: org.description, description_cy: org.descriptionCy, email: `hello@${key}.example.org`, website: `https://${key}.example.org`, managed_by_organisation_id: managedBy, created_at: now, updated_at: now })
        .execute()
    }

    let n = 0
    for (const p of planned) {
      const id = uuidV5(`service/${p.key}`)
      const area = p.area
      const town = area?.en ?? 'Wales'
      const townCy = area?.cy ?? 'Cymru'
      const org = demoOrganisations[p.kind.organisation]
      const orgId = organisationIds.get(p.kind.organisation) ?? null
      const name = place(p.kind.name, town)
      const nameCy = p.noWelsh ? null : place(p.kind.nameCy, townCy)
      const description = p.noEnglishDescription ? null : place(p.kind.description, town)
      const descriptionCy = p.noWelsh ? null : place(p.kind.descriptionCy, townCy)
      const capacity = capacityCycle[n % capacityCycle.length] ?? 'places_available'
      const stale = n % 7 === 3
      const ages = p.kind.ages
      await trx
        .insertInto('services')
        .values({
          id,
          directory_organisation_id: orgId,
          name,
          name_cy: nameCy,
          description,
          description_cy: descriptionCy,
          url: `https://${p.kind.organisation}.example.org/${p.key.replace('/', '-')}`,
          email: `${p.key.replace('/', '.')}@${p.kind.organisation}.example.org`,
          status: 'active',
          fees: p.kind.cost ?? null,
          minimum_age: ages ? String(ages[0]) : p.kind.lifeStages.includes('children') ? null : '18',
          maximum_age: ages ? String(ages[1]) : null,
          how_to_access: accessCycle[n % accessCycle.length] ?? 'open_access',
          capacity_status: capacity,
          waiting_list_weeks: capacity === 'waiting_list' ? 2 + (n % 6) : null,
          capacity_confirmed_at: new Date(now.getTime() - (stale ? 45 + (n % 20) : n % 12) * DAY),
          welsh_provision: p.welsh,
          life_stages: p.kind.lifeStages,
          accessibility_features: p.features,
          attending_types: p.kind.attending,
          free_or_low_cost: p.kind.free || Boolean(p.kind.cost?.startsWith('Suggested')),
          safeguarding_policy: n % 9 !== 5,
          dbs_checks: p.kind.dbs ?? n % 4 !== 1,
          last_verified_at: new Date(now.getTime() - (stale ? 200 + (n % 60) : 10 + (n % 50)) * DAY),
          published: true,
          search_text: searchText(name, nameCy, description, descriptionCy, org?.name, org?.nameCy),
          created_at: now,
          last_modified: now,
        })
        .execute()

      if (area) {
        const locationId = uuidV5(`location/${p.key}`)
        // Spread around the district centre, up to about 3 km away, the same way every time.
        const latitude = Number((area.latitude + (((n * 37) % 41) - 20) * 0.0012).toFixed(6))
        const longitude = Number((area.longitude + (((n * 53) % 43) - 21) * 0.0018).toFixed(6))
        const venue = p.kind.venue
        await trx.insertInto('locations').values({ id: locationId, location_type: 'physical', name: `${venue}, ${town}`, name_cy: `${p.kind.venueCy}, ${townCy}`, latitude, longitude, directory_organisation_id: orgId }).execute()
        await trx
          .insertInto('addresses')
          .values({ id: uuidV5(`address/${p.key}`), location_id: locationId, address_1: `${1 + ((n * 13) % 90)} ${streets[n % streets.length]}`, city: town, state_province: '', postal_code: `${area.district} ${1 + (n % 9)}${'ABDEFGHJLNPQRSTUWXYZ'[n % 20]}${'ABDEFGHJLNPQRSTUWXYZ'[(n * 3) % 20]}`, country: 'GB' })
          .execute()
        const salId = uuidV5(`service-at-location/${p.key}`)
        await trx.insertInto('service_at_locations').values({ id: salId, service_id: id, location_id: locationId }).execute()
        if (p.features.length) {
          await trx.insertInto('accessibility').values({ id: uuidV5(`accessibility/${p.key}`), location_id: locationId, description: p.features.join(', ') }).execute()
        }
        await trx.insertInto('service_areas').values({ id: uuidV5(`service-area/${p.key}`), service_id: id, name: town, local_authority_code: area.localAuthorityCode }).execute()
      }

      await trx
        .insertInto('schedules')
        .values({ id: uuidV5(`schedule/${p.key}`), service_id: id, freq: p.key.endsWith('/carers') ? 'MONTHLY' : 'WEEKLY', interval: 1, byday: p.kind.byday, opens_at: p.kind.opens, closes_at: p.kind.closes, attending_type: p.kind.attending[0] ?? 'in_person', description: null, description_cy: null })
        .execute()
      const contactId = uuidV5(`contact/${p.key}`)
      const contactNames = ['Ffion Jenkins', 'Gareth Morgan', 'Nia Thomas', 'Rhodri Evans', 'Sarah Williams', 'Iwan Hughes', 'Megan Lloyd', 'Osian Rees']
      await trx.insertInto('contacts').values({ id: contactId, service_id: id, name: contactNames[n % contactNames.length] ?? null, title: 'Coordinator', email: `${p.key.replace('/', '.')}@${p.kind.organisation}.example.org` }).execute()
      await trx.insertInto('phones').values({ id: uuidV5(`phone/${p.key}`), service_id: id, contact_id: contactId, number: `01632 960${String(100 + n).padStart(3, '0')}` }).execute()
      if (p.kind.cost) {
        await trx.insertInto('cost_options').values({ id: uuidV5(`cost/${p.key}`), service_id: id, option: 'Session', amount_description: p.kind.cost }).execute()
      }
      const languages = p.welsh === 'english_only' ? [['English', 'en']] : p.welsh === 'welsh_medium' ? [['Welsh', 'cy']] : [['Welsh', 'cy'], ['English', 'en']]
      for (const [languageName, code] of languages) {
        await trx.insertInto('service_languages').values({ id: uuidV5(`language/${p.key}/${code}`), service_id: id, name: languageName ?? null, code: code ?? null }).execute()
      }
      for (const category of p.kind.categories) {
        const taxonomyTermId = termId.get(category)
        if (!taxonomyTermId) throw new Error(`no taxonomy term ${category}`)
        await trx.insertInto('attributes').values({ id: uuidV5(`attribute/${p.key}/${category}`), link_id: id, link_type: 'service', taxonomy_term_id: taxonomyTermId }).execute()
      }
      n++
    }
  })
  return planned.length
}
