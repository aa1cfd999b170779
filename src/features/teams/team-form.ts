import { type FieldError, length, text } from '../admin/fields.js'

export const MAX_TEAM_NAME_LENGTH = 200

/** A team as the pages and the API create or rename it (same field names in both). */
export interface TeamInput {
  name: string
  nameCy: string | null
}

export interface TeamValues {
  name: string
  nameCy: string
}

export const nameTakenError: FieldError = { field: 'name', key: 'teams.errors.nameTaken' }

/** Checks a team's names. Uniqueness within the organisation needs the database and is checked on saving. */
export function validateTeam(body: Record<string, unknown>): { input: TeamInput | null; values: TeamValues; errors: FieldError[] } {
  const values: TeamValues = { name: text(body.name), nameCy: text(body.nameCy) }
  const name = values.name.trim()
  const nameCy = values.nameCy.trim()
  const errors: FieldError[] = []
  if (!name) errors.push({ field: 'name', key: 'teams.errors.nameMissing' })
  else if (length(name) > MAX_TEAM_NAME_LENGTH) errors.push({ field: 'name', key: 'teams.errors.nameTooLong', params: { max: MAX_TEAM_NAME_LENGTH } })
  if (length(nameCy) > MAX_TEAM_NAME_LENGTH) errors.push({ field: 'nameCy', key: 'teams.errors.nameCyTooLong', params: { max: MAX_TEAM_NAME_LENGTH } })
  if (errors.length > 0) return { input: null, values, errors }
  return { input: { name, nameCy: nameCy || null }, values, errors }
}

/** The names of the fields a rename changes, for the audit trail (never the values). */
export function changedTeamFields(before: TeamInput, after: TeamInput): string[] {
  const changed: string[] = []
  if (before.name !== after.name) changed.push('name')
  if (before.nameCy !== after.nameCy) changed.push('nameCy')
  return changed
}

/**
 * The team a user may be given (admin user form and API): one of the user's organisation's teams, not archived
 * unless it is already theirs (archiving a team leaves its members in it, for the reports of past periods).
 */
export function userTeamError(teamId: string | null, organisationId: string, teams: ReadonlyMap<string, { organisationId: string; archived: boolean }>, currentTeamId: string | null): FieldError | null {
  if (teamId === null) return null
  const team = teams.get(teamId)
  if (!team || team.organisationId !== organisationId) return { field: 'teamId', key: 'teams.errors.teamNotInOrganisation' }
  if (team.archived && teamId !== currentTeamId) return { field: 'teamId', key: 'teams.errors.teamArchived' }
  return null
}

/**
 * The user form's or API body's `teamId`: absent means "as before" (the API may leave it out), blank or null means
 * no team. Any other value is checked by `userTeamError`.
 */
export function readTeamField(body: Record<string, unknown>): { given: boolean; teamId: string | null; value: string } {
  const given = Object.hasOwn(body, 'teamId')
  const value = text(body.teamId).trim()
  return { given, teamId: value === '' ? null : value.toLowerCase(), value }
}
