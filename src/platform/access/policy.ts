import type { OrganisationType, Role } from '../db/schema.js'

/**
 * The one place that answers "may this user do this action on this record" (DESIGN §3). Every route declares
 * an action in its `config.action`; the access hook refuses the request before the handler runs when `can`
 * says no, and handlers that load a record call `can` again with the record's organisation.
 */
export interface Actor {
  userId: string
  organisationId: string
  organisationType: OrganisationType
  roles: readonly Role[]
}

/** The owner of the record being acted on; absent when the action is not about one record. */
export interface RecordScope {
  organisationId: string | null
  /** Set when the record is personal to one user (their own tokens, their own password). */
  userId?: string
}

type Rule = (actor: Actor, record: RecordScope | undefined) => boolean

const anyRole =
  (...wanted: Role[]): Rule =>
  (actor) =>
    actor.roles.some((role) => wanted.includes(role))

const self: Rule = (actor, record) => record === undefined || record.userId === actor.userId

/** Actions and who may take them. `public` needs no sign-in; every other action does. */
export const rules = {
  public: () => true,
  /** Any signed-in user: their home page, their own account. */
  'account.view': () => true,
  'account.change_password': self,
  'api_tokens.manage_own': self,
  'admin.organisations.view': anyRole('admin'),
  'admin.organisations.manage': anyRole('admin'),
  'admin.users.view': anyRole('admin'),
  'admin.users.manage': anyRole('admin'),
  'admin.audit.search': anyRole('admin'),
  'reference.geography.view': () => true,
} satisfies Record<string, Rule>

export type Action = keyof typeof rules

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(rules, value)
}

export function can(actor: Actor | null, action: Action, record?: RecordScope): boolean {
  if (action === 'public') return true
  if (!actor) return false
  return rules[action](actor, record)
}
