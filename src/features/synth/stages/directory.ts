import { sql } from 'kysely'
import { accessibilityFeatures } from '../../directory/schema.js'
import { createDirectoryReference } from '../directory/reference.js'
import { id, normal, u, weighted } from '../random.js'
import { withoutSecondaryIndexes } from '../../../platform/db/indexes.js'
import type { SynthContext, SynthStage } from '../run.js'

/**
 * Issue 9 synthetic data: the community directory, in the same tables and shapes as the demo directory
 * (src/features/directory/demo/load.ts), so that the directory search, the service pages and the Open Referral UK
 * API serve synthetic services exactly as they serve entered ones. Everything is `insert … select` over the
 * choices made once per row in two working tables:
 *
 * - directory organisation j = synth.id('directory_organisation', j), j = 1 … plan.directoryOrganisations: one kind
 *   of organisation (walking, arts, advice …, see directory/activities.ts) in one district, drawn by population;
 * - service n = synth.id('service', n), n = 1 … plan.services: run by a random organisation, one of the activities
 *   of its kind, in the organisation's district seven times in ten and anywhere in Wales (by population) otherwise;
 *   its location, address, service-at-location, schedule, contact, phone, cost option, service area are
 *   synth.id('location' | 'address' | 'service_at_location' | 'schedule' | 'contact' | 'phone' | 'cost_option' |
 *   'service_area' | 'accessibility', n); languages synth.id('service_language', 2n and 2n + 1), categories
 *   synth.id('service_attribute', 4n + i).
 *
 * Field numbers of the draws: organisations 1–9, services 10–59.
 */
const FEATURE_CHANCE: Record<(typeof accessibilityFeatures)[number], number> = {
  step_free: 0.7,
  hearing_loop: 0.3,
  quiet_space: 0.35,
  bsl: 0.08,
  large_print: 0.3,
  accessible_toilet: 0.6,
  parking: 0.5,
  near_public_transport: 0.6,
}
const STREETS = [
  'High Street',
  'Church Road',
  'Station Road',
  'Heol y Frenhines',
  'Stryd y Bont',
  'Park Lane',
  'Ffordd y Môr',
  'Market Square',
  'Heol y Parc',
  'Chapel Street',
  'Stryd Fawr',
  'Bridge Street',
  'Heol yr Ysgol',
  'Mill Lane',
  'Ffordd yr Orsaf',
  'Victoria Road',
]
const FIRST_NAMES = [
  'Ffion',
  'Gareth',
  'Nia',
  'Rhodri',
  'Sarah',
  'Iwan',
  'Megan',
  'Osian',
  'Catrin',
  'Dylan',
  'Elin',
  'Huw',
  'Sian',
  'Aled',
  'Lowri',
  'Tomos',
  'Bethan',
  'Rhys',
  'Mared',
  'Owain',
  'Amira',
  'Tariq',
  'Joanne',
  'Mark',
]
const SURNAMES = [
  'Jones',
  'Williams',
  'Davies',
  'Evans',
  'Thomas',
  'Roberts',
  'Hughes',
  'Lewis',
  'Morgan',
  'Griffiths',
  'Price',
  'Jenkins',
  'Rees',
  'Lloyd',
  'Owen',
  'Pritchard',
  'Parry',
  'Khan',
  'Edwards',
  'Powell',
]
/** The tables this stage fills in bulk, whose secondary indexes are built once afterwards. */
export const DIRECTORY_TABLES = [
  'services',
  'locations',
  'addresses',
  'service_at_locations',
  'accessibility',
  'schedules',
  'contacts',
  'phones',
  'cost_options',
  'service_areas',
  'service_languages',
  'attributes',
]
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

const textList = (values: readonly string[]) =>
  `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]::text[]`

