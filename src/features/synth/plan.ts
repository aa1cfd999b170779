/**
 * How big each part of a synthetic data set is, worked out from the two numbers an operator gives (issue 9): the
 * episodes and the directory services. The ratios are those of DESIGN §8's national scale — about 1,000,000
 * episodes over ten years, 10,000,000 contacts, 2,000,000 measure administrations, 25,000 services and 2,000
 * practitioners — so a small set is the same shape, only smaller. Pure: no I/O.
 */
export interface SynthOptions {
  episodes: number
  services: number
  seed: number
  /** The last day of the data (ISO date). Fixed by default, not today, so that the same seed gives the same rows. */
  until: string
  /** The shared password of the synthetic accounts. */
  password: string
}

export interface SynthPlan extends SynthOptions {
  /** The first day of the data: ten years before `until`. */
  from: string
  years: number
  /** Referrals received; about one in five never becomes an episode (declined, unable to contact, still waiting). */
  referrals: number
  /** People: some come back for a second episode. */
  people: number
  /** Practitioners: a caseload of about 500 episodes over ten years, 20–40 open at a time. */
  practitioners: number
  /** Social prescribing providers; practitioner k works for provider ((k − 1) mod providers) + 1. */
  providers: number
  /** Teams per provider; practitioner k is in team ((⌊(k − 1) / providers⌋) mod teamsPerProvider) + 1 of it. */
  teamsPerProvider: number
  /** Referring organisations (GP practices, housing, social services …); referrer k works in organisation k. */
  referrerOrganisations: number
  /** Asset organisations in the directory that run the services (about eight services each). */
  directoryOrganisations: number
}

export const DEFAULT_UNTIL = '2026-11-30'
export const SYNTH_YEARS = 10

export const SIZES = {
  small: { episodes: 10_000, services: 2_500 },
  full: { episodes: 1_000_000, services: 25_000 },
} as const

export function planSynth(options: SynthOptions): SynthPlan {
  const { episodes, services } = options
  const practitioners = Math.max(4, Math.round(episodes / 500))
  const providers = Math.min(66, Math.max(2, Math.round(practitioners / 30)))
  const until = new Date(`${options.until}T00:00:00Z`)
  const from = new Date(until)
  from.setUTCFullYear(from.getUTCFullYear() - SYNTH_YEARS)
  return {
    ...options,
    from: from.toISOString().slice(0, 10),
    years: SYNTH_YEARS,
    referrals: Math.round(episodes * 1.25),
    people: Math.max(1, Math.round(episodes * 0.85)),
    practitioners,
    providers,
    teamsPerProvider: Math.max(1, Math.min(6, Math.round(practitioners / providers / 8))),
    referrerOrganisations: Math.max(5, Math.round(episodes / 2_500)),
    directoryOrganisations: Math.max(1, Math.round(services / 8)),
  }
}

/** The provider (1-based) practitioner k works for. */
export const providerOf = (plan: SynthPlan, k: number): number => ((k - 1) % plan.providers) + 1
/** The team (1-based, within its provider) practitioner k is in. */
export const teamOf = (plan: SynthPlan, k: number): number => (Math.floor((k - 1) / plan.providers) % plan.teamsPerProvider) + 1
