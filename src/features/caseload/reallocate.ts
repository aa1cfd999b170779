import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.js'
import { auditContext } from '../../platform/http/context.js'
import { forbidden, notFound } from '../../platform/http/problems.js'
import { type FieldError, isUuid, text } from '../admin/fields.js'
import { moveOpenFollowUps, practitionersOfOrganisation } from '../follow-ups/repository.js'

/** The open episode named in the URL, with its person's name: 404 unknown or closed, refused (audited) when another organisation's. */
export async function loadEpisodeToReallocate(
  app: FastifyInstance,
  request: FastifyRequest,
  id: string,
  refusal: 'forbidden' | 'not_found' = 'forbidden',
) {
  const db = app.deps.database.db
  const episode = isUuid(id)
    ? await db
        .selectFrom('episodes as e')
        .innerJoin('people as p', 'p.id', 'e.person_id')
        .leftJoin('users as u', 'u.id', 'e.practitioner_id')
        .select([
          'e.id',
          'e.person_id',
          'e.referral_id',
          'e.organisation_id',
          'e.practitioner_id',
          'e.status',
          'p.given_name',
          'p.family_name',
          'u.name as practitioner_name',
        ])
        .where('e.id', '=', id)
        .executeTakeFirst()
    : undefined
  if (!episode || episode.status !== 'open') throw notFound()
  if (!can(request.user, 'episodes.reallocate', { organisationId: episode.organisation_id })) {
    await audit(db, auditContext(request), {
      action: 'episode.reallocate',
      recordType: 'episode',
      recordId: episode.id,
      organisationId: episode.organisation_id,
      outcome: 'refused',
      detail: { access: 'episodes.reallocate' },
    })
    throw refusal === 'forbidden' ? forbidden() : notFound()
  }
  return episode
}

export type EpisodeToReallocate = Awaited<ReturnType<typeof loadEpisodeToReallocate>>

/** The choice of practitioner: one of the active practitioners of the episode's own organisation, not the current one. */
export function validateReallocation(
  raw: Record<string, unknown>,
  practitionerIds: readonly string[],
  current: string | null,
): { practitionerId: string; errors: FieldError[] } {
  const practitionerId = text(raw.practitionerId).trim()
  if (!practitionerId)
    return { practitionerId, errors: [{ field: 'practitionerId', key: 'caseload.errors.practitionerMissing' }] }
  if (!practitionerIds.includes(practitionerId))
    return { practitionerId, errors: [{ field: 'practitionerId', key: 'caseload.errors.practitionerInvalid' }] }
  if (practitionerId === current)
    return { practitionerId, errors: [{ field: 'practitionerId', key: 'caseload.errors.samePractitioner' }] }
  return { practitionerId, errors: [] }
}

export type ReallocateOutcome =
  | { ok: true; movedFollowUps: number }
  | { ok: false; problem: 'validation' | 'not_open'; errors: FieldError[]; practitionerId: string }

/**
 * Moves an open episode to another practitioner of the organisation: the episode, the referral's allocation and
 * the open follow-ups on the previous practitioner's caseload (or on nobody's), with one audit row, in one
 * transaction. The episode row is locked so that two team leads cannot move it at once.
 */
export async function reallocateEpisode(
  app: FastifyInstance,
  request: FastifyRequest,
  episode: EpisodeToReallocate,
  raw: Record<string, unknown>,
): Promise<ReallocateOutcome> {
  const db = app.deps.database.db
  const practitioners = await practitionersOfOrganisation(db, episode.organisation_id)
  const { practitionerId, errors } = validateReallocation(
    raw,
    practitioners.map((p) => p.id),
    episode.practitioner_id,
  )
  if (errors.length > 0) return { ok: false, problem: 'validation', errors, practitionerId }
  return db.transaction().execute(async (trx): Promise<ReallocateOutcome> => {
    const locked = await trx
      .selectFrom('episodes')
      .select(['id', 'status', 'practitioner_id', 'referral_id'])
      .where('id', '=', episode.id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (locked.status !== 'open' || locked.practitioner_id !== episode.practitioner_id)
      return {
        ok: false,
        problem: 'not_open',
        errors: [{ field: 'practitionerId', key: 'caseload.errors.changed' }],
        practitionerId,
      }
    await trx.updateTable('episodes').set({ practitioner_id: practitionerId }).where('id', '=', locked.id).execute()
    await trx
      .updateTable('referrals')
      .set({ allocated_practitioner_id: practitionerId, updated_at: new Date() })
      .where('id', '=', locked.referral_id)
      .execute()
    const movedFollowUps = await moveOpenFollowUps(trx, locked.id, locked.practitioner_id, practitionerId)
    await audit(trx, auditContext(request), {
      action: 'episode.reallocate',
      recordType: 'episode',
      recordId: locked.id,
      organisationId: episode.organisation_id,
      detail: {
        personId: episode.person_id,
        referralId: locked.referral_id,
        from: locked.practitioner_id,
        to: practitionerId,
        movedFollowUps,
      },
    })
    return { ok: true, movedFollowUps }
  })
}
