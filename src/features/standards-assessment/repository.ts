import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { ActionInput, RatingInput } from './rules.js'
import type { StandardRating } from './schema.js'

/* Queries for the Core Standards self-assessment; callers check access and audit. */

type Db = Kysely<DB> | Transaction<DB>

export interface AssessmentRow {
  id: string
  organisation_id: string
  assessed_on: string
  status: 'draft' | 'complete'
  completed_by: string | null
  completed_by_name: string | null
  created_at: Date
}

const assessmentColumns = (db: Db) =>
  db
    .selectFrom('standards_assessments as a')
    .leftJoin('users as u', 'u.id', 'a.completed_by')
    .select(['a.id', 'a.organisation_id', 'a.assessed_on', 'a.status', 'a.completed_by', 'u.name as completed_by_name', 'a.created_at'])

export const findAssessment = (db: Db, id: string): Promise<AssessmentRow | undefined> =>
  assessmentColumns(db).where('a.id', '=', id).executeTakeFirst()

/** The organisation's assessments, the newest first (by date assessed, then by when started). */
export const assessmentsOf = (db: Db, organisationId: string): Promise<AssessmentRow[]> =>
  assessmentColumns(db).where('a.organisation_id', '=', organisationId).orderBy('a.assessed_on', 'desc').orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').execute()

/** The assessment before this one in the organisation's history, if any. */
export async function previousAssessment(db: Db, current: AssessmentRow): Promise<AssessmentRow | undefined> {
  const all = await assessmentsOf(db, current.organisation_id)
  const at = all.findIndex((a) => a.id === current.id)
  return at >= 0 ? all[at + 1] : undefined
}

export interface RatingRow {
  statement_id: string
  rating: StandardRating
  evidence: string | null
}

export const ratingsOf = (db: Db, assessmentId: string): Promise<RatingRow[]> =>
  db.selectFrom('standards_ratings as r').select(['r.statement_id', 'r.rating', 'r.evidence']).where('r.assessment_id', '=', assessmentId).execute()

export interface ActionRow {
  id: string
  statement_id: string
  action: string
  owner_user_id: string | null
  owner_name: string | null
  owner_user_name: string | null
  due_on: string | null
  status: 'open' | 'done'
  done_on: string | null
}

export const actionsOf = (db: Db, assessmentId: string): Promise<ActionRow[]> =>
  db
    .selectFrom('standards_actions as x')
    .leftJoin('users as u', 'u.id', 'x.owner_user_id')
    .select(['x.id', 'x.statement_id', 'x.action', 'x.owner_user_id', 'x.owner_name', 'u.name as owner_user_name', 'x.due_on', 'x.status', 'x.done_on'])
    .where('x.assessment_id', '=', assessmentId)
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute()

export const findAction = (db: Db, assessmentId: string, id: string) =>
  db.selectFrom('standards_actions as x').selectAll('x').where('x.assessment_id', '=', assessmentId).where('x.id', '=', id).executeTakeFirst()

/** The active users of the organisation: who may own an action. */
export const organisationUsers = (db: Db, organisationId: string) =>
  db.selectFrom('users as u').select(['u.id', 'u.name']).where('u.organisation_id', '=', organisationId).where('u.active', '=', true).orderBy('u.name').execute()

export async function insertAssessment(trx: Transaction<DB>, organisationId: string, assessedOn: string, copyFrom: string | null): Promise<{ id: string; copied: number }> {
  const { id } = await trx.insertInto('standards_assessments').values({ organisation_id: organisationId, assessed_on: assessedOn }).returning('id').executeTakeFirstOrThrow()
  if (!copyFrom) return { id, copied: 0 }
  const earlier = await ratingsOf(trx, copyFrom)
  if (earlier.length) await trx.insertInto('standards_ratings').values(earlier.map((r) => ({ assessment_id: id, ...r }))).execute()
  return { id, copied: earlier.length }
}

export async function upsertRatings(trx: Transaction<DB>, assessmentId: string, ratings: RatingInput[]): Promise<void> {
  if (!ratings.length) return
  await trx
    .insertInto('standards_ratings')
    .values(ratings.map((r) => ({ assessment_id: assessmentId, statement_id: r.statementId, rating: r.rating, evidence: r.evidence })))
    .onConflict((oc) => oc.columns(['assessment_id', 'statement_id']).doUpdateSet((eb) => ({ rating: eb.ref('excluded.rating'), evidence: eb.ref('excluded.evidence') })))
    .execute()
}

const actionValues = (a: ActionInput) => ({
  statement_id: a.statementId,
  action: a.action,
  owner_user_id: a.ownerUserId,
  owner_name: a.ownerName,
  due_on: a.dueOn,
  status: a.status,
  done_on: a.doneOn,
})

export const insertAction = (trx: Transaction<DB>, assessmentId: string, a: ActionInput) =>
  trx.insertInto('standards_actions').values({ assessment_id: assessmentId, ...actionValues(a) }).returning('id').executeTakeFirstOrThrow()

export const updateAction = (trx: Transaction<DB>, id: string, a: ActionInput) =>
  trx.updateTable('standards_actions').set(actionValues(a)).where('id', '=', id).execute()
