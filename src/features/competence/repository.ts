import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { Rating } from './areas.js'
import type { AssessmentInput, PlanItemInput, PlanStatus } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

export interface SittingRow {
  id: string
  userId: string
  organisationId: string
  assessedOn: string
  createdAt: Date
  ratings: { areaId: string; rating: Rating; evidence: string | null }[]
}

export interface PlanItemRow {
  id: string
  userId: string
  organisationId: string
  areaId: string
  action: string
  dueOn: string | null
  status: PlanStatus
  createdAt: Date
  updatedAt: Date
}

async function withRatings(db: Db, heads: { id: string; user_id: string; organisation_id: string; assessed_on: string; created_at: Date }[]) {
  if (heads.length === 0) return []
  const rows = await db
    .selectFrom('competence_ratings as r')
    .select(['r.assessment_id', 'r.area_id', 'r.rating', 'r.evidence'])
    .where(
      'r.assessment_id',
      'in',
      heads.map((h) => h.id),
    )
    .execute()
  return heads.map(
    (h): SittingRow => ({
      id: h.id,
      userId: h.user_id,
      organisationId: h.organisation_id,
      assessedOn: h.assessed_on,
      createdAt: h.created_at,
      ratings: rows
        .filter((r) => r.assessment_id === h.id)
        .map((r) => ({ areaId: r.area_id, rating: r.rating, evidence: r.evidence })),
    }),
  )
}

const sittingColumns = ['a.id', 'a.user_id', 'a.organisation_id', 'a.assessed_on', 'a.created_at'] as const

/** Every sitting of one user, the oldest first (the order the history's changes are counted in). */
export async function sittingsOf(db: Db, userId: string): Promise<SittingRow[]> {
  const heads = await db
    .selectFrom('competence_self_assessments as a')
    .select(sittingColumns)
    .where('a.user_id', '=', userId)
    .orderBy('a.assessed_on', 'asc')
    .orderBy('a.created_at', 'asc')
    .execute()
  return withRatings(db, heads)
}

export async function findSitting(db: Db, id: string): Promise<SittingRow | undefined> {
  const heads = await db.selectFrom('competence_self_assessments as a').select(sittingColumns).where('a.id', '=', id).execute()
  return (await withRatings(db, heads))[0]
}

export async function insertSitting(db: Db, owner: { userId: string; organisationId: string }, input: AssessmentInput): Promise<string> {
  const { id } = await db
    .insertInto('competence_self_assessments')
    .values({ user_id: owner.userId, organisation_id: owner.organisationId, assessed_on: input.assessedOn })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('competence_ratings')
    .values(input.ratings.map((r) => ({ assessment_id: id, area_id: r.areaId, rating: r.rating, evidence: r.evidence })))
    .execute()
  return id
}

const planColumns = [
  'p.id',
  'p.user_id',
  'p.organisation_id',
  'p.area_id',
  'p.action',
  'p.due_on',
  'p.status',
  'p.created_at',
  'p.updated_at',
] as const
type PlanSelect = {
  id: string
  user_id: string
  organisation_id: string
  area_id: string
  action: string
  due_on: string | null
  status: PlanStatus
  created_at: Date
  updated_at: Date
}
const planRow = (p: PlanSelect): PlanItemRow => ({
  id: p.id,
  userId: p.user_id,
  organisationId: p.organisation_id,
  areaId: p.area_id,
  action: p.action,
  dueOn: p.due_on,
  status: p.status,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
})

/** The user's plan: open items first, by due date (undated last), then done items. */
export async function planOf(db: Db, userId: string): Promise<PlanItemRow[]> {
  const rows = await db
    .selectFrom('development_plan_items as p')
    .select(planColumns)
    .where('p.user_id', '=', userId)
    .orderBy('p.created_at', 'asc')
    .execute()
  const rank = (s: PlanStatus) => (s === 'done' ? 1 : 0)
  return rows
    .map(planRow)
    .sort((a, b) => rank(a.status) - rank(b.status) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))
}

export async function findPlanItem(db: Db, id: string): Promise<PlanItemRow | undefined> {
  const row = await db.selectFrom('development_plan_items as p').select(planColumns).where('p.id', '=', id).executeTakeFirst()
  return row && planRow(row)
}

export async function insertPlanItem(db: Db, owner: { userId: string; organisationId: string }, input: PlanItemInput): Promise<string> {
  const { id } = await db
    .insertInto('development_plan_items')
    .values({
      user_id: owner.userId,
      organisation_id: owner.organisationId,
      area_id: input.areaId,
      action: input.action,
      due_on: input.dueOn,
      status: input.status,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updatePlanItem(db: Db, id: string, change: Partial<PlanItemInput>): Promise<void> {
  await db
    .updateTable('development_plan_items')
    .set({
      ...(change.action !== undefined && { action: change.action }),
      ...(change.dueOn !== undefined && { due_on: change.dueOn }),
      ...(change.status !== undefined && { status: change.status }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute()
}
