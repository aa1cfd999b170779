import { type Kysely, sql } from 'kysely'
import type { DB, OrganisationType } from '../../platform/db/schema.js'
import type { OrganisationInput } from './organisation-form.js'

type Db = Kysely<DB>

export interface LocalAuthorityOption {
  code: string
  name_en: string
  name_cy: string
  health_board_code: string
  health_board_name_en: string
  health_board_name_cy: string
}

/** The 22 local authorities with their health board, for the "areas covered" checkboxes. */
export function listLocalAuthorities(db: Db): Promise<LocalAuthorityOption[]> {
  return db
    .selectFrom('local_authorities')
    .innerJoin('health_boards', 'health_boards.code', 'local_authorities.health_board_code')
    .select(['local_authorities.code', 'local_authorities.name_en', 'local_authorities.name_cy', 'local_authorities.health_board_code', 'health_boards.name_en as health_board_name_en', 'health_boards.name_cy as health_board_name_cy'])
    .orderBy('local_authorities.code')
    .execute()
}

export interface OrganisationRow {
  id: string
  name: string
  name_cy: string | null
  type: OrganisationType
  created_at: Date
  updated_at: Date
  user_count: number
  local_authorities: string[]
}

/** Organisations by name, with the areas they cover and how many users each has. */
export async function listOrganisations(db: Db, filter: { type?: OrganisationType; id?: string } = {}): Promise<OrganisationRow[]> {
  const rows = await db
    .selectFrom('organisations')
    .select(['organisations.id', 'organisations.name', 'organisations.name_cy', 'organisations.type', 'organisations.created_at', 'organisations.updated_at'])
    .select((eb) => eb.selectFrom('users').whereRef('users.organisation_id', '=', 'organisations.id').select(eb.fn.countAll<number>().as('n')).as('user_count'))
    .$if(filter.type !== undefined, (qb) => qb.where('organisations.type', '=', filter.type as OrganisationType))
    .$if(filter.id !== undefined, (qb) => qb.where('organisations.id', '=', filter.id as string))
    .orderBy(sql`lower(organisations.name)`)
    .execute()
  if (rows.length === 0) return []
  const areas = await db
    .selectFrom('organisation_areas')
    .select(['organisation_id', 'local_authority_code'])
    .where('organisation_id', 'in', rows.map((r) => r.id))
    .orderBy('local_authority_code')
    .execute()
  return rows.map((row) => ({
    ...row,
    user_count: Number(row.user_count ?? 0),
    local_authorities: areas.filter((a) => a.organisation_id === row.id).map((a) => a.local_authority_code),
  }))
}

export async function findOrganisation(db: Db, id: string): Promise<OrganisationRow | undefined> {
  return (await listOrganisations(db, { id }))[0]
}

export function toInput(row: OrganisationRow): OrganisationInput {
  return { name: row.name, nameCy: row.name_cy, type: row.type, localAuthorities: row.local_authorities }
}

/** Another organisation already has this name, ignoring case (the unique index is on lower(name)). */
export async function organisationNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  const found = await db
    .selectFrom('organisations')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .$if(exceptId !== undefined, (qb) => qb.where('id', '<>', exceptId as string))
    .executeTakeFirst()
  return found !== undefined
}

export async function insertOrganisation(db: Db, input: OrganisationInput): Promise<string> {
  const { id } = await db.insertInto('organisations').values({ name: input.name, name_cy: input.nameCy, type: input.type }).returning('id').executeTakeFirstOrThrow()
  await replaceAreas(db, id, input.localAuthorities)
  return id
}

export async function updateOrganisation(db: Db, id: string, input: OrganisationInput): Promise<void> {
  await db.updateTable('organisations').set({ name: input.name, name_cy: input.nameCy, type: input.type, updated_at: new Date() }).where('id', '=', id).execute()
  await replaceAreas(db, id, input.localAuthorities)
}

async function replaceAreas(db: Db, id: string, codes: string[]): Promise<void> {
  await db.deleteFrom('organisation_areas').where('organisation_id', '=', id).execute()
  if (codes.length > 0) await db.insertInto('organisation_areas').values(codes.map((code) => ({ organisation_id: id, local_authority_code: code }))).execute()
}

/** Id and names of every organisation, for the users' organisation select and filter. */
export function organisationChoices(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name', 'name_cy']).orderBy(sql`lower(name)`).execute()
}
