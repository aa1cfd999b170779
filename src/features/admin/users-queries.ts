import { type Kysely, sql } from 'kysely'
import type { DB, Role } from '../../platform/db/schema.js'
import { isLocked } from '../auth/sign-in.js'
import { likeEscape } from './fields.js'
import { PAGE_SIZE } from './paging.js'
import type { UserInput } from './user-form.js'

type Db = Kysely<DB>

export interface UserFilters {
  organisationId?: string
  role?: Role
  /** Part of a name or e-mail address; accents are ignored (Siân = Sian). */
  search?: string
}

export interface UserRow {
  id: string
  name: string
  email: string
  organisation_id: string
  team_id: string | null
  organisation_name: string
  organisation_name_cy: string | null
  active: boolean
  failed_sign_ins: number
  locked_until: Date | null
  last_sign_in_at: Date | null
  password_changed_at: Date | null
  created_at: Date
  updated_at: Date
  roles: Role[]
}

function filtered(db: Db, filters: UserFilters) {
  const pattern = filters.search ? `%${likeEscape(filters.search)}%` : ''
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .$if(filters.organisationId !== undefined, (qb) => qb.where('users.organisation_id', '=', filters.organisationId as string))
    .$if(filters.role !== undefined, (qb) =>
      qb.where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', '=', filters.role as Role))),
    )
    .$if(pattern !== '', (qb) => qb.where(sql<boolean>`(unaccent(users.name) ilike unaccent(${pattern}) or users.email ilike ${pattern})`))
}

const columns = [
  'users.id',
  'users.name',
  'users.email',
  'users.organisation_id',
  'users.team_id',
  'organisations.name as organisation_name',
  'organisations.name_cy as organisation_name_cy',
  'users.active',
  'users.failed_sign_ins',
  'users.locked_until',
  'users.last_sign_in_at',
  'users.password_changed_at',
  'users.created_at',
  'users.updated_at',
] as const

/** One page of users by name, and how many match in all. */
export async function listUsers(db: Db, filters: UserFilters, page: number, pageSize = PAGE_SIZE): Promise<{ rows: UserRow[]; total: number }> {
  const { n } = await filtered(db, filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await filtered(db, filters)
    .select(columns)
    .orderBy(sql`lower(users.name)`)
    .orderBy('users.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return { rows: await withRoles(db, rows), total: Number(n) }
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(columns).where('users.id', '=', id).executeTakeFirst()
  return row ? (await withRoles(db, [row]))[0] : undefined
}

async function withRoles<T extends { id: string }>(db: Db, rows: T[]): Promise<(T & { roles: Role[] })[]> {
  if (rows.length === 0) return []
  const roles = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', rows.map((r) => r.id)).orderBy('role').execute()
  return rows.map((row) => ({ ...row, roles: roles.filter((r) => r.user_id === row.id).map((r) => r.role) }))
}

export function toInput(row: UserRow): UserInput {
  return { name: row.name, email: row.email, organisationId: row.organisation_id, roles: row.roles, active: row.active }
}

export async function emailTaken(db: Db, email: string, exceptId?: string): Promise<boolean> {
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .$if(exceptId !== undefined, (qb) => qb.where('id', '<>', exceptId as string))
    .executeTakeFirst()
  return found !== undefined
}

export async function insertUser(db: Db, input: UserInput & { teamId?: string | null }, passwordHash: string, now = new Date()): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({ name: input.name, email: input.email, organisation_id: input.organisationId, team_id: input.teamId ?? null, password_hash: passwordHash, password_changed_at: now, active: true })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('user_roles').values(input.roles.map((role) => ({ user_id: id, role }))).execute()
  return id
}

/** The organisation and the team change in one statement: the team must be one of the organisation's (0029). */
export async function updateUser(db: Db, id: string, input: UserInput & { teamId: string | null }): Promise<void> {
  await db.updateTable('users').set({ name: input.name, email: input.email, organisation_id: input.organisationId, team_id: input.teamId, active: input.active, updated_at: new Date() }).where('id', '=', id).execute()
  await db.deleteFrom('user_roles').where('user_id', '=', id).execute()
  await db.insertInto('user_roles').values(input.roles.map((role) => ({ user_id: id, role }))).execute()
}

/** Signs the user out everywhere. */
export async function deleteSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export function isUserLocked(row: { locked_until: Date | null }, now = new Date()): boolean {
  return isLocked(row.locked_until, now)
}
