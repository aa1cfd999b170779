import type { Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import { type Answers, headlineOf, type InstrumentId } from '../instruments/contract.js'

/**
 * Saves answers to a measure, merging them over those already saved (a person may answer over several visits), and
 * re-scores it by the instrument's own missing-data rule. `final` completes it. The caller has already validated the
 * answers (contract.validateAnswers), checked access or the link, and audits in the same transaction.
 */
export async function saveMeasureAnswers(
  trx: Transaction<DB>,
  measureId: string,
  answers: Answers,
  options: { final: boolean; takenOn: string; now?: Date },
): Promise<{ status: 'partial' | 'complete' }> {
  const now = options.now ?? new Date()
  const current = await trx.selectFrom('measures as m').select(['m.instrument_id', 'm.answers', 'm.status']).where('m.id', '=', measureId).forUpdate().executeTakeFirstOrThrow()
  if (current.status === 'complete') throw new Error('measure already complete')
  const merged: Answers = { ...current.answers, ...answers }
  const headline = headlineOf(current.instrument_id as InstrumentId, merged)
  const status = options.final ? 'complete' : 'partial'
  await trx
    .updateTable('measures')
    .set({
      answers: JSON.stringify(merged),
      scores: JSON.stringify(headline),
      status,
      taken_on: options.takenOn,
      updated_at: now,
      completed_at: options.final ? now : null,
    })
    .where('id', '=', measureId)
    .execute()
  return { status }
}
