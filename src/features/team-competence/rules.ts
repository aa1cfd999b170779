import { type AreaId, areaIds, groupAreaIds, type Rating } from '../competence/areas.js'

/** One sitting of a practitioner's self-assessment, with the ratings given at it (migration 0031). */
export interface Assessment {
  id: string
  userId: string
  assessedOn: string
  createdAt: Date
  ratings: Partial<Record<string, Rating>>
}

/** A member of the team as the matrix shows them: their latest assessment, or none yet. */
export interface Member {
  id: string
  name: string
  latest: Assessment | null
}

/**
 * Each person's latest assessment: the latest `assessedOn`; two sittings on the same day are told apart by when
 * they were recorded, the later one standing (a correction made the same day).
 */
export function latestPerPerson(assessments: readonly Assessment[]): Map<string, Assessment> {
  const latest = new Map<string, Assessment>()
  for (const a of assessments) {
    const held = latest.get(a.userId)
    const later =
      !held ||
      a.assessedOn > held.assessedOn ||
      (a.assessedOn === held.assessedOn && a.createdAt.getTime() > held.createdAt.getTime())
    if (later) latest.set(a.userId, a)
  }
  return latest
}

/** Ratings that cover an area for the team "as a group" (CF 3.1–3.3). Developing does not. */
const covering: readonly Rating[] = ['competent', 'can_support_others']

export interface Coverage {
  areaId: AreaId
  covered: boolean
  /** Who covers it, with the rating that does, in the order the members were given. */
  coveredBy: { id: string; name: string; rating: Rating }[]
}

/**
 * CF 3.1–3.3 are expected of the team as a group ("as a group, all of the areas of competence are covered"): an
 * area is covered when at least one member's latest assessment rates it competent or can support others.
 */
export function coverageOf(members: readonly Member[]): Coverage[] {
  return groupAreaIds.map((areaId) => {
    const coveredBy = members.flatMap((m) => {
      const rating = m.latest?.ratings[areaId]
      return rating && covering.includes(rating) ? [{ id: m.id, name: m.name, rating }] : []
    })
    return { areaId, covered: coveredBy.length > 0, coveredBy }
  })
}

export interface TrainingNeed {
  areaId: AreaId
  notYet: number
  developing: number
  notRated: number
  /** notYet + developing + notRated: the members not yet competent in the area by their own rating. */
  total: number
}

/**
 * Training needs across the team: for each area, how many members rate themselves not yet or developing, or have
 * not rated it (no assessment at all counts as not rated). Most needed first; ties in the framework's order.
 */
export function trainingNeeds(members: readonly Member[]): TrainingNeed[] {
  const needs = areaIds.map((areaId) => {
    let notYet = 0
    let developing = 0
    let notRated = 0
    for (const m of members) {
      const rating = m.latest?.ratings[areaId]
      if (rating === 'not_yet') notYet++
      else if (rating === 'developing') developing++
      else if (rating === undefined) notRated++
    }
    return { areaId, notYet, developing, notRated, total: notYet + developing + notRated }
  })
  const order = (id: AreaId) => areaIds.indexOf(id)
  return needs.sort((a, b) => b.total - a.total || order(a.areaId) - order(b.areaId))
}

/** The framework's domains, for grouping the matrix's columns: '2.7a' belongs to domain 2. */
export function domainOf(areaId: AreaId): number {
  return Number(areaId.slice(0, 1))
}

export function areasByDomain(): { domain: number; areas: AreaId[] }[] {
  const groups: { domain: number; areas: AreaId[] }[] = []
  for (const id of areaIds) {
    const domain = domainOf(id)
    const group = groups.at(-1)
    if (group && group.domain === domain) group.areas.push(id)
    else groups.push({ domain, areas: [id] })
  }
  return groups
}
