import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { auditContext } from '../../platform/http/context.js'
import { type FieldError, isUniqueViolation } from '../admin/fields.js'
import { insertTeam, teamNameTaken, type TeamRow, updateTeam } from './queries.js'
import { changedTeamFields, nameTakenError, type TeamValues, validateTeam } from './team-form.js'

export type SaveTeamResult = { ok: true; id: string } | { ok: false; values: TeamValues; errors: FieldError[]; conflict: boolean }

/**
 * Creates (`existing` null) or renames a team of an organisation, with its audit event in the same transaction.
 * Used by the pages and the API alike.
 */
export async function saveTeam(db: Kysely<DB>, request: FastifyRequest, organisationId: string, existing: TeamRow | null, body: Record<string, unknown>): Promise<SaveTeamResult> {
  const { input, values, errors } = validateTeam(body)
  if (!input) return { ok: false, values, errors, conflict: false }
  try {
    const id = await db.transaction().execute(async (trx) => {
      if (await teamNameTaken(trx, organisationId, input.name, existing?.id)) return null
      if (!existing) {
        const created = await insertTeam(trx, organisationId, input)
        await audit(trx, auditContext(request), { action: 'team.create', recordType: 'team', recordId: created, organisationId })
        return created
      }
      const changed = changedTeamFields({ name: existing.name, nameCy: existing.name_cy }, input)
      if (changed.length > 0) {
        await updateTeam(trx, existing.id, { name: input.name, name_cy: input.nameCy })
        await audit(trx, auditContext(request), { action: 'team.update', recordType: 'team', recordId: existing.id, organisationId, detail: { changed } })
      }
      return existing.id
    })
    if (id === null) return { ok: false, values, errors: [nameTakenError], conflict: true }
    return { ok: true, id }
  } catch (error) {
    // Two administrators adding the same name at once: the unique index decides, the loser sees the same error.
    if (isUniqueViolation(error)) return { ok: false, values, errors: [nameTakenError], conflict: true }
    throw error
  }
}

/** Archives a team (no longer offered for new members; its members and past reports keep it), or restores it. */
export async function setTeamArchived(db: Kysely<DB>, request: FastifyRequest, team: TeamRow, archived: boolean): Promise<void> {
  if ((team.archived_at !== null) === archived) return
  await db.transaction().execute(async (trx) => {
    await updateTeam(trx, team.id, { archived_at: archived ? new Date() : null })
    await audit(trx, auditContext(request), { action: archived ? 'team.archive' : 'team.restore', recordType: 'team', recordId: team.id, organisationId: team.organisation_id })
  })
}
