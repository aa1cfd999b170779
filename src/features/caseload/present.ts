import type { FastifyRequest } from 'fastify'
import { daysBetween, walesToday } from '../follow-ups/rules.js'
import { followUpWhat } from '../follow-ups/words.js'
import type { CaseloadRow } from './repository.js'
import { type Stage, stageOf } from './stage.js'

/** One person on a caseload as the page and the API show it, with words in the request's language. */
export interface CaseloadItem {
  episodeId: string
  personId: string
  practitionerId: string | null
  name: string
  stage: Stage
  stageText: string
  nextAction: string
  /** The due date of the earliest open follow-up; null when the next action is the stage's own next step. */
  nextDue: string | null
  overdue: boolean
  overdueCount: number
  dueThisWeek: number
  daysSinceReferral: number
  levelOfSupport: CaseloadRow['level_of_support']
  lastContact: Date | null
}

export interface CaseloadCounts {
  active: number
  /** People with at least one overdue follow-up. */
  overdue: number
  /** People with something due today or in the next six days. */
  dueThisWeek: number
}

export function presentRow(
  request: FastifyRequest,
  row: CaseloadRow,
  today: string,
  lastContacts: Map<string, Date> | null,
): CaseloadItem {
  const stage = stageOf({
    whatMattersCompleted: row.what_matters_completed,
    hasPlan: row.has_plan,
    levelOfSupport: row.level_of_support,
    openConnections: row.open_connections,
    attendingConnections: row.attending_connections,
    completedConnections: row.completed_connections,
    openFollowUps: row.open_follow_ups,
  })
  const nextAction = row.next_kind
    ? followUpWhat(request.t, request.lang, {
        kind: row.next_kind,
        description: row.next_description,
        service_name: row.next_service_name,
        service_name_cy: row.next_service_name_cy,
      })
    : request.t(`caseload.nextSteps.${stage}`)
  return {
    episodeId: row.episode_id,
    personId: row.person_id,
    practitionerId: row.practitioner_id,
    name: `${row.given_name} ${row.family_name}`,
    stage,
    stageText: request.t(`caseload.stages.${stage}`),
    nextAction,
    nextDue: row.next_due_on,
    overdue: row.overdue_follow_ups > 0,
    overdueCount: row.overdue_follow_ups,
    dueThisWeek: row.due_this_week,
    daysSinceReferral: Math.max(0, daysBetween(walesToday(row.received_at), today)),
    levelOfSupport: row.level_of_support,
    lastContact: lastContacts?.get(row.episode_id) ?? null,
  }
}

export function countsOf(items: readonly CaseloadItem[]): CaseloadCounts {
  return {
    active: items.length,
    overdue: items.filter((i) => i.overdue).length,
    dueThisWeek: items.filter((i) => i.dueThisWeek > 0).length,
  }
}
