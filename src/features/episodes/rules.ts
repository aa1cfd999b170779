import { type FieldError, isUuid, length, text } from '../admin/fields.js'
import { type ClosingReason, closingReasons, type LevelOfSupport, levelsOfSupport } from './schema.js'

/*
 * The episode of support's rules as pure functions, shared by the pages and the API (issue 5 items 1 and 11;
 * docs/episodes.md). Field names are the API's property names and the pages' field ids alike.
 */
export const SUMMARY_LIMIT = 1000
export const TRANSFER_REASON_LIMIT = 1000
export const transferConsentMethods = ['verbal', 'written'] as const
export type TransferConsentMethod = (typeof transferConsentMethods)[number]

export type EpisodeStatus = 'open' | 'closed'
/** What may be done to an episode; every one of them needs it open. */
export type EpisodeAction = 'change_level' | 'close' | 'transfer'

/** Which actions the episode's status allows: an open episode any, a closed one none (a closed episode is history). */
export function allowedActions(status: EpisodeStatus): EpisodeAction[] {
  return status === 'open' ? ['change_level', 'close', 'transfer'] : []
}

export function mayDo(status: EpisodeStatus, action: EpisodeAction): boolean {
  return allowedActions(status).includes(action)
}

export function isLevel(value: unknown): value is LevelOfSupport {
  return typeof value === 'string' && (levelsOfSupport as readonly string[]).includes(value)
}

/**
 * The level-of-support event a change makes: the first choice is `level_set`, a different one `level_changed`,
 * the same one again nothing (no event, no audit), so the history counts only real changes.
 */
export function levelChange(
  current: LevelOfSupport | null,
  next: LevelOfSupport,
): 'level_set' | 'level_changed' | null {
  if (current === next) return null
  return current === null ? 'level_set' : 'level_changed'
}

/** The level-of-support form: one of the three levels. */
export function validateLevel(raw: Record<string, unknown>): {
  value: LevelOfSupport | null
  values: { levelOfSupport: string }
  errors: FieldError[]
} {
  const values = { levelOfSupport: text(raw.levelOfSupport).trim() }
  if (isLevel(values.levelOfSupport)) return { value: values.levelOfSupport, values, errors: [] }
  return { value: null, values, errors: [{ field: 'levelOfSupport', key: 'episodes.errors.levelMissing' }] }
}

/** The triage accept form's optional level: empty is "not chosen yet", anything else must be a level. */
export function optionalLevel(raw: unknown): { value: LevelOfSupport | null; error: boolean } {
  const value = text(raw).trim()
  if (value === '') return { value: null, error: false }
  return isLevel(value) ? { value, error: false } : { value: null, error: true }
}

export interface ClosingForm {
  reason: ClosingReason
  summary: string
  sendFeedback: boolean
}

const yes = (value: unknown) => value === true || value === 'yes' || value === 'true'

/** Closing: a reason from the list and a short summary (required, at most 1000 characters); feedback is asked for or not. */
export function validateClosing(raw: Record<string, unknown>): {
  value: ClosingForm
  values: { reason: string; summary: string; sendFeedback: string }
  errors: FieldError[]
} {
  const values = {
    reason: text(raw.reason).trim(),
    summary: text(raw.summary).trim(),
    sendFeedback: yes(raw.sendFeedback) ? 'yes' : '',
  }
  const errors: FieldError[] = []
  if (!(closingReasons as readonly string[]).includes(values.reason))
    errors.push({ field: 'reason', key: 'episodes.errors.reasonMissing' })
  if (values.summary === '') errors.push({ field: 'summary', key: 'episodes.errors.summaryMissing' })
  else if (length(values.summary) > SUMMARY_LIMIT)
    errors.push({ field: 'summary', key: 'episodes.errors.summaryTooLong', params: { max: SUMMARY_LIMIT } })
  return {
    value: {
      reason: values.reason as ClosingReason,
      summary: values.summary,
      sendFeedback: values.sendFeedback === 'yes',
    },
    values,
    errors,
  }
}

