import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../../platform/db/schema.js'

type Db = Kysely<DB> | Transaction<DB>

/** Calendar day in Wales of a timestamp: what puts a row in a report's period. */
const day = (column: string) => sql.raw(`((${column}) at time zone 'Europe/London')::date`)

/**
 * Which referrals a rewrite covers: these (the incremental refresh, a batch of queued referrals) or every referral
 * (the full rebuild, writing into emptied tables: no delete, one `insert … select` over the whole table).
 */
export type FactsScope = { ids: readonly string[] } | 'all'

/** The ids as one `uuid[]` parameter: one bind value however many, where a literal list grows the statement. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

/**
 * Equity's paired and improved per referral (refresh.ts computes them) as a relation of (referral_id, paired,
 * improved) to join: a table the rebuild filled, or the pairs of a batch unnested from two arrays.
 */
export type WellbeingSource = { table: string } | { paired: readonly string[]; improved: readonly string[] }

const wellbeingRelation = (source: WellbeingSource) =>
  'table' in source
    ? sql.raw(source.table)
    : sql`(select p.referral_id, true as paired, p.referral_id = any(${uuidArray(source.improved)}) as improved
        from unnest(${uuidArray(source.paired)}) as p(referral_id))`

/**
 * Rewrites `report_referral_facts` for these referrals from the case tables (issue 7 §2, §7). Dimensions are fixed
 * at the time of the referral where the data allows: the age band is the age on the day the referral was received
 * (contract `ageBands`); the person's local authority (and so health board and RPB), WIMD decile, sex, ethnicity,
 * disability and language are as recorded now, since the record keeps no history of them.
 */
