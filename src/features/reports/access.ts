import type { Actor } from '../../platform/access/policy.js'
import { type Audience, type Dimension, dimensions, type ReportFilter } from './contract.js'
import type { FilterError } from './filters.js'

/**
 * Who sees which report (DESIGN §3, issue 7 §6), as one pure decision tested as a matrix (access.test.ts).
 *
 * - Practitioners and team leads: their own organisation's report, exact numbers (audience `organisation`); the
 *   organisation filter is forced to theirs. Any team of their organisation; a team lead may filter by any
 *   practitioner of the organisation, a practitioner only by themselves (their own caseload, not a colleague's).
 * - Commissioners: aggregates (audience `aggregate`, suppressed downstream) for the local authorities their
 *   organisation commissions (organisation_areas); an organisation with no areas (the national team) sees all of
 *   Wales. A local authority, health board, region or provider with none of its areas among theirs is refused, and
 *   the team and practitioner filters are refused outright: at small scale they point at people.
 * - Anyone else (administrators included) is refused: administrators manage accounts, not case data, and the
 *   policy's `reports.view` does not list them either. A user with a caseworker role and the commissioner role
 *   gets the caseworker's view (exact numbers of their own organisation only), never both.
 */

export type ReportActor = Pick<Actor, 'userId' | 'organisationId' | 'roles'>

/** What the decision needs to know about the actor's organisation and the codes asked for. */
export interface AccessFacts {
  /** The local authorities the actor's organisation covers; empty means all of Wales (a national team). */
  actorAreas: readonly string[]
  /** Every local authority's health board and regional partnership board. */
  geography: ReadonlyMap<string, { healthBoard: string; rpb: string }>
  /** For each organisation asked for: the local authorities it covers. */
  organisationAreas: ReadonlyMap<string, readonly string[]>
  /** For each team asked for: its organisation. */
  teamOrganisations: ReadonlyMap<string, string>
  /** For each practitioner asked for: their organisation. */
  practitionerOrganisations: ReadonlyMap<string, string>
}

export type AccessDecision = { ok: true; audience: Audience; where: ReportFilter['where'] } | { ok: false; errors: FilterError[] }

export const accessKeys = {
  role: 'reportFilters.access.role',
  otherOrganisation: 'reportFilters.access.otherOrganisation',
  otherTeam: 'reportFilters.access.otherTeam',
  otherPractitioner: 'reportFilters.access.otherPractitioner',
  ownCaseloadOnly: 'reportFilters.access.ownCaseloadOnly',
  personLevel: 'reportFilters.access.personLevel',
  outsideAreas: 'reportFilters.access.outsideAreas',
} as const

export function audienceOf(actor: ReportActor): Audience | null {
  if (actor.roles.includes('practitioner') || actor.roles.includes('team_lead')) return 'organisation'
  if (actor.roles.includes('commissioner')) return 'aggregate'
  return null
}

export function decideReportAccess(actor: ReportActor, where: ReportFilter['where'], facts: AccessFacts): AccessDecision {
  const audience = audienceOf(actor)
  if (audience === null) return { ok: false, errors: [{ field: 'report', key: accessKeys.role }] }
  const decision = audience === 'organisation' ? caseworkerAccess(actor, where, facts) : commissionerAccess(where, facts)
  // Errors in the contract's order of dimensions, whatever order the rules were checked in.
  if (!decision.ok) decision.errors.sort((a, b) => dimensions.indexOf(a.field as Dimension) - dimensions.indexOf(b.field as Dimension))
  return decision
}

function caseworkerAccess(actor: ReportActor, where: ReportFilter['where'], facts: AccessFacts): AccessDecision {
  const own = actor.organisationId
  const errors: FilterError[] = []
  if ((where.organisation ?? []).some((id) => id !== own)) errors.push({ field: 'organisation', key: accessKeys.otherOrganisation })
  if ((where.team ?? []).some((id) => facts.teamOrganisations.get(id) !== own)) errors.push({ field: 'team', key: accessKeys.otherTeam })
  const practitioners = where.practitioner ?? []
  if (practitioners.some((id) => facts.practitionerOrganisations.get(id) !== own)) errors.push({ field: 'practitioner', key: accessKeys.otherPractitioner })
  else if (!actor.roles.includes('team_lead') && practitioners.some((id) => id !== actor.userId)) errors.push({ field: 'practitioner', key: accessKeys.ownCaseloadOnly })
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, audience: 'organisation', where: { ...where, organisation: [own] } }
}

function commissionerAccess(where: ReportFilter['where'], facts: AccessFacts): AccessDecision {
  const errors: FilterError[] = []
  for (const field of ['team', 'practitioner'] as const) if ((where[field] ?? []).length > 0) errors.push({ field, key: accessKeys.personLevel })
  const national = facts.actorAreas.length === 0
  const mine = new Set(facts.actorAreas)
  const overlaps = (areas: Iterable<string>) => national || [...areas].some((code) => mine.has(code))
  const areasWhere = (test: (place: { code: string; healthBoard: string; rpb: string }) => boolean) =>
    [...facts.geography].filter(([code, place]) => test({ code, ...place })).map(([code]) => code)
  const outside: Record<string, (code: string) => boolean> = {
    local_authority: (code) => !overlaps([code]),
    health_board: (code) => !overlaps(areasWhere((p) => p.healthBoard === code)),
    rpb: (code) => !overlaps(areasWhere((p) => p.rpb === code)),
    organisation: (id) => !overlaps(facts.organisationAreas.get(id) ?? []),
  }
  for (const [field, isOutside] of Object.entries(outside)) {
    if ((where[field as Dimension] ?? []).some(isOutside)) errors.push({ field, key: accessKeys.outsideAreas })
  }
  if (errors.length > 0) return { ok: false, errors }
  if (national) return { ok: true, audience: 'aggregate', where: { ...where } }
  // Forced to their areas: what they asked for within them, or all of them. Other filters (a health board, a
  // provider) then narrow further, so nothing outside the areas is ever counted.
  const asked = where.local_authority
  const local_authority = asked && asked.length > 0 ? asked : [...facts.actorAreas].sort()
  return { ok: true, audience: 'aggregate', where: { ...where, local_authority } }
}
