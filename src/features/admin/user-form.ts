import { type Role, roles as allRoles } from '../../platform/db/schema.js'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../../platform/security/passwords.js'
import { type FieldError, isUuid, length, list, queryValue, text } from './fields.js'

export const MAX_NAME_LENGTH = 200
export const MAX_EMAIL_LENGTH = 254

/** A user account as the pages and the API create or change it. */
export interface UserInput {
  name: string
  email: string
  organisationId: string
  roles: Role[]
  active: boolean
}

export interface UserValues {
  name: string
  email: string
  organisationId: string
  roles: string[]
  active: string
  /** The team select's value (features/teams), read by users-save.ts. */
  teamId?: string
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (allRoles as readonly string[]).includes(value)
}

/** `yes`/`no` from the form's radios, `true`/`false` from JSON. */
function readActive(value: unknown): string {
  if (value === true || value === 'true' || value === 'yes') return 'yes'
  if (value === false || value === 'false' || value === 'no') return 'no'
  return ''
}

/**
 * Checks a user from a form or a JSON body. `organisationIds` holds the organisations that exist; on create
 * (`mode: 'create'`) the account is active and `active` is not read. E-mail uniqueness is checked later.
 */
export function validateUser(
  body: Record<string, unknown>,
  organisationIds: ReadonlySet<string>,
  mode: 'create' | 'edit',
): { input: UserInput | null; values: UserValues; errors: FieldError[] } {
  const values: UserValues = {
    name: text(body.name),
    email: text(body.email),
    organisationId: text(body.organisationId),
    roles: list(body.roles),
    active: mode === 'create' ? 'yes' : readActive(body.active),
  }
  const name = values.name.trim()
  const email = values.email.trim().toLowerCase()
  const errors: FieldError[] = []

  if (!name) errors.push({ field: 'name', key: 'admin.users.errors.nameMissing' })
  else if (length(name) > MAX_NAME_LENGTH) errors.push({ field: 'name', key: 'admin.users.errors.nameTooLong', params: { max: MAX_NAME_LENGTH } })
  if (!email) errors.push({ field: 'email', key: 'admin.users.errors.emailMissing' })
  else if (length(email) > MAX_EMAIL_LENGTH || !isEmail(email)) errors.push({ field: 'email', key: 'admin.users.errors.emailInvalid' })
  if (!values.organisationId) errors.push({ field: 'organisationId', key: 'admin.users.errors.organisationMissing' })
  else if (!organisationIds.has(values.organisationId)) errors.push({ field: 'organisationId', key: 'admin.users.errors.organisationInvalid' })
  if (values.roles.length === 0) errors.push({ field: 'roles', key: 'admin.users.errors.rolesMissing' })
  else if (!values.roles.every(isRole)) errors.push({ field: 'roles', key: 'admin.users.errors.rolesInvalid' })
  if (!values.active) errors.push({ field: 'active', key: 'admin.users.errors.activeMissing' })

  if (errors.length > 0) return { input: null, values, errors }
  const roles = allRoles.filter((role) => values.roles.includes(role))
  return { input: { name, email, organisationId: values.organisationId, roles, active: values.active === 'yes' }, values, errors }
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
}

/** The initial password an administrator typed; blank means "generate one". */
export function initialPasswordError(password: string): FieldError | null {
  if (password === '') return null
  const problem = passwordProblem(password)
  if (problem === 'too_short') return { field: 'password', key: 'admin.users.errors.passwordTooShort', params: { min: MIN_PASSWORD_LENGTH } }
  if (problem === 'too_long') return { field: 'password', key: 'admin.users.errors.passwordTooLong', params: { max: MAX_PASSWORD_LENGTH } }
  if (problem === 'common') return { field: 'password', key: 'admin.users.errors.passwordCommon' }
  return null
}

/** An administrator may not lock themselves out: keep their own admin role and their own account active. */
export function selfEditErrors(actorUserId: string, targetUserId: string, input: UserInput): FieldError[] {
  if (actorUserId !== targetUserId) return []
  const errors: FieldError[] = []
  if (!input.roles.includes('admin')) errors.push({ field: 'roles', key: 'admin.users.errors.ownAdminRole' })
  if (!input.active) errors.push({ field: 'active', key: 'admin.users.errors.deactivateSelf' })
  return errors
}

/** The names of the fields an update changes, for the audit trail (never the values). */
export function changedUserFields(before: UserInput, after: UserInput): string[] {
  const changed: string[] = []
  if (before.name !== after.name) changed.push('name')
  if (before.email !== after.email) changed.push('email')
  if (before.organisationId !== after.organisationId) changed.push('organisationId')
  if ([...before.roles].sort().join() !== [...after.roles].sort().join()) changed.push('roles')
  if (before.active !== after.active) changed.push('active')
  return changed
}

export interface UserFilterValues {
  organisation: string
  role: string
  q: string
}

/** The users list's filters from the query; values that cannot match anything are dropped. */
export function parseUserFilters(query: Record<string, unknown>): { filters: { organisationId?: string; role?: Role; search?: string }; values: UserFilterValues } {
  const values: UserFilterValues = { organisation: queryValue(query.organisation), role: queryValue(query.role), q: queryValue(query.q).slice(0, 254) }
  const filters: { organisationId?: string; role?: Role; search?: string } = {}
  if (isUuid(values.organisation)) filters.organisationId = values.organisation
  else values.organisation = ''
  if (isRole(values.role)) filters.role = values.role
  else values.role = ''
  if (values.q) filters.search = values.q
  return { filters, values }
}
