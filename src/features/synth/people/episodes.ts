import { sql } from 'kysely'
import { id, normal, u, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { exec } from './exec.js'
import type { Count } from './referral-records.js'
import { teamLeadOf } from './referrals.js'
import { textArray } from './vocabulary.js'

/**
 * Episodes of support (issue 9): one per accepted referral, numbered e = floor(r · episodes / referrals), id
 * synth.id('episode', e). Staged in `synth.ep` (the journey stage reads the `episodes` table, not this), then
 * written with what triage and closing write (episodes/actions.ts): the level-of-support events, the closing and
 * the feedback to the referrer with its disclosure. Draws use fields 200–299 keyed by e.
 */

export const CLOSING_REASONS = {
  goals_met: 64,
  disengaged: 13,
  withdrew: 10,
  not_appropriate: 6,
  moved_away: 4,
  died: 1.5,
} as const

const SUMMARIES: Record<string, readonly string[]> = {
  goals_met: [
    'Met the goals in the plan and now goes to a weekly group.',
    'Feels more confident and knows where to get support.',
    'Connected to local groups; no further support needed.',
  ],
  disengaged: ['Stopped replying to calls and letters.', 'Did not attend the last three appointments.'],
  withdrew: ['Decided this was not the right time.', 'Chose to stop; knows they can come back.'],
  not_appropriate: ['Needs specialist support; referred back to the GP.'],
  moved_away: ['Moved out of the area; given details of the local service.'],
  died: ['Died during the episode of support.'],
}

export async function stageEpisodes(ctx: SynthContext): Promise<void> {
  const { db, plan } = ctx
  const s = plan.seed
  const end = `timestamptz '${plan.until}T00:00:00Z' + interval '1 day'`
  const logDays = (median: number, sigma: number, field: number) =>
    `exp(ln(${median}) + ${sigma} * ${normal(s, 'episode', field)})`
  await exec(
    ctx,
    `create table synth.ep as
      select episode as e, r, p, provider, practitioner, route, channel, referrer, share_outcome, reasons,
        t.triaged_at as started_at, level0, changed, level,
        case when changed then t.triaged_at + dur * 0.3 * interval '1 day' end as changed_at,
        t.triaged_at + dur * interval '1 day' < ${end} as closed,
        case when t.triaged_at + dur * interval '1 day' < ${end} then t.triaged_at + dur * interval '1 day' end as ended_at,
        ${weighted(u(s, 'episode', 204), CLOSING_REASONS)} as closing_reason,
        ${u(s, 'episode', 205)} as u_feedback
      from synth.ref join synth.triage t using (r)
      cross join lateral (select ${weighted(u(s, 'episode', 201), { signposting: 25, short_term: 45, holistic: 30 })} as level0) l
      cross join lateral (select level0 = 'short_term' and ${u(s, 'episode', 202)} < 0.1 as changed0) c
      cross join lateral (select case level0 when 'signposting' then 14 + ${u(s, 'episode', 203)} * 56
          when 'short_term' then least(${logDays(95, 0.45, 206)}, 300) * (case when changed0 then 1.4 else 1 end)
          else least(${logDays(170, 0.4, 207)}, 450) end as dur) d
      -- A change of level (short term to holistic) a third of the way through, if that has happened by the end.
      cross join lateral (select changed0 and t.triaged_at + dur * 0.3 * interval '1 day' < ${end} as changed) c2
      cross join lateral (select case when changed then 'holistic' else level0 end as level) lv
      where t.status = 'accepted'`,
  )
  await sql`alter table synth.ep add primary key (e)`.execute(db)
}

export async function insertEpisodes(ctx: SynthContext, count: Count): Promise<void> {
  const { plan } = ctx
  const s = plan.seed
  const end = `timestamptz '${plan.until}T00:00:00Z' + interval '1 day'`
  const practitioner = id(s, 'practitioner', 'practitioner')
  const summary = `(case closing_reason ${Object.entries(SUMMARIES)
    .map(
      ([reason, texts]) =>
        `when '${reason}' then ${textArray(texts)}[1 + floor(${u(s, 'e', 210)} * ${texts.length})::int]`,
    )
    .join(' ')} end)`
  // Feedback goes to a professional referrer from outside who was promised it (episodes/rules.ts feedbackCheck).
  const feedback = `(closed and referrer is not null and share_outcome and u_feedback < 0.85)`
  const episodes = await exec(
    ctx,
    `insert into episodes (id, person_id, referral_id, organisation_id, practitioner_id, status, started_at, ended_at,
        level_of_support, closing_reason, closing_summary, closed_by, feedback_sent_at)
      select ${id(s, 'episode', 'e')}, ${id(s, 'person', 'p')}, ${id(s, 'referral', 'r')}, ${id(s, 'provider', 'provider')}, ${practitioner},
        case when closed then 'closed' else 'open' end, started_at, ended_at, level,
        case when closed then closing_reason end, case when closed then ${summary} end, case when closed then ${practitioner} end,
        case when ${feedback} then ended_at end
      from synth.ep`,
  )
  count('episodes', episodes)

  const event = (n: number) => id(s, 'episode_event', `e * 4 + ${n}`)
  const common = `${id(s, 'episode', 'e')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}`
  const events = await exec(
    ctx,
    `insert into episode_events (id, episode_id, person_id, organisation_id, kind, level_of_support, previous_level, closing_reason, actor_user_id, at)
      select ${event(0)}, ${common}, 'level_set', level0, null, null, ${teamLeadOf(ctx, 'practitioner')}, started_at from synth.ep
      union all
      select ${event(1)}, ${common}, 'level_changed', level, level0, null, ${practitioner}, changed_at
        from synth.ep where changed
      union all
      select ${event(2)}, ${common}, 'closed', null, null, closing_reason, ${practitioner}, ended_at from synth.ep where closed
      union all
      select ${event(3)}, ${common}, 'feedback_sent', null, null, null, ${practitioner}, ended_at from synth.ep where ${feedback}`,
  )
  count('episode_events', events)

  // The feedback's notification to the referrer and its disclosure, on the consent given with the referral.
  const notes = await exec(
    ctx,
    `insert into notifications (id, organisation_id, referral_id, recipient_user_id, kind, channel, created_at, sent_at)
      select ${id(s, 'feedback_notification', 'e')}, ${id(s, 'provider', 'provider')}, ${id(s, 'referral', 'r')},
        ${id(s, 'referrer', 'referrer')}, 'episode.feedback', 'log', ended_at, ended_at
      from synth.ep where ${feedback}`,
  )
  count('notifications', notes)
  const shared = await exec(
    ctx,
    `insert into information_sharing_log (id, person_id, organisation_id, shared_with_organisation_id, shared_with_name, fields,
        purpose, recipient_kind, consent_scope, basis, consent_id, shared_by, shared_at)
      select ${id(s, 'feedback_disclosure', 'e')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')},
        ${id(s, 'referrer_org', 'referrer')}, 'Synthetic referring organisation ' || referrer, array['outcome', 'summary'],
        'feedback_to_referrer', 'referrer', 'share_with_referrer', 'consent', ${id(s, 'consent_share', 'r')}, ${practitioner}, ended_at
      from synth.ep where ${feedback}`,
  )
  count('information_sharing_log', shared)

  // Disclosures to another agency recorded by hand (information-sharing/by-hand.ts, CDS #54): for about one episode
  // of holistic or short-term support in twenty whose person agreed to share, during the episode, on that consent.
  const agencies = textArray(AGENCIES.map(([name]) => name))
  const purposes = textArray(AGENCIES.map(([, note]) => note))
  const pick = `1 + floor(${u(s, 'e', 213)} * ${AGENCIES.length})::int`
  const toAgencies = await exec(
    ctx,
    `insert into information_sharing_log (id, person_id, organisation_id, shared_with_name, fields, purpose, purpose_note,
        recipient_kind, consent_scope, basis, consent_id, shared_by, shared_at)
      select ${id(s, 'agency_disclosure', 'e')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')},
        ${agencies}[${pick}], array['name', 'contact_details', 'referral_reasons'], 'recorded_disclosure', ${purposes}[${pick}],
        'agency', 'share_with_referrer', 'consent', ${id(s, 'consent_share', 'r')}, ${practitioner},
        least(started_at + (coalesce(ended_at, ${end}) - started_at) * (0.1 + 0.8 * ${u(s, 'e', 212)}), ${end} - interval '1 hour')
      from synth.ep where share_outcome and level <> 'signposting' and ${u(s, 'e', 211)} < 0.05`,
  )
  count('information_sharing_log', toAgencies)
}

/** Agencies a practitioner shares with by hand, and why (the purpose note the form asks for). */
const AGENCIES: readonly (readonly [string, string])[] = [
  ['Citizens Advice', 'Debt and benefits advice the person asked for.'],
  ['Housing association tenancy support', 'Help to keep the tenancy after rent arrears.'],
  ['Adult social care', 'Assessment for support at home, with the person’s agreement.'],
  ['Community mental health team', 'The person asked us to tell their care coordinator about the groups.'],
  ['Care and Repair Cymru', 'Adaptations at home after a fall.'],
]
