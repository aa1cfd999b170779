import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { userName } from '../../platform/db/names.js'
import type { DB } from '../../platform/db/schema.js'
import { loadGuardedPerson } from '../person-record/access.js'
import type { PersonRow } from '../person-record/person-queries.js'
import type { HealthcareForm } from './healthcare.js'
import type { ContactForm } from './rules.js'

type Db = Kysely<DB> | Transaction<DB>

/** The person named in the URL: 404 when unknown, refused (and the refusal audited) when another provider's. */
export async function loadPersonFor(
  app: FastifyInstance,
  request: FastifyRequest,
  action: 'contacts.view' | 'contacts.record',
  refusal: 'forbidden' | 'not_found' = 'forbidden',
): Promise<PersonRow> {
  return loadGuardedPerson(
    app,
    request,
    action,
    action === 'contacts.view' ? 'contact.list' : 'contact.create',
    refusal,
  )
}

/** The person's open episode (contacts and healthcare use belong to one), the newest when there are several. */
export function openEpisode(db: Db, personId: string) {
  return db
    .selectFrom('episodes')
    .select(['id', 'started_at', 'ended_at', 'status'])
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .orderBy('started_at', 'desc')
    .executeTakeFirst()
}

/** The episode the section counts: the open one, or else the latest. */
export function currentEpisode(db: Db, personId: string) {
  return db
    .selectFrom('episodes')
    .select(['id', 'started_at', 'ended_at', 'status'])
    .where('person_id', '=', personId)
    .orderBy('status', 'desc')
    .orderBy('started_at', 'desc')
    .executeTakeFirst()
}

export async function insertContact(
  trx: Transaction<DB>,
  c: { personId: string; episodeId: string; organisationId: string; form: ContactForm; userId: string | null },
): Promise<string> {
  const row = await trx
    .insertInto('support_contacts')
    .values({
      person_id: c.personId,
      episode_id: c.episodeId,
      organisation_id: c.organisationId,
      occurred_at: c.form.occurredAt,
      mode: c.form.mode,
      duration_minutes: c.form.durationMinutes,
      with_whom: c.form.withWhom,
      contact_type: c.form.type,
      did_not_attend: c.form.didNotAttend,
      language: c.form.language,
      barriers: c.form.barriers,
      progress_note: c.form.progressNote,
      recorded_by: c.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A person's contacts, newest first, with who recorded them. */
export function contactsForPerson(db: Db, personId: string) {
  return db
    .selectFrom('support_contacts as c')
    .select([
      'c.id',
      'c.episode_id',
      'c.occurred_at',
      'c.mode',
      'c.duration_minutes',
      'c.with_whom',
      'c.contact_type',
      'c.did_not_attend',
      'c.language',
      'c.barriers',
      'c.progress_note',
      'c.created_at',
      userName('c.recorded_by').as('recorded_by_name'),
    ])
    .where('c.person_id', '=', personId)
    .orderBy('c.occurred_at', 'desc')
    .execute()
}

export type PersonContact = Awaited<ReturnType<typeof contactsForPerson>>[number]

export function healthcareUseFor(db: Db, episodeId: string) {
  return db
    .selectFrom('healthcare_use')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('occasion', 'desc')
    .execute()
}

/** One record per occasion per episode: asking again on the same occasion replaces the answers. Returns whether it replaced. */
export async function saveHealthcareUse(
  trx: Transaction<DB>,
  h: {
    personId: string
    episodeId: string
    organisationId: string
    form: HealthcareForm
    askedOn: string
    userId: string | null
    now: Date
  },
): Promise<{ id: string; replaced: boolean }> {
  const existing = await trx
    .selectFrom('healthcare_use')
    .select('id')
    .where('episode_id', '=', h.episodeId)
    .where('occasion', '=', h.form.occasion)
    .forUpdate()
    .executeTakeFirst()
  const answers = {
    ...h.form.answers,
    prefer_not_to_say: h.form.preferNotToSay,
    asked_on: h.askedOn,
    recorded_by: h.userId,
    updated_at: h.now,
  }
  if (existing) {
    await trx.updateTable('healthcare_use').set(answers).where('id', '=', existing.id).execute()
    return { id: existing.id, replaced: true }
  }
  const row = await trx
    .insertInto('healthcare_use')
    .values({
      person_id: h.personId,
      episode_id: h.episodeId,
      organisation_id: h.organisationId,
      occasion: h.form.occasion,
      ...answers,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, replaced: false }
}
