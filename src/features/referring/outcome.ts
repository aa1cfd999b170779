import { type Actor, can } from '../../platform/access/policy.js'
import type { ReferralStatus } from '../../platform/db/schema.js'

/**
 * What a referral's sender may learn about it (DESIGN §3, CS §53). The receiving provider sees everything. The
 * sending organisation sees that it arrived and whether it is still waiting; the outcome (accepted, declined and
 * why, unable to contact, first contact) only when the person agreed to the referrer hearing it AND that consent
 * has not been withdrawn since.
 */
export type ReferralView = 'provider' | 'sender'

/** Which view of a referral the policy gives this user, or null when they may not see it at all. */
export function referralViewFor(
  actor: Actor | null,
  referral: { organisation_id: string; referrer_organisation_id: string | null },
): ReferralView | null {
  if (
    !can(actor, 'referrals.view', {
      organisationId: referral.organisation_id,
      referrerOrganisationId: referral.referrer_organisation_id,
    })
  )
    return null
  // Only the receiving provider's caseworkers pass without the sender's organisation in the record.
  if (can(actor, 'referrals.view', { organisationId: referral.organisation_id })) return 'provider'
  return 'sender'
}

/** Whether this user may follow referrals their own organisation sent (the referrer's pages and list). */
export function canFollowSent(actor: Actor | null): boolean {
  return (
    actor !== null &&
    can(actor, 'referrals.view', { organisationId: null, referrerOrganisationId: actor.organisationId })
  )
}

/** The referrer was told they may hear the outcome, and the person's latest consent to that is still "given". */
export function outcomeShared(shareOutcomeWithReferrer: boolean, latestShareConsent: boolean | null): boolean {
  return shareOutcomeWithReferrer && latestShareConsent === true
}

/**
 * The status the sender is shown: waiting is not an outcome, so it is always shown; a decision only when the
 * outcome is shared, otherwise `outcome_not_shared`.
 */
export type SenderStatus = ReferralStatus | 'outcome_not_shared'

export function senderStatus(status: ReferralStatus, shared: boolean): SenderStatus {
  return status === 'received' || shared ? status : 'outcome_not_shared'
}
