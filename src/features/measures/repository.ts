import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.js'
import type { Answers, InstrumentId } from '../instruments/contract.js'
import type { MeasureMode, MeasureStatus, Occasion } from './schema.js'

type Db = Kysely<DB> | Transaction<DB>

/** The person's open episode (a measure belongs to one), the newest when there are several. */
export function openEpisodeOf(db: Db, personId: string) {
  return db
    .selectFrom('episodes as e')
    .select(['e.id', 'e.started_at', 'e.status'])
    .where('e.person_id', '=', personId)
    .where('e.status', '=', 'open')
    .orderBy('e.started_at', 'desc')
    .executeTakeFirst()
}

const measureColumns = [
  'm.id',
  'm.person_id',
  'm.episode_id',
  'm.organisation_id',
  'm.instrument_id',
  'm.occasion',
  'm.mode',
  'm.status',
  'm.answers',
  'm.scores',
  'm.item_language',
  'm.taken_on',
  'm.created_by',
  'm.created_at',
  'm.updated_at',
  'm.completed_at',
] as const

/** Every measure of a person, oldest first. */
export function measuresOfPerson(db: Db, personId: string) {
  return db.selectFrom('measures as m').select(measureColumns).where('m.person_id', '=', personId).orderBy('m.created_at', 'asc').execute()
}

export type MeasureRow = Awaited<ReturnType<typeof measuresOfPerson>>[number]

export function findMeasure(db: Db, measureId: string) {
  return db.selectFrom('measures as m').select(measureColumns).where('m.id', '=', measureId).executeTakeFirst()
}

export async function insertMeasure(
  trx: Transaction<DB>,
  m: {
    personId: string
    episodeId: string
    organisationId: string
    instrumentId: InstrumentId
    occasion: Occasion
    mode: MeasureMode
    status: MeasureStatus
    itemLanguage: 'cy' | 'en' | null
    createdBy: string | null
    answers?: Answers
    /** Only for demo data written as if in the past. */
    createdAt?: Date
  },
): Promise<string> {
  const row = await trx
    .insertInto('measures')
    .values({
      person_id: m.personId,
      episode_id: m.episodeId,
      organisation_id: m.organisationId,
      instrument_id: m.instrumentId,
      occasion: m.occasion,
      mode: m.mode,
      status: m.status,
      answers: JSON.stringify(m.answers ?? {}),
      item_language: m.itemLanguage,
      created_by: m.createdBy,
      ...(m.createdAt ? { created_at: m.createdAt, updated_at: m.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The links sent for a person's measures (never their tokens: only the hash is stored). */
export function measureLinksOf(db: Db, measureIds: string[]) {
  if (measureIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('completion_links as l')
    .select(['l.id', 'l.subject_id', 'l.created_at', 'l.expires_at', 'l.used_at', 'l.revoked_at'])
    .where('l.purpose', '=', 'measure')
    .where('l.subject_id', 'in', measureIds)
    .orderBy('l.created_at', 'asc')
    .execute()
}
