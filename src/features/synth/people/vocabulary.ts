import { matchName } from '../../people/person-rules.js'
import type { SynthPlan } from '../plan.js'

/**
 * The fixed lists the people stage draws from, and the pure rules that turn a plan into the numbers its SQL needs
 * (issue 9). Everything here is data or arithmetic, so it is unit-tested; the SQL in the sibling files only
 * looks things up in arrays built from it.
 */

/** Given names with their weights: Welsh and English names as they are given in Wales, old and young. */
export const givenNames = {
  female: {
    Megan: 4,
    Ffion: 3,
    Catrin: 3,
    Siân: 4,
    Carys: 3,
    Rhiannon: 3,
    Eleri: 2,
    Nia: 3,
    Gwen: 2,
    Elin: 3,
    Seren: 2,
    Cerys: 2,
    Angharad: 2,
    Bethan: 3,
    Lowri: 2,
    Mair: 2,
    Margaret: 5,
    Susan: 5,
    Sarah: 5,
    Emma: 4,
    Rachel: 3,
    Helen: 4,
    Karen: 4,
    Jennifer: 3,
    Amy: 3,
    Emily: 3,
    Olivia: 2,
    Hannah: 3,
    Zoë: 1,
    Lisa: 3,
    Joanne: 3,
    Claire: 3,
    Julie: 3,
    Mary: 4,
    Patricia: 3,
    Gwenllian: 1,
    Mererid: 1,
    Aisha: 1,
  },
  male: {
    Dafydd: 4,
    Rhys: 4,
    Gareth: 4,
    Huw: 3,
    Owain: 3,
    Iwan: 2,
    Dylan: 3,
    Gethin: 2,
    Emyr: 2,
    Llŷr: 1,
    Aled: 3,
    Ieuan: 2,
    Tomos: 2,
    Geraint: 3,
    Steffan: 2,
    Gwilym: 2,
    John: 6,
    David: 6,
    Michael: 4,
    Mark: 4,
    Paul: 4,
    Christopher: 4,
    Andrew: 4,
    James: 4,
    Thomas: 3,
    Daniel: 3,
    Matthew: 3,
    Jack: 2,
    Oliver: 2,
    Ryan: 3,
    Kevin: 3,
    Stephen: 4,
    Peter: 4,
    Robert: 4,
    Alan: 3,
    Mohammed: 1,
    Piotr: 1,
  },
} as const

/** Family names with weights roughly as common in Wales (Jones, Williams, Davies, Evans, Thomas lead). */
export const familyNames = {
  Jones: 60,
  Williams: 40,
  Davies: 40,
  Evans: 25,
  Thomas: 25,
  Roberts: 18,
  Hughes: 15,
  Lewis: 14,
  Morgan: 12,
  Griffiths: 11,
  Edwards: 10,
  Owen: 10,
  Price: 8,
  Jenkins: 8,
  Rees: 8,
  Phillips: 8,
  Lloyd: 7,
  Powell: 6,
  James: 7,
  Morris: 7,
  Richards: 6,
  Parry: 6,
  Harris: 5,
  Pritchard: 4,
  Watkins: 4,
  Bowen: 4,
  Pugh: 3,
  Prosser: 2,
  Gruffydd: 2,
  'ap Llŷr': 1,
  Llywelyn: 1,
  Smith: 8,
  Taylor: 5,
  Brown: 5,
  Walker: 3,
  Wilson: 3,
  Johnson: 3,
  Clarke: 3,
  White: 3,
  Green: 3,
  Hall: 3,
  Wood: 3,
  "O'Brien": 1,
  Ahmed: 1,
  Khan: 1,
  Ali: 1,
  Begum: 1,
  Kowalski: 1,
  Nowak: 1,
} as const

export interface NameList {
  names: string[]
  /** Each name as `matchName` leaves it, so SQL can join given and family forms with one space. */
  matches: string[]
  /** Cumulative lower bounds in [0, 1) for width_bucket. */
  bounds: number[]
}

export function nameList(weights: Readonly<Record<string, number>>): NameList {
  const entries = Object.entries(weights)
  const total = entries.reduce((sum, [, w]) => sum + w, 0)
  let cumulative = 0
  const bounds: number[] = []
  for (const [, w] of entries) {
    bounds.push(cumulative / total)
    cumulative += w
  }
  return { names: entries.map(([n]) => n), matches: entries.map(([n]) => matchName(n, '')), bounds }
}

/**
 * Local authorities by code with their population (Census 2021, thousands: people are drawn in proportion) and
 * the share of people who choose Welsh as their language (higher where Welsh is the everyday language).
 */
