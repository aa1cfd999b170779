import { id, u, weighted } from '../random.js'
import type { SynthContext } from '../run.js'
import { exec } from './exec.js'
import { teamLeadOf } from './referrals.js'

/**
 * What comes with each referral in the app (issue 9): the consents the referral form records
 * (referrals/repository.ts insertReferral), the contact attempts (triage/records.ts; the first successful one is
 * the referral's first contact; "unable to contact" after three unsuccessful ones) and the notification of the
 * triage decision (triage/notify.ts). Draws use fields 150–199 keyed by r.
 */
export type Count = (table: string, n: bigint | undefined) => void

/** The consent method the app records for each channel (referrals/routes: consentMethod). */
const CONSENT_METHOD = `(case channel when 'self_referral_form' then 'online_form' when 'professional_form' then 'via_referrer' when 'api' then 'api' else 'verbal' end)`

export async function insertReferralRecords(ctx: SynthContext, count: Count): Promise<void> {
  const { plan } = ctx
  const s = plan.seed
  const recorder = `case when referrer is not null then ${id(s, 'referrer', 'referrer')} end`
  const consents = await exec(
    ctx,
    `insert into consents (id, person_id, organisation_id, scope, given, method, given_by, recorded_at, recorded_by)
      select ${id(s, 'consent_support', 'r')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}, 'receive_support', true,
        ${CONSENT_METHOD}, 'person', received_at, ${recorder}
      from synth.ref
      union all
      select ${id(s, 'consent_share', 'r')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}, 'share_with_referrer', share_outcome,
        ${CONSENT_METHOD}, 'person', received_at, ${recorder}
      from synth.ref where channel <> 'self_referral_form'
      union all
      -- Asked at the start of the episode: may the service contact them later about how it went?
      select ${id(s, 'consent_feedback', 'r')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}, 'contact_for_feedback',
        ${u(s, 'r', 150)} < 0.85, 'verbal', 'person', t.triaged_at, ${id(s, 'practitioner', 'practitioner')}
      from synth.ref join synth.triage t using (r) where t.status = 'accepted' and ${u(s, 'r', 151)} < 0.8
      union all
      -- Asked with the same questions: may the service share what an asset needs to know when it refers them on? The
      -- journey logs each referral to an asset against the latest such consent (connections/repository.ts).
      select ${id(s, 'consent_assets', 'r')}, ${id(s, 'person', 'p')}, ${id(s, 'provider', 'provider')}, 'share_with_assets',
        ${u(s, 'r', 155)} < 0.9, 'verbal', 'person', t.triaged_at, ${id(s, 'practitioner', 'practitioner')}
      from synth.ref join synth.triage t using (r) where t.status = 'accepted'`,
  )
  count('consents', consents)

  // Unsuccessful attempts spread before the first contact (or the decision); then the successful one, if any.
  const mode = weighted(u(s, `r * 4 + j`, 152), { phone: 80, text: 8, email: 6, letter: 3, in_person: 2, video: 1 })
  const recordedBy = `case when t.status = 'accepted' then ${id(s, 'practitioner', 'practitioner')} else ${teamLeadOf(ctx, 'practitioner')} end`
  const attempts = await exec(
    ctx,
    `insert into referral_contact_attempts (id, referral_id, organisation_id, attempted_at, mode, successful, note, recorded_by)
      select ${id(s, 'contact_attempt', 'r * 4 + j')}, ${id(s, 'referral', 'r')}, ${id(s, 'provider', 'provider')},
        received_at + (coalesce(t.first_contact_at, t.triaged_at, received_at + rem * 0.9 * interval '1 day') - received_at) * j / (t.unsuccessful + 1),
        ${mode}, false, case when j = 1 and ${u(s, 'r', 153)} < 0.3 then 'No answer; left a message.' end, ${recordedBy}
      from synth.ref join synth.triage t using (r) cross join lateral generate_series(1, t.unsuccessful) j
      union all
      select ${id(s, 'contact_attempt', 'r * 4')}, ${id(s, 'referral', 'r')}, ${id(s, 'provider', 'provider')}, t.first_contact_at,
        ${weighted(u(s, 'r', 154), { phone: 88, in_person: 5, video: 3, email: 4 })}, true, null, ${recordedBy}
      from synth.ref join synth.triage t using (r) where t.first_contact_at is not null`,
  )
  count('referral_contact_attempts', attempts)

  // The referrer hears the decision only when the person agreed to it (triage/notify.ts outcomeRecipient).
  const notifications = await exec(
    ctx,
    `insert into notifications (id, organisation_id, referral_id, recipient_user_id, kind, channel, created_at, sent_at)
      select ${id(s, 'referral_notification', 'r')}, ${id(s, 'provider', 'provider')}, ${id(s, 'referral', 'r')},
        case when referrer is not null and share_outcome then ${id(s, 'referrer', 'referrer')} end,
        'referral.' || t.status, 'log', t.triaged_at, t.triaged_at
      from synth.ref join synth.triage t using (r) where t.status <> 'received'`,
  )
  count('notifications', notifications)
}
