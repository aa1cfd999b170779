import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { hashPassword } from '../../platform/security/passwords.js'
import { randomToken } from '../../platform/security/tokens.js'
import { teamsOfOrganisations } from '../teams/queries.js'
import { readTeamField, userTeamError } from '../teams/team-form.js'
import { type FieldError, isUniqueViolation, text } from './fields.js'
import { changedUserFields, initialPasswordError, selfEditErrors, type UserValues, validateUser } from './user-form.js'
import { deleteSessions, emailTaken, insertUser, toInput, updateUser, type UserRow } from './users-queries.js'

export type CreateResult =
  | { ok: true; id: string; /** Set when Cyswllt chose the password: shown once, never stored in clear. */ generatedPassword: string | null }
  | { ok: false; values: UserValues; errors: FieldError[]; conflict: boolean }

export type UpdateResult = { ok: true } | { ok: false; values: UserValues; errors: FieldError[]; conflict: boolean }

const emailInUse: FieldError = { field: 'email', key: 'admin.users.errors.emailTaken' }

async function organisationIds(db: Kysely<DB>): Promise<Set<string>> {
  return new Set((await db.selectFrom('organisations').select('id').execute()).map((r) => r.id))
}

/** A new password Cyswllt chooses: 12 random bytes, 16 characters. */
export function generatePassword(): string {
  return randomToken(12)
}

/** Creates an account from a form or JSON body, with its roles and its audit event in one transaction. */
export async function createUser(db: Kysely<DB>, request: FastifyRequest, body: Record<string, unknown>): Promise<CreateResult> {
  const { input, values, errors } = validateUser(body, await organisationIds(db), 'create')
  const team = readTeamField(body)
  values.teamId = team.value
  const typed = text(body.password)
  const passwordError = initialPasswordError(typed)
  if (passwordError) errors.push(passwordError)
  const teamError = input ? userTeamError(team.teamId, input.organisationId, await teamsOfOrganisations(db, [input.organisationId]), null) : null
  if (teamError) errors.push(teamError)
  if (!input || errors.length > 0) return { ok: false, values, errors, conflict: false }

  const generatedPassword = typed === '' ? generatePassword() : null
  // Hashing takes a while: do it before the transaction so the connection is not held meanwhile.
  const passwordHash = await hashPassword(generatedPassword ?? typed)
  try {
    const id = await db.transaction().execute(async (trx) => {
      if (await emailTaken(trx, input.email)) return null
      const created = await insertUser(trx, { ...input, teamId: team.teamId }, passwordHash)
      await audit(trx, auditContext(request), {
        action: 'user.create',
        recordType: 'user',
        recordId: created,
        organisationId: input.organisationId,
        detail: { fields: ['name', 'email', 'organisationId', 'roles', 'password', ...(team.teamId ? ['teamId'] : [])] },
      })
      return created
    })
    if (id === null) return { ok: false, values, errors: [emailInUse], conflict: true }
    return { ok: true, id, generatedPassword }
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, values, errors: [emailInUse], conflict: true }
    throw error
  }
}

/** Changes an account; deactivating it ends all of its sessions. */
export async function saveUser(db: Kysely<DB>, request: FastifyRequest, existing: UserRow, body: Record<string, unknown>): Promise<UpdateResult> {
  const { input, values, errors } = validateUser(body, await organisationIds(db), 'edit')
  const team = readTeamField(body)
  values.teamId = team.given ? team.value : (existing.team_id ?? '')
  if (!input) return { ok: false, values, errors, conflict: false }
  const own = selfEditErrors(request.user?.userId ?? '', existing.id, input)
  if (own.length > 0) return { ok: false, values, errors: own, conflict: false }
  // Left out (the API): the team stays, unless the user moves to another organisation, whose teams are others.
  const teamId = team.given ? team.teamId : input.organisationId === existing.organisation_id ? existing.team_id : null
  const teamError = userTeamError(teamId, input.organisationId, await teamsOfOrganisations(db, [input.organisationId]), existing.team_id)
  if (teamError) return { ok: false, values, errors: [teamError], conflict: false }
  try {
    const saved = await db.transaction().execute(async (trx) => {
      if (await emailTaken(trx, input.email, existing.id)) return false
      const changed = [...changedUserFields(toInput(existing), input), ...(teamId !== existing.team_id ? ['teamId'] : [])]
      if (changed.length === 0) return true
      await updateUser(trx, existing.id, { ...input, teamId })
      const sessionsEnded = existing.active && !input.active ? await deleteSessions(trx, existing.id) : 0
      await audit(trx, auditContext(request), {
        action: 'user.update',
        recordType: 'user',
        recordId: existing.id,
        organisationId: input.organisationId,
        detail: { changed, ...(sessionsEnded > 0 ? { sessionsEnded } : {}) },
      })
      return true
    })
    return saved ? { ok: true } : { ok: false, values, errors: [emailInUse], conflict: true }
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, values, errors: [emailInUse], conflict: true }
    throw error
  }
}

/** Clears the lockout after too many wrong passwords. */
export async function unlockUser(db: Kysely<DB>, request: FastifyRequest, user: UserRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_sign_ins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', user.id).execute()
    await audit(trx, auditContext(request), { action: 'user.unlock', recordType: 'user', recordId: user.id, organisationId: user.organisation_id })
  })
}

/**
 * Gives the account a new password that Cyswllt chooses, ends its sessions and lifts any lockout (the person
 * is about to sign in with it). Returns the password, to be shown once.
 */
export async function resetPassword(db: Kysely<DB>, request: FastifyRequest, user: UserRow): Promise<string> {
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    const now = new Date()
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, failed_sign_ins: 0, locked_until: null, updated_at: now }).where('id', '=', user.id).execute()
    const sessionsEnded = await deleteSessions(trx, user.id)
    await audit(trx, auditContext(request), { action: 'user.reset_password', recordType: 'user', recordId: user.id, organisationId: user.organisation_id, detail: { sessionsEnded } })
  })
  return password
}