export const directoryStage: SynthStage = {
  name: 'directory',
  async run(ctx: SynthContext) {
    const { db, plan } = ctx
    const s = plan.seed
    const rows: Record<string, number> = {}
    const count = async (table: string, query: ReturnType<typeof sql>) => {
      const t0 = performance.now()
      const result = await query.execute(db)
      rows[table] = (rows[table] ?? 0) + Number(result.numAffectedRows ?? 0)
      ctx.log(
        `synth:   ${table}: ${Number(result.numAffectedRows ?? 0).toLocaleString('en-GB')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      )
    }
    const { placeBounds, families } = await createDirectoryReference(db)
    const pickPlace = (draw: string) => `width_bucket(${draw}, array[${placeBounds.join(',')}]::float8[])`
    const O = plan.directoryOrganisations
    // Times are fixed by the plan, not the clock: noon UTC on the last day.
    const until = sql.raw(`('${plan.until} 12:00:00+00'::timestamptz)`)
    const from = sql.raw(`('${plan.from} 12:00:00+00'::timestamptz)`)
    const r = (text: string) => sql.raw(text)

    // Organisations: a kind and a district each; a second organisation of one kind in one town is numbered.
    await sql`drop table if exists synth.dir_org, synth.dir_service`.execute(db)
    await sql`create table synth.dir_org as
      select j, f, p, case when rank > 1 then ' ' || rank else '' end as suffix
      from (select j, f, p, row_number() over (partition by f, town order by j) as rank
            from (select j, 1 + floor(${r(u(s, 'j', 1))} * ${families})::int as f, ${r(pickPlace(u(s, 'j', 2)))} as p
                  from generate_series(1, ${O}) j) o
            join synth.dir_place using (p)) ranked`.execute(db)
    await count(
      'directory_organisations',
      sql`insert into directory_organisations (id, name, name_cy, description, description_cy, email, website, created_at, updated_at)
        select ${r(id(s, 'directory_organisation', 'o.j'))},
          replace(f.name, '{town}', pl.town) || o.suffix, replace(f.name_cy, '{tref}', pl.town_cy) || o.suffix,
          f.description, f.description_cy, 'hello@org-' || o.j || '.example.org', 'https://org-' || o.j || '.example.org',
          ${from}, ${until}
        from synth.dir_org o join synth.dir_family f using (f) join synth.dir_place pl using (p)`,
    )

    // The choices of each service, made once.
    const features = accessibilityFeatures.map(
      (f, i) => `case when ${u(s, 'n', 30 + i)} < ${FEATURE_CHANCE[f]} then '${f}' end`,
    )
    await sql`create table synth.dir_service as
      with pick as (
        select n, o.j, o.p as org_p, o.suffix,
          fam.kinds[1 + floor(${r(u(s, 'n', 11))} * cardinality(fam.kinds))::int] as k,
          case when ${r(u(s, 'n', 12))} < 0.7 then o.p else ${r(pickPlace(u(s, 'n', 13)))} end as p
        from generate_series(1, ${plan.services}) n
        join synth.dir_org o on o.j = 1 + floor(${r(u(s, 'n', 10))} * ${O})::int
        join synth.dir_family fam on fam.f = o.f
      ), provision as (
        select pick.*, case
            when kd.in_welsh then ${r(weighted(u(s, 'n', 14), { welsh_medium: 50, bilingual: 50 }))}
            when pl.welsh_speaking then ${r(weighted(u(s, 'n', 14), { welsh_medium: 30, bilingual: 30, english_only: 40 }))}
            else ${r(weighted(u(s, 'n', 14), { welsh_medium: 2, bilingual: 7, english_only: 91 }))}
          end as welsh_provision
        from pick join synth.dir_kind kd using (k) join synth.dir_place pl using (p)
      )
      select provision.*,
        -- Like the demo's specials: a few English-only entries never got Welsh text, a few Welsh-medium ones no English description.
        welsh_provision = 'english_only' and ${r(u(s, 'n', 15))} < 0.03 as no_welsh,
        welsh_provision = 'welsh_medium' and ${r(u(s, 'n', 15))} < 0.1 as no_english_description,
        ${r(weighted(u(s, 'n', 22), { places_available: 55, limited: 25, full: 8, waiting_list: 12 }))} as capacity_status,
        greatest(${from} + make_interval(days => floor(${r(u(s, 'n', 19))} * (${until}::date - ${from}::date))::int),
          -- About one in five was last verified more than six months ago (VERIFIED_STALE_DAYS), so shows as overdue.
          ${until} - make_interval(days => case when ${r(u(s, 'n', 27))} < 0.78 then floor(${r(u(s, 'n', 28))} * 180)
            else 183 + floor(${r(u(s, 'n', 28))} * 540) end::int)) as last_verified_at,
        ${from} + make_interval(days => floor(${r(u(s, 'n', 19))} * (${until}::date - ${from}::date))::int) as created_at,
        case when kd.in_person then array_remove(array[${r(features.join(', '))}], null) else '{}'::text[] end as features
      from provision join synth.dir_kind kd using (k)`.execute(db)
    await sql`create index on synth.dir_service (n)`.execute(db)

    const townIn = (column: string, townCol = 'pl.town', tref = 'pl.town_cy') =>
      `replace(replace(${column}, '{town}', ${townCol}), '{tref}', ${tref})`
    const orgSearch = `replace(f.s_name, '{town}', op.s_town) || d.suffix, replace(f.s_name_cy, '{tref}', op.s_town_cy) || d.suffix`
    // Where: one place of meeting for every service that meets in person, a few km from its district's centre.
    const jitter = (field: number) => `least(greatest(${normal(s, 'd.n', field)}, -2.5), 2.5)`
    const inPerson = sql.raw(
      'from synth.dir_service d join synth.dir_kind kd using (k) join synth.dir_place pl using (p) where kd.in_person',
    )
    await withoutSecondaryIndexes(db, DIRECTORY_TABLES, async () => {
      await count(
        'services',
        sql`insert into services (id, directory_organisation_id, name, name_cy, description, description_cy, url, email, status, fees,
          minimum_age, maximum_age, how_to_access, capacity_status, waiting_list_weeks, capacity_confirmed_at, welsh_provision,
          life_stages, accessibility_features, attending_types, free_or_low_cost, safeguarding_policy, dbs_checks,
          last_verified_at, published, search_text, created_at, last_modified)
        select ${r(id(s, 'service', 'd.n'))}, ${r(id(s, 'directory_organisation', 'd.j'))},
          ${r(townIn('kd.name'))}, case when d.no_welsh then null else ${r(townIn('kd.name_cy'))} end,
          case when d.no_english_description then null else ${r(townIn('kd.description'))} end,
          case when d.no_welsh then null else ${r(townIn('kd.description_cy'))} end,
          'https://org-' || d.j || '.example.org/services/' || d.n, 'service-' || d.n || '@org-' || d.j || '.example.org',
          ${r(weighted(u(s, 'd.n', 20), { active: 95, 'temporarily closed': 2, inactive: 2, defunct: 1 }))}, kd.cost,
          kd.minimum_age, kd.maximum_age,
          ${r(weighted(u(s, 'd.n', 21), { open_access: 55, via_practitioner: 30, referral_form: 15 }))},
          d.capacity_status, case when d.capacity_status = 'waiting_list' then 1 + floor(${r(u(s, 'd.n', 23))} * 16)::int end,
          ${until} - make_interval(days => floor(${r(u(s, 'd.n', 24))} * 90)::int), d.welsh_provision,
          kd.life_stages, d.features, kd.attending, kd.low_cost, ${r(u(s, 'd.n', 25))} < 0.9,
          kd.children or ${r(u(s, 'd.n', 26))} < 0.6, d.last_verified_at, ${r(u(s, 'd.n', 29))} < 0.98,
          concat_ws(' ', ${r(townIn('kd.s_name', 'pl.s_town', 'pl.s_town_cy'))},
            case when d.no_welsh then null else ${r(townIn('kd.s_name_cy', 'pl.s_town', 'pl.s_town_cy'))} end,
            case when d.no_english_description then null else ${r(townIn('kd.s_description', 'pl.s_town', 'pl.s_town_cy'))} end,
            case when d.no_welsh then null else ${r(townIn('kd.s_description_cy', 'pl.s_town', 'pl.s_town_cy'))} end,
            ${r(orgSearch)}),
          d.created_at, d.last_verified_at
        from synth.dir_service d join synth.dir_kind kd using (k) join synth.dir_place pl using (p)
        join synth.dir_org o using (j) join synth.dir_family f on f.f = o.f join synth.dir_place op on op.p = o.p`,
      )

      await count(
        'locations',
        sql`insert into locations (id, location_type, name, name_cy, latitude, longitude, directory_organisation_id)
        select ${r(id(s, 'location', 'd.n'))}, 'physical', kd.venue || ', ' || pl.town, kd.venue_cy || ', ' || pl.town_cy,
          round((pl.latitude + ${r(jitter(40))} * 0.018)::numeric, 6)::float8,
          round((pl.longitude + ${r(jitter(41))} * 0.029)::numeric, 6)::float8, ${r(id(s, 'directory_organisation', 'd.j'))}
        ${inPerson}`,
      )
      await count(
        'addresses',
        sql`insert into addresses (id, location_id, address_1, city, postal_code, country)
        select ${r(id(s, 'address', 'd.n'))}, ${r(id(s, 'location', 'd.n'))},
          (1 + floor(${r(u(s, 'd.n', 42))} * 120))::int || ' ' || (${r(textList(STREETS))})[1 + floor(${r(u(s, 'd.n', 43))} * ${STREETS.length})::int],
          pl.town, pl.outcode || ' ' || (1 + floor(${r(u(s, 'd.n', 44))} * 9))::int
            || substr(${POSTCODE_LETTERS}, 1 + floor(${r(u(s, 'd.n', 45))} * 20)::int, 1)
            || substr(${POSTCODE_LETTERS}, 1 + floor(${r(u(s, 'd.n', 46))} * 20)::int, 1), 'GB'
        ${inPerson}`,
      )
      await count(
        'service_at_locations',
        sql`insert into service_at_locations (id, service_id, location_id)
        select ${r(id(s, 'service_at_location', 'd.n'))}, ${r(id(s, 'service', 'd.n'))}, ${r(id(s, 'location', 'd.n'))} ${inPerson}`,
      )
      await count(
        'accessibility',
        sql`insert into accessibility (id, location_id, description)
        select ${r(id(s, 'accessibility', 'd.n'))}, ${r(id(s, 'location', 'd.n'))}, array_to_string(d.features, ', ')
        ${inPerson} and cardinality(d.features) > 0`,
      )

      // When, who to ask, what it costs, where it serves, in which languages, and its categories.
      const all = sql.raw('from synth.dir_service d join synth.dir_kind kd using (k) join synth.dir_place pl using (p)')
      await count(
        'schedules',
        sql`insert into schedules (id, service_id, freq, interval, byday, opens_at, closes_at, attending_type)
        select ${r(id(s, 'schedule', 'd.n'))}, ${r(id(s, 'service', 'd.n'))}, case when kd.monthly then 'MONTHLY' else 'WEEKLY' end, 1,
          kd.byday, kd.opens, kd.closes, kd.attending[1] ${all}`,
      )
      await count(
        'contacts',
        sql`insert into contacts (id, service_id, name, title, email)
        select ${r(id(s, 'contact', 'd.n'))}, ${r(id(s, 'service', 'd.n'))},
          (${r(textList(FIRST_NAMES))})[1 + floor(${r(u(s, 'd.n', 47))} * ${FIRST_NAMES.length})::int] || ' '
            || (${r(textList(SURNAMES))})[1 + floor(${r(u(s, 'd.n', 48))} * ${SURNAMES.length})::int],
          'Coordinator', 'contact-' || d.n || '@org-' || d.j || '.example.org' ${all}`,
      )
      await count(
        'phones',
        // Ofcom's numbers for drama (01632 960000–960999): never a real line.
        sql`insert into phones (id, service_id, contact_id, number)
        select ${r(id(s, 'phone', 'd.n'))}, ${r(id(s, 'service', 'd.n'))}, ${r(id(s, 'contact', 'd.n'))},
          '01632 960' || lpad(((d.n - 1) % 1000)::text, 3, '0') ${all}`,
      )
      await count(
        'cost_options',
        sql`insert into cost_options (id, service_id, option, amount_description)
        select ${r(id(s, 'cost_option', 'd.n'))}, ${r(id(s, 'service', 'd.n'))}, 'Session', kd.cost ${all} where kd.cost is not null`,
      )
      await count(
        'service_areas',
        sql`insert into service_areas (id, service_id, name, local_authority_code)
        select ${r(id(s, 'service_area', 'd.n'))}, ${r(id(s, 'service', 'd.n'))}, pl.town, pl.local_authority_code ${all}`,
      )
      await count(
        'service_languages',
        sql`insert into service_languages (id, service_id, name, code)
        select ${r(id(s, 'service_language', '2 * d.n + l.i'))}, ${r(id(s, 'service', 'd.n'))}, l.name, l.code
        from synth.dir_service d
        join (values (0, 'English', 'en', 'welsh_medium'), (1, 'Welsh', 'cy', 'english_only')) l (i, name, code, not_for)
          on d.welsh_provision <> l.not_for`,
      )
      await count(
        'attributes',
        sql`insert into attributes (id, link_id, link_type, taxonomy_term_id)
        select ${r(id(s, 'service_attribute', '4 * d.n + c.i'))}, ${r(id(s, 'service', 'd.n'))}, 'service', tt.id
        from synth.dir_service d join synth.dir_kind kd using (k)
        cross join lateral unnest(kd.categories) with ordinality c (code, i)
        join taxonomy_terms tt on tt.code = c.code`,
      )
    })
    // The word search's dictionary (migration 0039): its trigger does not fire when the load skips triggers, and when it
    // does fire this adds nothing.
    await count(
      'directory_words',
      sql`insert into directory_words (word) select distinct w from services, unnest(search_words) w on conflict do nothing`,
    )
    await sql`drop table synth.dir_org, synth.dir_service, synth.dir_place, synth.dir_family, synth.dir_kind`.execute(
      db,
    )
    return rows
  },
}
