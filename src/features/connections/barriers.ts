/*
 * The lists behind CDS #80 and #81 (barriers to attending the service, or to engaging with the practitioner) and
 * #55 (the person's reasons for not acting on a referral). The Core Data Set names the items but gives no list;
 * these are the usual ones, each recorded with the practitioner's own words beside it ('other' needs words).
 */
export const barrierCodes = [
  'cost',
  'transport',
  'distance',
  'timing',
  'health_or_mobility',
  'caring_responsibilities',
  'anxiety_or_confidence',
  'language',
  'digital_access',
  'accessibility',
  'waiting_time',
  'other',
] as const
export type Barrier = (typeof barrierCodes)[number]

export const notActingReasonCodes = [
  'not_ready',
  'not_what_expected',
  'felt_better',
  'circumstances_changed',
  'found_other_support',
  'did_not_like_it',
  'barrier',
  'other',
] as const
export type NotActingReason = (typeof notActingReasonCodes)[number]

/** The moves on which barriers and reasons for not acting are asked: the ones where the person did not go on. */
export const movesWithReasons = ['did_not_attend', 'disengaged', 'withdrew', 'declined'] as const

/** Codes from a form or body that are on the list, in the list's order; `unknown` says whether any were not. */
export function pickCodes<T extends string>(
  allowed: readonly T[],
  given: readonly string[],
): { codes: T[]; unknown: boolean } {
  return {
    codes: allowed.filter((c) => given.includes(c)),
    unknown: given.some((g) => !(allowed as readonly string[]).includes(g)),
  }
}