export const localAuthorities: Readonly<Record<string, { population: number; welsh: number }>> = {
  W06000001: { population: 68.9, welsh: 0.42 },
  W06000002: { population: 117.4, welsh: 0.5 },
  W06000003: { population: 114.8, welsh: 0.16 },
  W06000004: { population: 95.8, welsh: 0.14 },
  W06000005: { population: 155.0, welsh: 0.07 },
  W06000006: { population: 135.1, welsh: 0.07 },
  W06000008: { population: 71.5, welsh: 0.35 },
  W06000009: { population: 123.4, welsh: 0.1 },
  W06000010: { population: 187.9, welsh: 0.3 },
  W06000011: { population: 238.5, welsh: 0.08 },
  W06000012: { population: 142.3, welsh: 0.08 },
  W06000013: { population: 145.5, welsh: 0.07 },
  W06000014: { population: 131.8, welsh: 0.07 },
  W06000015: { population: 362.4, welsh: 0.08 },
  W06000016: { population: 237.7, welsh: 0.08 },
  W06000018: { population: 175.9, welsh: 0.07 },
  W06000019: { population: 66.9, welsh: 0.05 },
  W06000020: { population: 92.3, welsh: 0.05 },
  W06000021: { population: 93.0, welsh: 0.05 },
  W06000022: { population: 159.6, welsh: 0.05 },
  W06000023: { population: 133.2, welsh: 0.12 },
  W06000024: { population: 58.8, welsh: 0.06 },
}

/**
 * The providers (1-based k) serving the authority at `position` (0-based, authorities sorted by code), exactly as
 * the organisations stage writes organisation_areas: with 22 or fewer providers, provider (i mod P) + 1; with
 * more, every provider k with (k − 1) mod 22 = i.
 */
export function providersServing(plan: Pick<SynthPlan, 'providers'>, position: number, authorities = 22): number[] {
  const P = plan.providers
  if (P <= authorities) return [(position % P) + 1]
  const found: number[] = []
  for (let k = position + 1; k <= P; k += authorities) found.push(k)
  return found
}

/** Practitioners (1-based) working for provider k: k, k + P, k + 2P … (the organisations stage's contract). */
export function practitionerCount(plan: Pick<SynthPlan, 'providers' | 'practitioners'>, k: number): number {
  return Math.floor((plan.practitioners - k) / plan.providers) + 1
}

/**
 * How the plan's referrals fall to its people: every person has a first referral (referral r = person r for
 * r ≤ people); the rest are returns, two each for the first `threeReferrals` people, one each for the next
 * `twoReferrals`. Exact: the counts add up to plan.referrals.
 */
export function referralSpread(plan: Pick<SynthPlan, 'people' | 'referrals'>): {
  threeReferrals: number
  twoReferrals: number
} {
  const returns = Math.max(0, plan.referrals - plan.people)
  const threeReferrals = Math.min(Math.round(plan.people * 0.06), Math.floor(returns / 2))
  return { threeReferrals, twoReferrals: Math.min(plan.people - threeReferrals, returns - 2 * threeReferrals) }
}

/** The (person, ordinal) of referral r under `referralSpread`; the SQL computes the same. */
export function personOfReferral(
  plan: Pick<SynthPlan, 'people' | 'referrals'>,
  r: number,
): { person: number; ordinal: number } {
  const { threeReferrals: T } = referralSpread(plan)
  const P = plan.people
  if (r <= P) return { person: r, ordinal: 1 }
  if (r <= P + 2 * T) return { person: Math.ceil((r - P) / 2), ordinal: (r - P) % 2 === 1 ? 2 : 3 }
  return { person: T + (r - P - 2 * T), ordinal: 2 }
}

/** Whether referral r is accepted: exactly plan.episodes of them, spread evenly; episode number floor(r·E/R). */
export function episodeOfReferral(plan: Pick<SynthPlan, 'episodes' | 'referrals'>, r: number): number | null {
  const e = Math.floor((r * plan.episodes) / plan.referrals)
  return e > Math.floor(((r - 1) * plan.episodes) / plan.referrals) ? e : null
}

/**
 * The service grew over the ten years: referrals arrive with density proportional to 0.5 + x on x ∈ [0, 1] (three
 * times as many at the end as at the start). This is the inverse of its distribution function, from a quantile.
 */
export function growthQuantile(q: number): number {
  return -0.5 + Math.sqrt(0.25 + 2 * q)
}

/** The same, as SQL text over the SQL text of a quantile. */
export const growthQuantileSql = (q: string): string => `(-0.5 + sqrt(0.25 + 2 * (${q})))`

/** An SQL string literal of a constant of ours (names with apostrophes, accents). */
export const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`

/** SQL text `array[…]::text[]` of constants. */
export const textArray = (values: readonly string[]): string => `(array[${values.map(literal).join(',')}]::text[])`

/** SQL text picking from `values` at the 1-based index width_bucket gives for `u` over `bounds`. */
export function pickBy(u: string, values: readonly string[], bounds: readonly number[]): string {
  return `(${textArray(values)})[width_bucket((${u})::float8, array[${bounds.join(',')}]::float8[])]`
}
