import type { accessibilityFeatures, capacityStatuses, welshProvision } from '../schema.js'
import { themeByCode, type ThemeCode, themeCodes } from './themes.js'

type AccessibilityFeature = (typeof accessibilityFeatures)[number]

/** What matching knows of a person (see repository.ts for where each comes from). */
export interface PersonNeeds {
  themes: readonly ThemeCode[]
  accessNeeds: readonly AccessibilityFeature[]
  language: 'cy' | 'en'
  age: number
  /** False when neither the postcode nor its district gives a place: distance then plays no part. */
  located: boolean
}

/** A service as matching sees it. */
export interface Candidate {
  id: string
  name: string
  nameCy: string | null
  status: string
  published: boolean
  /** Taxonomy term codes of the service. */
  categories: readonly string[]
  accessibilityFeatures: readonly string[]
  welshProvision: (typeof welshProvision)[number] | null
  lifeStages: readonly string[]
  minimumAge: number | null
  maximumAge: number | null
  capacityStatus: (typeof capacityStatuses)[number] | null
  waitingListWeeks: number | null
  attendingTypes: readonly string[]
  /** Distance in metres to the nearest location within the search radius; null when none is. */
  metres: number | null
  /** Whether the service has any location with coordinates at all (false: phone, online or anywhere). */
  located: boolean
}

export type Reason =
  | { kind: 'theme'; theme: ThemeCode }
  | { kind: 'welsh'; provision: 'welsh_medium' | 'bilingual' }
  | { kind: 'access'; feature: AccessibilityFeature }
  | { kind: 'distance'; metres: number }
  | { kind: 'remote'; attending: 'online' | 'phone' }
  | { kind: 'capacity'; status: 'full' | 'waiting_list'; weeks: number | null }

export interface Suggestion {
  service: Candidate
  score: number
  reasons: Reason[]
  /** Full or waiting-listed: still suggested, marked so the practitioner can talk it through. */
  full: boolean
}

export interface MatchOptions {
  withinKm: number
  limit: number
}

/** The life stages a person of this age belongs to (the directory's words, src/features/directory/schema.ts). */
export function lifeStagesOfAge(age: number): string[] {
  const stages: string[] = []
  if (age < 13) stages.push('children')
  if (age >= 11 && age <= 25) stages.push('young_people')
  if (age >= 18) stages.push('adults')
  if (age >= 60) stages.push('older_people')
  return stages
}

/*
 * Scoring. A service is left out when it is not active and published (closed, temporarily closed or defunct),
 * when it meets none of the person's themes, when the person's age is outside its age range or it names life
 * stages none of which is the person's (services for families are open to all), or when all its places are
 * farther away than the chosen distance (services with no place at all, reached by phone or online, stay in).
 * The rest score:
 *   + THEME_POINTS for each of the person's themes the service's categories meet (what matters counts most);
 *   + WELSH_MEDIUM_POINTS / BILINGUAL_POINTS when the person's language is Welsh (the active offer);
 *   + ACCESS_MET_POINTS for each accessibility feature the person needs that the service has,
 *     − ACCESS_MISSING_POINTS for each it lacks (a preference: it lowers the rank, never hides a service);
 *   + up to NEAR_POINTS for nearness, falling linearly from the person's door to the edge of the distance;
 *     REMOTE_POINTS for a service with no place, taken part in online or by phone;
 *   − WAITING_LIST_POINTS when there is a waiting list, − FULL_POINTS when it is full (kept and marked).
 * Ties go to the nearer service, then by name, so the order is stable. Every point given is a reason shown.
 */
export const THEME_POINTS = 10
export const WELSH_MEDIUM_POINTS = 4
export const BILINGUAL_POINTS = 3
export const ACCESS_MET_POINTS = 3
export const ACCESS_MISSING_POINTS = 2
export const NEAR_POINTS = 5
export const REMOTE_POINTS = 2
export const WAITING_LIST_POINTS = 3
export const FULL_POINTS = 5

export function eligible(needs: PersonNeeds, service: Candidate, withinKm: number): boolean {
  if (service.status !== 'active' || !service.published) return false
  if (service.minimumAge !== null && needs.age < service.minimumAge) return false
  if (service.maximumAge !== null && needs.age > service.maximumAge) return false
  if (service.lifeStages.length && !service.lifeStages.includes('families')) {
    const stages = lifeStagesOfAge(needs.age)
    if (!service.lifeStages.some((s) => stages.includes(s))) return false
  }
  if (needs.located && service.located && (service.metres === null || service.metres > withinKm * 1000)) return false
  return true
}

export function themesMet(needs: PersonNeeds, service: Candidate): ThemeCode[] {
  return themeCodes.filter((code) => needs.themes.includes(code) && themeByCode(code).taxonomyCodes.some((c) => service.categories.includes(c)))
}

/** One service's score and reasons, or null when it is not suggested. */
export function scoreService(needs: PersonNeeds, service: Candidate, withinKm: number): Suggestion | null {
  if (!eligible(needs, service, withinKm)) return null
  const met = themesMet(needs, service)
  if (!met.length) return null
  const reasons: Reason[] = met.map((theme) => ({ kind: 'theme', theme }))
  let score = met.length * THEME_POINTS

  if (needs.language === 'cy' && (service.welshProvision === 'welsh_medium' || service.welshProvision === 'bilingual')) {
    score += service.welshProvision === 'welsh_medium' ? WELSH_MEDIUM_POINTS : BILINGUAL_POINTS
    reasons.push({ kind: 'welsh', provision: service.welshProvision })
  }
  for (const feature of needs.accessNeeds) {
    if (service.accessibilityFeatures.includes(feature)) {
      score += ACCESS_MET_POINTS
      reasons.push({ kind: 'access', feature })
    } else score -= ACCESS_MISSING_POINTS
  }
  if (needs.located && service.metres !== null) {
    score += NEAR_POINTS * Math.max(0, 1 - service.metres / (withinKm * 1000))
    reasons.push({ kind: 'distance', metres: service.metres })
  } else if (!service.located) {
    const remote = service.attendingTypes.includes('online') ? 'online' : service.attendingTypes.includes('phone') ? 'phone' : null
    if (remote) {
      score += REMOTE_POINTS
      reasons.push({ kind: 'remote', attending: remote })
    }
  }
  const full = service.capacityStatus === 'full' || service.capacityStatus === 'waiting_list'
  if (service.capacityStatus === 'full') {
    score -= FULL_POINTS
    reasons.push({ kind: 'capacity', status: 'full', weeks: service.waitingListWeeks })
  } else if (service.capacityStatus === 'waiting_list') {
    score -= WAITING_LIST_POINTS
    reasons.push({ kind: 'capacity', status: 'waiting_list', weeks: service.waitingListWeeks })
  }
  return { service, score: Math.round(score * 100) / 100, reasons, full }
}

/** The services suggested for a person, best first, at most `limit`. */
export function matchServices(needs: PersonNeeds, candidates: readonly Candidate[], options: MatchOptions): Suggestion[] {
  const scored = candidates.map((c) => scoreService(needs, c, options.withinKm)).filter((s): s is Suggestion => s !== null)
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.service.metres ?? Number.POSITIVE_INFINITY) - (b.service.metres ?? Number.POSITIVE_INFINITY) ||
      a.service.name.localeCompare(b.service.name) ||
      a.service.id.localeCompare(b.service.id),
  )
  return scored.slice(0, options.limit)
}
