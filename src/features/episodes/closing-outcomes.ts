import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { can } from '../../platform/access/policy.js'
import { audit, type AuditContext } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import type { JourneyEvent, PersonRef } from '../person-record/journey-sections.js'
import { sharedRead } from '../person-record/page-reads.js'
import { answered, answersOf, columnsOf, outcomesEditable } from './closing-outcomes-rules.js'
import { type ClosingOutcomeAnswers, closingOutcomeItems } from './closing-outcomes-schema.js'

/* Reading and writing what the person says changed (docs/closing-outcomes.md); the callers audit reads. */

type Db = Kysely<DB> | Transaction<DB>

export function findClosingOutcomes(db: Db, episodeId: string) {
  return db
    .selectFrom('episode_closing_outcomes as o')
    .leftJoin('users as u', 'u.id', 'o.recorded_by')
    .selectAll('o')
    .select('u.name as recorded_by_name')
    .where('o.episode_id', '=', episodeId)
    .executeTakeFirst()
}

export type ClosingOutcomesRow = NonNullable<Awaited<ReturnType<typeof findClosingOutcomes>>>

/**
 * The answers recorded for each of the person's episodes, read once per person-page view: the episode section shows
 * the current episode's, the timeline when each was recorded.
 */
function closingOutcomesOfPage(trx: Transaction<DB>, personId: string): Promise<ClosingOutcomesRow[]> {
  return sharedRead(trx, `closingOutcomes:${personId}`, () =>
    trx
      .selectFrom('episode_closing_outcomes as o')
      .leftJoin('users as u', 'u.id', 'o.recorded_by')
      .selectAll('o')
      .select('u.name as recorded_by_name')
      .where('o.person_id', '=', personId)
      .execute(),
  )
}

interface EpisodeRef {
  id: string
  person_id: string
  organisation_id: string
}

/**
 * Records the answers (first time) or replaces them (a correction), with its audit row, in the caller's
 * transaction. The audit names the questions answered, never the answers (they are personal data).
 */
export async function saveClosingOutcomes(
  trx: Transaction<DB>,
  context: AuditContext,
  input: { episode: EpisodeRef; answers: ClosingOutcomeAnswers; userId: string | null; now: Date },
): Promise<void> {
  const { episode, answers, userId, now } = input
  const columns = columnsOf(answers)
  await trx
    .insertInto('episode_closing_outcomes')
    .values({
      episode_id: episode.id,
      person_id: episode.person_id,
      organisation_id: episode.organisation_id,
      ...columns,
      recorded_by: userId,
      recorded_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('episode_id').doUpdateSet({ ...columns, updated_at: now }))
    .execute()
  await audit(trx, context, {
    action: 'episode.closing_outcomes',
    recordType: 'episode',
    recordId: episode.id,
    organisationId: episode.organisation_id,
    detail: { personId: episode.person_id, answered: answered(answers) },
  })
}

/** The API's view of the answers; `editableUntil` is null when they can no longer be changed. */
export function closingOutcomesJson(
  episode: { id: string; status: 'open' | 'closed'; ended_at: Date | null },
  row: ClosingOutcomesRow | undefined,
  now = new Date(),
) {
  const editable = outcomesEditable(episode, now)
  return {
    episodeId: episode.id,
    answers: answersOf(row),
    recordedBy: row?.recorded_by_name ?? null,
    recordedAt: row?.recorded_at.toISOString() ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
    editableUntil: editable.ok ? editable.until.toISOString() : null,
  }
}

/** The person page's part of a closed episode's summary: the answered questions, and a link while they may change. */
export async function closingOutcomesSection(
  trx: Transaction<DB>,
  request: FastifyRequest,
  episode: { id: string; person_id: string; organisation_id: string; status: 'open' | 'closed'; ended_at: Date | null },
) {
  if (episode.status !== 'closed') return null
  const answers = answersOf((await closingOutcomesOfPage(trx, episode.person_id)).find((o) => o.episode_id === episode.id))
  return {
    rows: closingOutcomeItems
      .filter((i) => answers[i.name] !== null)
      .map((i) => ({ name: i.name, answer: answers[i.name] as string })),
    mayEdit:
      can(request.user, 'episodes.manage', { organisationId: episode.organisation_id }) &&
      outcomesEditable(episode, new Date()).ok,
  }
}

/** The timeline's entry: when the answers were first recorded (corrections are in the audit trail). */
export async function closingOutcomesTimeline(
  trx: Transaction<DB>,
  request: FastifyRequest,
  person: PersonRef,
): Promise<JourneyEvent[]> {
  const rows = await closingOutcomesOfPage(trx, person.id)
  return rows.map((r) => ({ at: r.recorded_at, text: request.t('episodes.closingOutcomes.timeline') }))
}