export interface FeedbackFacts {
  /** How the referral came: only a professional referrer (not a self-referral) is sent feedback. */
  channel: 'self_referral_form' | 'professional_form' | 'api' | 'practitioner'
  referrerOrganisationId: string | null
  /** The organisation holding the episode: a referral it made itself has no one outside to tell. */
  episodeOrganisationId: string
  /** The latest `share_with_referrer` consents row (the one in force), or null when never asked. */
  consent: { id: string; given: boolean } | null
}

export type FeedbackCheck = { ok: true; consentId: string } | { ok: false; code: 'no_referrer' | 'consent_missing' }

/**
 * CF 3.1 "keeping referrers informed … with the consent of the person": feedback goes only to a professional
 * referrer from another organisation, and only while the person's consent to share with the referrer is in force
 * (the latest consents row for the scope says given). That row is the disclosure's basis.
 */
export function feedbackCheck(facts: FeedbackFacts): FeedbackCheck {
  if (
    facts.channel === 'self_referral_form' ||
    facts.referrerOrganisationId === null ||
    facts.referrerOrganisationId === facts.episodeOrganisationId
  )
    return { ok: false, code: 'no_referrer' }
  if (!facts.consent?.given) return { ok: false, code: 'consent_missing' }
  return { ok: true, consentId: facts.consent.id }
}

export interface TransferForm {
  organisationId: string
  reason: string
  consentMethod: TransferConsentMethod
}

/**
 * Transfer to another provider: the receiving organisation (one of `providerIds`, never this one), why, and the
 * person's consent to the transfer with how it was given; without that consent there is no transfer.
 */
export function validateTransfer(
  raw: Record<string, unknown>,
  providerIds: readonly string[],
): { value: TransferForm; values: Record<string, string>; errors: FieldError[] } {
  const values = {
    organisationId: text(raw.organisationId).trim(),
    reason: text(raw.reason).trim(),
    consented: yes(raw.consented) ? 'yes' : '',
    consentMethod: text(raw.consentMethod).trim(),
  }
  const errors: FieldError[] = []
  if (!isUuid(values.organisationId))
    errors.push({ field: 'organisationId', key: 'episodes.errors.organisationMissing' })
  else if (!providerIds.includes(values.organisationId))
    errors.push({ field: 'organisationId', key: 'episodes.errors.organisationInvalid' })
  if (values.reason === '') errors.push({ field: 'reason', key: 'episodes.errors.transferReasonMissing' })
  else if (length(values.reason) > TRANSFER_REASON_LIMIT)
    errors.push({
      field: 'reason',
      key: 'episodes.errors.transferReasonTooLong',
      params: { max: TRANSFER_REASON_LIMIT },
    })
  if (values.consented !== 'yes') errors.push({ field: 'consented', key: 'episodes.errors.consentMissing' })
  if (!(transferConsentMethods as readonly string[]).includes(values.consentMethod))
    errors.push({ field: 'consentMethod', key: 'episodes.errors.consentMethodMissing' })
  return {
    value: {
      organisationId: values.organisationId,
      reason: values.reason,
      consentMethod: values.consentMethod as TransferConsentMethod,
    },
    values,
    errors,
  }
}

/** Whole days from the referral's arrival to `now` (the page's "days since referral"). */
export function daysSince(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / 86_400_000))
}

/**
 * How many whole days the episode spent at each level of support (CDS #21, #22, #30, #107 for reporting): each
 * level row lasts until the next one, the last until `end` (the episode's end, or now while it is open). Time
 * before the first level was chosen counts for none.
 */
export function daysAtEachLevel(
  events: readonly { kind: string; level_of_support: LevelOfSupport | null; at: Date }[],
  end: Date,
): Record<LevelOfSupport, number> {
  const totals: Record<LevelOfSupport, number> = { signposting: 0, short_term: 0, holistic: 0 }
  const levels = events
    .filter((e) => (e.kind === 'level_set' || e.kind === 'level_changed') && e.level_of_support !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  levels.forEach((e, i) => {
    const until = levels[i + 1]?.at ?? end
    totals[e.level_of_support as LevelOfSupport] += Math.max(0, until.getTime() - e.at.getTime())
  })
  return {
    signposting: Math.floor(totals.signposting / 86_400_000),
    short_term: Math.floor(totals.short_term / 86_400_000),
    holistic: Math.floor(totals.holistic / 86_400_000),
  }
}
