import { sql, type Kysely } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'
import { loadDemoPostcodes } from '../../postcodes/demo.js'
import { planSynth, type SynthPlan } from '../plan.js'
import { createSynthFunctions, id, u, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { organisationsStage } from '../stages/organisations.js'

/*
 * A stand-in for the directory and people stages, for the journey's tests and its timing runs: providers and
 * practitioners (the real organisations stage), a few services each covering one local authority, and one person,
 * accepted referral and episode per episode number — a tenth still open, levels of support mixed, 85% consenting
 * to share with assets, a fifth Welsh speakers. Deterministic from the seed, like the rest.
 */
export async function buildJourneyFixture(
  db: Kysely<DB>,
  episodes: number,
  seed = 7,
  services = 24,
): Promise<SynthContext> {
  const plan: SynthPlan = planSynth({ episodes, services, seed, until: '2026-11-30', password: 'synthetic-password' })
  const ctx: SynthContext = { db, plan, log: () => {} }
  await loadDemoPostcodes(db)
  await createSynthFunctions(db)
  await organisationsStage.run(ctx)
  const s = seed
  const F = 9000
  await sql`insert into directory_organisations (id, name) select ${sql.raw(id(s, 'fixture_dir_org', 'k'))}, 'Fixture community group ' || k from generate_series(1, 3) k`.execute(
    db,
  )
  await sql`insert into services (id, directory_organisation_id, name)
    select ${sql.raw(id(s, 'fixture_service', 'k'))}, ${sql.raw(id(s, 'fixture_dir_org', '1 + k % 3'))}, 'Fixture service ' || k
    from generate_series(1, ${services}) k`.execute(db)
  await sql`insert into service_areas (id, service_id, local_authority_code)
    select ${sql.raw(id(s, 'fixture_area', 'k'))}, ${sql.raw(id(s, 'fixture_service', 'k'))}, la.code
    from generate_series(1, ${services}) k
    join (select code, row_number() over (order by code) as i from local_authorities) la on la.i = 1 + (k - 1) % 22
    where k % 4 <> 0`.execute(db)
  await sql`insert into locations (id, name, latitude, longitude)
    select ${sql.raw(id(s, 'fixture_location', 'k'))}, 'Hall ' || k, pc.latitude, pc.longitude
    from generate_series(1, ${services}) k
    join (select latitude, longitude, row_number() over (order by postcode) as i from postcodes) pc
      on pc.i = 1 + (k * 7) % (select count(*) from postcodes)`.execute(db)
  await sql`insert into service_at_locations (id, service_id, location_id)
    select ${sql.raw(id(s, 'fixture_sal', 'k'))}, ${sql.raw(id(s, 'fixture_service', 'k'))}, ${sql.raw(id(s, 'fixture_location', 'k'))}
    from generate_series(1, ${services}) k`.execute(db)
  const P = plan.providers
  const practitioner = `(1 + (n - 1) % ${plan.practitioners})`
  const provider = `(1 + (${practitioner} - 1) % ${P})`
  const start = `('${plan.from}'::timestamptz + ${u(s, 'n', F + 1)} * interval '3600 days' + interval '9 hours')`
  const until = sql.raw(`'${plan.until}'::timestamptz`)
  await sql`insert into people (id, organisation_id, given_name, family_name, match_name, date_of_birth, postcode, local_authority_code, language, phone)
    select ${sql.raw(id(s, 'person', 'n'))}, ${sql.raw(id(s, 'provider', provider))}, 'Person', 'Number ' || n, 'person number ' || n,
      date '1940-01-01' + (${sql.raw(u(s, 'n', F + 2))} * 25000)::int, pc.postcode, pc.local_authority_code,
      case when ${sql.raw(u(s, 'n', F + 3))} < 0.2 then 'cy' else 'en' end, '07700 900' || lpad((n % 1000)::text, 3, '0')
    from generate_series(1, ${episodes}) n
    join (select postcode, local_authority_code, row_number() over (order by postcode) - 1 as i from postcodes) pc
      on pc.i = n % (select count(*) from postcodes)`.execute(db)
  await sql`insert into referrals (id, reference, person_id, organisation_id, route, channel, reasons, person_agreed, status, received_at)
    select ${sql.raw(id(s, 'referral', 'n'))}, 'SYN-' || n, ${sql.raw(id(s, 'person', 'n'))}, ${sql.raw(id(s, 'provider', provider))},
      'primary_care', 'professional_form', array['loneliness'], true, 'accepted', ${sql.raw(start)} - interval '10 days'
    from generate_series(1, ${episodes}) n`.execute(db)
  await sql`insert into episodes (id, person_id, referral_id, organisation_id, practitioner_id, status, started_at, ended_at, level_of_support)
    select ${sql.raw(id(s, 'episode', 'n'))}, ${sql.raw(id(s, 'person', 'n'))}, ${sql.raw(id(s, 'referral', 'n'))},
      ${sql.raw(id(s, 'provider', provider))}, ${sql.raw(id(s, 'practitioner', practitioner))},
      case when x.ended < ${until} then 'closed' else 'open' end, x.started,
      case when x.ended < ${until} then x.ended end,
      ${sql.raw(weighted(u(s, 'n', F + 4), { signposting: 20, short_term: 40, holistic: 40 }))}
    from generate_series(1, ${episodes}) n
    cross join lateral (select ${sql.raw(start)} as started,
      ${sql.raw(start)} + (20 + ${sql.raw(u(s, 'n', F + 5))} * 160) * interval '1 day' as ended) x`.execute(db)
  await sql`insert into consents (person_id, organisation_id, scope, given, method, recorded_at)
    select ${sql.raw(id(s, 'person', 'n'))}, ${sql.raw(id(s, 'provider', provider))}, 'share_with_assets', true, 'verbal', ${sql.raw(start)}
    from generate_series(1, ${episodes}) n where ${sql.raw(u(s, 'n', F + 6))} < 0.85`.execute(db)
  return ctx
}
