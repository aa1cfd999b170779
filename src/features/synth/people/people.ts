import { sql } from 'kysely'
import { id, u, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { exec } from './exec.js'
import {
  familyNames,
  givenNames,
  growthQuantileSql,
  localAuthorities,
  nameList,
  pickBy,
  providersServing,
  referralSpread,
  textArray,
} from './vocabulary.js'

/**
 * The people (issue 9): one row each in a staging table `synth.person` (where they live, which provider holds their
 * record, when their referrals come), then the `people` rows the referral forms would have written. Draws use
 * fields 1–99 keyed by the person number p. The staging tables live in the `synth` schema, dropped after the run.
 */

/** Days in the ten years, `from` to the end of `until`. */
export function spanDays(ctx: SynthContext): number {
  return Math.round(
    (Date.parse(`${ctx.plan.until}T00:00:00Z`) + 86_400_000 - Date.parse(`${ctx.plan.from}T00:00:00Z`)) / 86_400_000,
  )
}

/** SQL text of the instant `days` (SQL text) after the start of `from`. */
export const at = (ctx: SynthContext, days: string): string =>
  `(timestamptz '${ctx.plan.from}T00:00:00Z' + (${days}) * interval '1 day')`

/** The minimum distance, in growth quantiles, between one person's referrals: one episode ends before the next. */
const RETURN_GAP = 0.1

const AGE_BANDS: Readonly<Record<string, number>> = {
  '16': 1.5,
  '18': 6,
  '25': 9,
  '35': 11,
  '45': 15,
  '55': 18,
  '65': 18,
  '75': 15,
  '85': 6.5,
}
const BAND_TOP: Readonly<Record<string, number>> = {
  '16': 18,
  '18': 25,
  '25': 35,
  '35': 45,
  '45': 55,
  '55': 65,
  '65': 75,
  '75': 85,
  '85': 96,
}

const STREETS = [
  'Stryd Fawr',
  'High Street',
  'Heol y Parc',
  'Church Road',
  'Ffordd yr Orsaf',
  'Station Road',
  'Maes y Dref',
  'Bryn Teg',
  'Heol Newydd',
  'Victoria Road',
  'Lôn Las',
  'Park Avenue',
]

export async function stagePeople(ctx: SynthContext): Promise<void> {
  const { db, plan } = ctx
  const s = plan.seed
  const codes = Object.keys(localAuthorities).sort()
  const total = codes.reduce((sum, c) => sum + localAuthorities[c]!.population, 0)
  let cumulative = 0
  const laBounds = codes.map((code) => {
    const bound = cumulative / total
    cumulative += localAuthorities[code]!.population
    return bound
  })
  const rows = codes.map(
    (code, i) =>
      `(${i + 1}, '${code}', ${laBounds[i]}, ${localAuthorities[code]!.welsh}, array[${providersServing(plan, i).join(',')}]::int[])`,
  )
  await sql`create table synth.la (idx int primary key, code text, bound float8, welsh float8, providers int[])`.execute(
    db,
  )
  await sql.raw(`insert into synth.la values ${rows.join(',')}`).execute(db)
  // The demo postcodes of each authority, numbered, so a person picks one by number.
  await sql`create table synth.pc as
    select p.local_authority_code as la_code, p.postcode, p.lsoa_code, w.decile,
      row_number() over (partition by p.local_authority_code order by p.postcode) as rn,
      count(*) over (partition by p.local_authority_code) as n
    from postcodes p left join wimd_ranks w on w.lsoa_code = p.lsoa_code
    where p.local_authority_code is not null`.execute(db)
  await sql`create index on synth.pc (la_code, rn)`.execute(db)

  const { threeReferrals: T, twoReferrals: two } = referralSpread(plan)
  const g = RETURN_GAP
  // Ordered draws with a gap: k uniforms on [0, 1 − (k − 1)g], sorted, the i-th moved on by (i − 1)g.
  const v = (f: number, k: string) => `(${u(s, 'p', f)} * (1 - (${k} - 1) * ${g}))`
  await exec(
    ctx,
    `create table synth.person as
      select p, la.code as la_code, la.welsh, nrefs,
        band + ${u(s, 'p', 12)} * (case band ${Object.entries(BAND_TOP)
          .map(([b, t]) => `when ${b} then ${t - Number(b)}`)
          .join(' ')} end) as age,
        la.providers[1 + floor(${u(s, 'p', 2)} * cardinality(la.providers))::int] as provider,
        ${spanDays(ctx)} * ${growthQuantileSql('case when nrefs = 1 then ' + u(s, 'p', 3) + ' else least(a, b, c) end')} as t1,
        ${spanDays(ctx)} * ${growthQuantileSql(`case when nrefs = 2 then greatest(a, b) + ${g} else a + b + c - least(a, b, c) - greatest(a, b, c) + ${g} end`)} as t2,
        ${spanDays(ctx)} * ${growthQuantileSql(`greatest(a, b, c) + ${2 * g}`)} as t3
      from (
        select p, case when p <= ${T} then 3 when p <= ${T + two} then 2 else 1 end as nrefs,
          width_bucket(${u(s, 'p', 1)}, array[${laBounds.join(',')}]::float8[]) as la_idx
        from generate_series(1::bigint, ${plan.people}) p
      ) x
      join synth.la la on la.idx = x.la_idx
      cross join lateral (select ${weighted(u(s, 'p', 11), AGE_BANDS, 'int')} as band) b
      cross join lateral (select ${v(4, 'nrefs')} as a, ${v(5, 'nrefs')} as b,
        case when nrefs = 3 then ${v(6, 'nrefs')} else ${v(4, 'nrefs')} end as c) o`,
  )
  await sql`alter table synth.person add primary key (p)`.execute(db)
}

/** The `people` rows, as the referral form writes them, with the demographics the later edits add. */
export async function insertPeople(ctx: SynthContext): Promise<number> {
  const { plan } = ctx
  const s = plan.seed
  const female = nameList(givenNames.female)
  const male = nameList(givenNames.male)
  const family = nameList(familyNames)
  const sex = weighted(u(s, 'p', 10), { female: 60, male: 38, prefer_not_to_say: 1, none: 1 })
  const pickName = (list: typeof female, field: number, part: 'names' | 'matches') =>
    pickBy(u(s, 'p', field), list[part], list.bounds)
  const orNull = (expr: string) => `nullif(${expr}, 'none')`
  const result = await exec(
    ctx,
    `insert into people (id, organisation_id, given_name, family_name, match_name, date_of_birth, nhs_number, postcode,
        local_authority_code, lsoa_code, wimd_decile, phone, email, address, contact_methods, safe_to_leave_message,
        language, welsh_offer_made, communication_needs, interpreter_language, sex, gender_identity, sexual_orientation,
        ethnicity, religion, disability, pregnancy_maternity, marital_status, is_carer, has_support, housing_tenure,
        used_social_prescribing_before, guardian_name, guardian_relationship, guardian_contact,
        guardian_has_parental_responsibility, created_at, updated_at)
      select ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}, given, fam, given_match || ' ' || fam_match,
        (first_at - make_interval(days => floor(age * 365.25)::int))::date,
        case when nhs_check < 10 and p < 1000000 then '999' || lpad(m::text, 6, '0') || nhs_check end,
        pc.postcode, person.la_code, pc.lsoa_code, pc.decile,
        '07700 900' || lpad((p % 1000)::text, 3, '0'),
        case when ${u(s, 'p', 20)} < 0.5 then replace(given_match || '.' || fam_match, ' ', '') || (p % 97) || '@example.com' end,
        (1 + floor(${u(s, 'p', 21)} * 120)::int) || ' ' || ${textArray(STREETS)}[1 + floor(${u(s, 'p', 22)} * ${STREETS.length})::int],
        case when ${u(s, 'p', 23)} < 0.75 then array['phone'] when ${u(s, 'p', 23)} < 0.9 then array['phone', 'email'] when ${u(s, 'p', 23)} < 0.96 then array['text'] else array['letter'] end,
        ${u(s, 'p', 24)} < 0.85,
        case when cy then 'cy' else 'en' end, cy or ${u(s, 'p', 25)} < 0.8,
        case when ${u(s, 'p', 26)} < 0.02 then array['large_print'] when ${u(s, 'p', 26)} < 0.03 then array['hearing_loop']
          when ${u(s, 'p', 26)} < 0.036 then array['interpreter'] when ${u(s, 'p', 26)} < 0.04 then array['bsl'] else array[]::text[] end,
        case when ${u(s, 'p', 26)} >= 0.03 and ${u(s, 'p', 26)} < 0.036 then ${textArray(['Polish', 'Arabic', 'Bengali', 'Urdu', 'Romanian'])}[1 + floor(${u(s, 'p', 27)} * 5)::int] end,
        ${orNull('sex')},
        ${orNull(weighted(u(s, 'p', 30), { same_as_registered_at_birth: 92, different_from_registered_at_birth: 0.5, prefer_not_to_say: 2.5, none: 5 }))},
        ${orNull(weighted(u(s, 'p', 31), { straight: 84, gay_or_lesbian: 2, bisexual: 1.5, other: 0.5, prefer_not_to_say: 5, none: 7 }))},
        ${orNull(
          weighted(u(s, 'p', 32), {
            white_welsh_english_scottish_northern_irish_british: 89,
            white_irish: 0.5,
            white_gypsy_or_irish_traveller: 0.3,
            white_roma: 0.1,
            white_other: 3.6,
            mixed_white_black_caribbean: 0.4,
            mixed_white_black_african: 0.2,
            mixed_white_asian: 0.4,
            mixed_other: 0.3,
            asian_indian: 0.6,
            asian_pakistani: 0.4,
            asian_bangladeshi: 0.4,
            asian_chinese: 0.3,
            asian_other: 0.5,
            black_caribbean: 0.2,
            black_african: 0.5,
            black_other: 0.1,
            other_arab: 0.3,
            other_any: 0.3,
            prefer_not_to_say: 1,
            none: 0.9,
          }),
        )},
        ${orNull(weighted(u(s, 'p', 33), { no_religion: 45, christian: 42, muslim: 2, hindu: 0.4, buddhist: 0.4, sikh: 0.1, jewish: 0.1, other: 0.6, prefer_not_to_say: 5, none: 4.4 }))},
        ${orNull(weighted(u(s, 'p', 34), { limited_a_lot: 10, limited_a_little: 11, no: 70, prefer_not_to_say: 4, none: 5 }))},
        case when sex = 'female' and age < 45 then ${orNull(weighted(u(s, 'p', 35), { no: 90, pregnant: 3, given_birth_last_26_weeks: 3, prefer_not_to_say: 2, none: 2 }))} end,
        ${orNull(
          weighted(u(s, 'p', 36), {
            never_married: 30,
            married: 40,
            civil_partnership: 0.5,
            separated: 3,
            divorced_or_dissolved: 10,
            widowed_or_surviving_partner: 10,
            prefer_not_to_say: 3,
            none: 3.5,
          }),
        )},
        ${orNull(weighted(u(s, 'p', 37), { yes: 12, no: 78, prefer_not_to_say: 3, none: 7 }))},
        ${orNull(weighted(u(s, 'p', 38), { yes: 60, no: 30, prefer_not_to_say: 3, none: 7 }))},
        case when age < 18 then 'lives_with_family_or_friends' else ${orNull(
          weighted(u(s, 'p', 39), {
            owns_outright: 28,
            owns_with_mortgage: 22,
            shared_ownership: 1,
            rents_from_council: 9,
            rents_from_housing_association: 10,
            rents_privately: 15,
            lives_with_family_or_friends: 7,
            supported_housing: 2,
            temporary_accommodation: 1,
            homeless: 0.5,
            other: 1,
            prefer_not_to_say: 2.5,
            none: 1,
          }),
        )} end,
        ${weighted(u(s, 'p', 40), { no: 70, not_sure: 15, yes: 15 })},
        case when age < 18 then ${pickBy(u(s, 'p', 41), female.names, female.bounds)} || ' ' || fam end,
        case when age < 18 then 'parent' end,
        case when age < 18 then '07700 901' || lpad((p % 1000)::text, 3, '0') end,
        case when age < 18 then true end,
        first_at, first_at
      from (
        select person.*, ${at(ctx, 't1')} as first_at,
          ${sex} as sex,
          ${u(s, 'p', 13)} < welsh as cy,
          ((p * 7919 + ${s}) % 1000000 + 1000000) % 1000000 as m
        from synth.person person
      ) person
      cross join lateral (select
        case when sex = 'male' or (sex <> 'female' and ${u(s, 'p', 14)} < 0.4) then ${pickName(male, 15, 'names')} else ${pickName(female, 15, 'names')} end as given,
        case when sex = 'male' or (sex <> 'female' and ${u(s, 'p', 14)} < 0.4) then ${pickName(male, 15, 'matches')} else ${pickName(female, 15, 'matches')} end as given_match,
        ${pickName(family, 16, 'names')} as fam, ${pickName(family, 16, 'matches')} as fam_match,
        (11 - (243 + (m / 100000) % 10 * 7 + (m / 10000) % 10 * 6 + (m / 1000) % 10 * 5 + (m / 100) % 10 * 4 + (m / 10) % 10 * 3 + m % 10 * 2) % 11) % 11 as nhs_check
      ) n
      join synth.pc pc on pc.la_code = person.la_code and pc.rn = 1 + floor(${u(s, 'p', 17)} * pc.n)::int`,
  )
  return Number(result ?? 0)
}
