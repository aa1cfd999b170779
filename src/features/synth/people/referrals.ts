import { sql } from 'kysely'
import { id, normal, u, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { exec } from './exec.js'
import { at } from './people.js'
import { referralSpread, textArray } from './vocabulary.js'

/**
 * Referrals (issue 9), staged in `synth.ref` with everything later rows need (times, status, practitioner), then
 * written as the referral forms and triage would have: the referral, its consents, its contact attempts and the
 * notification of the decision. Draws use fields 100–199 keyed by the referral number r.
 */

/** Routes: about three quarters from health (DESIGN §2 step 1), primary care most. */
export const ROUTE_WEIGHTS = {
  primary_care: 62,
  secondary_care: 13,
  self: 10,
  social_services: 5,
  housing: 3,
  third_sector: 3,
  job_centre: 1.2,
  education: 0.8,
  police: 0.7,
  fire_and_rescue: 0.3,
  other: 1,
} as const

/** How likely each reason is on a referral (several may be given); at most three are kept. */
const REASON_CHANCE = {
  physical_wellbeing: 0.22,
  mental_wellbeing: 0.45,
  social_wellbeing: 0.25,
  financial_wellbeing: 0.15,
  loneliness_isolation: 0.3,
  housing: 0.07,
  carer_support: 0.06,
  other: 0.04,
} as const

const ROLES: Record<string, string> = {
  primary_care: 'GP',
  secondary_care: 'Ward nurse',
  social_services: 'Social worker',
  housing: 'Housing officer',
  third_sector: 'Support worker',
  job_centre: 'Work coach',
  education: 'College wellbeing officer',
  police: 'PCSO',
  fire_and_rescue: 'Safe and well officer',
  other: 'Community worker',
}

const DETAILS = [
  'Feeling low since retiring and rarely goes out.',
  'Recently bereaved, lives alone.',
  'Struggling with bills and worried about debt.',
  'Wants to be more active after a heart attack.',
  'Anxious about leaving the house since the pandemic.',
  'Caring for a partner with dementia.',
  'Frequent GP visits for reasons that are mostly social.',
  'Teimlo’n unig ers symud i’r ardal.',
  'Would like to meet people with similar interests.',
  'Long-term back pain, keen to try something new.',
]

export async function stageReferrals(ctx: SynthContext): Promise<void> {
  const { db, plan } = ctx
  const s = plan.seed
  const P = plan.people
  const { threeReferrals: T } = referralSpread(plan)
  const E = plan.episodes
  const R = plan.referrals
  const end = `timestamptz '${plan.until}T00:00:00Z' + interval '1 day'`
  const lognormalDays = (median: number, sigma: number, field: number) =>
    `exp(ln(${median}) + ${sigma} * ${normal(s, 'r', field)})`
  const professional = `route <> 'self'`
  const reasonsSql = `(array_remove(array[${Object.entries(REASON_CHANCE)
    .map(([reason, p], i) => `case when ${u(s, 'r', 130 + i)} < ${p} then '${reason}' end`)
    .join(', ')}]::text[], null))[1:3]`
  await exec(
    ctx,
    `create table synth.ref as
      select r, p, ordinal, person.provider, person.la_code, episode,
        person.age + (case ordinal when 1 then 0 when 2 then person.t2 - person.t1 else person.t3 - person.t1 end) / 365.25 < 18.05 as young, accepted, route, channel,
        received_at, rem,
        case when ${professional} and channel in ('professional_form', 'api') then 1 + floor(${u(s, 'r', 110)} * ${plan.referrerOrganisations})::int end as referrer,
        -- Practitioner q of the provider: k, k + providers, k + 2·providers …
        person.provider + ${plan.providers} * floor(${u(s, 'r', 111)} * (floor((${plan.practitioners} - person.provider)::float8 / ${plan.providers}) + 1))::int as practitioner,
        ${lognormalDays(5, 0.85, 112)} as first_contact_days,
        ${u(s, 'r', 113)} as u_status,
        ${u(s, 'r', 114)} as u_contacted,
        floor(${u(s, 'r', 115)} * 3)::int as fails,
        coalesce(nullif(${reasonsSql}, '{}'),
          array[${weighted(u(s, 'r', 129), { mental_wellbeing: 4, loneliness_isolation: 3, physical_wellbeing: 2, social_wellbeing: 2, financial_wellbeing: 1 })}]) as reasons,
        route <> 'self' and ${u(s, 'r', 128)} < 0.7 as share_outcome
      from (
        select r, x.p, x.ordinal,
          case when (r * ${E}) / ${R} > ((r - 1) * ${E}) / ${R} then (r * ${E}) / ${R} end as episode,
          (r * ${E}) / ${R} > ((r - 1) * ${E}) / ${R} as accepted,
          ${weighted(u(s, 'r', 101), ROUTE_WEIGHTS)} as route0, ${u(s, 'r', 102)} as u_channel
        from generate_series(1::bigint, ${R}) r
        cross join lateral (select
          case when r <= ${P} then r when r <= ${P + 2 * T} then (r - ${P} + 1) / 2 else ${T} + r - ${P + 2 * T} end as p,
          case when r <= ${P} then 1 when r <= ${P + 2 * T} then 2 + (r - ${P} + 1) % 2 else 2 end as ordinal) x
      ) rr
      join synth.person person using (p)
      cross join lateral (select route0 as route,
        case when route0 = 'self' then (case when u_channel < 0.85 then 'self_referral_form' else 'practitioner' end)
          when u_channel < 0.55 then 'professional_form' when u_channel < 0.85 then 'api' else 'practitioner' end as channel,
        date_trunc('day', ${at(ctx, 'case ordinal when 1 then person.t1 when 2 then person.t2 else person.t3 end')})
          + (8 + ${u(s, 'r', 103)} * 9.5) * interval '1 hour' as received_at) c
      cross join lateral (select extract(epoch from (${end}) - received_at) / 86400 as rem) m`,
  )
  await sql`alter table synth.ref add primary key (r)`.execute(db)
  // The outcome of each referral and its times: first contact (median about five days, a long tail), triage.
  await exec(
    ctx,
    `create table synth.triage as
      select r, status, first_contact_at, triaged_at,
        case status when 'accepted' then fails when 'unable_to_contact' then 3 when 'received' then least(fails, 2) else least(fails, 1) end as unsuccessful
      from (
        select r, fails, case when accepted then 'accepted'
            when rem < 21 and u_status < 0.85 then 'received'
            when u_status < 0.6 then 'declined' else 'unable_to_contact' end as status,
          received_at, rem, first_contact_days, u_contacted
        from synth.ref
      ) x
      cross join lateral (select
        case when status = 'accepted' or (status = 'declined' and u_contacted < 0.5)
          then received_at + least(first_contact_days, rem * 0.5) * interval '1 day' end as first_contact_at) f
      cross join lateral (select case status
          when 'accepted' then first_contact_at + least(${u(s, 'r', 116)} * 2, rem * 0.4) * interval '1 day'
          when 'declined' then coalesce(first_contact_at, received_at) + least(${u(s, 'r', 117)} * 4, rem * 0.4) * interval '1 day'
          when 'unable_to_contact' then received_at + least(6 + ${u(s, 'r', 118)} * 8, rem * 0.9) * interval '1 day'
        end as triaged_at) t`,
  )
  await sql`alter table synth.triage add primary key (r)`.execute(db)
}

/** The team lead of practitioner q's team, who triages (organisations stage: team of q, lead of that team). */
export const teamLeadOf = (ctx: SynthContext, q: string): string => {
  const P = ctx.plan.providers
  const T = ctx.plan.teamsPerProvider
  return id(ctx.plan.seed, 'team_lead', `((((${q}) - 1) % ${P}) * ${T} + (((${q}) - 1) / ${P}) % ${T} + 1)`)
}

/** Base-32 reference CYS-XXXX-XXXX from r: a bijection of r on 40 bits, so every reference is different. */
function referenceSql(seed: number): string {
  const x = `((((r * 1103515245 + ${(seed % 1000003) * 7919 + 12345}) % 1099511627776) # (((r * 1103515245 + ${(seed % 1000003) * 7919 + 12345}) % 1099511627776) >> 20)))`
  const ch = (i: number) => `substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((${x} >> ${5 * i}) & 31)::int + 1, 1)`
  return `'CYS-' || ${[7, 6, 5, 4].map(ch).join(' || ')} || '-' || ${[3, 2, 1, 0].map(ch).join(' || ')}`
}

export async function insertReferrals(
  ctx: SynthContext,
  count: (table: string, n: bigint | undefined) => void,
): Promise<void> {
  const { plan } = ctx
  const s = plan.seed
  const roles = `(case route ${Object.entries(ROLES)
    .map(([r, role]) => `when '${r}' then '${role}'`)
    .join(' ')} end)`
  const referrerOrg = (k: string) => id(s, 'referrer_org', k)
  const result = await exec(
    ctx,
    `insert into referrals (id, reference, person_id, organisation_id, route, channel, referrer_user_id, referrer_organisation_id,
        referrer_name, referrer_role, referrer_organisation_name, referrer_contact, reasons, reason_details, clinical_diagnosis,
        risks, lone_worker_risk, urgency, crisis, person_agreed, share_outcome_with_referrer, consent_given_by, young_person_competent,
        status, received_at, first_contact_at, triaged_at, triaged_by, decline_reason, decline_explanation, redirected_to,
        allocated_practitioner_id, created_at, updated_at)
      select ${id(s, 'referral', 'r')}, ${referenceSql(s)}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}, route, channel,
        case when referrer is not null then ${id(s, 'referrer', 'referrer')} end,
        case when referrer is not null then ${referrerOrg('referrer')} end,
        case when referrer is not null then 'Referrer ' || referrer when route <> 'self' then ${textArray(['Dr Evans', 'Nurse Pritchard', 'Mr Hughes', 'Ms Rees', 'Dr Khan'])}[1 + floor(${u(s, 'r', 120)} * 5)::int] end,
        case when route <> 'self' then ${roles} end,
        case when referrer is not null then 'Synthetic referring organisation ' || referrer end,
        case when referrer is not null then 'referrer-' || referrer || '@synth.example' when route <> 'self' then '01234 567' || lpad((r % 1000)::text, 3, '0') end,
        reasons,
        case when ${u(s, 'r', 121)} < 0.6 then ${textArray(DETAILS)}[1 + floor(${u(s, 'r', 122)} * ${DETAILS.length})::int] end,
        case when route in ('primary_care', 'secondary_care') and ${u(s, 'r', 123)} < 0.3
          then ${textArray(['Type 2 diabetes', 'COPD', 'Depression', 'Anxiety', 'Chronic pain', 'Heart failure', 'Fibromyalgia', 'Osteoarthritis'])}[1 + floor(${u(s, 'r', 124)} * 8)::int] end,
        case when ${u(s, 'r', 125)} < 0.04 then 'Lives alone with a large dog: phone before visiting.' end,
        ${u(s, 'r', 125)} < 0.02,
        ${weighted(u(s, 'r', 126), { routine: 85, soon: 12, urgent: 3 })}, ${u(s, 'r', 127)} < 0.01,
        true, share_outcome, 'person',
        case when route <> 'self' and young then true end,
        t.status, received_at, t.first_contact_at, t.triaged_at,
        case when t.status <> 'received' then ${teamLeadOf(ctx, 'practitioner')} end,
        case when t.status = 'declined' then ${weighted(u(s, 'r', 140), { multi_agency: 15, clinical_or_specialist: 20, acute_mental_health: 10, safeguarding: 3, out_of_area: 12, duplicate: 8, person_declined: 32 })} end,
        case when t.status = 'declined' then 'Explained to the referrer by phone.' end,
        case when t.status = 'declined' and ${u(s, 'r', 141)} < 0.3 then ${textArray(['Community mental health team', 'Citizens Advice', 'Local area coordinator', 'Dewis Cymru'])}[1 + floor(${u(s, 'r', 142)} * 4)::int] end,
        case when t.status = 'accepted' then ${id(s, 'practitioner', 'practitioner')} end,
        received_at, coalesce(t.triaged_at, t.first_contact_at, received_at)
      from synth.ref join synth.triage t using (r)`,
  )
  count('referrals', result)
}
