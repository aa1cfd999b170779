import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { Rating } from '../competence/areas.js'
import type { Assessment } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

export interface PersonRow {
  id: string
  name: string
}

/** The people the matrix lists: active users of the organisation who are practitioners or team leads. */
export async function teamPeople(db: Db, organisationId: string, teamId: string | null): Promise<PersonRow[]> {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'in', ['practitioner', 'team_lead'])
          .select('r.user_id'),
      ),
    )
    .$if(teamId !== null, (qb) => qb.where('u.team_id', '=', teamId as string))
    .orderBy('u.name')
    .orderBy('u.id')
    .execute()
}

/** Every sitting of these people in the organisation, with its ratings; latestPerPerson picks each one's latest. */
export async function assessmentsOf(db: Db, organisationId: string, userIds: readonly string[]): Promise<Assessment[]> {
  if (userIds.length === 0) return []
  const sittings = await db
    .selectFrom('competence_self_assessments as a')
    .select(['a.id', 'a.user_id', 'a.assessed_on', 'a.created_at'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.user_id', 'in', [...userIds])
    .execute()
  if (sittings.length === 0) return []
  const ratings = await db
    .selectFrom('competence_ratings as r')
    .select(['r.assessment_id', 'r.area_id', 'r.rating'])
    .where('r.assessment_id', 'in', sittings.map((s) => s.id))
    .execute()
  const byAssessment = new Map<string, Partial<Record<string, Rating>>>()
  for (const r of ratings) {
    const held = byAssessment.get(r.assessment_id) ?? {}
    held[r.area_id] = r.rating
    byAssessment.set(r.assessment_id, held)
  }
  return sittings.map((s) => ({
    id: s.id,
    userId: s.user_id,
    assessedOn: dayOf(s.assessed_on),
    createdAt: new Date(s.created_at),
    ratings: byAssessment.get(s.id) ?? {},
  }))
}

/** PGlite and pg may hand a date column back as a string or a Date; the matrix wants the ISO day. */
function dayOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).slice(0, 10)
}

export interface TeamOption {
  id: string
  name: string
  name_cy: string | null
}

/** The organisation's current teams, for the filter. */
export async function teamOptions(db: Db, organisationId: string): Promise<TeamOption[]> {
  return db
    .selectFrom('teams as t')
    .select(['t.id', 't.name', 't.name_cy'])
    .where('t.organisation_id', '=', organisationId)
    .where('t.archived_at', 'is', null)
    .orderBy('t.name')
    .execute()
}

/** A team by id, whichever organisation it belongs to: the caller decides whether the user may see it. */
export async function teamById(db: Db, id: string): Promise<{ id: string; organisation_id: string; name: string; name_cy: string | null } | undefined> {
  return db.selectFrom('teams as t').select(['t.id', 't.organisation_id', 't.name', 't.name_cy']).where('t.id', '=', id).executeTakeFirst()
}
