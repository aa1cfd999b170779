import { sql, type Kysely } from 'kysely'
import type { DB } from '../src/platform/db/schema.js'
import type { SynthPlan } from '../src/features/synth/plan.js'

/**
 * Fills the report fact tables directly, at the plan's size, for profiling the RBA report (issue 9) before the
 * synthetic people and journey stages exist. Throwaway data: the base tables the facts are normally rebuilt from
 * (people, referrals, episodes …) stay empty, so foreign keys are not checked while loading
 * (`session_replication_role = replica`, which also silences the refresh triggers). The two base tables the report
 * reads at volume — support_contacts (~10M) and connections (~1.5M) — are filled too, consistent with the facts,
 * so their queries cost what they will at scale. Every draw is `synth.u(seed, row, field)`; dates come from the
 * plan's from/until, never now().
 */

type Db = Kysely<DB>

const U = (seed: number, n: string, field: number | string) => `synth.u(${seed}, (${n})::bigint, ${field})`
const pick = (u: string, values: readonly string[]) =>
  `(array[${values.map((v) => `'${v}'`).join(',')}])[1 + floor((${u}) * ${values.length})::int]`

export async function fillReportFacts(db: Db, plan: SynthPlan, log: (line: string) => void): Promise<Record<string, number>> {
  const s = plan.seed
  const rows: Record<string, number> = {}
  const run = async (table: string, query: ReturnType<typeof sql>) => {
    const started = performance.now()
    const result = await query.execute(db)
    rows[table] = (rows[table] ?? 0) + Number(result.numAffectedRows ?? 0)
    log(`  ${table}: ${rows[table]} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  const days = Math.round((Date.parse(plan.until) - Date.parse(plan.from)) / 86_400_000)
  const E = Math.round(plan.referrals * 0.8)
  await sql`set session_replication_role = replica`.execute(db)
  // Each provider's local authorities, as organisations stage wrote them, to place a referral in one of them.
  await sql`create temporary table synth_provider_areas as
    select k, array_agg(oa.local_authority_code order by oa.local_authority_code) as codes
    from generate_series(1, ${plan.providers}) k
    join organisation_areas oa on oa.organisation_id = synth.id(${s}, 'provider', k)
    group by k`.execute(db)

  // Referral n: practitioner 1 + n mod practitioners, so provider and team follow the organisations stage's contract.
  // Referrals n ≤ E became episodes (accepted); the rest were declined or could not be contacted.
  await run(
    'report_referral_facts',
    sql`insert into report_referral_facts (referral_id, episode_id, person_id, organisation_id, team_id, practitioner_id,
        local_authority_code, health_board_code, rpb_code, route, channel, referrer_role, age_band, sex, ethnicity,
        disability, wimd_quintile, language, received_on, status, first_contact_on, episode_started_on, episode_ended_on,
        closing_reason, level_of_support, what_matters_completed, decline_reason, reasons, used_before, prior_referrals,
        first_seen_on, contacts_attended, last_seen_on, levels, escalated_to_holistic, wellbeing_paired, wellbeing_improved)
      select synth.id(${s}, 'referral', n), case when n <= ${E} then synth.id(${s}, 'episode', n) end,
        synth.id(${s}, 'person', 1 + floor(${sql.raw(U(s, 'n', 1))} * ${plan.people})::int),
        synth.id(${s}, 'provider', pv), synth.id(${s}, 'team', (pv - 1) * ${plan.teamsPerProvider} + tm), synth.id(${s}, 'practitioner', pr),
        la.code, la.health_board_code, hb.regional_partnership_board_code,
        ${sql.raw(pick(U(s, 'n', 2), ['health', 'health', 'health', 'self', 'social_care', 'third_sector']))},
        ${sql.raw(pick(U(s, 'n', 3), ['form', 'phone', 'email', 'api']))},
        ${sql.raw(pick(U(s, 'n', 4), ['gp', 'gp', 'nurse', 'self', 'social_worker']))},
        ${sql.raw(pick(U(s, 'n', 5), ['18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+']))},
        ${sql.raw(pick(U(s, 'n', 6), ['female', 'female', 'male', 'male', 'other']))},
        ${sql.raw(pick(U(s, 'n', 7), ['white_welsh', 'white_welsh', 'white_welsh', 'white_other', 'asian', 'black', 'mixed']))},
        ${sql.raw(pick(U(s, 'n', 8), ['no', 'no', 'yes', 'prefer_not_to_say']))},
        (1 + floor(${sql.raw(U(s, 'n', 9))} * 5))::smallint,
        ${sql.raw(pick(U(s, 'n', 10), ['en', 'en', 'en', 'cy']))},
        r.received, case when n <= ${E} then 'accepted' else 'declined' end,
        r.received + 2 + floor(${sql.raw(U(s, 'n', 12))} * 20)::int,
        case when n <= ${E} then d.started end, case when n <= ${E} and d.ended <= ${plan.until}::date then d.ended end,
        case when n <= ${E} and d.ended <= ${plan.until}::date then ${sql.raw(pick(U(s, 'n', 13), ['goals_met', 'goals_met', 'withdrew', 'transferred', 'disengaged']))} end,
        case when n <= ${E} then ${sql.raw(pick(U(s, 'n', 14), ['signposting', 'short_term', 'holistic']))} end,
        n <= ${E} and ${sql.raw(U(s, 'n', 15))} < 0.9,
        case when n > ${E} then ${sql.raw(pick(U(s, 'n', 16), ['person_declined', 'not_eligible', 'needs_other_service']))} end,
        array[${sql.raw(pick(U(s, 'n', 17), ['loneliness', 'mental_wellbeing', 'physical_activity', 'money', 'housing']))}],
        ${sql.raw(pick(U(s, 'n', 18), ['yes', 'no', 'no']))}, floor(${sql.raw(U(s, 'n', 19))} * ${sql.raw(U(s, 'n', 19))} * 4)::int,
        case when n <= ${E} then d.started + 3 end, case when n <= ${E} then 5 + floor(${sql.raw(U(s, 'n', 20))} * 7)::int else 0 end,
        case when n <= ${E} then least(d.ended, ${plan.until}::date) end,
        case when n <= ${E} then array[${sql.raw(pick(U(s, 'n', 14), ['signposting', 'short_term', 'holistic']))}] else '{}' end,
        n <= ${E} and ${sql.raw(U(s, 'n', 21))} < 0.05,
        n <= ${E} and ${sql.raw(U(s, 'n', 22))} < 0.55, n <= ${E} and ${sql.raw(U(s, 'n', 22))} < 0.3
      from generate_series(1, ${plan.referrals}) n
      cross join lateral (select 1 + (n % ${plan.practitioners}) as pr) p
      cross join lateral (select ((pr - 1) % ${plan.providers}) + 1 as pv,
        ((pr - 1) / ${plan.providers}) % ${plan.teamsPerProvider} + 1 as tm) o
      join synth_provider_areas a on a.k = o.pv
      join local_authorities la on la.code = a.codes[1 + floor(${sql.raw(U(s, 'n', 11))} * cardinality(a.codes))::int]
      join health_boards hb on hb.code = la.health_board_code
      cross join lateral (select ${plan.from}::date + floor(${sql.raw(U(s, 'n', 23))} * ${days})::int as received) r
      cross join lateral (select r.received + 10 + floor(${sql.raw(U(s, 'n', 24))} * 30)::int as started,
        r.received + 60 + floor(${sql.raw(U(s, 'n', 25))} * 180)::int as ended) d`,
  )

  // 6–12 contacts per episode, about one in ten missed, weekly from the episode's start.
  await run(
    'support_contacts',
    sql`insert into support_contacts (id, person_id, episode_id, organisation_id, occurred_at, mode, duration_minutes, with_whom,
        contact_type, did_not_attend, language, barriers)
      select md5(f.referral_id::text || ':c' || i)::uuid, f.person_id, f.episode_id, f.organisation_id,
        ((f.episode_started_on + 7 * (i - 1))::timestamp + interval '10 hours') at time zone 'Europe/London',
        'face_to_face', case when dna then null else 45 end, array['person'], 'review', dna,
        case when ${sql.raw(U(s, 'h', 31))} < 0.9 then f.language else 'en' end,
        case when dna and ${sql.raw(U(s, 'h', 32))} < 0.5 then array['transport'] else '{}' end
      from report_referral_facts f
      cross join lateral generate_series(1, 6 + floor(${sql.raw(U(s, "('x' || substr(f.referral_id::text, 1, 8))::bit(32)::int", 30))} * 7)::int) i
      cross join lateral (select ('x' || substr(md5(f.referral_id::text || i), 1, 15))::bit(60)::bigint as h) hh
      cross join lateral (select ${sql.raw(U(s, 'h', 33))} < 0.1 as dna) m
      where f.episode_id is not null and f.episode_started_on + 7 * (i - 1) <= ${plan.until}::date`,
  )
  await run(
    'report_contact_facts',
    sql`insert into report_contact_facts (contact_id, referral_id, occurred_on, did_not_attend, person_id, occurred_at,
        barriers, in_chosen_language)
      select sc.id, f.referral_id, (sc.occurred_at at time zone 'Europe/London')::date, sc.did_not_attend, sc.person_id,
        sc.occurred_at, sc.barriers, coalesce(sc.language = f.language, false)
      from support_contacts sc join report_referral_facts f on f.episode_id = sc.episode_id`,
  )

  // About 1.5 connections per episode (0–3), with drop-off along the funnel.
  await run(
    'connections',
    sql`insert into connections (id, person_id, episode_id, organisation_id, service_id, kind, status, created_at,
        first_attended_at, travel_mode, travel_distance_km)
      select md5(f.referral_id::text || ':k' || i)::uuid, f.person_id, f.episode_id, f.organisation_id,
        synth.id(${s}, 'service', 1 + floor(${sql.raw(U(s, 'h', 41))} * ${plan.services})::int),
        ${sql.raw(pick(U(s, 'h', 42), ['signpost', 'referral', 'referral', 'supported_introduction']))},
        st.status, ((f.episode_started_on + 7 * i)::timestamp + interval '11 hours') at time zone 'Europe/London',
        case when st.status in ('attending', 'completed', 'disengaged') then ((f.episode_started_on + 7 * i + 14)::timestamp + interval '11 hours') at time zone 'Europe/London' end,
        ${sql.raw(pick(U(s, 'h', 44), ['walk', 'bus', 'car', 'car', 'cycle', 'online']))}, round((${sql.raw(U(s, 'h', 45))} * 20)::numeric, 1)
      from report_referral_facts f
      cross join lateral generate_series(1, floor(${sql.raw(U(s, "('x' || substr(f.referral_id::text, 1, 8))::bit(32)::int", 40))} * 4)::int) i
      cross join lateral (select ('x' || substr(md5(f.referral_id::text || 'k' || i), 1, 15))::bit(60)::bigint as h) hh
      cross join lateral (select ${sql.raw(pick(U(s, 'h', 43), ['signposted', 'referred', 'accepted', 'attending', 'completed', 'completed', 'disengaged']))} as status) st
      where f.episode_id is not null and f.episode_started_on + 7 * i <= ${plan.until}::date`,
  )
  await run(
    'report_connection_facts',
    sql`insert into report_connection_facts (connection_id, referral_id, person_id, kind, status, service_id,
        service_organisation_id, categories, attending_types, created_on, reached_referred, reached_accepted,
        reached_attended, reached_completed, accepted_on, first_attended_on, ended_on, did_not_attend_count,
        local_authority_code, reasons)
      select c.id, f.referral_id, c.person_id, c.kind, c.status, c.service_id,
        synth.id(${s}, 'directory_org', 1 + abs(hashtext(c.service_id::text)) % ${plan.directoryOrganisations}),
        array[(array['physical_activity','arts','green','learning','social'])[1 + abs(hashtext(c.id::text)) % 5]],
        array['in_person'], (c.created_at at time zone 'Europe/London')::date,
        c.kind <> 'signpost', c.status not in ('signposted', 'referred'), c.first_attended_at is not null,
        c.status = 'completed', case when c.status not in ('signposted', 'referred') then (c.created_at at time zone 'Europe/London')::date + 7 end,
        (c.first_attended_at at time zone 'Europe/London')::date,
        case when c.status in ('completed', 'disengaged') then (c.first_attended_at at time zone 'Europe/London')::date + 60 end,
        (abs(hashtext(c.id::text)) % 7 = 0)::int, f.local_authority_code, f.reasons
      from connections c join report_referral_facts f on f.episode_id = c.episode_id`,
  )

  // Wellbeing and loneliness pairs: SWEMWBS for most episodes, UCLA and ONS4 for some; three in ten lost to follow-up.
  await run(
    'report_outcome_pairs',
    sql`insert into report_outcome_pairs (referral_id, episode_id, person_id, instrument_id, series, subject_id,
        baseline_value, baseline_on, latest_value, latest_on, meets_threshold, counted_on)
      select f.referral_id, f.episode_id, f.person_id, i.instrument, i.series, f.episode_id,
        b.value, f.episode_started_on, case when not lost then b.value + ch end,
        case when not lost then f.episode_ended_on end, case when not lost then ch >= i.threshold end,
        f.episode_ended_on
      from report_referral_facts f
      cross join (values ('swemwbs', 'metric', 0.75, 1.03, 1), ('ucla3_ons', 'total', 0.3, 1, 2),
        ('ons4', 'satisfaction', 0.3, 1, 3), ('ons4', 'worthwhile', 0.3, 1, 3), ('ons4', 'happiness', 0.3, 1, 3),
        ('ons4', 'anxiety', 0.3, 1, 3)) i(instrument, series, share, threshold, k)
      cross join lateral (select ('x' || substr(md5(f.referral_id::text), 1, 15))::bit(60)::bigint as h) hh
      cross join lateral (select 20 + 5 * synth.normal(${s}, h, 50 + i.k) as value,
        2 + 3 * synth.normal(${s}, h, 60 + i.k) as ch, ${sql.raw(U(s, 'h', 55))} < 0.3 as lost) b
      where f.episode_ended_on is not null and ${sql.raw(U(s, 'h', '70 + i.k'))} < i.share`,
  )
  await run(
    'report_measure_administrations',
    sql`insert into report_measure_administrations (referral_id, instrument_id, taken_on, administrations)
      select referral_id, instrument_id, d, 1 from (
        select distinct p.referral_id, p.instrument_id, x.d from report_outcome_pairs p
        cross join lateral (values (p.baseline_on), (p.latest_on)) x(d) where x.d is not null) y`,
  )
  await sql`set session_replication_role = origin`.execute(db)
  await sql`drop table synth_provider_areas`.execute(db)
  return rows
}
