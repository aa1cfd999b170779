import type { Kysely, Transaction } from 'kysely'
import { type AuditContext, audit } from '../../platform/audit/audit.js'
import type { DB } from '../../platform/db/schema.js'
import { type Answers, type InstrumentId, isInstrumentId, validateAnswers } from '../instruments/contract.js'
import { saveMeasureAnswers } from '../measures/record.js'
import { markLinkUsed, type OpenLink } from './links.js'

/*
 * The measure a link opens, and the person's writes to it. Every write is audited in its transaction with no actor
 * (the person has no account), the measure as the record and the link's id, never its token.
 */

export interface LinkedMeasure {
  id: string
  instrumentId: InstrumentId
  status: 'awaiting_person' | 'partial' | 'complete'
  answers: Answers
}

/**
 * The measure the link was made for. Null when it is gone, is not an item instrument, or does not belong to the
 * link's organisation and person: a link opens only its own subject.
 */
export async function measureOfLink(db: Kysely<DB> | Transaction<DB>, link: OpenLink): Promise<LinkedMeasure | null> {
  const row = await db
    .selectFrom('measures as m')
    .select(['m.id', 'm.instrument_id', 'm.status', 'm.answers', 'm.organisation_id', 'm.person_id'])
    .where('m.id', '=', link.subjectId)
    .executeTakeFirst()
  if (!row || row.organisation_id !== link.organisationId || (link.personId !== null && row.person_id !== link.personId)) return null
  if (!isInstrumentId(row.instrument_id)) return null
  return { id: row.id, instrumentId: row.instrument_id, status: row.status, answers: row.answers ?? {} }
}

export async function organisationName(db: Kysely<DB>, organisationId: string, lang: 'cy' | 'en'): Promise<string> {
  const row = await db.selectFrom('organisations as o').select(['o.name', 'o.name_cy']).where('o.id', '=', organisationId).executeTakeFirstOrThrow()
  return lang === 'cy' ? (row.name_cy ?? row.name) : row.name
}

export type SaveOutcome = { saved: true } | { saved: false; reason: 'refused' | 'link_used' | 'complete' | 'nothing_answered' }

/** Raised inside a transaction to roll it back; carries why. */
class Refusal extends Error {
  constructor(readonly reason: Exclude<SaveOutcome, { saved: true }>['reason']) {
    super(reason)
  }
}

/**
 * Saves one page's answer (final: false) or submits the whole measure (final: true: the measure completes and the
 * link is used, in the same transaction, so the link works exactly once). The answers are checked by the
 * instrument's own rules first: an item id or value the instrument does not know is refused and nothing is stored.
 */
export async function saveLinkAnswers(
  db: Kysely<DB>,
  context: AuditContext,
  link: OpenLink,
  measure: LinkedMeasure,
  answers: Answers,
  options: { final: boolean; itemLanguage: 'cy' | 'en'; now?: Date; takenOn: string },
): Promise<SaveOutcome> {
  const checked = validateAnswers(measure.instrumentId, answers)
  if (!checked.ok) return { saved: false, reason: 'refused' }
  // validateAnswers gives back every item of the instrument (null where not sent): keep only the items this page
  // sent, so an item not yet reached stays absent (resume) rather than 'left out', and earlier answers stand.
  const sent: Answers = Object.fromEntries(Object.keys(answers).map((itemId) => [itemId, checked.answers[itemId] ?? null]))
  const now = options.now ?? new Date()
  try {
    await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('measures as m').select(['m.status', 'm.answers']).where('m.id', '=', measure.id).forUpdate().executeTakeFirstOrThrow()
      if (current.status === 'complete') throw new Refusal('complete')
      if (options.final) {
        const merged = { ...(current.answers ?? {}), ...sent }
        if (!Object.values(merged).some((value) => value !== null)) throw new Refusal('nothing_answered')
        if (!(await markLinkUsed(trx, link.id, now))) throw new Refusal('link_used')
      }
      await saveMeasureAnswers(trx, measure.id, sent, { final: options.final, takenOn: options.takenOn, now })
      await trx.updateTable('measures').set({ item_language: options.itemLanguage }).where('id', '=', measure.id).execute()
      await audit(trx, context, {
        action: options.final ? 'measure.complete' : 'measure.answer',
        recordType: 'measure',
        recordId: measure.id,
        organisationId: link.organisationId,
        detail: { via: 'completion_link', linkId: link.id, items: Object.keys(sent) },
      })
    })
  } catch (error) {
    if (error instanceof Refusal) return { saved: false, reason: error.reason }
    throw error
  }
  return { saved: true }
}

/** A refused attempt (another measure's id or items sent through this link) is audited, with nothing stored. */
export async function auditRefusal(db: Kysely<DB>, context: AuditContext, link: OpenLink, measureId: string, why: string): Promise<void> {
  await audit(db, context, { action: 'measure.answer', recordType: 'measure', recordId: measureId, organisationId: link.organisationId, outcome: 'refused', detail: { via: 'completion_link', linkId: link.id, why } })
}
