import { outcomeShared, type ReferralView, senderStatus } from './outcome.js'
import type { ReferralFullRow, ReferralSummaryRow } from './queries.js'

const iso = (value: Date | null) => (value ? value.toISOString() : null)

/**
 * A referral as the API returns it in lists and to its sender: what was sent, where to, and the status. The
 * outcome is filled for the receiving provider always, for the sender only when it is shared with them.
 */
export function summaryJson(row: ReferralSummaryRow, view: ReferralView) {
  const shared = outcomeShared(row.share_outcome_with_referrer, row.share_consent ?? null)
  const visible = view === 'provider' || shared
  const declined = row.status === 'declined'
  return {
    id: row.id,
    reference: row.reference,
    view,
    status: view === 'provider' ? row.status : senderStatus(row.status, shared),
    organisationId: row.organisation_id,
    organisationName: row.receiver_name,
    organisationNameCy: row.receiver_name_cy,
    receivedAt: row.received_at.toISOString(),
    route: row.route,
    urgency: row.urgency,
    crisis: row.crisis,
    outcomeSharedWithReferrer: shared,
    outcome:
      visible && row.status !== 'received'
        ? {
            status: row.status,
            decidedAt: iso(row.triaged_at),
            firstContactAt: iso(row.first_contact_at),
            declineReason: declined ? row.decline_reason : null,
            declineExplanation: declined ? row.decline_explanation : null,
            redirectedTo: declined ? row.redirected_to : null,
          }
        : null,
    person: { givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth },
  }
}

/** Everything the receiving provider's practitioners and team leads hold about the referral and its person. */
export function fullJson(row: ReferralFullRow) {
  const summary = summaryJson(row, 'provider')
  return {
    ...summary,
    channel: row.channel,
    reasons: row.reasons,
    reasonDetails: row.reason_details,
    clinicalDiagnosis: row.clinical_diagnosis,
    risks: row.risks,
    loneWorkerRisk: row.lone_worker_risk,
    personAgreed: row.person_agreed,
    shareOutcomeWithReferrer: row.share_outcome_with_referrer,
    consentGivenBy: row.consent_given_by,
    youngPersonCompetent: row.young_person_competent,
    allocatedPractitionerId: row.allocated_practitioner_id,
    referrer: {
      userId: row.referrer_user_id,
      organisationId: row.referrer_organisation_id,
      name: row.referrer_name,
      role: row.referrer_role,
      organisationName: row.referrer_organisation_name,
      contact: row.referrer_contact,
    },
    person: {
      ...summary.person,
      id: row.person_id,
      nhsNumber: row.nhs_number,
      postcode: row.postcode,
      localAuthorityCode: row.local_authority_code,
      phone: row.phone,
      email: row.email,
      address: row.address,
      contactMethods: row.contact_methods,
      contactTimes: row.contact_times,
      safeToLeaveMessage: row.safe_to_leave_message,
      language: row.language,
      welshOfferMade: row.welsh_offer_made,
      communicationNeeds: row.communication_needs,
      interpreterLanguage: row.interpreter_language,
      guardianName: row.guardian_name,
      guardianRelationship: row.guardian_relationship,
      guardianContact: row.guardian_contact,
      guardianHasParentalResponsibility: row.guardian_has_parental_responsibility,
    },
  }
}
