import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { createOwnToken } from '../features/account/tokens.js'
import { type AuditContext, audit } from '../platform/audit/audit.js'
import type { DB } from '../platform/db/schema.js'
import { hashPassword, passwordProblem } from '../platform/security/passwords.js'
import { randomToken } from '../platform/security/tokens.js'
import type { CliCommand } from './args.js'

export const DEFAULT_ADMIN_ORGANISATION = 'Cyswllt administrators'

/** An expected failure (unknown user, name taken): its message is shown as it is, with this exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Changes made from the command line have no acting user and no request: the audit says `via: 'cli'`. */
const cliContext: AuditContext = { actorUserId: null, organisationId: null, requestId: null, clientAddress: null }

/** A password nobody chose: 24 random URL-safe characters, checked against the same rules as any other. */
function generatePassword(): string {
  for (;;) {
    const password = randomToken(18)
    if (!passwordProblem(password)) return password
  }
}

/**
 * Creates an administrator with a generated password, or adds the admin role to an existing account. Returns
 * the lines to print; the password appears in them once and is stored only as its Argon2id hash.
 */
export async function createAdmin(
  db: Kysely<DB>,
  command: Extract<CliCommand, { command: 'create-admin' }>,
): Promise<string[]> {
  const password = generatePassword()
  const hash = await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select(['id', 'organisation_id', 'active'])
      .where('email', '=', command.email)
      .executeTakeFirst()
    if (existing) {
      const already = await trx
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', existing.id)
        .where('role', '=', 'admin')
        .executeTakeFirst()
      if (already) return [`${command.email} is already an administrator. Nothing was changed.`]
      await trx.insertInto('user_roles').values({ user_id: existing.id, role: 'admin' }).execute()
      await audit(trx, cliContext, {
        action: 'user.update',
        recordType: 'user',
        recordId: existing.id,
        organisationId: existing.organisation_id,
        detail: { via: 'cli', rolesAdded: ['admin'] },
      })
      const lines = [
        `${command.email} already has an account: the admin role has been added. Their password and organisation are unchanged.`,
      ]
      if (!existing.active)
        lines.push('Note: this account is deactivated, so it cannot sign in until an administrator reactivates it.')
      return lines
    }

    const lines: string[] = []
    const organisationName = command.organisation ?? DEFAULT_ADMIN_ORGANISATION
    let organisation = await trx
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where(sql<string>`lower(name)`, '=', organisationName.toLowerCase())
      .executeTakeFirst()
    if (!organisation) {
      organisation = await trx
        .insertInto('organisations')
        .values({ name: organisationName, type: 'commissioner' })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow()
      await audit(trx, cliContext, {
        action: 'organisation.create',
        recordType: 'organisation',
        recordId: organisation.id,
        organisationId: organisation.id,
        detail: { via: 'cli' },
      })
      lines.push(`Created the organisation "${organisation.name}" (commissioner).`)
    }
    const name = command.name ?? command.email.split('@')[0] ?? command.email
    const user = await trx
      .insertInto('users')
      .values({
        email: command.email,
        name,
        organisation_id: organisation.id,
        password_hash: hash,
        password_changed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx.insertInto('user_roles').values({ user_id: user.id, role: 'admin' }).execute()
    await audit(trx, cliContext, {
      action: 'user.create',
      recordType: 'user',
      recordId: user.id,
      organisationId: organisation.id,
      detail: { via: 'cli', roles: ['admin'] },
    })
    lines.push(
      `Created the administrator ${command.email} in "${organisation.name}".`,
      `Password (shown only now): ${password}`,
      'Sign in with it, then change it at /account/password.',
    )
    return lines
  })
}

/** Creates a personal API token for an existing, active user and returns it (the only thing printed). */
export async function createToken(
  db: Kysely<DB>,
  command: Extract<CliCommand, { command: 'create-token' }>,
): Promise<string> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'active'])
    .where('email', '=', command.email)
    .executeTakeFirst()
  if (!user) throw new CliError(`No user has the e-mail address ${command.email}.`)
  if (!user.active) throw new CliError(`The account ${command.email} is deactivated: it cannot have API tokens.`)
  const created = await createOwnToken(
    db,
    cliContext,
    { userId: user.id, organisationId: user.organisation_id },
    { name: command.name, days: command.days },
    { via: 'cli' },
  )
  if (!created.ok)
    throw new CliError(
      `${command.email} already has an active token named "${command.name}". Choose another --name, or revoke that token.`,
    )
  return created.token
}
