import { type Kysely, sql, type Transaction } from 'kysely'
import { prepared } from '../../platform/db/prepared.js'
import type { DB } from '../../platform/db/schema.js'
import { terminalStatuses } from '../connections/lifecycle.js'
import type { FollowUpKind } from '../follow-ups/schema.js'
import { plusDays } from '../follow-ups/rules.js'

type Db = Kysely<DB> | Transaction<DB>

/** Whose open episodes to list: one practitioner's, every allocated one of the organisation, or the unallocated. */
export type CaseloadScope = { practitionerId: string } | { allocated: true } | { unallocated: true }

/** One open episode with every fact the caseload shows or the stage needs. */
export interface CaseloadRow {
  episode_id: string
  person_id: string
  practitioner_id: string | null
  given_name: string
  family_name: string
  level_of_support: 'signposting' | 'short_term' | 'holistic' | null
  received_at: Date
  what_matters_completed: boolean | null
  has_plan: boolean
  open_connections: number
  attending_connections: number
  completed_connections: number
  open_follow_ups: number
  overdue_follow_ups: number
  due_this_week: number
  next_kind: FollowUpKind | null
  next_description: string | null
  next_due_on: string | null
  next_service_name: string | null
  next_service_name_cy: string | null
}

/**
 * A caseload in one statement, however many people are on it (40 active per practitioner is usual, 250 a year):
 * each fact comes from a lateral subquery on the episode, so there is no query per person. Ordered as the page
 * shows it: anyone with something overdue first, then by the next due date, then whoever was referred longest ago.
 * `today` is the date in Wales, so "overdue" does not depend on the database server's time zone.
 */
export async function caseloadRows(
  db: Db,
  organisationId: string,
  scope: CaseloadScope,
  today: string,
): Promise<CaseloadRow[]> {
  const who =
    'practitionerId' in scope
      ? sql`e.practitioner_id = ${scope.practitionerId}`
      : 'allocated' in scope
        ? sql`e.practitioner_id is not null`
        : sql`e.practitioner_id is null`
  const ended = sql.join(terminalStatuses.map((s) => sql.lit(s)))
  const weekEnd = plusDays(today, 7)
  const result = await sql<CaseloadRow>`${prepared}
    select e.id as episode_id, e.person_id, e.practitioner_id, p.given_name, p.family_name, e.level_of_support, r.received_at,
      wm.completed as what_matters_completed,
      exists (select 1 from action_plans ap where ap.episode_id = e.id) as has_plan,
      coalesce(c.open_count, 0) as open_connections, coalesce(c.attending_count, 0) as attending_connections, coalesce(c.completed_count, 0) as completed_connections,
      coalesce(f.open_count, 0) as open_follow_ups, coalesce(f.overdue_count, 0) as overdue_follow_ups, coalesce(f.week_count, 0) as due_this_week,
      nf.kind as next_kind, nf.description as next_description, nf.due_on as next_due_on, s.name as next_service_name, s.name_cy as next_service_name_cy
    from episodes e
    join people p on p.id = e.person_id
    join referrals r on r.id = e.referral_id
    left join lateral (
      select bool_or(w.completed) as completed from what_matters_conversations w where w.episode_id = e.id
    ) wm on true
    left join lateral (
      -- A suggestion is not yet a connection made (helper note: issue 5 §5), so it does not move the stage on.
      select count(*) filter (where cn.status not in (${ended}) and cn.status <> 'suggested')::int as open_count,
             count(*) filter (where cn.status in ('first_attended', 'attending'))::int as attending_count,
             count(*) filter (where cn.status = 'completed')::int as completed_count
      from connections cn where cn.episode_id = e.id
    ) c on true
    left join lateral (
      select count(*)::int as open_count,
             count(*) filter (where fu.due_on < ${today}::date)::int as overdue_count,
             count(*) filter (where fu.due_on >= ${today}::date and fu.due_on < ${weekEnd}::date)::int as week_count
      from follow_ups fu where fu.episode_id = e.id and fu.status = 'open'
    ) f on true
    left join lateral (
      select fu.kind, fu.description, fu.due_on, fu.connection_id from follow_ups fu
      where fu.episode_id = e.id and fu.status = 'open' order by fu.due_on, fu.created_at limit 1
    ) nf on true
    left join connections nc on nc.id = nf.connection_id
    left join services s on s.id = nc.service_id
    where e.organisation_id = ${organisationId} and e.status = 'open' and ${who}
    order by (coalesce(f.overdue_count, 0) > 0) desc, nf.due_on asc nulls last, r.received_at asc, e.id
  `.execute(db)
  return result.rows.map((row) => ({
    ...row,
    next_due_on: row.next_due_on === null ? null : String(row.next_due_on).slice(0, 10),
  }))
}

/** Referrals still waiting in triage, oldest first, with when they came in (the team lead sees their age). */
export function referralsAwaitingTriage(db: Db, organisationId: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.reference', 'r.received_at', 'r.urgency', 'r.crisis', 'p.given_name', 'p.family_name'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.status', '=', 'received')
    .orderBy('r.crisis', 'desc')
    .orderBy('r.received_at')
    .execute()
}

/** The people named on a list of users of the organisation (practitioners holding episodes), by name. */
export function usersOfOrganisation(db: Db, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('users')
    .select(['id', 'name', 'active'])
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...ids])
    .orderBy('name')
    .execute()
}
