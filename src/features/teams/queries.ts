import { type Kysely, sql } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { TeamInput } from './team-form.js'

type Db = Kysely<DB>

export interface TeamRow {
  id: string
  organisation_id: string
  name: string
  name_cy: string | null
  created_at: Date
  archived_at: Date | null
  member_count: number
}

/** An organisation's teams: current ones first, each group by name. */
export async function listTeams(db: Db, organisationId: string, filter: { id?: string } = {}): Promise<TeamRow[]> {
  const rows = await db
    .selectFrom('teams as t')
    .select(['t.id', 't.organisation_id', 't.name', 't.name_cy', 't.created_at', 't.archived_at'])
    .select((eb) => eb.selectFrom('users as u').whereRef('u.team_id', '=', 't.id').select(eb.fn.countAll<number>().as('n')).as('member_count'))
    .where('t.organisation_id', '=', organisationId)
    .$if(filter.id !== undefined, (qb) => qb.where('t.id', '=', filter.id as string))
    .orderBy(sql`t.archived_at is not null`)
    .orderBy(sql`lower(t.name)`)
    .execute()
  return rows.map((row) => ({ ...row, member_count: Number(row.member_count ?? 0) }))
}

export async function findTeam(db: Db, organisationId: string, id: string): Promise<TeamRow | undefined> {
  return (await listTeams(db, organisationId, { id }))[0]
}

export async function teamNameTaken(db: Db, organisationId: string, name: string, exceptId?: string): Promise<boolean> {
  const found = await db
    .selectFrom('teams as t')
    .select('t.id')
    .where('t.organisation_id', '=', organisationId)
    .where(sql<boolean>`lower(t.name) = lower(${name})`)
    .$if(exceptId !== undefined, (qb) => qb.where('t.id', '<>', exceptId as string))
    .executeTakeFirst()
  return found !== undefined
}

export async function insertTeam(db: Db, organisationId: string, input: TeamInput): Promise<string> {
  const { id } = await db.insertInto('teams').values({ organisation_id: organisationId, name: input.name, name_cy: input.nameCy }).returning('id').executeTakeFirstOrThrow()
  return id
}

export async function updateTeam(db: Db, id: string, changes: { name?: string; name_cy?: string | null; archived_at?: Date | null }): Promise<void> {
  await db.updateTable('teams').set(changes).where('id', '=', id).execute()
}

/** Every team with its organisation and whether it is archived, for checking a user's team. */
export async function teamsOfOrganisations(db: Db, organisationIds: string[]): Promise<Map<string, { organisationId: string; archived: boolean }>> {
  if (organisationIds.length === 0) return new Map()
  const rows = await db.selectFrom('teams').select(['id', 'organisation_id', 'archived_at']).where('organisation_id', 'in', organisationIds).execute()
  return new Map(rows.map((r) => [r.id, { organisationId: r.organisation_id, archived: r.archived_at !== null }]))
}

/** The teams offered on the user form: the organisation's current teams, and the user's own even if archived. */
export async function teamChoices(db: Db, organisationId: string, currentTeamId: string | null): Promise<{ id: string; name: string; name_cy: string | null }[]> {
  return db
    .selectFrom('teams')
    .select(['id', 'name', 'name_cy'])
    .where('organisation_id', '=', organisationId)
    .where((eb) => (currentTeamId ? eb.or([eb('archived_at', 'is', null), eb('id', '=', currentTeamId)]) : eb('archived_at', 'is', null)))
    .orderBy(sql`lower(name)`)
    .execute()
}
