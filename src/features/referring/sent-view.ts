import type { Language, Translate } from '../../platform/i18n/i18n.js'
import { organisationName } from './form-view.js'
import { outcomeShared, senderStatus } from './outcome.js'
import type { ReferralSummaryRow } from './queries.js'

const STATUS_TAG: Record<string, string> = {
  received: 'govuk-tag--blue',
  accepted: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  unable_to_contact: 'govuk-tag--orange',
  outcome_not_shared: 'govuk-tag--grey',
}

/**
 * A referral as its sender sees it, in the page's language: the person they referred, where it went, whether it
 * is still waiting, and the outcome only when the person agreed to share it and has not withdrawn that consent.
 */
export function senderView(row: ReferralSummaryRow, t: Translate, lang: Language) {
  const shared = outcomeShared(row.share_outcome_with_referrer, row.share_consent ?? null)
  const status = senderStatus(row.status, shared)
  const statusText =
    status === 'outcome_not_shared' ? t('referring.status.outcomeNotShared') : t(`referrals.options.status.${status}`)
  const decided = shared && row.status !== 'received'
  return {
    id: row.id,
    reference: row.reference,
    personName: `${row.given_name} ${row.family_name}`,
    dateOfBirth: row.date_of_birth,
    sentAt: row.received_at,
    receiverName: organisationName({ name: row.receiver_name, name_cy: row.receiver_name_cy }, lang),
    route: t(`referrals.options.routes.${row.route}`),
    urgency: t(`referrals.options.urgency.${row.urgency}`),
    crisis: row.crisis,
    status,
    statusText,
    statusTag: STATUS_TAG[status] ?? 'govuk-tag--grey',
    shared,
    outcome: decided
      ? {
          decidedAt: row.triaged_at,
          firstContactAt: row.first_contact_at,
          declineReason:
            row.status === 'declined' && row.decline_reason
              ? t(`referrals.options.declineReasons.${row.decline_reason}`)
              : null,
          declineExplanation: row.status === 'declined' ? row.decline_explanation : null,
          redirectedTo: row.status === 'declined' ? row.redirected_to : null,
        }
      : null,
  }
}

export type SenderView = ReturnType<typeof senderView>
