import { id, normal, u, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { exec } from './exec.js'
import type { Count } from './referral-records.js'

/**
 * The optional episode-level records (issue 9): healthcare use asked at the start and the end for a share of
 * episodes (CDS #57–#61), what the person says changed at closing for some (migrations/0030), and the odd
 * safeguarding concern with its escalation and history (safeguarding/repository.ts). Draws use fields 450–499 by e.
 */
export async function insertOutcomes(ctx: SynthContext, count: Count): Promise<void> {
  const { plan } = ctx
  const s = plan.seed
  const common = `${id(s, 'person', 'p')}, ${id(s, 'episode', 'e')}, ${id(s, 'provider', 'provider')}`
  const practitioner = id(s, 'practitioner', 'practitioner')
  const day = (ts: string) => `((${ts}) at time zone 'UTC')::date`
  // Counts in the last three months: a few GP appointments, the odd A&E visit; fewer at the end on average.
  const uses = (field: number, mean: number, scale: string) =>
    `least(99, greatest(0, floor(${mean} * ${scale} * exp(0.7 * ${normal(s, 'e', field)} - 0.25))))::int`
  const items = (scale: string, base: number) =>
    [
      uses(base, 3, scale),
      uses(base + 1, 2, scale),
      uses(base + 2, 0.4, scale),
      uses(base + 3, 0.2, scale),
      uses(base + 4, 1, scale),
    ].join(', ')
  count(
    'healthcare_use',
    await exec(
      ctx,
      `insert into healthcare_use (id, person_id, episode_id, organisation_id, occasion, asked_on, gp_appointments, gp_contacts,
        ae_attendances, emergency_calls, other_services, recorded_by, created_at, updated_at)
      select ${id(s, 'healthcare_use', 'e * 2')}, ${common}, 'start', held_on, ${items('1', 451)}, ${practitioner}, wm_at, wm_at
      from synth.wm where completed and ${u(s, 'e', 450)} < 0.4
      union all
      select ${id(s, 'healthcare_use', 'e * 2 + 1')}, ${common}, 'end', ${day('ended_at')}, ${items('0.75', 461)}, ${practitioner}, ended_at, ended_at
      from synth.wm where completed and ${u(s, 'e', 450)} < 0.4 and closed and ${u(s, 'e', 456)} < 0.6`,
    ),
  )
  const answer = (field: number, weights: Record<string, number>) =>
    `nullif(${weighted(u(s, 'e', field), weights)}, 'none')`
  count(
    'episode_closing_outcomes',
    await exec(
      ctx,
      `insert into episode_closing_outcomes (episode_id, person_id, organisation_id, learnt_skills, knows_support, started_volunteering,
        benefits_income, employment, medication, statutory_gap, carers_assessment, carer_supports_access, recorded_by, recorded_at, updated_at)
      select ${id(s, 'episode', 'e')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')},
        ${answer(470, { yes: 45, no: 40, not_known: 10, none: 5 })}, ${answer(471, { yes: 70, no: 20, not_known: 10 })},
        ${answer(472, { yes: 8, no: 80, not_known: 7, none: 5 })}, ${answer(473, { increased: 15, no_change: 65, decreased: 3, not_known: 12, none: 5 })},
        ${answer(474, { into_work: 4, more_hours: 2, no_change: 75, out_of_work: 2, fewer_hours: 1, not_known: 10, none: 6 })},
        ${answer(475, { reduced: 8, no_change: 70, increased: 4, not_known: 13, none: 5 })}, ${answer(476, { yes: 20, no: 55, not_known: 15, none: 10 })},
        ${answer(477, { yes: 3, no: 60, none: 37 })}, ${answer(478, { yes: 5, no: 50, none: 45 })},
        ${id(s, 'practitioner', 'practitioner')}, ended_at, ended_at
      from synth.ep where closed and ${u(s, 'e', 469)} < 0.25`,
    ),
  )
  // About one episode in two hundred raises a concern a few days in; closed with an outcome when the episode closed.
  await exec(
    ctx,
    `create table synth.concern as
    select e, p, provider, practitioner, closed, ended_at, started_at + (1 + ${u(s, 'e', 481)} * 5) * interval '1 day' as raised_at,
      ${weighted(u(s, 'e', 482), { self_neglect: 25, financial_or_material: 20, domestic_abuse: 18, psychological: 12, neglect: 8, physical: 7, substance_misuse: 5, exploitation: 3, sexual: 1, organisational: 1 })} as category,
      ${u(s, 'e', 483)} < 0.6 as escalated
    from synth.ep where ${u(s, 'e', 480)} < 0.005 and started_at + interval '6 days' < coalesce(ended_at, timestamptz '${plan.until}T00:00:00Z')`,
  )
  count(
    'safeguarding_concerns',
    await exec(
      ctx,
      `insert into safeguarding_concerns (id, person_id, organisation_id, episode_id, category, about, noticed_on, what_happened, action_taken,
        outcome, status, raised_by, raised_by_side, raised_at, updated_at, closed_at, closed_by)
      select ${id(s, 'concern', 'e')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}, ${id(s, 'episode', 'e')}, category, 'adult',
        ${day('raised_at')}, 'Raised during a home visit; details in the record of the conversation.',
        case when escalated then 'Discussed with the safeguarding lead and referred to the local authority.' else 'Discussed with the supervisor.' end,
        case when closed then 'Local authority followed up; no further action by the service.' end,
        case when closed then 'closed' else 'open' end, ${practitioner}, 'provider', raised_at,
        coalesce(ended_at, raised_at), ended_at, case when closed then ${practitioner} end
      from synth.concern`,
    ),
  )
  count(
    'safeguarding_escalations',
    await exec(
      ctx,
      `insert into safeguarding_escalations (id, concern_id, escalated_to, escalated_on, reference, recorded_by, recorded_at)
      select ${id(s, 'escalation', 'e')}, ${id(s, 'concern', 'e')}, 'local_authority', ${day('raised_at')}, 'LA-' || e, ${practitioner}, raised_at
      from synth.concern where escalated`,
    ),
  )
  count(
    'safeguarding_concern_events',
    await exec(
      ctx,
      `insert into safeguarding_concern_events (id, concern_id, kind, detail, escalation_id, actor_user_id, at)
      select ${id(s, 'concern_event', 'e * 4')}, ${id(s, 'concern', 'e')}, 'raised', null, null, ${practitioner}, raised_at from synth.concern
      union all
      select ${id(s, 'concern_event', 'e * 4 + 1')}, ${id(s, 'concern', 'e')}, 'escalated', 'local_authority', ${id(s, 'escalation', 'e')}, ${practitioner}, raised_at
      from synth.concern where escalated
      union all
      select ${id(s, 'concern_event', 'e * 4 + 2')}, ${id(s, 'concern', 'e')}, 'outcome', 'Local authority followed up; no further action by the service.', null,
        ${practitioner}, ended_at from synth.concern where closed
      union all
      select ${id(s, 'concern_event', 'e * 4 + 3')}, ${id(s, 'concern', 'e')}, 'closed', null, null, ${practitioner}, ended_at from synth.concern where closed`,
    ),
  )
}
