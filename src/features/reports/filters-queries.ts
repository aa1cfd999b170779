import type { Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { AccessFacts } from './access.js'
import type { KnownCodes } from './filters-codes.js'

/** The rows the filter checks need: the geography, and only the organisations, teams and users asked for. */
export async function loadFilterLookups(
  db: Kysely<DB>,
  actorOrganisationId: string,
  ids: { organisation: string[]; team: string[]; practitioner: string[] },
): Promise<{ known: KnownCodes; facts: AccessFacts }> {
  const places = await db
    .selectFrom('local_authorities as la')
    .innerJoin('health_boards as hb', 'hb.code', 'la.health_board_code')
    .select(['la.code', 'la.health_board_code', 'hb.regional_partnership_board_code'])
    .execute()
  const rpbs = await db.selectFrom('regional_partnership_boards').select('code').execute()
  const providers = ids.organisation.length
    ? await db.selectFrom('organisations').select('id').where('id', 'in', ids.organisation).where('type', '=', 'provider').execute()
    : []
  const areaOwners = [actorOrganisationId, ...providers.map((p) => p.id)]
  const areas = await db.selectFrom('organisation_areas').select(['organisation_id', 'local_authority_code']).where('organisation_id', 'in', areaOwners).execute()
  const teams = ids.team.length ? await db.selectFrom('teams').select(['id', 'organisation_id']).where('id', 'in', ids.team).execute() : []
  const practitioners = ids.practitioner.length
    ? await db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select(['u.id', 'u.organisation_id'])
        .distinct()
        .where('u.id', 'in', ids.practitioner)
        .where('r.role', 'in', ['practitioner', 'team_lead'])
        .execute()
    : []

  const areasOf = (organisationId: string) => areas.filter((a) => a.organisation_id === organisationId).map((a) => a.local_authority_code).sort()
  return {
    known: {
      local_authority: new Set(places.map((p) => p.code)),
      health_board: new Set(places.map((p) => p.health_board_code)),
      rpb: new Set(rpbs.map((r) => r.code)),
      organisation: new Set(providers.map((p) => p.id)),
      team: new Set(teams.map((t) => t.id)),
      practitioner: new Set(practitioners.map((p) => p.id)),
    },
    facts: {
      actorAreas: areasOf(actorOrganisationId),
      geography: new Map(places.map((p) => [p.code, { healthBoard: p.health_board_code, rpb: p.regional_partnership_board_code }])),
      organisationAreas: new Map(providers.map((p) => [p.id, areasOf(p.id)])),
      teamOrganisations: new Map(teams.map((t) => [t.id, t.organisation_id])),
      practitionerOrganisations: new Map(practitioners.map((p) => [p.id, p.organisation_id])),
    },
  }
}