export async function rewriteReferralFacts(db: Db, scope: FactsScope, wellbeing: WellbeingSource): Promise<void> {
  if (scope !== 'all' && scope.ids.length === 0) return
  if (scope !== 'all')
    await sql`delete from report_referral_facts f where f.referral_id = any(${uuidArray(scope.ids)})
    and not exists (select 1 from referrals r where r.id = f.referral_id)`.execute(db)
  await sql`
    insert into report_referral_facts as f (
      referral_id, episode_id, person_id, organisation_id, team_id, practitioner_id, local_authority_code,
      health_board_code, rpb_code, route, channel, referrer_role, age_band, sex, ethnicity, disability, wimd_quintile,
      language, received_on, status, first_contact_on, episode_started_on, episode_ended_on, closing_reason,
      level_of_support, what_matters_completed, decline_reason, reasons, used_before, prior_referrals, first_seen_on,
      contacts_attended, last_seen_on, levels, escalated_to_holistic, wellbeing_paired, wellbeing_improved,
      refreshed_at)
    select r.id, e.id, r.person_id, r.organisation_id,
      -- The team is the allocated practitioner's team (users.team_id), as it is when the referral is refreshed.
      (select u.team_id from users u where u.id = coalesce(e.practitioner_id, r.allocated_practitioner_id)),
      coalesce(e.practitioner_id, r.allocated_practitioner_id),
      p.local_authority_code, la.health_board_code, hb.regional_partnership_board_code,
      r.route, r.channel,
      coalesce(
        nullif(lower(btrim(r.referrer_role)), ''),
        (select min(ur.role) from user_roles ur where ur.user_id = r.referrer_user_id),
        case when r.route = 'self' then 'self' end),
      case
        when age.years < 18 then '0-17' when age.years < 25 then '18-24' when age.years < 35 then '25-34'
        when age.years < 45 then '35-44' when age.years < 55 then '45-54' when age.years < 65 then '55-64'
        when age.years < 75 then '65-74' when age.years < 85 then '75-84' else '85+' end,
      p.sex, p.ethnicity, p.disability,
      case when p.wimd_decile is null then null else ((p.wimd_decile + 1) / 2)::smallint end,
      p.language,
      received.on_day, r.status,
      least(
        ${day('r.first_contact_at')},
        (select min(${day('a.attempted_at')}) from referral_contact_attempts a where a.referral_id = r.id and a.successful),
        (select min(${day('sc.occurred_at')}) from support_contacts sc where sc.episode_id = e.id and not sc.did_not_attend)),
      ${day('e.started_at')}, ${day('e.ended_at')}, e.closing_reason, e.level_of_support,
      exists (select 1 from what_matters_conversations w where w.episode_id = e.id and w.completed),
      r.decline_reason, r.reasons, p.used_social_prescribing_before,
      (select count(*) from referrals r2 where r2.person_id = r.person_id
         and (r2.received_at < r.received_at or (r2.received_at = r.received_at and r2.id < r.id)))::integer,
      seen.first_on, coalesce(seen.attended, 0)::integer, seen.last_on,
      coalesce((select array_agg(distinct lv.level order by lv.level) from (
         select ev.level_of_support as level from episode_events ev where ev.episode_id = e.id and ev.level_of_support is not null
         union select e.level_of_support where e.level_of_support is not null) lv), '{}'),
      exists (select 1 from episode_events ev where ev.episode_id = e.id and ev.kind = 'level_changed'
         and ev.level_of_support = 'holistic' and ev.previous_level in ('signposting', 'short_term')),
      coalesce(w.paired, false), coalesce(w.improved, false),
      now()
    from referrals r
    join people p on p.id = r.person_id
    left join episodes e on e.referral_id = r.id
    left join local_authorities la on la.code = p.local_authority_code
    left join health_boards hb on hb.code = la.health_board_code
    cross join lateral (select ${day('r.received_at')} as on_day) received
    cross join lateral (select extract(year from age(received.on_day, p.date_of_birth))::integer as years) age
    left join lateral (
      select min(${day('sc.occurred_at')}) as first_on, max(${day('sc.occurred_at')}) as last_on, count(*) as attended
      from support_contacts sc where sc.episode_id = e.id and not sc.did_not_attend) seen on true
    left join ${wellbeingRelation(wellbeing)} w on w.referral_id = r.id
    where ${scope === 'all' ? sql`true` : sql`r.id = any(${uuidArray(scope.ids)})`}
    -- Reports read a period: rows written in the order of the day received keep a year's rows together on disk.
    order by received.on_day, r.id
    on conflict (referral_id) do update set
      episode_id = excluded.episode_id, person_id = excluded.person_id, organisation_id = excluded.organisation_id,
      team_id = excluded.team_id, practitioner_id = excluded.practitioner_id,
      local_authority_code = excluded.local_authority_code, health_board_code = excluded.health_board_code,
      rpb_code = excluded.rpb_code, route = excluded.route, channel = excluded.channel,
      referrer_role = excluded.referrer_role, age_band = excluded.age_band, sex = excluded.sex,
      ethnicity = excluded.ethnicity, disability = excluded.disability, wimd_quintile = excluded.wimd_quintile,
      language = excluded.language, received_on = excluded.received_on, status = excluded.status,
      first_contact_on = excluded.first_contact_on, episode_started_on = excluded.episode_started_on,
      episode_ended_on = excluded.episode_ended_on, closing_reason = excluded.closing_reason,
      level_of_support = excluded.level_of_support, what_matters_completed = excluded.what_matters_completed,
      decline_reason = excluded.decline_reason, reasons = excluded.reasons, used_before = excluded.used_before,
      prior_referrals = excluded.prior_referrals, first_seen_on = excluded.first_seen_on,
      contacts_attended = excluded.contacts_attended, last_seen_on = excluded.last_seen_on, levels = excluded.levels,
      escalated_to_holistic = excluded.escalated_to_holistic, wellbeing_paired = excluded.wellbeing_paired,
      wellbeing_improved = excluded.wellbeing_improved, refreshed_at = excluded.refreshed_at`.execute(db)
}

/**
 * Rewrites the connections' and contacts' facts of these referrals (their episodes' rows). Runs after
 * rewriteReferralFacts for the same referrals (the refresh and the rebuild both do): a connection's local authority
 * and reasons are copied from its referral's facts row (migration 0042).
 *
 * The incremental refresh writes only the rows that differ (ADR 0022): a row left as it was moves no month (migration
 * 0049's triggers), so a contact recorded today recomputes today's month, not every month the referral's other
 * contacts and connections fall in. That is exact because an unfiltered report's month statement reads connection and
 * contact facts by their own dates only; a row whose values are the same counts the same. Rows of connections and
 * contacts that no longer belong to the referral (deleted, or moved to another episode) are deleted.
 */
