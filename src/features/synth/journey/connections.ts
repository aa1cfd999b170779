import { sql } from 'kysely'
import { barrierCodes, notActingReasonCodes } from '../../connections/barriers.js'
import { connectionKinds } from '../../connections/schema.js'
import { weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { affected, inChunks } from './frame.js'
import { connectionPaths, stepDays } from './paths.js'
import { declineReasons } from './phrases.js'
import { between, drawsFor, FIELD, lit, pick } from './sql.js'

/*
 * connections, connection_events and information_sharing_log. Each episode gets 0–3 connections (about 1.5), to a
 * service of the person's local authority (service_areas), or any service when the authority has none. Each follows
 * one path of the funnel (paths.ts) chosen by one draw; its steps are dated from the connection's day by the step
 * delays, and steps after the cut-off are not recorded: the end of the data for a referral (the asset records), the
 * episode's end for a signpost or introduction (the practitioner hears of it only while supporting). The
 * connection's status, first response, first attendance, waiting weeks and decline reason are read from the steps
 * it kept. Travel distance is computed from the person's postcode to the service's location, as the app does.
 * Staged through unlogged tables in the synth schema; row key of connection i of episode n is n·4 + i.
 */
const kindIndex = (kind: string) => connectionKinds.indexOf(kind as (typeof connectionKinds)[number]) + 1

export async function prepareConnections(ctx: SynthContext): Promise<void> {
  const { db } = ctx
  await sql`create unlogged table synth.journey_paths (kind int, path int, statuses text[], sides text[], primary key (kind, path))`.execute(
    db,
  )
  const rows = connectionKinds.flatMap((kind) =>
    connectionPaths(kind).map(
      (p, i) =>
        `(${kindIndex(kind)}, ${i + 1}, array[${p.statuses.map(lit).join(',')}]::text[], array[${p.sides.map(lit).join(',')}]::text[])`,
    ),
  )
  await sql`insert into synth.journey_paths values ${sql.raw(rows.join(','))}`.execute(db)
  // Services by local authority, numbered, with one location each; '*' is every service (the fallback).
  await sql`create unlogged table synth.journey_services as
    with s as (select sv.id, (select l.latitude from service_at_locations sal join locations l on l.id = sal.location_id
                 where sal.service_id = sv.id and l.latitude is not null order by l.id limit 1) as latitude,
               (select l.longitude from service_at_locations sal join locations l on l.id = sal.location_id
                 where sal.service_id = sv.id and l.latitude is not null order by l.id limit 1) as longitude,
               (select dor.managed_by_organisation_id from directory_organisations dor where dor.id = sv.directory_organisation_id) as managed_by,
               coalesce((select dor.name from directory_organisations dor where dor.id = sv.directory_organisation_id), sv.name) as organisation_name
             from services sv)
    select a.la, row_number() over (partition by a.la order by s.id) as k, s.*
    from s join (select distinct service_id, local_authority_code as la from service_areas where local_authority_code is not null
                 union all select id, '*' from services) a on a.service_id = s.id`.execute(db)
  await sql`create index on synth.journey_services (la, k)`.execute(db)
  await sql`create unlogged table synth.journey_service_counts as select la, count(*)::int as count from synth.journey_services group by la`.execute(
    db,
  )
}

function cumulative(kind: (typeof connectionKinds)[number]): string {
  let total = 0
  const bounds = connectionPaths(kind).map((p) => {
    const b = total
    total += p.probability
    return b
  })
  return `array[${bounds.join(',')}]::float8[]`
}

export async function insertConnections(
  ctx: SynthContext,
  episodes: number,
  chunk: number,
  until: string,
): Promise<Record<string, number>> {
  const { db, plan } = ctx
  const s = plan.seed
  const e = drawsFor(s, 'e.n', FIELD.connections)
  const c = drawsFor(s, 'k.key', FIELD.connections + 20)
  const step = drawsFor(s, 'jc.key * 16 + st.step', FIELD.connections + 50)
  // The same row key (connection key · 16 + step) read from the staged events.
  const v = drawsFor(s, 'ev.key * 16 + ev.step', FIELD.connections + 50)
  const delay = (status: string, draw: string) => {
    const days = stepDays[status as keyof typeof stepDays]
    return `when ${lit(status)} then ${between(draw, days[0], days[1])}`
  }
  const rows: Record<string, number> = { connections: 0, connection_events: 0, information_sharing_log: 0 }
  await sql`create unlogged table synth.journey_connections (key bigint primary key, id uuid, episode_n bigint, service_id uuid,
    kind text, statuses text[], sides text[], weeks int, created_at timestamptz, cutoff timestamptz, distance numeric)`.execute(
    db,
  )
  await sql`create unlogged table synth.journey_events (key bigint, step int, from_status text, to_status text, side text, at timestamptz, primary key (key, step))`.execute(
    db,
  )
  await inChunks(episodes, chunk, async (from, to) => {
    await sql`insert into synth.journey_connections
      select k.key, synth.id(${s}, 'connection', k.key), e.n, sv.id, ki.kind, p.statuses, p.sides,
        ${sql.raw(between(c(4), 2, 12))},
        e.started_at + (e.ends_at - e.started_at) * (0.1 + 0.6 * (i - 1 + ${sql.raw(c(5))}) / n.count),
        case when ki.kind = 'referral' then ${sql.raw(`(${lit(until)}::date + 1)::timestamptz`)} else e.ends_at end,
        case when e.latitude is not null and sv.latitude is not null
          then least(1000, round((earth_distance(location_earth(e.latitude, e.longitude), location_earth(sv.latitude, sv.longitude)) / 1000)::numeric, 1)) end
      from synth.journey_episodes e
      cross join lateral (select case e.level_of_support
          when 'signposting' then ${sql.raw(weighted(e(1), { 1: 60, 2: 30, 3: 10 }, 'int'))}
          when 'short_term' then ${sql.raw(weighted(e(1), { 0: 10, 1: 45, 2: 35, 3: 10 }, 'int'))}
          else ${sql.raw(weighted(e(1), { 0: 5, 1: 40, 2: 35, 3: 20 }, 'int'))} end as count) n
      cross join lateral generate_series(1, n.count) i
      cross join lateral (select e.n * 4 + i as key) k
      cross join lateral (select case when e.level_of_support = 'signposting'
          then ${sql.raw(weighted(c(1), { signpost: 70, referral: 20, supported_introduction: 10 }))}
          else ${sql.raw(weighted(c(1), { signpost: 35, referral: 45, supported_introduction: 20 }))} end as kind offset 0) ki
      cross join lateral (select coalesce((select count from synth.journey_service_counts where la = e.local_authority_code), 0) as local offset 0) lc
      join synth.journey_services sv on sv.la = case when lc.local > 0 then e.local_authority_code else '*' end
        and sv.k = 1 + floor(${sql.raw(c(2))} * case when lc.local > 0 then lc.local else (select count from synth.journey_service_counts where la = '*') end)::int
      join synth.journey_paths p on p.kind = case ki.kind ${sql.raw(connectionKinds.map((kind) => `when ${lit(kind)} then ${kindIndex(kind)}`).join(' '))} end
        and p.path = width_bucket(${sql.raw(c(3))}, case ki.kind ${sql.raw(connectionKinds.map((kind) => `when ${lit(kind)} then ${cumulative(kind)}`).join(' '))} end)
      where e.n between ${from} and ${to} and n.count > 0`.execute(db)
    // Steps, dated by their delays (a waitlist's next step comes after its weeks), kept up to the cut-off.
    await sql`insert into synth.journey_events
      select key, step, from_status, to_status, side, at from (
        select x.key, x.step, x.statuses[x.step - 1] as from_status, x.statuses[x.step] as to_status, x.sides[x.step] as side, x.cutoff,
          x.created_at + make_interval(days => (sum(x.days) over (partition by x.key order by x.step))::int)
            + x.step * interval '1 minute' as at
        from (select jc.*, st.step, case when st.step = 1 then 0 when jc.statuses[st.step - 1] = 'waitlisted' then jc.weeks * 7
              else case jc.statuses[st.step] ${sql.raw(
                Object.keys(stepDays)
                  .map((status) => delay(status, step(1)))
                  .join(' '),
              )} else 7 end end as days
            from synth.journey_connections jc
            cross join lateral generate_series(1, cardinality(jc.statuses)) st(step)
            where jc.episode_n between ${from} and ${to}) x
      ) y where y.step = 1 or y.at <= y.cutoff`.execute(db)
    return 0
  })
  await sql`analyze synth.journey_connections`.execute(db)
  await sql`analyze synth.journey_events`.execute(db)
  const reasons = notActingReasonCodes.filter((r) => r !== 'other' && r !== 'barrier')
  const barriers = barrierCodes.filter((b) => b !== 'other')
  await inChunks(episodes, chunk, async (from, to) => {
    rows.connections! += affected(
      await sql`insert into connections (id, person_id, episode_id, organisation_id, service_id, kind, status, need_to_know,
          decline_reason, waiting_weeks, first_attended_at, first_responded_at, signpost_format, signpost_language,
          travel_mode, travel_distance_km, travel_distance_source, created_by, created_at, updated_at)
        select jc.id, e.person_id, e.id, e.organisation_id, jc.service_id, jc.kind, last.to_status,
          case when jc.kind = 'referral' then jsonb_build_object('name', p.given_name || ' ' || p.family_name, 'phone', coalesce(p.phone, ''), 'language', p.language)
            else '{}'::jsonb end,
          case when last.to_status = 'declined' then ${sql.raw(pick(c(6), declineReasons))} end,
          case when 'waitlisted' = any(jc.statuses[1:last.step]) then jc.weeks end,
          (select min(ev.at) from synth.journey_events ev where ev.key = jc.key and ev.to_status = 'first_attended'),
          (select min(ev.at) from synth.journey_events ev where ev.key = jc.key and ev.side = 'asset' and ev.to_status in ('accepted', 'declined', 'waitlisted')),
          case when jc.kind = 'signpost' then ${sql.raw(weighted(c(7), { verbal: 35, leaflet: 25, text_message: 20, email: 15, large_print: 5 }))} end,
          case when jc.kind = 'signpost' then p.language end,
          tm.mode, case when tm.mode is not null and tm.mode <> 'online' then jc.distance end,
          case when tm.mode is not null and tm.mode <> 'online' and jc.distance is not null then 'computed' end,
          e.practitioner_id, jc.created_at, last.at
        from synth.journey_connections jc
        join synth.journey_episodes e on e.n = jc.episode_n
        join people p on p.id = e.person_id
        cross join lateral (select ev.step, ev.to_status, ev.at from synth.journey_events ev where ev.key = jc.key order by ev.step desc limit 1) last
        cross join lateral (select jc.key) k
        cross join lateral (select case when ${sql.raw(c(8))} < 0.2 then null when ${sql.raw(c(8))} < 0.25 then 'online'
            when jc.distance is null then ${sql.raw(weighted(c(9), { car: 45, bus: 30, walk: 15, community_transport: 5, taxi: 5 }))}
            when jc.distance < 1.5 then ${sql.raw(weighted(c(9), { walk: 70, bus: 15, car: 10, cycle: 5 }))}
            when jc.distance < 8 then ${sql.raw(weighted(c(9), { bus: 40, car: 40, walk: 5, cycle: 5, community_transport: 5, taxi: 5 }))}
            else ${sql.raw(weighted(c(9), { car: 60, bus: 20, train: 10, community_transport: 10 }))} end as mode offset 0) tm
        where jc.episode_n between ${from} and ${to}`.execute(db),
    )
    rows.connection_events! += affected(
      await sql`insert into connection_events (connection_id, from_status, to_status, side, note, actor_user_id, at, barriers, not_acting_reasons)
        select jc.id, ev.from_status, ev.to_status, ev.side,
          case when ev.to_status = 'declined' then ${sql.raw(pick(v(2), declineReasons))} end,
          case when ev.side = 'practitioner' then e.practitioner_id end, ev.at,
          case when ev.to_status in ('did_not_attend', 'disengaged', 'withdrew') and ${sql.raw(v(3))} < 0.4 then array[${sql.raw(pick(v(4), barriers))}] else '{}' end,
          case when ev.to_status in ('disengaged', 'withdrew') and ${sql.raw(v(5))} < 0.4 then array[${sql.raw(pick(v(6), reasons))}] else '{}' end
        from synth.journey_events ev
        join synth.journey_connections jc on jc.key = ev.key
        join synth.journey_episodes e on e.n = jc.episode_n
        where jc.episode_n between ${from} and ${to}`.execute(db),
    )
    return 0
  })
  // A referral shares the need-to-know fields with the asset, on the person's consent to share with assets: logged
  // when the people stage recorded that consent (the latest such record gives it). The id comes from the connection's,
  // so the same seed gives the same rows.
  rows.information_sharing_log = affected(
    await sql`insert into information_sharing_log (id, person_id, organisation_id, connection_id, service_id, shared_with_organisation_id,
        shared_with_name, fields, purpose, recipient_kind, consent_scope, basis, consent_id, shared_by, shared_at)
      select md5('information_sharing_log:' || c.id)::uuid, c.person_id, c.organisation_id, c.id, c.service_id, sv.managed_by, sv.organisation_name, array['name', 'phone', 'language'],
        'referral_to_community_asset', 'asset', 'share_with_assets', 'consent', cs.id, c.created_by, c.created_at
      from connections c
      join synth.journey_services sv on sv.la = '*' and sv.id = c.service_id
      join lateral (select id, given from consents where person_id = c.person_id and scope = 'share_with_assets'
                    order by recorded_at desc limit 1) cs on cs.given
      where c.kind = 'referral'`.execute(db),
  )
  return rows
}
