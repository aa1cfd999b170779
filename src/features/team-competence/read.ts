import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, HttpProblem, notFound } from '../../platform/http/problems.js'
import { isUuid, queryValue } from '../admin/fields.js'
import { assessmentsOf, teamById, teamOptions, teamPeople, type TeamOption } from './queries.js'
import { type Coverage, coverageOf, latestPerPerson, type Member, type TrainingNeed, trainingNeeds } from './rules.js'

export interface TeamCompetence {
  organisationId: string
  team: TeamOption | null
  teams: TeamOption[]
  members: Member[]
  coverage: Coverage[]
  needs: TrainingNeed[]
}

export const badTeam = () => new HttpProblem(400, 'invalid_team', 'teamCompetence.errors.team')

/**
 * The team's competence (issue 8 §3) for the team lead's organisation, or one of its teams. Staff's
 * self-assessments are their records: every read is audited in the transaction that reads them, and asking for
 * another organisation's team is refused as not found (its existence is not confirmed) and audited as refused.
 */
export async function readTeamCompetence(app: FastifyInstance, request: FastifyRequest, as: 'page' | 'api' | 'csv'): Promise<TeamCompetence> {
  const organisationId = request.user?.organisationId
  if (!organisationId || !can(request.user, 'competence.team.view', { organisationId })) throw forbidden()
  const asked = queryValue((request.query as Record<string, unknown>).team)
  if (asked !== '' && !isUuid(asked)) throw badTeam()
  const db = app.deps.database.db
  return db.transaction().execute(async (trx) => {
    const team = asked ? await teamById(trx, asked) : undefined
    if (asked && (!team || !can(request.user, 'competence.team.view', { organisationId: team.organisation_id }))) {
      await audit(trx, auditContext(request), {
        action: 'team_competence.view',
        recordType: 'team',
        recordId: asked,
        organisationId,
        outcome: 'refused',
        detail: { as, reason: team ? 'other_organisation' : 'not_found' },
      })
      // The refusal's audit row must outlive the 404: commit it, then answer.
      return null
    }
    const people = await teamPeople(trx, organisationId, team?.id ?? null)
    const latest = latestPerPerson(await assessmentsOf(trx, organisationId, people.map((p) => p.id)))
    const members = people.map((p) => ({ id: p.id, name: p.name, latest: latest.get(p.id) ?? null }))
    await audit(trx, auditContext(request), {
      action: 'team_competence.view',
      recordType: team ? 'team' : 'organisation',
      recordId: team?.id ?? organisationId,
      organisationId,
      detail: { as, people: members.length, assessed: latest.size },
    })
    return {
      organisationId,
      team: team ? { id: team.id, name: team.name, name_cy: team.name_cy } : null,
      teams: await teamOptions(trx, organisationId),
      members,
      coverage: coverageOf(members),
      needs: trainingNeeds(members),
    }
  }).then((found) => {
    if (!found) throw notFound()
    return found
  })
}