export async function rewriteConnectionAndContactFacts(db: Db, scope: FactsScope): Promise<void> {
  if (scope !== 'all' && scope.ids.length === 0) return
  const ofScope = scope === 'all' ? sql`true` : sql`e.referral_id = any(${uuidArray(scope.ids)})`
  if (scope !== 'all') {
    await sql`delete from report_connection_facts f where f.referral_id = any(${uuidArray(scope.ids)})
      and not exists (select 1 from connections c join episodes e on e.id = c.episode_id
        where c.id = f.connection_id and e.referral_id = f.referral_id)`.execute(db)
    await sql`delete from report_contact_facts f where f.referral_id = any(${uuidArray(scope.ids)})
      and not exists (select 1 from support_contacts sc join episodes e on e.id = sc.episode_id
        where sc.id = f.contact_id and e.referral_id = f.referral_id)`.execute(db)
  }
  // Into emptied tables (the rebuild) every row is new; otherwise a row is updated only when something in it differs.
  const onConflict = (key: string, columns: readonly string[]) =>
    scope === 'all'
      ? sql``
      : sql.raw(`on conflict (${key}) do update set ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}
        where (f.*) is distinct from (excluded.*)`)
  await sql`
    insert into report_connection_facts as f (
      connection_id, referral_id, person_id, kind, status, service_id, service_organisation_id, categories,
      attending_types, created_on, reached_referred, reached_accepted, reached_attended, reached_completed,
      accepted_on, first_attended_on, ended_on, did_not_attend_count, local_authority_code, reasons)
    select c.id, e.referral_id, c.person_id, c.kind, c.status, c.service_id, s.directory_organisation_id,
      coalesce((select array_agg(distinct t.code order by t.code) from attributes at
         join taxonomy_terms t on t.id = at.taxonomy_term_id
         where at.link_id = c.service_id and at.link_type = 'service' and t.code is not null), '{}'),
      s.attending_types,
      ${day('c.created_at')},
      coalesce(c.kind in ('referral', 'supported_introduction'), false) or ev.referred,
      ev.accepted or ev.attended or c.first_attended_at is not null,
      ev.attended or c.first_attended_at is not null,
      ev.completed,
      ev.accepted_on,
      coalesce(${day('c.first_attended_at')}, ev.first_attended_on),
      case when c.status in ('completed', 'disengaged', 'withdrew') then ev.ended_on end,
      ev.dnas, rf.local_authority_code, rf.reasons
    from connections c
    join episodes e on e.id = c.episode_id
    join report_referral_facts rf on rf.referral_id = e.referral_id
    join services s on s.id = c.service_id
    cross join lateral (
      select
        coalesce(bool_or(x.to_status in ('referred', 'introduced')), false) as referred,
        coalesce(bool_or(x.to_status = 'accepted'), false) as accepted,
        coalesce(bool_or(x.to_status in ('first_attended', 'attending')), false) as attended,
        coalesce(bool_or(x.to_status = 'completed'), false) as completed,
        min(${day('x.at')}) filter (where x.to_status = 'accepted') as accepted_on,
        min(${day('x.at')}) filter (where x.to_status in ('first_attended', 'attending')) as first_attended_on,
        max(${day('x.at')}) filter (where x.to_status in ('completed', 'disengaged', 'withdrew')) as ended_on,
        (count(*) filter (where x.to_status = 'did_not_attend'))::integer as dnas
      from connection_events x where x.connection_id = c.id) ev
    where ${ofScope}
    order by ${day('c.created_at')}, c.id
    ${onConflict('connection_id', connectionColumns)}`.execute(db)
  await sql`
    insert into report_contact_facts as f (contact_id, referral_id, occurred_on, did_not_attend, person_id, occurred_at,
      barriers, in_chosen_language)
    select sc.id, e.referral_id, ${day('sc.occurred_at')}, sc.did_not_attend, sc.person_id, sc.occurred_at,
      sc.barriers, coalesce(sc.language = p.language, false)
    from support_contacts sc join episodes e on e.id = sc.episode_id join people p on p.id = sc.person_id
    where ${ofScope}
    order by sc.occurred_at, sc.id
    ${onConflict('contact_id', contactColumns)}`.execute(db)
}

/** The columns an upsert sets (all but the key), as the inserts above list them (monthly-pass.test.ts checks them against the tables). */
export const connectionColumns = [
  'referral_id', 'person_id', 'kind', 'status', 'service_id', 'service_organisation_id', 'categories',
  'attending_types', 'created_on', 'reached_referred', 'reached_accepted', 'reached_attended', 'reached_completed',
  'accepted_on', 'first_attended_on', 'ended_on', 'did_not_attend_count', 'local_authority_code', 'reasons',
] as const
export const contactColumns = [
  'referral_id', 'occurred_on', 'did_not_attend', 'person_id', 'occurred_at', 'barriers', 'in_chosen_language',
] as const
