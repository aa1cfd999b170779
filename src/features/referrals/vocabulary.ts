/** Referral lists as stored codes; labels are messages `referrals.options.<list>.<code>` in both languages. */
export { referralRoutes } from '../../platform/db/schema.js'

/** CDS #51 reasons for referral, plus the further categories DESIGN §2 step 1 names. */
export const referralReasons = ['physical_wellbeing', 'mental_wellbeing', 'social_wellbeing', 'financial_wellbeing', 'loneliness_isolation', 'housing', 'carer_support', 'other'] as const
export type ReferralReason = (typeof referralReasons)[number]

export const urgencies = ['routine', 'soon', 'urgent'] as const

/** Why a provider declines a referral as not appropriate (CF 3.1, CS §54). */
export const declineReasons = ['multi_agency', 'clinical_or_specialist', 'acute_mental_health', 'safeguarding', 'out_of_area', 'duplicate', 'person_declined'] as const
export type DeclineReason = (typeof declineReasons)[number]

export const contactAttemptModes = ['phone', 'email', 'text', 'letter', 'in_person', 'video'] as const

/** After this many unsuccessful attempts a referral may be closed as "unable to contact". */
export const UNABLE_TO_CONTACT_AFTER = 3
